/**
 * Maybe-compressed runtime code, as polkadot-sdk master reads it:
 * `RuntimeBlob::uncompress_if_needed` → `sp_maybe_compressed_blob::decompress`
 * (`substrate/primitives/maybe-compressed-blob/src/lib.rs`).
 *
 *   52 bc 53 76 46 db 8e 05 | zstd frame(s)   → decompressed, at most 50 MiB
 *   anything else                              → taken as it is
 *
 * then parsed as Wasm. Master knows only this legacy prefix: RFC-0135's typed
 * prefixes (`…8e06` PoV, `…8e07` Wasm, `…8e08` PolkaVM) are implemented by
 * polkadot-sdk PR #12656, still open, so master passes such blobs through
 * and fails to parse them; swx rejects them with BLOB_INVALID naming the
 * prefix. Likewise anything that is not a Wasm module (no `\0asm` magic and
 * version 1) fails here with BLOB_INVALID and a one-line reason, where
 * Substrate fails a step later, in its Wasm parser.
 */
import { SwxError } from '../base/errors.js';
import { startsWith, toHex } from '../base/bytes.js';
import { createFzstdDecoder, createZstdDecoder, type ZstdDecoder, type ZstdEngine } from './zstd.js';

/** Prefix of zstd-compressed code (sp-maybe-compressed-blob `ZSTD_PREFIX` / `CBLOB_ZSTD_LEGACY`). */
export const ZSTD_PREFIX: Uint8Array = Uint8Array.of(82, 188, 83, 118, 70, 219, 142, 5);

/** Most bytes compressed code may decompress to (sp-maybe-compressed-blob `CODE_BLOB_BOMB_LIMIT`). */
export const CODE_BLOB_BOMB_LIMIT = 50 * 1024 * 1024;

/** Wasm binary magic and version 1 (Wasm core spec, "Binary Format / Modules"). */
const WASM_HEADER = Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00);

/** First 7 bytes shared by the legacy and the RFC-0135 typed prefixes. */
const CBLOB_PREFIX_STEM = ZSTD_PREFIX.subarray(0, 7);

/** RFC-0135 typed prefix kinds by last byte (not accepted by Substrate master). */
const RFC135_KINDS: Readonly<Record<number, string>> = { 6: 'PoV', 7: 'Wasm code', 8: 'PolkaVM code' };

/** Magic of an uncompressed PolkaVM program blob (`PVM\0`). */
const PVM_MAGIC = Uint8Array.of(0x50, 0x56, 0x4d, 0x00);

/** Runtime code after maybe-decompression. */
export interface MaybeDecompressed {
  /** The raw Wasm module (a new array, never the caller's). */
  code: Uint8Array;
  /** Whether the input carried the zstd prefix. */
  compressed: boolean;
}

/** Decompresses runtime code synchronously; holds an initialised zstd decoder. */
export interface Decompressor {
  /** The zstd engine in use. */
  readonly engine: ZstdEngine;
  /** `bytes` decompressed if prefixed, checked to be a Wasm module (limit: CODE_BLOB_BOMB_LIMIT). */
  decompress(bytes: Uint8Array, limit?: number): MaybeDecompressed;
}

/** Options of `createDecompressor`. */
export interface DecompressorOpts {
  /** `'zstddec'` (default: Wasm, fast, falls back to fzstd if it cannot start) or `'fzstd'` (pure JS). */
  engine?: ZstdEngine;
}

/** Does `bytes` start with the legacy zstd prefix? */
export function isCompressed(bytes: Uint8Array): boolean {
  return startsWith(bytes, ZSTD_PREFIX);
}

/** Creates a Decompressor (one asynchronous initialisation of the zstd Wasm). */
export async function createDecompressor(opts: DecompressorOpts = {}): Promise<Decompressor> {
  return decompressorOver(await createZstdDecoder(opts.engine ?? 'zstddec'));
}

/** A Decompressor usable at once, on the pure-JS decoder (slower). */
export function createSyncDecompressor(): Decompressor {
  return decompressorOver(createFzstdDecoder());
}

