/**
 * Reading the CLI's inputs: RUNTIME (a blob, raw or zstd-prefixed, or a chain
 * spec JSON whose genesis `:code` is the runtime) and STATE (a chain spec with
 * a raw genesis). Gzipped files are accepted for convenience.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { SwxError } from '../base/errors.js';

/** gzip magic bytes (RFC 1952). */
const GZIP_MAGIC = [0x1f, 0x8b];

/** Reads a file, `-` for stdin (gunzipping it if gzipped); unreadable → FILE_UNREADABLE. */
export function readInputFile(path: string): Uint8Array {
  let raw: Uint8Array;
  try {
    raw = new Uint8Array(readFileSync(path === '-' ? 0 : path));
  } catch (e) {
    throw new SwxError('FILE_UNREADABLE', `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { path });
  }
  if (raw[0] === GZIP_MAGIC[0] && raw[1] === GZIP_MAGIC[1]) {
    try {
      return new Uint8Array(gunzipSync(raw));
    } catch (e) {
      throw new SwxError('FILE_UNREADABLE', `cannot gunzip ${path}: ${(e as Error).message}`, { path });
    }
  }
  return raw;
}

/** Does the file content look like JSON (a chain spec) rather than a blob? */
export function looksLikeJson(bytes: Uint8Array): boolean {
  for (const b of bytes) {
    if (b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09) continue;
    return b === 0x7b; // '{'
  }
  return false;
}

/** Parses JSON bytes; malformed → CHAIN_SPEC_INVALID naming the file. */
export function parseJson(bytes: Uint8Array, path: string): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    throw new SwxError('CHAIN_SPEC_INVALID', `${path} is not valid JSON: ${(e as Error).message}`, { path });
  }
}
