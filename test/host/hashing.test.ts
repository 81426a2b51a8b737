import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fromHex, toHexRaw, utf8 } from '../../src/base/bytes.js';
import { isSwxError } from '../../src/base/errors.js';
import { HASHING_HOST_FUNCTIONS } from '../../src/host/hashing.js';
import { packFat } from '../../src/host/memory.js';
import { readCorpusJson, skipUnlessCorpus } from '../support/corpus.js';
import { bindHost, makeFakeContext } from '../support/fake-context.js';

interface HashVector {
  input_hex: string;
  [algo: string]: string;
}

const VECTORS = 'vectors/hashing.json';
const ALGOS = ['keccak_256', 'sha2_256', 'blake2_128', 'blake2_256', 'twox_64', 'twox_128', 'twox_256'] as const;

async function hashVia(name: string, input: Uint8Array, len: number): Promise<string> {
  const ctx = await makeFakeContext();
  const f = bindHost(HASHING_HOST_FUNCTIONS, name, ctx);
  const ptr = f(ctx.putFat(input)) as number;
  return toHexRaw(ctx.memory.read(ptr, len));
}

describe('hashing host functions', () => {
  it('should register the eight sp-io Hashing v1 functions with (i64) -> i32', () => {
    assert.equal(HASHING_HOST_FUNCTIONS.length, 8);
    for (const f of HASHING_HOST_FUNCTIONS) {
      assert.match(f.name, /^ext_hashing_[a-z0-9_]+_version_1$/);
      assert.deepEqual(f.params, ['i64']);
      assert.deepEqual(f.results, ['i32']);
    }
  });

  it('should match the W3F host-API vectors for every algorithm', { skip: skipUnlessCorpus(VECTORS) }, async () => {
    const { vectors } = readCorpusJson<{ vectors: HashVector[] }>(VECTORS);
    assert.equal(vectors.length, 10);
    for (const v of vectors) {
      for (const algo of ALGOS) {
        const expected = v[algo]!;
        const got = await hashVia(`ext_hashing_${algo}_version_1`, fromHex(v.input_hex), expected.length / 2);
        assert.equal(got, expected, `${algo}(${v.input_hex})`);
      }
    }
  });

  it('should hash keccak_512 (Keccak, not SHA3) into a 64-byte buffer', async () => {
    assert.equal(
      await hashVia('ext_hashing_keccak_512_version_1', new Uint8Array(0), 64),
      '0eab42de4c3ceb9235fc91acffe746b29c29a8c366b7c60e4e67c466f36a4304c00fa9caf9d87976ba469bcbe06713b435f091ef2769fb160cdab33d3670680e',
    );
  });

  it('should give twox_128("System") = the well-known pallet prefix', async () => {
    assert.equal(await hashVia('ext_hashing_twox_128_version_1', utf8('System'), 16), '26aa394eea5630e07c48ae0c9558cef7');
  });

  it('should return exactly one buffer of the digest length and leave the input untouched', async () => {
    const sizes: number[] = [];
    const ctx = await makeFakeContext();
    const input = utf8('static');
    const fat = ctx.putFat(input);
    const spy = await makeFakeContext({ memory: ctx.memory, returnPtr: (b) => (sizes.push(b.length), ctx.returnPtr(b)) });
    bindHost(HASHING_HOST_FUNCTIONS, 'ext_hashing_blake2_256_version_1', spy)(fat);
    assert.deepEqual(sizes, [32]);
    assert.deepEqual(ctx.memory.read(Number(fat & 0xffffffffn), input.length), input);
  });

  it('should fail the call on an out-of-bounds input', async () => {
    const ctx = await makeFakeContext();
    const f = bindHost(HASHING_HOST_FUNCTIONS, 'ext_hashing_sha2_256_version_1', ctx);
    assert.throws(() => f(packFat(ctx.memory.size - 4, 8)), (e) => isSwxError(e, 'HOST_OUT_OF_BOUNDS'));
  });
});
