/**
 * Writing the Substrate-prefixed zstd form (`swx compress`): prefix, level,
 * the bomb-limit refusal of sp-maybe-compressed-blob's `refuse_to_encode_over_limit`,
 * and round trips through both decoders, on a real runtime when the corpus is there.
 */
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  STRONG_COMPRESSION_LEVEL,
  ZSTD_PREFIX,
  compress,
  createCompressor,
  createDecompressor,
  createSyncDecompressor,
  type Compressor,
} from '../../src/blob/index.js';
import { isSwxError, startsWith } from '../../src/base/index.js';
import { readCorpus, skipUnlessCorpus } from '../support/corpus.js';

const BOMB_LIMIT = 10;

describe('compress', () => {
  let c: Compressor;
  before(async () => {
    c = await createCompressor();
  });

  it('should default to level 22 like compress_strongly', () => {
    assert.equal(STRONG_COMPRESSION_LEVEL, 22);
  });

  it('refuse_to_encode_over_limit: should refuse limit + 1 bytes and accept limit bytes', () => {
    const v = new Uint8Array(BOMB_LIMIT + 1);
    assert.throws(() => c.compress(v, { limit: BOMB_LIMIT }), (e) => isSwxError(e, 'BLOB_BOMB'));
    assert.ok(startsWith(c.compress(v.subarray(0, BOMB_LIMIT), { limit: BOMB_LIMIT }), ZSTD_PREFIX));
  });

  it('should write the legacy prefix then a zstd frame (magic 28b52ffd)', () => {
    const out = c.compress(new Uint8Array(100));
    assert.deepEqual([...out.subarray(0, 12)], [82, 188, 83, 118, 70, 219, 142, 5, 0x28, 0xb5, 0x2f, 0xfd]);
  });

  it('should reject levels outside 1..22', () => {
    for (const level of [0, 23, 1.5]) {
      assert.throws(() => c.compress(new Uint8Array(1), { level }), (e) => isSwxError(e, 'INVALID_INPUT'));
    }
  });

  it('should round-trip a Wasm-like blob through both decoders, leaving the input untouched', async () => {
    const raw = new Uint8Array(200_000).map((_, i) => (i % 251) ^ (i >> 9));
    raw.set([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
    const copy = raw.slice();
    const packed = await compress(raw, { level: 9 });
    assert.deepEqual(raw, copy);
    assert.ok(packed.length < raw.length);
    assert.deepEqual((await createDecompressor()).decompress(packed).code, raw);
    assert.deepEqual(createSyncDecompressor().decompress(packed).code, raw);
  });

  it('should round-trip a real runtime at level 22', { skip: skipUnlessCorpus('runtimes/kusama-1020-genesis.wasm.gz') }, async () => {
    const raw = readCorpus('runtimes/kusama-1020-genesis.wasm.gz');
    const packed = c.compress(raw);
    assert.ok(packed.length < raw.length / 3, `ratio ${packed.length}/${raw.length}`);
    assert.deepEqual((await createDecompressor()).decompress(packed), { code: raw, compressed: true });
  });
});
