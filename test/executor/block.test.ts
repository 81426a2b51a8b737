/**
 * Issue "state, trie and storage" acceptance: genesis roots and hashes of the
 * corpus chain specs (V0 and V1 layouts), real blocks executed on their parent
 * state (the runtime itself checks the resulting state root against the
 * header), and a tampered block that fails without touching the parent state.
 */
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { createHashers, type Hashers } from '../../src/base/hashing.js';
import { fromHex, toHex } from '../../src/base/bytes.js';
import { isSwxError } from '../../src/base/errors.js';
import { createDecompressor, type Decompressor } from '../../src/blob/index.js';
import { backendFromChainSpec, decodeHeader, genesisStateRoot, type StorageBackend } from '../../src/state/index.js';
import { executeBlock, genesisInfo, withMissingChildRoots } from '../../src/executor/index.js';
import { backendFromStorageDump } from '../../src/state/index.js';
import { parseBlockJson } from '../../src/cli/block-json.js';
import { readCorpus, readCorpusJson, skipUnlessCorpus } from '../support/corpus.js';

let tools: { hashers: Hashers; decompressor: Decompressor };
before(async () => {
  tools = { hashers: await createHashers(), decompressor: await createDecompressor() };
});

interface GenesisVector {
  chain_spec: string;
  state_root_v0: string;
  state_root_v1: string;
  genesis_hash: string;
  state_root: string;
  expected_layout: 'v0' | 'v1';
}

const skipGenesis = skipUnlessCorpus('vectors/genesis.json');
const vectors = skipGenesis ? {} : readCorpusJson<{ chains: Record<string, GenesisVector> }>('vectors/genesis.json').chains;

describe('genesis of the corpus chain specs', { skip: skipGenesis }, () => {
  for (const [name, v] of Object.entries(vectors)) {
    it(`${name}: state root and genesis hash in the runtime's layout (${v.expected_layout})`, async () => {
      const state = backendFromChainSpec(readCorpus(v.chain_spec));
      const info = await genesisInfo(state, { services: tools });
      assert.equal(`v${info.stateVersion}`, v.expected_layout);
      assert.equal(toHex(info.stateRoot), v.state_root);
      assert.equal(toHex(info.genesisHash), v.genesis_hash);
    });
    it(`${name}: both layouts' roots (V0 ${v.state_root_v0.slice(0, 10)}…, V1 ${v.state_root_v1.slice(0, 10)}…)`, () => {
      const state = backendFromChainSpec(readCorpus(v.chain_spec));
      assert.equal(toHex(genesisStateRoot(state, 0, tools.hashers.blake2_256)), v.state_root_v0);
      assert.equal(toHex(genesisStateRoot(state, 1, tools.hashers.blake2_256)), v.state_root_v1);
    });
  }
});

/** Every top entry of a backend as hex pairs, to check it did not change. */
function fingerprint(state: StorageBackend): string {
  const h = tools.hashers.blake2_256;
  let acc: Uint8Array = new Uint8Array(32);
  for (const [k, v] of state.entries()) {
    const buf = new Uint8Array(32 + k.length + v.length);
    buf.set(acc, 0);
    buf.set(k, 32);
    buf.set(v, 32 + k.length);
    acc = h(buf);
  }
  return toHex(acc);
}

const skipKusama = skipUnlessCorpus('chain-specs/kusama.json.gz', 'blocks/kusama-block-1.json');
describe('Kusama block 1 on the Kusama genesis', { skip: skipKusama }, () => {
  it('executes, and the state root equals the header state root', async () => {
    const state = backendFromChainSpec(readCorpus('chain-specs/kusama.json.gz'));
    const block = parseBlockJson(readCorpus('blocks/kusama-block-1.json'));
    const res = await executeBlock(state, block, { services: tools });
    assert.equal(toHex(res.stateRoot), toHex(decodeHeader(block.header).stateRoot));
    assert.equal(toHex(res.stateRoot), '0xfabb0c6e92d29e8bb2167f3c6fb0ddeb956a4278a3cf853661af74a076fc9cb7');
  });

  it('with a tampered extrinsic fails with the runtime error and leaves the parent state unchanged', async () => {
    const state = backendFromChainSpec(readCorpus('chain-specs/kusama.json.gz'));
    const before = fingerprint(state);
    const block = parseBlockJson(readCorpus('blocks/kusama-block-1.json'));
    const tampered = block.extrinsics.map((x: Uint8Array) => x.slice());
    const first = tampered[0]!;
    first[first.length - 1] ^= 0x01; // the timestamp's last byte
    await assert.rejects(executeBlock(state, { header: block.header, extrinsics: tampered }, { services: tools }), (e) => {
      return isSwxError(e) && (e.code === 'RUNTIME_PANIC' || e.code === 'RUNTIME_TRAP') && e.context.method === 'Core_execute_block';
    });
    assert.equal(fingerprint(state), before);
    // The untouched block still executes on the same state object.
    await executeBlock(state, block, { services: tools });
  });
});

for (const name of ['create-one', 'create-multiple', 'read-basic', 'destroy']) {
  const file = `blocks/child-trie-${name}.json.gz`;
  describe(`child-trie block ${name}`, { skip: skipUnlessCorpus(file) }, () => {
    it('executes on its parent storage (trie V1, child roots in the top trie)', async () => {
      const raw = readCorpus(file);
      const json = JSON.parse(new TextDecoder().decode(raw));
      const state = backendFromStorageDump(json);
      const block = parseBlockJson(raw);
      const res = await executeBlock(state, block, { services: tools });
      assert.equal(toHex(res.stateRoot), toHex(decodeHeader(block.header).stateRoot));
      assert.ok(fromHex(toHex(res.stateRoot)).length === 32);
    });
  });
}

describe('withMissingChildRoots', () => {
  it('adds the missing child-trie roots of a raw chain spec under :child_storage:default:', async () => {
    const { InMemoryBackend } = await import('../../src/state/index.js');
    const { trieRoot } = await import('../../src/trie/index.js');
    const sk = new TextEncoder().encode('kid');
    const child: Array<[Uint8Array, Uint8Array]> = [[new Uint8Array([1]), new Uint8Array([2])]];
    const state = InMemoryBackend.fromEntries([[new Uint8Array([9]), new Uint8Array([9])]], [[sk, child]]);
    const full = withMissingChildRoots(state, 0, tools.hashers);
    const key = new TextEncoder().encode(':child_storage:default:kid');
    assert.equal(toHex(full.get(key)!), toHex(trieRoot(child, 0, tools.hashers.blake2_256)));
    assert.equal(withMissingChildRoots(full, 0, tools.hashers), full);
  });
});
