/**
 * Helpers shared by the wasm tests: corpus runtime listing, byte search, and
 * asserting a typed SwxError.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { isSwxError, type SwxError, type SwxErrorCode } from '../../src/base/errors.js';
import { CORPUS_DIR, corpusPath } from '../support/corpus.js';

/** Relative corpus paths of every runtime (`runtimes/*.wasm.gz`), empty without the corpus. */
export function corpusRuntimes(): string[] {
  if (corpusPath('runtimes') === undefined) return [];
  return readdirSync(`${CORPUS_DIR}/runtimes`)
    .filter((f) => f.endsWith('.wasm.gz'))
    .sort()
    .map((f) => `runtimes/${f}`);
}

/** Index of the first occurrence of `needle` in `hay`, or -1. */
export function indexOfBytes(hay: Uint8Array, needle: readonly number[]): number {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** Runs `fn`, asserts it throws a SwxError with `code`, and returns the error. */
export function expectSwxError(fn: () => unknown, code: SwxErrorCode, message?: RegExp): SwxError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(isSwxError(caught, code), `expected SwxError ${code}, got ${caught instanceof Error ? `${caught.name}: ${caught.message}` : String(caught)}`);
  if (message) assert.match(caught.message, message);
  return caught;
}

/** Instantiates `bytes` on V8 with optional imports and returns the exports. */
export function instantiate(bytes: Uint8Array<ArrayBuffer>, imports: WebAssembly.Imports = {}): WebAssembly.Exports {
  return new WebAssembly.Instance(new WebAssembly.Module(bytes), imports).exports;
}
