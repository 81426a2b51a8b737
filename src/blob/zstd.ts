/**
 * zstd decoding with a size limit: the only file importing `zstddec` and
 * `fzstd`.
 *
 * Substrate reads at most `limit + 1` bytes out of a zstd stream decoder
 * (sp-maybe-compressed-blob `read_from_decoder`): more than `limit` is a
 * possible bomb, a decoder error is an invalid blob. The frames Substrate
 * writes carry no content size, so the output size is unknown up front:
 *
 * - zstddec (zstd's C decoder in Wasm, fast) is given a `limit + 1` byte
 *   output buffer. It returns the output, or 0 bytes when the output did not
 *   fit *or* the stream is corrupt *or* it is really empty; only then does
 *   fzstd decode again to tell which.
 * - fzstd (pure JS, streaming, 4–5× slower) counts the output block by block
 *   and stops as soon as it passes the limit. It needs no initialisation, so
 *   it also serves synchronous callers and replaces zstddec when zstddec's
 *   Wasm fails to initialise.
 *
 * Both are one-shot decoders and do not refuse frames whose window exceeds
 * 2^27 + 1 bytes, as the streaming decoder Substrate uses does; a scan of the
 * frame headers applies that rule first. (Caveat: in a multi-frame stream
 * whose earlier frames already pass the limit, Substrate reports the bomb and
 * swx the window; both fail.)
 */
import { createRequire } from 'node:module';

/**
 * Both libraries load on first use: zstddec by `createZstdDecoder` (async,
 * as its Wasm needs), fzstd synchronously through its CommonJS build (Node's
 * module cache keeps it), so importing swx evaluates neither.
 */
const load = createRequire(import.meta.url);
const fzstd = (): typeof import('fzstd') => load('fzstd') as typeof import('fzstd');

/** Which decoder does the work. */
export type ZstdEngine = 'zstddec' | 'fzstd';

/** Result of a limited decode. */
export type ZstdOutcome =
  | { kind: 'ok'; data: Uint8Array }
  | { kind: 'bomb' }
  | { kind: 'invalid'; reason: string };

/** A synchronous zstd decoder with an output limit. */
export interface ZstdDecoder {
  /** The engine actually used. */
  readonly engine: ZstdEngine;
  /** Decodes every frame of `stream`, failing past `limit` output bytes. */
  decode(stream: Uint8Array, limit: number): ZstdOutcome;
}

/** Thrown inside fzstd's callback to stop at the limit. */
class LimitReached extends Error {}

/** zstd frame magic number, little-endian (RFC 8878 §3.1.1). */
const ZSTD_FRAME_MAGIC = 0xfd2fb528;
/** Skippable frame magic numbers are 0x184D2A50 … 0x184D2A5F (RFC 8878 §3.1.2). */
const SKIPPABLE_MAGIC_BASE = 0x184d2a50;
/**
 * Largest window a streaming decoder accepts by default: zstd's
 * `ZSTD_MAXWINDOWSIZE_DEFAULT` = 2^27 + 1 (`ZSTD_WINDOWLOG_LIMIT_DEFAULT` = 27),
 * which the Rust `zstd::Decoder` Substrate uses keeps.
 */
const MAX_WINDOW_SIZE = 2 ** 27 + 1;

/**
 * Walks the frame headers of `stream` and names the first frame whose window
 * the Rust decoder would refuse (`frameParameter_windowTooLarge`); one-shot
 * decoders (zstddec, fzstd) do not apply that limit. Malformed or truncated
 * structure stops the walk: the decoder reports it.
 */
