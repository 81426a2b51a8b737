import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { concatBytes, toHexRaw, utf8 } from '../../src/base/bytes.js';
import { isSwxError } from '../../src/base/errors.js';
import { ScaleWriter } from '../../src/base/scale.js';
import { TRIE_HOST_FUNCTIONS } from '../../src/host/trie.js';
import { generateProof, orderedTrieRoot, trieRoot, trieRootUnsorted, type TrieEntry } from '../../src/trie/index.js';
import { readCorpusJson, skipUnlessCorpus } from '../support/corpus.js';
import { bindHost, makeFakeContext, testHashers, type FakeContext } from '../support/fake-context.js';

const { blake2_256: blake2, keccak_256: keccak } = await testHashers;

const encPairs = (pairs: ReadonlyArray<readonly [Uint8Array, Uint8Array]>): Uint8Array => {
  const w = new ScaleWriter().compact(pairs.length);
  for (const [k, v] of pairs) w.bytesVec(k).bytesVec(v);
  return w.finish().slice();
};
const encVecs = (values: readonly Uint8Array[]): Uint8Array => {
  const w = new ScaleWriter().compact(values.length);
  for (const v of values) w.bytesVec(v);
  return w.finish().slice();
};
const pair = (k: string, v: string): TrieEntry => [utf8(k), utf8(v)];

/** Calls a root-returning host function and reads the 32 bytes it allocated. */
function callRoot(ctx: FakeContext, name: string, ...args: Array<number | bigint>): Uint8Array {
  const ptr = bindHost(TRIE_HOST_FUNCTIONS, name, ctx)(...args);
  assert.equal(typeof ptr, 'number');
  return ctx.memory.read(ptr as number, 32);
}

