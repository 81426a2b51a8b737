/**
 * The limited zstd decoders (both engines) on raw zstd streams, including
 * the unit tests of sp-maybe-compressed-blob (BOMB_LIMIT = 10).
 */
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { createFzstdDecoder, createZstdDecoder, type ZstdDecoder } from '../../src/blob/zstd.js';
import { createCompressor, type Compressor } from '../../src/blob/index.js';

const BOMB_LIMIT = 10;

/** A bare zstd frame of `data` (the compressor's output without the 8-byte prefix). */
function frame(c: Compressor, data: Uint8Array, level = 3): Uint8Array {
  return c.compress(data, { level, limit: Number.MAX_SAFE_INTEGER }).subarray(8);
}

for (const engine of ['zstddec', 'fzstd'] as const) {
  describe(`zstd decoder (${engine})`, () => {
    let dec: ZstdDecoder;
    let c: Compressor;
    before(async () => {
      dec = engine === 'fzstd' ? createFzstdDecoder() : await createZstdDecoder('zstddec');
      c = await createCompressor();
    });

    it('should use the requested engine', () => {
      assert.equal(dec.engine, engine);
    });

    it('compress_and_decompress: should decode exactly `limit` bytes', () => {
      const v = new Uint8Array(BOMB_LIMIT);
      assert.deepEqual(dec.decode(frame(c, v), BOMB_LIMIT), { kind: 'ok', data: v });
    });

    it('possible_bomb_fails: should report a bomb at limit + 1 bytes', () => {
      assert.deepEqual(dec.decode(frame(c, new Uint8Array(BOMB_LIMIT + 1)), BOMB_LIMIT), { kind: 'bomb' });
    });

    it('should report a bomb far past the limit', () => {
      assert.deepEqual(dec.decode(frame(c, new Uint8Array(1 << 20).fill(7)), 1000), { kind: 'bomb' });
    });

    it('should decode an empty frame to zero bytes', () => {
      assert.deepEqual(dec.decode(frame(c, new Uint8Array(0)), BOMB_LIMIT), { kind: 'ok', data: new Uint8Array(0) });
    });

    it('should decode concatenated frames into one output', () => {
      const a = frame(c, Uint8Array.of(1, 2, 3));
      const b = frame(c, Uint8Array.of(4, 5));
      const both = new Uint8Array(a.length + b.length);
      both.set(a);
      both.set(b, a.length);
      assert.deepEqual(dec.decode(both, BOMB_LIMIT), { kind: 'ok', data: Uint8Array.of(1, 2, 3, 4, 5) });
      assert.deepEqual(dec.decode(both, 4), { kind: 'bomb' });
    });

    it('should reject an empty stream (the Rust decoder: incomplete frame)', () => {
      assert.equal(dec.decode(new Uint8Array(0), BOMB_LIMIT).kind, 'invalid');
    });

    it('should reject garbage, a truncated frame and trailing garbage', () => {
      const f = frame(c, new Uint8Array(1000).map((_, i) => i * 7));
      assert.equal(dec.decode(Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9), 2000).kind, 'invalid');
      assert.equal(dec.decode(f.subarray(0, f.length - 3), 2000).kind, 'invalid');
      const trailing = new Uint8Array(f.length + 3);
      trailing.set(f);
      trailing.set([1, 2, 3], f.length);
      assert.equal(dec.decode(trailing, 2000).kind, 'invalid');
    });

    it('should refuse a window over 2^27 + 1 bytes like the streaming decoder, and accept 2^27', () => {
      // Frame: magic, descriptor 0 (window descriptor, no content size), then one raw last block "A".
      const frameWithWindowLog = (windowLog: number, mantissa = 0): Uint8Array =>
        Uint8Array.of(0x28, 0xb5, 0x2f, 0xfd, 0x00, ((windowLog - 10) << 3) | mantissa, 0x09, 0x00, 0x00, 0x41);
      assert.deepEqual(dec.decode(frameWithWindowLog(27), BOMB_LIMIT), { kind: 'ok', data: Uint8Array.of(0x41) });
      const r = dec.decode(frameWithWindowLog(27, 1), BOMB_LIMIT);
      assert.equal(r.kind, 'invalid');
      assert.match(r.kind === 'invalid' ? r.reason : '', /needs a 150994944-byte window/);
      assert.equal(dec.decode(frameWithWindowLog(30), BOMB_LIMIT).kind, 'invalid');
      // Single-segment frame: the window is the content size (4-byte field, 2^27 + 2 here).
      const single = Uint8Array.of(0x28, 0xb5, 0x2f, 0xfd, 0xa0, 0x02, 0x00, 0x00, 0x08, 0x09, 0x00, 0x00, 0x41);
      assert.equal(dec.decode(single, BOMB_LIMIT).kind, 'invalid');
    });

    it('should decode a non-trivial payload byte for byte', () => {
      const data = new Uint8Array(300_000).map((_, i) => (i * 2654435761) >>> 24);
      const r = dec.decode(frame(c, data, 19), data.length);
      assert.equal(r.kind, 'ok');
      assert.ok(r.kind === 'ok' && Buffer.compare(r.data, data) === 0);
    });
  });
}
