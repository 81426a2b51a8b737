/**
 * Writing the compressed form (`swx compress`): the legacy prefix followed by
 * one zstd frame, as sp-maybe-compressed-blob's `compress_strongly` writes
 * it (level 22; the frame here also records its content size, which decoders
 * ignore or use, so Substrate reads it the same). Like upstream, input larger
 * than the bomb limit is refused: a decoder could not tell it from a bomb.
 * The only file importing `@hpcc-js/wasm-zstd` (zstd's C library in Wasm,
 * no native addon): zstddec and fzstd only decode.
 */
import { SwxError } from '../base/errors.js';
import { CODE_BLOB_BOMB_LIMIT, ZSTD_PREFIX } from './compressed.js';

/** zstd level of `compress_strongly`, used for runtime code (sp-maybe-compressed-blob). */
export const STRONG_COMPRESSION_LEVEL = 22;

/** Options of `compress`. */
export interface CompressOpts {
  /** zstd level 1 … 22 (default 22, as upstream's `compress_strongly`). */
  level?: number;
  /** Largest input accepted (default CODE_BLOB_BOMB_LIMIT). */
  limit?: number;
}

/** Compresses runtime code synchronously; holds an initialised zstd encoder. */
export interface Compressor {
  /** `ZSTD_PREFIX ‖ zstd(code)`; throws BLOB_BOMB if `code` is over the limit. */
  compress(code: Uint8Array, opts?: CompressOpts): Uint8Array;
}

/** Creates a Compressor (one asynchronous initialisation of the zstd Wasm). */
export async function createCompressor(): Promise<Compressor> {
  // Imported here, on first use: only `swx compress` needs the encoder.
  const { Zstd } = await import('@hpcc-js/wasm-zstd');
  const zstd = await Zstd.load();
  return {
    compress(code: Uint8Array, opts: CompressOpts = {}): Uint8Array {
      const level = opts.level ?? STRONG_COMPRESSION_LEVEL;
      const limit = opts.limit ?? CODE_BLOB_BOMB_LIMIT;
      if (!(code instanceof Uint8Array)) throw new SwxError('INVALID_INPUT', 'code to compress must be a Uint8Array');
      if (!Number.isInteger(level) || level < 1 || level > STRONG_COMPRESSION_LEVEL) {
        throw new SwxError('INVALID_INPUT', `zstd level must be an integer in 1..22, got ${level}`);
      }
      if (code.length > limit) {
        throw new SwxError('BLOB_BOMB', `refusing to compress ${code.length} bytes: more than the bomb limit of ${limit} bytes`, { limit });
      }
      const frame = zstd.compress(code, level);
      const out = new Uint8Array(ZSTD_PREFIX.length + frame.length);
      out.set(ZSTD_PREFIX, 0);
      out.set(frame, ZSTD_PREFIX.length);
      return out;
    },
  };
}

/** Compresses `code` once (creates a compressor; keep one with `createCompressor` for repeated use). */
export async function compress(code: Uint8Array, opts: CompressOpts = {}): Promise<Uint8Array> {
  return (await createCompressor()).compress(code, opts);
}