describe('ext_trie_* host functions', () => {
  it('should register exactly the 12 functions with their Wasm signatures', () => {
    const sigs = Object.fromEntries(TRIE_HOST_FUNCTIONS.map((f) => [f.name, `${f.params.join(',')}->${f.results.join(',')}`]));
    const expected: Record<string, string> = {};
    for (const h of ['blake2_256', 'keccak_256']) {
      expected[`ext_trie_${h}_root_version_1`] = 'i64->i32';
      expected[`ext_trie_${h}_root_version_2`] = 'i64,i32->i32';
      expected[`ext_trie_${h}_ordered_root_version_1`] = 'i64->i32';
      expected[`ext_trie_${h}_ordered_root_version_2`] = 'i64,i32->i32';
      expected[`ext_trie_${h}_verify_proof_version_1`] = 'i32,i64,i64,i64->i32';
      expected[`ext_trie_${h}_verify_proof_version_2`] = 'i32,i64,i64,i64,i32->i32';
    }
    assert.deepEqual(sigs, expected);
  });

  describe('W3F host-API cases (V0, duplicate keys: last wins)', { skip: skipUnlessCorpus('hostapi/cases.json') }, () => {
    const cases =
      skipUnlessCorpus('hostapi/cases.json') === false
        ? readCorpusJson<{ cases: Array<{ function: string; args: string[]; expected: string }> }>('hostapi/cases.json').cases.filter((c) => c.function.startsWith('ext_trie_'))
        : [];
    for (const c of cases) {
      it(`should reproduce ${c.function}(${c.args.join(', ')})`, async () => {
        const ctx = await makeFakeContext();
        const input =
          c.function === 'ext_trie_blake2_256_root_version_1'
            ? encPairs([0, 2, 4].map((i) => pair(c.args[i]!, c.args[i + 1]!)))
            : encVecs(c.args.map((a) => utf8(a)));
        assert.equal(toHexRaw(callRoot(ctx, c.function, ctx.putFat(input))) + '\n', c.expected);
      });
    }
  });

  it('should compute V0/V1 roots with blake2 and keccak, sorting and de-duplicating the input', async () => {
    const ctx = await makeFakeContext();
    const pairs = [pair('b', 'x'.repeat(40)), pair('a', '1'), pair('a', 'y'.repeat(50))];
    const input = encPairs(pairs);
    assert.deepEqual(callRoot(ctx, 'ext_trie_blake2_256_root_version_1', ctx.putFat(input)), trieRootUnsorted(pairs, 0, blake2));
    assert.deepEqual(callRoot(ctx, 'ext_trie_blake2_256_root_version_2', ctx.putFat(input), 0), trieRootUnsorted(pairs, 0, blake2));
    assert.deepEqual(callRoot(ctx, 'ext_trie_blake2_256_root_version_2', ctx.putFat(input), 1), trieRootUnsorted(pairs, 1, blake2));
    assert.deepEqual(callRoot(ctx, 'ext_trie_keccak_256_root_version_1', ctx.putFat(input)), trieRootUnsorted(pairs, 0, keccak));
    assert.deepEqual(callRoot(ctx, 'ext_trie_keccak_256_root_version_2', ctx.putFat(input), 1), trieRootUnsorted(pairs, 1, keccak));
    assert.notDeepEqual(trieRootUnsorted(pairs, 0, blake2), trieRootUnsorted(pairs, 1, blake2));
  });

  it('should compute ordered roots (keys Compact<u32>(i))', async () => {
    const ctx = await makeFakeContext();
    const values = [utf8('a'), utf8('b'), new Uint8Array(40)];
    const input = encVecs(values);
    assert.deepEqual(callRoot(ctx, 'ext_trie_blake2_256_ordered_root_version_1', ctx.putFat(input)), orderedTrieRoot(values, 0, blake2));
    assert.deepEqual(callRoot(ctx, 'ext_trie_blake2_256_ordered_root_version_2', ctx.putFat(input), 1), orderedTrieRoot(values, 1, blake2));
    assert.deepEqual(callRoot(ctx, 'ext_trie_keccak_256_ordered_root_version_2', ctx.putFat(input), 0), orderedTrieRoot(values, 0, keccak));
    assert.deepEqual(callRoot(ctx, 'ext_trie_keccak_256_ordered_root_version_1', ctx.putFat(encVecs([]))), keccak(new Uint8Array([0])));
  });

  it('should truncate the state version to u8 and trap on anything but 0 or 1', async () => {
    const ctx = await makeFakeContext();
    const pairs = [pair('k', 'v'.repeat(40))];
    const input = ctx.putFat(encPairs(pairs));
    assert.deepEqual(callRoot(ctx, 'ext_trie_blake2_256_root_version_2', input, 256), trieRoot(pairs, 0, blake2));
    assert.deepEqual(callRoot(ctx, 'ext_trie_blake2_256_root_version_2', input, 257), trieRoot(pairs, 1, blake2));
    for (const bad of [2, 255, -1]) {
      assert.throws(
        () => callRoot(ctx, 'ext_trie_blake2_256_root_version_2', input, bad),
        (err) => isSwxError(err, 'HOST_BAD_ARGUMENT') && err.context.hostFunction === 'ext_trie_blake2_256_root_version_2',
      );
    }
  });

  it('should reject malformed SCALE input and ignore trailing bytes', async () => {
    const ctx = await makeFakeContext();
    const good = encPairs([pair('a', 'b')]);
    for (const bad of [good.subarray(0, good.length - 1), Uint8Array.of(0x04, 0x04), Uint8Array.of(0x01)]) {
      assert.throws(
        () => callRoot(ctx, 'ext_trie_blake2_256_root_version_1', ctx.putFat(bad)),
        (err) => isSwxError(err, 'HOST_BAD_ARGUMENT') && err.context.hostFunction === 'ext_trie_blake2_256_root_version_1',
      );
    }
    assert.throws(() => callRoot(ctx, 'ext_trie_blake2_256_ordered_root_version_1', ctx.putFat(Uint8Array.of(0x08, 0x04))), (err) => isSwxError(err, 'HOST_BAD_ARGUMENT'));
    const trailing = concatBytes(good, Uint8Array.of(0xff, 0xff));
    assert.deepEqual(callRoot(ctx, 'ext_trie_blake2_256_root_version_1', ctx.putFat(trailing)), trieRoot([pair('a', 'b')], 0, blake2));
  });

  describe('verify_proof', () => {
    const entries = [pair('alfa', 'x'.repeat(40)), pair('bravo', 'bravo'), pair('do', 'verb'), pair('dog', 'puppy')];

    async function verify(name: string, version: 0 | 1, key: string, value: Uint8Array, proofFor = key, callVersion?: number): Promise<number> {
      const ctx = await makeFakeContext();
      const h = name.includes('keccak') ? keccak : blake2;
      const root = trieRoot(entries, version, h);
      const proof = generateProof(entries, [utf8(proofFor)], version, h);
      const args: Array<number | bigint> = [ctx.put(root), ctx.putFat(encVecs(proof)), ctx.putFat(utf8(key)), ctx.putFat(value)];
      if (callVersion !== undefined) args.push(callVersion);
      return bindHost(TRIE_HOST_FUNCTIONS, name, ctx)(...args) as number;
    }

    it('should accept a valid V0 proof (version 1 functions are V0)', async () => {
      assert.equal(await verify('ext_trie_blake2_256_verify_proof_version_1', 0, 'dog', utf8('puppy')), 1);
      assert.equal(await verify('ext_trie_keccak_256_verify_proof_version_1', 0, 'dog', utf8('puppy')), 1);
      assert.equal(await verify('ext_trie_blake2_256_verify_proof_version_2', 0, 'dog', utf8('puppy'), 'dog', 0), 1);
    });

    it('should honour the layout of version 2 for hashed values', async () => {
      const v = utf8('x'.repeat(40));
      assert.equal(await verify('ext_trie_blake2_256_verify_proof_version_2', 1, 'alfa', v, 'alfa', 1), 1);
      assert.equal(await verify('ext_trie_keccak_256_verify_proof_version_2', 1, 'alfa', v, 'alfa', 1), 1);
      assert.equal(await verify('ext_trie_blake2_256_verify_proof_version_2', 1, 'alfa', v, 'alfa', 0), 0);
      assert.equal(await verify('ext_trie_blake2_256_verify_proof_version_1', 1, 'alfa', v), 0);
    });

    it('should return 0 for a wrong value, a key the proof does not cover, or an absent key', async () => {
      const name = 'ext_trie_blake2_256_verify_proof_version_1';
      assert.equal(await verify(name, 0, 'dog', utf8('kitten')), 0);
      assert.equal(await verify(name, 0, 'bravo', utf8('bravo'), 'dog'), 0);
      assert.equal(await verify(name, 0, 'dot', utf8(''), 'dot'), 0);
    });

    it('should trap on a bad state version or undecodable proof list', async () => {
      await assert.rejects(verify('ext_trie_blake2_256_verify_proof_version_2', 0, 'dog', utf8('puppy'), 'dog', 7), (err) => isSwxError(err, 'HOST_BAD_ARGUMENT'));
      const ctx = await makeFakeContext();
      const f = bindHost(TRIE_HOST_FUNCTIONS, 'ext_trie_blake2_256_verify_proof_version_1', ctx);
      assert.throws(() => f(ctx.put(new Uint8Array(32)), ctx.putFat(Uint8Array.of(0x04, 0x08)), ctx.putFat(utf8('k')), ctx.putFat(utf8('v'))), (err) => isSwxError(err, 'HOST_BAD_ARGUMENT'));
      assert.throws(() => f(0xfffffff0, ctx.putFat(encVecs([])), ctx.putFat(utf8('k')), ctx.putFat(utf8('v'))), (err) => isSwxError(err, 'HOST_OUT_OF_BOUNDS'));
    });
  });
});
