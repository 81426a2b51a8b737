/**
 * Maybe-decompression of runtime code as polkadot-sdk master does it (legacy
 * prefix only, 50 MiB bomb limit), with swx's one-line BLOB_INVALID reasons,
 * on synthetic blobs and on the corpus chain specs' `:code`.
 */
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  CODE_BLOB_BOMB_LIMIT,
  ZSTD_PREFIX,
  createCompressor,
  createDecompressor,
  createSyncDecompressor,
  isCompressed,
  maybeDecompress,
  maybeDecompressSync,
  type Compressor,
  type Decompressor,
} from '../../src/blob/index.js';
import { concatBytes, fromHex, isSwxError, type SwxErrorCode } from '../../src/base/index.js';
import { readCorpus, readCorpusJson, skipUnlessCorpus } from '../support/corpus.js';

/** The smallest valid Wasm module: magic + version. */
const EMPTY_WASM = Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00);

function wasmLike(extra: number): Uint8Array {
  return concatBytes(EMPTY_WASM, new Uint8Array(extra).map((_, i) => i & 0xff));
}

function throwsCode(fn: () => unknown, code: SwxErrorCode, pattern?: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(isSwxError(e, code), `expected ${code}, got ${String(e)}`);
    if (pattern !== undefined) assert.match(e.message, pattern);
    assert.ok(!e.message.includes('\n'), 'one-line reason');
    return true;
  });
}

describe('maybe-decompression', () => {
  let c: Compressor;
  const decs: Decompressor[] = [];
  before(async () => {
    c = await createCompressor();
    decs.push(await createDecompressor(), await createDecompressor({ engine: 'fzstd' }), createSyncDecompressor());
  });

  it('should use zstddec by default and fzstd when asked', () => {
    assert.deepEqual(decs.map((d) => d.engine), ['zstddec', 'fzstd', 'fzstd']);
  });

  it('should pass raw Wasm through as a copy', () => {
    const raw = wasmLike(100);
    for (const d of decs) {
      const r = d.decompress(raw);
      assert.equal(r.compressed, false);
      assert.deepEqual(r.code, raw);
      assert.notEqual(r.code.buffer, raw.buffer);
    }
  });

  it('should decompress the legacy prefix, leaving the input untouched', () => {
    const raw = wasmLike(5000);
    const packed = c.compress(raw);
    const before = packed.slice();
    assert.ok(isCompressed(packed));
    for (const d of decs) assert.deepEqual(d.decompress(packed), { code: raw, compressed: true });
    assert.deepEqual(packed, before);
  });

  it('should accept exactly the limit and refuse one byte more (possible_bomb_fails)', () => {
    const raw = wasmLike(92); // 100 bytes
    const packed = c.compress(raw);
    for (const d of decs) {
      assert.deepEqual(d.decompress(packed, 100).code, raw);
      throwsCode(() => d.decompress(packed, 99), 'BLOB_BOMB', /more than 99 bytes/);
    }
  });

  it('should refuse a bomb just past CODE_BLOB_BOMB_LIMIT with the default limit', () => {
    const big = new Uint8Array(CODE_BLOB_BOMB_LIMIT + 1);
    big.set(EMPTY_WASM);
    const packed = c.compress(big, { level: 1, limit: CODE_BLOB_BOMB_LIMIT + 1 });
    for (const d of decs.slice(0, 2)) throwsCode(() => d.decompress(packed), 'BLOB_BOMB');
    const exact = c.compress(big.subarray(0, CODE_BLOB_BOMB_LIMIT), { level: 1 });
    assert.equal(decs[0]!.decompress(exact).code.length, CODE_BLOB_BOMB_LIMIT);
  });

  it('should report corrupt zstd data as BLOB_DECOMPRESSION_FAILED', () => {
    const packed = c.compress(wasmLike(3000));
    const cases = [
      ZSTD_PREFIX, // no stream at all
      packed.subarray(0, packed.length - 5), // truncated frame
      concatBytes(ZSTD_PREFIX, Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)), // not zstd
    ];
    for (const d of decs) for (const bad of cases) throwsCode(() => d.decompress(bad), 'BLOB_DECOMPRESSION_FAILED', /^zstd decompression failed: /);
  });

  it('should reject RFC-0135 typed prefixes, which master does not know', () => {
    for (const last of [6, 7, 8]) {
      const packed = c.compress(wasmLike(10));
      packed[7] = last;
      throwsCode(() => decs[0]!.decompress(packed), 'BLOB_INVALID', /RFC-0135 .* prefix 0x52bc537646db8e0[678] is not accepted/);
    }
  });

  it('should reject what is not a Wasm module with a one-line reason', () => {
    const cases: Array<[Uint8Array, RegExp]> = [
      [new Uint8Array(0), /runtime code is empty/],
      [Uint8Array.of(0x00, 0x61, 0x73), /truncated Wasm header \(3 bytes\)/],
      [Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 0x01), /truncated Wasm header \(5 bytes\)/],
      [Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 0x02, 0, 0, 0), /unsupported Wasm binary version 0x02000000/],
      [ZSTD_PREFIX.subarray(0, 5), /truncated compressed-code prefix \(5 bytes\)/],
      [Uint8Array.of(0x50, 0x56, 0x4d, 0x00, 1, 2), /PolkaVM program/],
      [Uint8Array.of(0x1f, 0x8b, 8, 0, 0, 0), /gzip data/],
      [new Uint8Array(11), /not a Wasm module \(starts with 0x0000000000000000, expected \\0asm\)/],
    ];
    for (const [bytes, reason] of cases) throwsCode(() => decs[0]!.decompress(bytes), 'BLOB_INVALID', reason);
  });

  it('should check the decompressed code too (compress_and_decompress of zeros is not code)', () => {
    const packed = c.compress(new Uint8Array(10), { limit: 10 });
    throwsCode(() => decs[0]!.decompress(packed, 10), 'BLOB_INVALID', /^decompressed code: not a Wasm module/);
    throwsCode(() => decs[0]!.decompress(c.compress(new Uint8Array(0))), 'BLOB_INVALID', /decompressed code is empty/);
  });

  it('should offer one-shot async and sync helpers', async () => {
    const raw = wasmLike(64);
    const packed = c.compress(raw);
    assert.deepEqual(await maybeDecompress(packed), { code: raw, compressed: true });
    assert.deepEqual(maybeDecompressSync(packed), { code: raw, compressed: true });
    throwsCode(() => maybeDecompressSync(packed, 10), 'BLOB_BOMB');
  });

  it('should reject a bad limit at the boundary', () => {
    throwsCode(() => decs[0]!.decompress(EMPTY_WASM, -1), 'INVALID_INPUT');
  });
});