function windowTooLarge(stream: Uint8Array): string | undefined {
  const view = new DataView(stream.buffer, stream.byteOffset, stream.byteLength);
  let pos = 0;
  while (pos + 8 <= stream.length) {
    const magic = view.getUint32(pos, true);
    if ((magic & 0xfffffff0) === SKIPPABLE_MAGIC_BASE) {
      pos += 8 + view.getUint32(pos + 4, true);
      continue;
    }
    if (magic !== ZSTD_FRAME_MAGIC) return undefined;
    // Frame header (RFC 8878 §3.1.1.1): descriptor, window descriptor, dictionary id, content size.
    const fhd = stream[pos + 4]!;
    const fcsFlag = fhd >> 6;
    const singleSegment = (fhd >> 5) & 1;
    const hasChecksum = (fhd >> 2) & 1;
    let p = pos + 5;
    let windowSize = 0;
    if (singleSegment === 0) {
      const wd = stream[p++];
      if (wd === undefined) return undefined;
      const base = 2 ** (10 + (wd >> 3));
      windowSize = base + (base / 8) * (wd & 7);
    }
    p += [0, 1, 2, 4][fhd & 3]!;
    const fcsBytes = fcsFlag === 0 ? singleSegment : [1, 2, 4, 8][fcsFlag]!;
    if (p + fcsBytes > stream.length) return undefined;
    if (singleSegment === 1) {
      // The window is the content size.
      let fcs = 0;
      for (let i = fcsBytes - 1; i >= 0; i--) fcs = fcs * 256 + stream[p + i]!;
      windowSize = fcsBytes === 2 ? fcs + 256 : fcs;
    }
    if (windowSize > MAX_WINDOW_SIZE) return `frame at byte ${pos} needs a ${windowSize}-byte window (the decoder allows ${MAX_WINDOW_SIZE})`;
    p += fcsBytes;
    // Blocks (RFC 8878 §3.1.1.2): 3-byte header (last, type, size); an RLE block stores one byte.
    for (;;) {
      if (p + 3 > stream.length) return undefined;
      const bh = stream[p]! | (stream[p + 1]! << 8) | (stream[p + 2]! << 16);
      const type = (bh >> 1) & 3;
      if (type === 3) return undefined;
      p += 3 + (type === 1 ? 1 : bh >>> 3);
      if ((bh & 1) === 1) break;
    }
    pos = p + 4 * hasChecksum;
  }
  return undefined;
}

function fzstdDecode(stream: Uint8Array, limit: number): ZstdOutcome {
  // The Rust `zstd::Decoder` reports an empty stream as an incomplete frame.
  if (stream.length === 0) return { kind: 'invalid', reason: 'empty zstd stream' };
  const tooLarge = windowTooLarge(stream);
  if (tooLarge !== undefined) return { kind: 'invalid', reason: tooLarge };
  const blocks: Uint8Array[] = [];
  let total = 0;
  const d = new (fzstd().Decompress)((block) => {
    total += block.length;
    if (total > limit) throw new LimitReached();
    if (block.length > 0) blocks.push(block); // each block is a fresh array
  });
  try {
    d.push(stream, true);
  } catch (e) {
    if (e instanceof LimitReached) return { kind: 'bomb' };
    return { kind: 'invalid', reason: e instanceof Error ? e.message : String(e) };
  }
  if (blocks.length === 1) return { kind: 'ok', data: blocks[0]! };
  const out = new Uint8Array(total);
  let o = 0;
  for (const b of blocks) {
    out.set(b, o);
    o += b.length;
  }
  return { kind: 'ok', data: out };
}

/**
 * Starts zstddec's initialisation without the global `fetch`. zstddec loads
 * its Wasm through `fetch('data:…')` whenever `fetch` exists, and Node's
 * `fetch` loads undici on its first call (~60 ms of module evaluation, more
 * than the decoder itself); without `fetch` it instantiates from a Buffer.
 * `init` reads `typeof fetch` synchronously before returning its promise, so
 * the global is hidden only for that synchronous call.
 */
function initWithoutFetch(zd: import('zstddec').ZSTDDecoder): Promise<void> {
  const fetchProperty = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  if (fetchProperty === undefined || fetchProperty.configurable !== true) return zd.init();
  Reflect.deleteProperty(globalThis, 'fetch');
  try {
    return zd.init();
  } finally {
    Object.defineProperty(globalThis, 'fetch', fetchProperty);
  }
}

/** The pure-JS decoder (no initialisation, synchronous from the start). */
export function createFzstdDecoder(): ZstdDecoder {
  return { engine: 'fzstd', decode: fzstdDecode };
}

/**
 * The fast decoder: zstddec after its one asynchronous initialisation, with
 * fzstd to classify empty results; fzstd alone when `engine` is `'fzstd'` or
 * zstddec fails to initialise.
 */
export async function createZstdDecoder(engine: ZstdEngine = 'zstddec'): Promise<ZstdDecoder> {
  if (engine === 'fzstd') return createFzstdDecoder();
  let zd: import('zstddec').ZSTDDecoder;
  try {
    zd = new (await import('zstddec')).ZSTDDecoder();
    await initWithoutFetch(zd);
  } catch {
    return createFzstdDecoder();
  }
  return {
    engine: 'zstddec',
    decode(stream: Uint8Array, limit: number): ZstdOutcome {
      if (stream.length === 0) return fzstdDecode(stream, limit);
      const tooLarge = windowTooLarge(stream);
      if (tooLarge !== undefined) return { kind: 'invalid', reason: tooLarge };
      let out: Uint8Array;
      try {
        out = zd.decode(stream, limit + 1);
      } catch {
        return fzstdDecode(stream, limit);
      }
      if (out.length > limit) return { kind: 'bomb' };
      if (out.length > 0) return { kind: 'ok', data: out };
      return fzstdDecode(stream, limit);
    },
  };
}
