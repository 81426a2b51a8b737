/**
 * Compact proofs. The scenarios mirror paritytech/trie `trie-db/test/src/proof.rs`
 * on the Substrate layouts; the hand-built vectors follow `proof/generate.rs`.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { toHexRaw } from '../../src/base/bytes.js';
import { explainProof, generateProof, trieRoot, verifyProof, type TrieEntry, type TrieVersion } from '../../src/trie/index.js';
import { testHashers } from '../support/fake-context.js';
import { e, fill, hex, randomBytes, randomEntries, rng, testSeed, withSeed } from './support.js';

const { blake2_256: blake2, keccak_256: keccak } = await testHashers;
const utf = (s: string): Uint8Array => e(s, '')[0];

// trie-db's test entries. With the Substrate layout: root = branch "6" with children
// 1 (alfa: hashed leaf), 2 (bravo: inline leaf), 4 (do: hashed branch → dog → doge), 8 (inline branch "6f7": horse, house).
const ENTRIES: TrieEntry[] = [
  e('alfa', fill(32, 0)),
  e('bravo', 'bravo'),
  e('do', 'verb'),
  e('dog', 'puppy'),
  e('doge', fill(32, 0)),
  e('horse', 'stallion'),
  e('house', 'building'),
];
const lookup = (entries: TrieEntry[], key: Uint8Array): Uint8Array | undefined => entries.find(([k]) => toHexRaw(k) === toHexRaw(key))?.[1];

function prove(version: TrieVersion, keys: string[], entries = ENTRIES) {
  const k = keys.map(utf);
  const root = trieRoot(entries, version, blake2);
  const proof = generateProof(entries, k, version, blake2);
  const items = k.map((key) => [key, lookup(entries, key)] as const);
  return { root, proof, items };
}

for (const version of [0, 1] as TrieVersion[]) {
  describe(`compact proofs, layout V${version}`, () => {
    it('should prove present and absent keys (leaf miss, branch miss, empty child, inline branch)', () => {
      const { root, proof, items } = prove(version, ['do', 'dog', 'doge', 'bravo', 'alfabet', 'd', 'do\x10', 'halp']);
      assert.equal(explainProof(root, proof, items, version, blake2), undefined);
    });

    it('should prove two keys on one path (do, dog)', () => {
      const entries = [e('do', 'verb'), e('dog', 'puppy')];
      const { root, proof, items } = prove(version, ['do', 'dog'], entries);
      assert.ok(verifyProof(root, proof, items, version, blake2));
    });

    it('should prove absence in the empty trie with the single empty node', () => {
      const { root, proof, items } = prove(version, ['alpha', 'bravo', 'BB'], []);
      assert.deepEqual(proof.map(toHexRaw), ['00']);
      assert.ok(verifyProof(root, proof, items, version, blake2));
      assert.equal(explainProof(root, proof, [[utf('alpha'), utf('x')]], version, blake2), 'ValueMismatch');
    });

    it('should reject duplicate keys', () => {
      const { root, proof } = prove(version, ['bravo']);
      assert.equal(explainProof(root, proof, [[utf('bravo'), utf('bravo')], [utf('bravo'), utf('bravo')]], version, blake2), 'DuplicateKey');
    });

    it('should reject a node left over after the proven keys', () => {
      const { root, proof } = prove(version, ['bravo', 'do']);
      assert.equal(explainProof(root, proof, [[utf('bravo'), utf('bravo')]], version, blake2), 'ExtraneousNode');
    });

    it('should reject a value that should have been omitted', () => {
      const { root, proof } = prove(version, ['doge']);
      assert.equal(explainProof(root, proof, [[utf('do'), utf('verb')], [utf('doge'), fill(32, 0)]], version, blake2), 'ExtraneousValue');
    });

    it('should reject a lookup through a hash reference', () => {
      const { root, proof } = prove(version, ['do']);
      assert.equal(explainProof(root, proof, [[utf('alfa'), fill(32, 0)], [utf('do'), utf('verb')]], version, blake2), 'ExtraneousHashReference');
    });

    it('should reject an inline node that a claimed value makes longer than 32 bytes', () => {
      const { root, proof } = prove(version, ['bravo']);
      assert.equal(explainProof(root, proof, [[utf('bravo'), fill(32, 0)]], version, blake2), 'InvalidChildReference');
    });

    it('should reject a claimed value for an absent key, and absence for a present key', () => {
      let p = prove(version, ['horse']);
      assert.equal(explainProof(p.root, p.proof, [[utf('horse'), utf('stallion')], [utf('halp'), utf('plz')]], version, blake2), 'ValueMismatch');
      p = prove(version, ['alfa', 'bravo']);
      assert.equal(explainProof(p.root, p.proof, [[utf('alfa'), fill(32, 0)], [utf('bravo'), undefined]], version, blake2), 'ValueMismatch');
    });

    it('should reject a proof missing a node', () => {
      const { root, proof, items } = prove(version, ['alfa']);
      assert.equal(explainProof(root, proof.slice(0, -1), items, version, blake2), 'IncompleteProof');
      assert.equal(explainProof(root, [], items, version, blake2), 'IncompleteProof');
    });

    it('should reject a wrong value (root mismatch)', () => {
      const { root, proof } = prove(version, ['bravo']);
      assert.equal(explainProof(root, proof, [[utf('bravo'), utf('incorrect')]], version, blake2), 'RootMismatch');
    });

    it('should reject an undecodable node', () => {
      const { root, proof, items } = prove(version, ['bravo']);
      assert.equal(explainProof(root, [utf('this is not a trie node'), ...proof], items, version, blake2), 'DecodeError');
    });

    it('should accept no items only with an empty proof (whatever the root)', () => {
      assert.ok(verifyProof(fill(32, 1), [], [], version, blake2));
      assert.equal(explainProof(fill(32, 1), [hex('00')], [], version, blake2), 'ExtraneousNode');
    });

    it('should generate, verify and reject tampered proofs on random tries', async () => {
      const seed = testSeed();
      await withSeed(seed, () => {
        const next = rng(seed);
        for (let round = 0; round < 40; round++) {
          const entries = randomEntries(next, 1 + (next() % 200));
          const root = trieRoot(entries, version, blake2);
          const keys: Uint8Array[] = [];
          for (let i = 0, n = 1 + (next() % 6); i < n; i++) {
            keys.push(next() % 2 === 0 ? entries[next() % entries.length]![0] : randomBytes(next, next() % 34));
          }
          const proof = generateProof(entries, keys, version, blake2);
          const unique = [...new Map(keys.map((k) => [toHexRaw(k), k])).values()];
          const items = unique.map((k) => [k, lookup(entries, k)] as const);
          assert.equal(explainProof(root, proof, items, version, blake2), undefined, `round ${round}`);
          // Any flipped byte breaks it.
          const node = next() % proof.length;
          const at = next() % proof[node]!.length;
          const flip = 1 + (next() % 255);
          const tampered = proof.map((p, i) => (i === node ? p.map((b, j) => (j === at ? b ^ flip : b)) : p));
          assert.equal(verifyProof(root, tampered, items, version, blake2), false, `tampered round ${round}`);
          // So does claiming another value for a present key, or presence for an absent one.
          const [k, v] = items[0]!;
          assert.equal(verifyProof(root, proof, [[k, v === undefined ? hex('00') : Uint8Array.from([...v, 1])], ...items.slice(1)], version, blake2), false);
          // Or the proof under another root.
          assert.equal(verifyProof(blake2(root), proof, items, version, blake2), false);
        }
      });
    });
  });
}

describe('compact proof encoding', () => {
  it('should omit the proven value of a leaf as an empty inline value', () => {
    const entries = [e(hex('aa'), hex('bb'))];
    const proof = generateProof(entries, [hex('aa')], 0, blake2);
    assert.deepEqual(proof.map(toHexRaw), ['42aa00']);
    assert.ok(verifyProof(trieRoot(entries, 0, blake2), proof, [[hex('aa'), hex('bb')]], 0, blake2));
  });

  it('should keep inline children inline, with their own omissions', () => {
    const entries = [e(hex('1314'), hex('ff')), e(hex('4819'), hex('fe'))];
    const proof = generateProof(entries, [hex('4819')], 0, blake2);
    // Root branch: child 1 untouched, child 4 = the leaf with its value omitted.
    assert.deepEqual(proof.map(toHexRaw), ['80' + '1200' + '14' + '43031404ff' + '10' + '43081900']);
  });

  it('should list hash-referenced nodes in pre-order, each reference to one omitted', () => {
    const entries = [e(hex('10'), fill(40, 1)), e(hex('20'), fill(40, 2))];
    const proof = generateProof(entries, [hex('10'), hex('20')], 0, blake2);
    assert.deepEqual(proof.map(toHexRaw), ['80' + '0600' + '00' + '00', '41' + '00' + '00', '41' + '00' + '00']);
  });

  it('should omit a V1 hashed value, the verifier hashing the claimed value itself', () => {
    const entries = [e('k', fill(40, 1))];
    const root = trieRoot(entries, 1, blake2);
    const proof = generateProof(entries, [utf('k')], 1, blake2);
    assert.deepEqual(proof.map(toHexRaw), ['426b00']);
    assert.ok(verifyProof(root, proof, [[utf('k'), fill(40, 1)]], 1, blake2));
    // Checked as V0, the value is rebuilt inline: another root.
    assert.equal(explainProof(root, proof, [[utf('k'), fill(40, 1)]], 0, blake2), 'RootMismatch');
  });

  it('should reject a hashed value left in the proof for a proven key', () => {
    const entries = [e('k', fill(40, 1))];
    const root = trieRoot(entries, 1, blake2);
    const full = hex('226b' + toHexRaw(blake2(fill(40, 1))));
    assert.equal(explainProof(root, [full], [[utf('k'), fill(40, 1)]], 1, blake2), 'ExtraneousValue');
  });

  it('should work with keccak-256', () => {
    const root = trieRoot(ENTRIES, 0, keccak);
    const proof = generateProof(ENTRIES, [utf('dog'), utf('nope')], 0, keccak);
    assert.ok(verifyProof(root, proof, [[utf('dog'), utf('puppy')], [utf('nope'), undefined]], 0, keccak));
  });

  it('should give no proof for no keys', () => {
    assert.deepEqual(generateProof(ENTRIES, [], 0, blake2), []);
  });
});
