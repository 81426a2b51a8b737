/**
 * Genesis state roots and hashes of real chain specs (corpus `vectors/genesis.json`),
 * and child roots of real child-trie states (corpus `blocks/child-trie-*.json.gz`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromHex, toHex, utf8 } from '../../src/base/bytes.js';
import { backendFromChainSpec } from '../../src/state/chain-spec.js';
import { genesisHash, genesisHeader, genesisStateRoot, withChildRoots } from '../../src/state/genesis.js';
import { encodeHeader } from '../../src/state/header.js';
import { InMemoryBackend } from '../../src/state/backend.js';
import { readCorpusJson, skipUnlessCorpus } from '../support/corpus.js';
import { hashersP, textBackend } from './helpers.js';
import { trieRoot } from '../../src/trie/index.js';

interface GenesisVectors {
  chains: Record<string, { chain_spec: string; state_root_v0: string; state_root_v1: string; genesis_hash_v0: string; genesis_hash_v1: string }>;
}

test('genesis state root and hash of every corpus chain spec, V0 and V1', { skip: skipUnlessCorpus('vectors/genesis.json') }, async () => {
  const h = await hashersP;
  const vectors = readCorpusJson<GenesisVectors>('vectors/genesis.json');
  for (const [name, c] of Object.entries(vectors.chains)) {
    const backend = backendFromChainSpec(readCorpusJson(c.chain_spec));
    for (const v of [0, 1] as const) {
      const root = genesisStateRoot(backend, v, h.blake2_256);
      assert.equal(toHex(root), v === 0 ? c.state_root_v0 : c.state_root_v1, `${name} state root V${v}`);
      assert.equal(toHex(genesisHash(root, h)), v === 0 ? c.genesis_hash_v0 : c.genesis_hash_v1, `${name} genesis hash V${v}`);
    }
  }
});

test('the genesis header: zero parent, number 0, empty extrinsics root, no digest', async () => {
  const h = await hashersP;
  const root = new Uint8Array(32).fill(0xab);
  const header = genesisHeader(root, h);
  assert.equal(toHex(header.extrinsicsRoot), '0x03170a2e7597b7b7e3d84c05391d139a62b157e78786d8c082f29dcf4c111314');
  assert.equal(
    toHex(encodeHeader(header)),
    '0x' + '00'.repeat(32) + '00' + 'ab'.repeat(32) + '03170a2e7597b7b7e3d84c05391d139a62b157e78786d8c082f29dcf4c111314' + '00',
  );
  assert.equal(toHex(genesisHash(root, h)), toHex(h.blake2_256(encodeHeader(header))));
});

test('child tries enter the genesis root through their roots; empty ones not at all', async () => {
  const h = await hashersP;
  const backend = textBackend({ a: '1' }, { kid: { k: 'v' }, empty: {} });
  const childRoot = trieRoot([[utf8('k'), utf8('v')]], 1, h.blake2_256);
  const expected = trieRoot(
    [
      [utf8(':child_storage:default:kid'), childRoot],
      [utf8('a'), utf8('1')],
    ],
    1,
    h.blake2_256,
  );
  assert.equal(toHex(genesisStateRoot(backend, 1, h.blake2_256)), toHex(expected));
  const full = withChildRoots(backend, 1, h.blake2_256);
  assert.equal(toHex(full.get(utf8(':child_storage:default:kid'))!), toHex(childRoot));
  assert.deepEqual(full.childStorageKeys().map((k) => new TextDecoder().decode(k)), ['kid']);
  assert.equal(backend.get(utf8(':child_storage:default:kid')), undefined, 'input backend untouched');
});

const CHILD_BLOCKS = ['child-trie-read-basic', 'child-trie-destroy', 'child-trie-create-multiple'];

test('child roots computed from real child-trie states equal the roots stored in their top trie (V1)', { skip: skipUnlessCorpus(...CHILD_BLOCKS.map((f) => `blocks/${f}.json.gz`)) }, async () => {
  const h = await hashersP;
  for (const f of CHILD_BLOCKS) {
    const d = readCorpusJson<{ parentStorage: { mainTrie: Record<string, string>; childTries: Record<string, Record<string, string>> } }>(`blocks/${f}.json.gz`);
    const pairs = (o: Record<string, string>): Array<[Uint8Array, Uint8Array]> => Object.entries(o).map(([k, v]) => [fromHex(k), fromHex(v)]);
    const backend = InMemoryBackend.fromEntries(
      pairs(d.parentStorage.mainTrie),
      Object.entries(d.parentStorage.childTries).map(([sk, o]) => [fromHex(sk), pairs(o)] as const),
    );
    const recomputed = withChildRoots(backend, 1, h.blake2_256);
    assert.deepEqual(
      recomputed.entries().map(([k, v]) => [toHex(k), toHex(v)]),
      backend.entries().map(([k, v]) => [toHex(k), toHex(v)]),
      f,
    );
  }
});
