/**
 * `swx hostapi`: the W3F host-API conformance adapter (polkadot-spec
 * `test/adapters`), specified in `corpus/hostapi/ADAPTER.md`.
 *
 *   swx hostapi [host-api] --function F [--input a,b,...] [--runtime PATH]
 *       runs case F of the host-API suite on `hostapi_runtime.wasm` and prints
 *       exactly what the reference adapter prints (see `hostapi-cases.ts`);
 *       a failed assertion exits non-zero.
 *   swx hostapi state-trie trie-root [--keys-in-hex] --state-file F
 *   swx hostapi state-trie insert-and-delete [--keys-in-hex] --state-file F
 *       the state-trie suite (see `hostapi-state-trie.ts`).
 *
 * `--input` values are split on `,` and used as UTF-8 text. Without
 * `--runtime`, the runtime is looked up in the corpus (`$SWX_CORPUS`, then
 * `../shared/corpus` from the working directory and from the package).
 * `--environment` (wasmi|wasmtime in the reference) is accepted and ignored.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SwxError } from '../base/errors.js';
import { decodeUtf8 } from '../base/bytes.js';
import { createRuntime, loadRuntimeCodeSync, type HeapAllocStrategy } from '../executor/index.js';
import type { ParsedArgs } from './args.js';
import { optFlag, optString } from './args.js';
import type { Command } from './commands.js';
import { readInputFile } from './io.js';
import { openTools, type Tools } from './load.js';
import { runHostApiCase, type HostApiEnv } from './hostapi-cases.js';
import { parseStateTrieYaml, stateTrieEntries, stateTrieInsertAndDeleteOutput, stateTrieRootOutput } from './hostapi-state-trie.js';

// The adapter's building blocks, re-exported for tests and tools.
export { runHostApiCase, HOSTAPI_FUNCTIONS } from './hostapi-cases.js';
export type { HostApiEnv } from './hostapi-cases.js';
export { parseStateTrieYaml, stateTrieEntries, stateTrieRootOutput, stateTrieInsertAndDeleteOutput } from './hostapi-state-trie.js';
export type { StateTrieYaml, StateTrieEncoding } from './hostapi-state-trie.js';

/**
 * Heap strategy for the test runtime. The reference adapter asks for 8 extra
 * heap pages, but this runtime allocates with its own dlmalloc, which
 * `memory.grow`s: with master's `Static { extra_pages: 8 }` (min = max =
 * initial + 8) every call traps. The reference's executor must have left the
 * maximum unset (as the pre-2023 transform `add_extra_heap_pages_to_memory_section`
 * did; inferred, not checked against the adapter's build). `Dynamic {
 * maximum_pages: None }` (min = initial, no maximum) keeps `memory.grow`
 * working. Caveat, as upstream: host allocations past the initial memory end
 * (about one page here) would share pages with dlmalloc; the cases stay far below.
 */
export const HOSTAPI_HEAP_STRATEGY: HeapAllocStrategy = { kind: 'dynamic' };

/** Where the test runtime sits inside the corpus. */
const RUNTIME_IN_CORPUS = ['hostapi', 'hostapi_runtime.wasm'] as const;

/** Compiles the host-API test runtime as the reference adapter runs it (fresh instance per call; heap: `HOSTAPI_HEAP_STRATEGY`). */
export async function createHostApiEnv(wasm: Uint8Array, tools?: Tools): Promise<HostApiEnv> {
  const t = tools ?? (await openTools());
  const code = loadRuntimeCodeSync(wasm, t.hashers, t.decompressor);
  const runtime = await createRuntime(code, {
    hashers: t.hashers,
    decompressor: t.decompressor,
    instantiationStrategy: 'recreate',
    heapAllocStrategy: HOSTAPI_HEAP_STRATEGY,
  });
  return { runtime, hashers: t.hashers };
}

/** The default `hostapi_runtime.wasm`: `$SWX_CORPUS`, else `../shared/corpus` from the cwd or the package; undefined if none exists. */
export function defaultHostApiRuntimePath(): string | undefined {
  const candidates: string[] = [];
  const env = process.env['SWX_CORPUS'];
  if (env !== undefined && env !== '') candidates.push(resolve(env, ...RUNTIME_IN_CORPUS));
  candidates.push(resolve(process.cwd(), '..', 'shared', 'corpus', ...RUNTIME_IN_CORPUS));
  // dist/src/cli/hostapi.js → the package root is three levels up, the corpus beside it.
  const pkgRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
  candidates.push(resolve(pkgRoot, '..', 'shared', 'corpus', ...RUNTIME_IN_CORPUS));
  return candidates.find((p) => existsSync(p));
}

/** `--input a,b,...` → the case's arguments (null without `--input`). */
export function splitHostApiInput(input: string | undefined): string[] | null {
  return input === undefined ? null : input.split(',');
}

function print(out: (s: string) => void, text: string): void {
  // `out` ends a line that lacks "\n"; the adapter's output is already newline-terminated (or empty).
  if (text !== '') out(text);
}

async function hostApi(args: ParsedArgs, out: (s: string) => void): Promise<void> {
  const fn = optString(args, 'function');
  if (fn === undefined) throw new SwxError('INVALID_INPUT', 'missing --function F');
  const path = optString(args, 'runtime') ?? defaultHostApiRuntimePath();
  if (path === undefined) {
    throw new SwxError('INVALID_INPUT', `no --runtime given and hostapi_runtime.wasm not found under $SWX_CORPUS or ../shared/corpus`);
  }
  const env = await createHostApiEnv(readInputFile(path));
  print(out, runHostApiCase(fn, splitHostApiInput(optString(args, 'input')), env));
}

async function stateTrie(args: ParsedArgs, out: (s: string) => void): Promise<void> {
  const mode = args.positionals[1];
  if (mode !== 'trie-root' && mode !== 'insert-and-delete') {
    throw new SwxError('INVALID_INPUT', `state-trie needs trie-root or insert-and-delete, got ${JSON.stringify(mode ?? '')}`);
  }
  const path = optString(args, 'state-file');
  if (path === undefined) throw new SwxError('INVALID_INPUT', 'missing --state-file F');
  const text = decodeUtf8(readInputFile(path));
  if (text === undefined) throw new SwxError('INVALID_INPUT', `${path} is not UTF-8`, { path });
  const entries = stateTrieEntries(parseStateTrieYaml(text, path), {
    keysInHex: optFlag(args, 'keys-in-hex'),
    valuesInHex: optFlag(args, 'values-in-hex'),
  });
  const { hashers } = await openTools();
  print(out, mode === 'trie-root' ? stateTrieRootOutput(entries, hashers.blake2_256) : stateTrieInsertAndDeleteOutput(entries, hashers.blake2_256));
}

async function run(args: ParsedArgs, out: (s: string) => void): Promise<void> {
  const sub = args.positionals[0];
  if (sub === undefined || sub === 'host-api') return hostApi(args, out);
  if (sub === 'state-trie') return stateTrie(args, out);
  throw new SwxError('INVALID_INPUT', `unknown hostapi sub-command ${JSON.stringify(sub)} (host-api or state-trie)`);
}

/** The `swx hostapi` command (register it under `hostapi` in the COMMANDS map). */
export const HOSTAPI_COMMAND: Command = {
  valued: new Set(['function', 'input', 'runtime', 'environment', 'state-file']),
  flags: new Set(['keys-in-hex', 'values-in-hex']),
  run,
};

/** Usage lines for `swx --help`. */
export { HOSTAPI_USAGE } from './usage.js';
