/**
 * Storage proofs: lookups through a set of full nodes, cross-checked with
 * chopsticks-executor's `decode_proof(root, nodes)` (sp-trie reading every
 * key/value the proof makes reachable).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fromHex, toHex, toHexRaw } from '../../src/base/bytes.js';
import { isSwxError } from '../../src/base/errors.js';
import { generateStorageProof, readProofValue, trieRoot, type TrieEntry, type TrieVersion } from '../../src/trie/index.js';
import { testHashers } from '../support/fake-context.js';
import { e, fill, randomBytes, randomEntries, rng, testSeed, withSeed } from './support.js';

const { blake2_256: blake2 } = await testHashers;

type DecodeProof = (root: string, nodes: string[]) => Promise<Array<[string, string]>>;
const oracle = (await import('@acala-network/chopsticks-executor')) as unknown as { decode_proof: DecodeProof };

const utf = (s: string): Uint8Array => e(s, '')[0];
const ENTRIES: TrieEntry[] = [e('alfa', fill(32, 0)), e('bravo', 'bravo'), e('do', 'verb'), e('dog', 'puppy'), e('doge', fill(40, 3)), e('horse', 'stallion'), e('house', 'building')];

for (const version of [0, 1] as TrieVersion[]) {
  describe(`storage proofs, layout V${version}`, () => {
    const root = trieRoot(ENTRIES, version, blake2);

    it('should read present and absent keys through the proof', () => {
      const keys = ['doge', 'do', 'dot', 'alfabet', 'house'].map(utf);
      const proof = generateStorageProof(ENTRIES, keys, version, blake2);
      assert.deepEqual(readProofValue(root, proof, utf('doge'), blake2), fill(40, 3));
      assert.deepEqual(readProofValue(root, proof, utf('do'), blake2), utf('verb'));
      assert.deepEqual(readProofValue(root, proof, utf('house'), blake2), utf('building'));
      assert.equal(readProofValue(root, proof, utf('dot'), blake2), undefined);
      assert.equal(readProofValue(root, proof, utf('alfabet'), blake2), undefined);
    });

    it('should contain the hashed value node only in V1', () => {
      const proof = generateStorageProof(ENTRIES, [utf('doge')], version, blake2);
      assert.equal(
        proof.some((n) => toHexRaw(n) === toHexRaw(fill(40, 3))),
        version === 1,
      );
    });

    it('should throw TRIE_PROOF_INVALID when a needed node is missing', () => {
      const proof = generateStorageProof(ENTRIES, [utf('alfa')], version, blake2);
      assert.throws(() => readProofValue(root, proof, utf('doge'), blake2), (err) => isSwxError(err, 'TRIE_PROOF_INVALID'));
      assert.throws(() => readProofValue(root, proof.slice(1), utf('alfa'), blake2), (err) => isSwxError(err, 'TRIE_PROOF_INVALID'));
      if (version === 1) {
        const withoutValue = generateStorageProof(ENTRIES, [utf('doge')], 1, blake2).filter((n) => n.length !== 40);
        assert.throws(() => readProofValue(root, withoutValue, utf('doge'), blake2), (err) => isSwxError(err, 'TRIE_PROOF_INVALID'));
      }
    });

    it('should read the empty trie without any node', () => {
      const empty = trieRoot([], version, blake2);
      assert.equal(readProofValue(empty, [], utf('x'), blake2), undefined);
      assert.deepEqual(generateStorageProof([], [utf('x')], version, blake2).map(toHexRaw), ['00']);
    });

    it('should expose exactly what sp-trie reads from the same proof (chopsticks decode_proof)', async () => {
      const seed = testSeed();
      await withSeed(seed, async () => {
        const next = rng(seed);
        for (let round = 0; round < 25; round++) {
          const entries = randomEntries(next, 1 + (next() % 150));
          const r = trieRoot(entries, version, blake2);
          const keys = Array.from({ length: 1 + (next() % 5) }, () => (next() % 2 === 0 ? entries[next() % entries.length]![0] : randomBytes(next, next() % 34)));
          const proof = generateStorageProof(entries, keys, version, blake2);
          const reachable = await oracle.decode_proof(toHex(r), proof.map(toHex));
          const byKey = new Map(entries.map(([k, v]) => [toHexRaw(k), v]));
          for (const [k, v] of reachable) {
            assert.equal(toHexRaw(byKey.get(k.slice(2))!), v.slice(2), `round ${round}: oracle value of ${k}`);
            assert.deepEqual(readProofValue(r, proof, fromHex(k), blake2), fromHex(v), `round ${round}: read ${k}`);
          }
          for (const k of keys) {
            const want = byKey.get(toHexRaw(k));
            assert.deepEqual(readProofValue(r, proof, k, blake2), want, `round ${round}: key ${toHexRaw(k)}`);
            if (want !== undefined) assert.ok(reachable.some(([rk]) => rk === toHex(k)), `round ${round}: oracle misses ${toHexRaw(k)}`);
          }
        }
      });
    });
  });
}