interface ChainSpec {
  name: string;
  genesis: { raw: { top: Record<string, string> } };
}
interface RuntimeIndex {
  [name: string]: { file: string; sha256: string; bytes: number };
}

/** Chain spec → the corpus runtime its `:code` is (by sha256 of the raw Wasm). */
const SPEC_RUNTIME: Array<[string, string]> = [
  ['chain-specs/kusama.json.gz', 'kusama-1020-genesis'],
  ['chain-specs/ksmcc3_coretime.json.gz', 'coretime-kusama-genesis'],
  ['chain-specs/polkadot_collectives.json.gz', 'collectives-polkadot-genesis'],
  ['chain-specs/rococo_v2_2_asset_hub.json.gz', 'asset-hub-rococo-genesis'],
];

describe('maybe-decompression of the corpus chain specs', () => {
  const skip = skipUnlessCorpus('runtimes/index.json', ...SPEC_RUNTIME.map(([f]) => f));
  let dec: Decompressor;
  before(async () => {
    dec = await createDecompressor();
  });

  for (const [file, runtime] of SPEC_RUNTIME) {
    it(`should turn ${file} :code into the ${runtime} Wasm`, { skip }, () => {
      const spec = readCorpusJson<ChainSpec>(file);
      const codeHex = spec.genesis.raw.top['0x3a636f6465'];
      assert.ok(codeHex !== undefined, ':code present');
      const blob = fromHex(codeHex);
      const { code, compressed } = dec.decompress(blob);
      const index = readCorpusJson<RuntimeIndex>('runtimes/index.json');
      assert.equal(compressed, runtime !== 'kusama-1020-genesis');
      assert.equal(code.length, index[runtime]!.bytes);
      assert.equal(createHash('sha256').update(code).digest('hex'), index[runtime]!.sha256);
      if (compressed) {
        // Substrate's frames carry no content size: the limit is found while decoding.
        assert.deepEqual(createSyncDecompressor().decompress(blob).code, code);
        throwsCode(() => dec.decompress(blob, code.length - 1), 'BLOB_BOMB');
        throwsCode(() => createSyncDecompressor().decompress(blob, code.length - 1), 'BLOB_BOMB');
        assert.equal(dec.decompress(blob, code.length).code.length, code.length);
      }
    });
  }

  it('should pass the corpus runtimes (raw Wasm) through unchanged', { skip: skipUnlessCorpus('runtimes/index.json') }, () => {
    const index = readCorpusJson<RuntimeIndex>('runtimes/index.json');
    for (const entry of Object.values(index)) {
      const raw = readCorpus(entry.file);
      const r = dec.decompress(raw);
      assert.equal(r.compressed, false);
      assert.equal(createHash('sha256').update(r.code).digest('hex'), entry.sha256);
    }
  });
});
