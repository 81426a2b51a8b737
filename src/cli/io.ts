/**
 * Reading the CLI's inputs: RUNTIME (a blob, raw or zstd-prefixed, or a chain
 * spec JSON whose genesis `:code` is the runtime), STATE (a chain spec with a
 * raw genesis) and BLOCK files. Gzipped files are accepted for convenience.
 *
 * Every input is bounded, so a small hostile file cannot exhaust memory:
 *
 *   file size                        ≤ the input limit (`--max-input-size`, default 512 MiB)
 *   gunzipped STATE / BLOCK / spec   ≤ the input limit
 *   gunzipped runtime blob           ≤ CODE_BLOB_BOMB_LIMIT (Substrate's 50 MiB, as for zstd blobs)
 *
 * Decompression stops as soon as the output passes the limit (zlib's
 * `maxOutputLength`), so memory stays near the limit; the error is
 * `INPUT_TOO_LARGE` naming the file and the limit (exit code 2). Whether a
 * gzipped RUNTIME holds a blob or a chain spec is decided from the first
 * bytes of its decompressed content (a chain spec starts with `{`).
 */
import { readFileSync, statSync } from 'node:fs';
import { constants as zlibConstants, gunzipSync } from 'node:zlib';
import { SwxError } from '../base/errors.js';
import { CODE_BLOB_BOMB_LIMIT } from '../blob/index.js';

/** gzip magic bytes (RFC 1952). */
const GZIP_MAGIC = [0x1f, 0x8b];

/**
 * Default limit of an input file, raw or decompressed (raise with `--max-input-size`):
 * 512 MiB, V8's longest string (2^29 - 24 UTF-16 units), beyond which no JSON
 * input (chain spec, block) could be parsed anyway.
 */
export const DEFAULT_MAX_INPUT_BYTES = 512 * 1024 * 1024;

/**
 * Compressed bytes read to peek at a gzipped RUNTIME's content: deflate
 * expands at most ~1032:1 (RFC 1951's longest match per 2-bit code), so the
 * peek costs at most ~1 MiB whatever the file.
 */
const GZIP_PEEK_BYTES = 1024;

/** What an input file is, which decides its limit. */
export type InputKind = 'runtime' | 'data';

/** How to read an input. */
export interface ReadInputOpts {
  /** 'runtime': a blob (code limit once gunzipped) or a chain spec; 'data' (default): STATE, BLOCK, any other file. */
  kind?: InputKind;
  /** Limit in bytes of the file and of its decompressed content (default DEFAULT_MAX_INPUT_BYTES). */
  maxBytes?: number;
}

/** Parses a byte count (`1073741824`, `64k`, `512m`, `2g`: binary units); bad → INVALID_INPUT naming the option. */
export function parseByteCount(text: string, option: string): number {
  const m = /^(\d+)([kmg]?)$/i.exec(text);
  const unit = m === null ? undefined : { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2]!.toLowerCase() as '' | 'k' | 'm' | 'g'];
  const n = m === null || unit === undefined ? NaN : Number(m[1]) * unit;
  if (!Number.isSafeInteger(n) || n <= 0) {
    throw new SwxError('INVALID_INPUT', `--${option} must be a positive number of bytes, optionally with k, m or g (got ${text})`);
  }
  return n;
}

function tooLarge(path: string, what: string, limit: number, hint: string): SwxError {
  return new SwxError('INPUT_TOO_LARGE', `${path}: ${what} is larger than the limit of ${limit} bytes${hint}`, { path, limit });
}

/** Reads a file, `-` for stdin (gunzipping it if gzipped) within its limit; unreadable → FILE_UNREADABLE, too large → INPUT_TOO_LARGE. */
export function readInputFile(path: string, opts: ReadInputOpts = {}): Uint8Array {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_INPUT_BYTES;
  const raise = ' (raise it with --max-input-size)';
  let raw: Uint8Array;
  try {
    if (path === '-') {
      raw = new Uint8Array(readFileSync(0)); // stdin
      if (raw.length > maxBytes) throw tooLarge(path, 'stdin', maxBytes, raise);
    } else {
      const size = statSync(path).size;
      if (size > maxBytes) throw tooLarge(path, 'the file', maxBytes, raise);
      raw = new Uint8Array(readFileSync(path));
    }
  } catch (e) {
    if (e instanceof SwxError) throw e;
    throw new SwxError('FILE_UNREADABLE', `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { path });
  }
  if (raw[0] !== GZIP_MAGIC[0] || raw[1] !== GZIP_MAGIC[1]) return raw;
  const isBlob = opts.kind === 'runtime' && !looksLikeJson(peekGzip(raw));
  const limit = isBlob ? Math.min(CODE_BLOB_BOMB_LIMIT, maxBytes) : maxBytes;
  try {
    const out = gunzipSync(raw, { maxOutputLength: limit, chunkSize: gunzipChunkSize(raw, limit) });
    return new Uint8Array(out.buffer, out.byteOffset, out.length); // a plain view, no copy
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw tooLarge(path, isBlob ? 'the gunzipped runtime' : 'the gunzipped content', limit, isBlob && limit === CODE_BLOB_BOMB_LIMIT ? " (Substrate's code size limit)" : raise);
    }
    throw new SwxError('FILE_UNREADABLE', `cannot gunzip ${path}: ${(e as Error).message}`, { path });
  }
}

/**
 * The output buffer size for gunzipping `raw`: its gzip trailer's ISIZE (RFC
 * 1952: the content's length mod 2^32, of the last member) plus one, so that
 * zlib fills one buffer instead of hundreds of default 16 KiB chunks it then
 * concatenates (half the gunzip time of a runtime). Only a hint: clamped to
 * [zlib's default chunk, limit], and the limit is enforced as before.
 */
function gunzipChunkSize(raw: Uint8Array, limit: number): number {
  if (raw.length < 4) return zlibConstants.Z_DEFAULT_CHUNK;
  const isize = new DataView(raw.buffer, raw.byteOffset + raw.length - 4, 4).getUint32(0, true);
  return Math.max(zlibConstants.Z_DEFAULT_CHUNK, Math.min(isize + 1, limit));
}

/** The first decompressed bytes of a gzip file (empty if they cannot be read: the full read reports why). */
function peekGzip(raw: Uint8Array): Uint8Array {
  try {
    return gunzipSync(raw.subarray(0, GZIP_PEEK_BYTES), { finishFlush: zlibConstants.Z_SYNC_FLUSH });
  } catch {
    return new Uint8Array(0);
  }
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