/** Maybe-decompresses `bytes` (creates a decompressor; keep one with `createDecompressor` for repeated use). */
export async function maybeDecompress(bytes: Uint8Array, limit = CODE_BLOB_BOMB_LIMIT): Promise<MaybeDecompressed> {
  return (await createDecompressor()).decompress(bytes, limit);
}

/** Maybe-decompresses `bytes` synchronously with the pure-JS decoder. */
export function maybeDecompressSync(bytes: Uint8Array, limit = CODE_BLOB_BOMB_LIMIT): MaybeDecompressed {
  return createSyncDecompressor().decompress(bytes, limit);
}

function decompressorOver(zstd: ZstdDecoder): Decompressor {
  return {
    engine: zstd.engine,
    decompress(bytes: Uint8Array, limit = CODE_BLOB_BOMB_LIMIT): MaybeDecompressed {
      if (!(bytes instanceof Uint8Array)) throw new SwxError('INVALID_INPUT', 'runtime code must be a Uint8Array');
      if (!Number.isSafeInteger(limit) || limit < 0) throw new SwxError('INVALID_INPUT', `bomb limit must be a non-negative integer, got ${limit}`);
      if (!isCompressed(bytes)) {
        checkWasm(bytes, false);
        return { code: bytes.slice(), compressed: false };
      }
      const r = zstd.decode(bytes.subarray(ZSTD_PREFIX.length), limit);
      switch (r.kind) {
        case 'bomb':
          throw new SwxError('BLOB_BOMB', `possible compression bomb: the code decompresses to more than ${limit} bytes`, { limit });
        case 'invalid':
          throw new SwxError('BLOB_DECOMPRESSION_FAILED', `zstd decompression failed: ${r.reason}`, { compressedSize: bytes.length });
        case 'ok':
          checkWasm(r.data, true);
          return { code: r.data, compressed: true };
        default: {
          const never: never = r;
          throw new Error(`unreachable ${String(never)}`);
        }
      }
    },
  };
}

/** Throws BLOB_INVALID with a one-line reason unless `code` starts like a Wasm module. */
function checkWasm(code: Uint8Array, decompressed: boolean): void {
  const what = decompressed ? 'decompressed code' : 'runtime code';
  if (startsWith(code, WASM_HEADER)) return;
  if (startsWith(code, CBLOB_PREFIX_STEM) && code.length >= 8 && RFC135_KINDS[code[7]!] !== undefined) {
    throw new SwxError(
      'BLOB_INVALID',
      `${what}: RFC-0135 ${RFC135_KINDS[code[7]!]} prefix ${toHex(code.subarray(0, 8))} is not accepted by Substrate (only the legacy ${toHex(ZSTD_PREFIX)})`,
    );
  }
  if (startsWith(code, PVM_MAGIC)) throw new SwxError('BLOB_INVALID', `${what}: a PolkaVM program, not a Wasm module`);
  if (code.length >= 2 && code[0] === 0x1f && code[1] === 0x8b) throw new SwxError('BLOB_INVALID', `${what}: gzip data, not a Wasm module (gunzip it first)`);
  if (startsWith(code, WASM_HEADER.subarray(0, 4))) {
    if (code.length < 8) throw new SwxError('BLOB_INVALID', `${what}: truncated Wasm header (${code.length} bytes)`);
    throw new SwxError('BLOB_INVALID', `${what}: unsupported Wasm binary version ${toHex(code.subarray(4, 8))} (expected 0x01000000)`);
  }
  if (code.length === 0) throw new SwxError('BLOB_INVALID', `${what} is empty`);
  if (code.length < ZSTD_PREFIX.length && startsWith(ZSTD_PREFIX, code)) {
    throw new SwxError('BLOB_INVALID', `${what}: truncated compressed-code prefix (${code.length} bytes)`);
  }
  if (WASM_HEADER.subarray(0, code.length).every((b, i) => code[i] === b)) {
    throw new SwxError('BLOB_INVALID', `${what}: truncated Wasm header (${code.length} bytes)`);
  }
  throw new SwxError('BLOB_INVALID', `${what}: not a Wasm module (starts with ${toHex(code.subarray(0, 8))}, expected \\0asm)`);
}
