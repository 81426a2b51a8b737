/**
 * A state known by its root and proofs (ProofBackend): reads through the
 * nodes held, and storage roots after a call computed from the changed keys'
 * proofs only (the `rootAfter` hook), equal to the full recomputation: on
 * child tries and, for real, on Kusama block 1 executed over the genesis
 * state held as proofs only.
 */
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { compareBytes, toHex, toHexRaw } from '../../src/base/bytes.js';
import { createHashers, type Hashers } from '../../src/base/hashing.js';
import { isSwxError } from '../../src/base/errors.js';
import { createDecompressor, type Decompressor } from '../../src/blob/index.js';
import { generateStorageProof, trieRoot, type TrieVersion } from '../../src/trie/index.js';
import {
  InMemoryBackend,
  StateMachine,
  backendFromChainSpec,
  backendFromStorageDump,
  decodeHeader,
  encodeBlock,
  keyStr,
  mergeEntries,
  withChildRoots,
  type SortedEntries,
  type StorageBackend,
} from '../../src/state/index.js';
import { ProofBackend, type ProofFetcher } from '../../src/state/proof-backend.js';
import { runtimeFromState } from '../../src/executor/index.js';
import { parseBlockJson } from '../../src/cli/block-json.js';
import { readCorpus, skipUnlessCorpus } from '../support/corpus.js';
import { b, hashersP } from './helpers.js';

let tools: { hashers: Hashers; decompressor: Decompressor };
before(async () => {
  tools = { hashers: await createHashers(), decompressor: await createDecompressor() };
});
const blake2 = (await hashersP).blake2_256;

/** What a node answers to `state_getReadProof` / `state_getChildReadProof` for the full state `full`. */
function proofServer(full: InMemoryBackend, version: TrieVersion): ProofFetcher & { requests: number } {
  const f = async (keys: Uint8Array[], sk: Uint8Array | undefined): Promise<Uint8Array[]> => {
    f.requests++;
    return generateStorageProof(sk === undefined ? full.entries() : full.childEntries(sk), keys, version, blake2);
  };
  f.requests = 0;
  return f;
}

/** Number of nodes (and value nodes) of every trie of `full`. */
function nodeCount(full: InMemoryBackend, version: TrieVersion): number {
  const all = (entries: SortedEntries): number => generateStorageProof(entries, entries.map(([k]) => k), version, blake2).length;
  return all(full.entries()) + full.childStorageKeys().reduce((n, sk) => n + all(full.childEntries(sk)), 0);
}

for (const version of [0, 1] as TrieVersion[]) {
  describe(`ProofBackend, layout V${version}`, () => {
    const top: Record<string, string> = {};
    for (let i = 0; i < 300; i++) top[`key${i}`] = i % 3 === 0 ? `a long value of more than thirty-two bytes ${i}` : `v${i}`;
    const kids: Record<string, Record<string, string>> = { alpha: {}, beta: { only: 'one' } };
    for (let i = 0; i < 100; i++) kids['alpha']![`c${i}`] = `child value ${i}`;
    const full = withChildRoots(
      InMemoryBackend.fromEntries(
        Object.entries(top).map(([k, v]) => [b(k), b(v)]),
        Object.entries(kids).map(([sk, o]) => [b(sk), Object.entries(o).map(([k, v]) => [b(k), b(v)] as const)] as const),
      ),
      version,
      blake2,
    );
    const root = trieRoot(full.entries(), version, blake2);

    /** The same calls on a state machine: set, clear (collapsing branches), child writes, a child trie emptied. */
    const play = (sm: StateMachine): void => {
      for (let i = 0; i < 300; i += 7) sm.clear(b(`key${i}`));
      for (let i = 10; i < 20; i++) sm.clear(b(`key${i}`)); // a whole subtree: key10..key19
      sm.set(b('key1'), b('changed'));
      sm.set(b('key3'), b(top['key3']!)); // rewritten unchanged
      sm.set(b('new key'), b('x'.repeat(40)));
      for (let i = 0; i < 100; i += 3) sm.childClear(b('alpha'), b(`c${i}`));
      sm.childSet(b('alpha'), b('c5'), b('new child value'));
      sm.childClear(b('beta'), b('only')); // beta ends empty: its root key is deleted
      sm.childSet(b('gamma'), b('born'), b('here')); // a child trie created
    };

    it('should give the in-memory storage root from the changed keys’ proofs, never enumerating the state', async () => {
      const reference = new StateMachine(full, { hash: blake2 });
      play(reference);
      const expected = reference.storageRoot(version);

      const state = new ProofBackend(root, { hash: blake2 });
      const sm = new StateMachine(state, { hash: blake2 });
      play(sm); // writes only: no read needs a node
      const server = proofServer(full, version);
      const computed = await state.storageRootAfterAsync(sm.diff(), version, server);
      assert.equal(toHex(computed), toHex(expected));
      // The state machine's own root goes through the hook, with the nodes now held.
      assert.equal(toHex(sm.storageRoot(version)), toHex(expected));
      assert.ok(state.store.size < nodeCount(full, version), `${state.store.size} nodes held of ${nodeCount(full, version)}`);
      assert.throws(() => state.entries(), (e) => isSwxError(e, 'TRIE_INCOMPLETE'));

      // The state after: readable where it changed, from the nodes held plus the new ones.
      assert.equal(toHex(state.afterChanges(sm.diff(), version).stateRoot), toHex(expected));
      const after = new ProofBackend(expected, { hash: blake2, store: state.store }); // nodes only, no known values
      assert.deepEqual(after.get(b('key1')), b('changed'));
      assert.equal(after.get(b('key14')), undefined);
      assert.deepEqual(after.childGet(b('alpha'), b('c5')), b('new child value'));
      assert.equal(after.childGet(b('alpha'), b('c3')), undefined);
      assert.equal(after.childGet(b('beta'), b('only')), undefined);
      assert.deepEqual(after.childGet(b('gamma'), b('born')), b('here'));
    });

    it('should compute top and child roots from the root alone, fetching what they touch', async () => {
      const state = new ProofBackend(root, { hash: blake2 });
      const server = proofServer(full, version);
      const childChanges = [[b('c1'), null], [b('c2'), b('two')], [b('c99x'), b('new')]] as const;
      const childAfter = mergeEntries(full.childEntries(b('alpha')), childChanges.map(([k, v]) => [keyStr(k), v] as const));
      assert.equal(toHex(await state.childRootAfterAsync(b('alpha'), childChanges, version, server)), toHex(trieRoot(childAfter, version, blake2)));
      const topChanges = [[b('key5'), null], [b('key6'), b('six')]] as const;
      const topAfter = mergeEntries(full.entries(), topChanges.map(([k, v]) => [keyStr(k), v] as const));
      assert.equal(toHex(await state.rootAfterAsync(topChanges, version, server)), toHex(trieRoot(topAfter, version, blake2)));
    });

    it('should read top and child values through proofs, naming the missing node otherwise', async () => {
      const state = new ProofBackend(root, { hash: blake2 });
      const server = proofServer(full, version);
      try {
        state.get(b('key42'));
        assert.fail('read without nodes');
      } catch (e) {
        assert.ok(isSwxError(e, 'TRIE_INCOMPLETE'));
        const missing = e.context['missing'] as Array<{ hash: Uint8Array; key: Uint8Array }>;
        assert.equal(toHex(missing[0]!.hash), toHex(root));
      }
      assert.equal(toHex((await state.getAsync(b('key42'), server))!), toHex(b(top['key42']!)));
      assert.deepEqual(await state.nextKeyAsync(b('key42'), server), b('key43'));
      state.addNodes(await server([b(':child_storage:default:alpha')], undefined));
      state.addNodes(await server([b('c7'), b('c70')], b('alpha')));
      assert.deepEqual(state.childGet(b('alpha'), b('c7')), b('child value 7'));
      assert.deepEqual(state.childNextKey(b('alpha'), b('c7')), b('c70'));
      assert.equal(state.childGet(b('nobody'), b('c7')), undefined);
      await assert.rejects(state.getAsync(b('key7'), async () => []), (e) => isSwxError(e, 'TRIE_INCOMPLETE'));
      const known = new ProofBackend(root, { hash: blake2, known: [[b('key42'), b('told')]] });
      assert.deepEqual(known.get(b('key42')), b('told'));
    });

    it('should enumerate like the in-memory backend when it holds every node', () => {
      const everything = generateStorageProof(full.entries(), full.entries().map(([k]) => k), version, blake2);
      const kidsNodes = full.childStorageKeys().flatMap((sk) => generateStorageProof(full.childEntries(sk), full.childEntries(sk).map(([k]) => k), version, blake2));
      const state = new ProofBackend(root, { hash: blake2, nodes: [...everything, ...kidsNodes] });
      assert.deepEqual(state.entries().map(([k, v]) => [toHexRaw(k), toHexRaw(v)]), full.entries().map(([k, v]) => [toHexRaw(k), toHexRaw(v)]));
      assert.deepEqual(state.childStorageKeys(), full.childStorageKeys());
      assert.deepEqual([...state.keys(b('key2'), b('key25'))], [...full.keys(b('key2'), b('key25'))]);
      assert.deepEqual([...state.childKeys(b('alpha'), b('c1'))], [...full.childKeys(b('alpha'), b('c1'))]);
    });
  });
}

/** A backend recording every key a call reads or gets as a next key (top trie, and per child trie). */
class RecordingBackend implements StorageBackend {
  readonly touched = new Map<string, Uint8Array>();
  readonly childTouched = new Map<string, { sk: Uint8Array; keys: Map<string, Uint8Array> }>();
  constructor(private readonly inner: InMemoryBackend) {}
  private note(k: Uint8Array | undefined): void {
    if (k !== undefined) this.touched.set(toHexRaw(k), k.slice()); // host functions pass views of Wasm memory
  }
  private noteChild(sk: Uint8Array, k: Uint8Array | undefined): void {
    this.note(new Uint8Array([...b(':child_storage:default:'), ...sk])); // reading a child trie reads its root
    let c = this.childTouched.get(toHexRaw(sk));
    if (c === undefined) this.childTouched.set(toHexRaw(sk), (c = { sk: sk.slice(), keys: new Map() }));
    if (k !== undefined) c.keys.set(toHexRaw(k), k.slice());
  }
  get(key: Uint8Array) {
    this.note(key);
    return this.inner.get(key);
  }
  nextKey(key: Uint8Array) {
    this.note(key);
    const n = this.inner.nextKey(key);
    this.note(n);
    return n;
  }
  *keys(prefix: Uint8Array, startAt?: Uint8Array) {
    this.note(prefix);
    for (const k of this.inner.keys(prefix, startAt)) {
      this.note(k);
      yield k;
    }
  }
  entries() {
    return this.inner.entries();
  }
  childGet(sk: Uint8Array, key: Uint8Array) {
    this.noteChild(sk, key);
    return this.inner.childGet(sk, key);
  }
  childNextKey(sk: Uint8Array, key: Uint8Array) {
    this.noteChild(sk, key);
    const n = this.inner.childNextKey(sk, key);
    this.noteChild(sk, n);
    return n;
  }
  *childKeys(sk: Uint8Array, prefix: Uint8Array, startAt?: Uint8Array) {
    this.noteChild(sk, prefix);
    for (const k of this.inner.childKeys(sk, prefix, startAt)) {
      this.noteChild(sk, k);
      yield k;
    }
  }
  childEntries(sk: Uint8Array) {
    return this.inner.childEntries(sk);
  }
  childStorageKeys() {
    // Listing child tries walks the keys under `:child_storage:default:` and the one after them.
    const prefix = b(':child_storage:default:');
    let last = prefix;
    for (const k of this.keys(prefix)) last = k;
    this.note(this.inner.nextKey(last));
    return this.inner.childStorageKeys();
  }
}

const skipKusama = skipUnlessCorpus('chain-specs/kusama.json.gz', 'blocks/kusama-block-1.json');
describe('Kusama block 1 on the genesis state held as proofs', { skip: skipKusama }, () => {
  it('computes the block’s state root (0xfabb0c6e…) from the proofs of the changed keys, and executes on proofs only', async () => {
    const genesis = withChildRoots(backendFromChainSpec(readCorpus('chain-specs/kusama.json.gz')), 0, blake2);
    assert.equal(genesis.childStorageKeys().length, 0);
    const block = parseBlockJson(readCorpus('blocks/kusama-block-1.json'));
    const input = encodeBlock(block.header, block.extrinsics);
    const runtime = await runtimeFromState(genesis, { services: tools });
    // Run once in memory, recording what the block reads, to know its changes.
    const recorder = new RecordingBackend(genesis);
    const ref = runtime.callSync('Core_execute_block', input, { state: recorder });
    const diff = (ref.storage as StateMachine).diff();
    const genesisRoot = trieRoot(genesis.entries(), 0, blake2);
    const total = nodeCount(genesis, 0);

    // The root from the proof of the changed keys (plus what the changes show missing).
    const state = new ProofBackend(genesisRoot, { hash: blake2 });
    const server = proofServer(genesis, 0);
    const root = await state.storageRootAfterAsync(diff, 0, server);
    assert.equal(toHex(root), '0xfabb0c6e92d29e8bb2167f3c6fb0ddeb956a4278a3cf853661af74a076fc9cb7');
    const forRoot = state.store.size;
    console.log(`Kusama block 1: ${diff.top.length} changed keys; root from ${forRoot} of ${total} genesis nodes in ${server.requests} proof requests`);

    // Without the nodes of what it reads, the call stops naming the node and a key to fetch it with.
    const bare = new ProofBackend(genesisRoot, { hash: blake2 });
    assert.throws(
      () => runtime.callSync('Core_execute_block', input, { state: bare }),
      (e) => isSwxError(e, 'TRIE_INCOMPLETE') && Array.isArray(e.context['missing']) && (e.context['missing'] as unknown[]).length === 1,
    );

    // Execute on a ProofBackend holding those nodes and the proof of what the block reads: the
    // runtime's own state-root check passes, and the state is never enumerated (it could not be).
    const read = [...recorder.touched.values()].sort(compareBytes);
    state.addNodes(await server(read, undefined));
    console.log(`  executing on proofs only: ${state.store.size} of ${total} nodes (${read.length} keys read)`);
    const onProofs = runtime.callSync('Core_execute_block', input, { state });
    assert.equal(toHex((onProofs.storage as StateMachine).storageRoot(0)), toHex(root));
    assert.throws(() => state.entries(), (e) => isSwxError(e, 'TRIE_INCOMPLETE'));

    // The state after the block, for the next one: the new root over the same store plus the new nodes.
    const next = state.afterChanges(diff, 0);
    assert.equal(toHex(next.stateRoot), toHex(root));
    const expected = new Map(diff.top.map(([k, v]) => [toHexRaw(k), v]));
    const plain = new ProofBackend(root, { hash: blake2, store: state.store }); // no known values: nodes only
    for (const [k] of diff.top) assert.deepEqual(plain.get(k), expected.get(toHexRaw(k)) ?? undefined);
  });
});

for (const name of ['create-one', 'create-multiple', 'read-basic', 'destroy']) {
  const file = `blocks/child-trie-${name}.json.gz`;
  describe(`child-trie block ${name} on its parent state held as proofs`, { skip: skipUnlessCorpus(file) }, () => {
    it('executes with child roots from the partial tries (trie V1), the runtime checking the state root', async () => {
      const raw = readCorpus(file);
      const parent = withChildRoots(backendFromStorageDump(JSON.parse(new TextDecoder().decode(raw))), 1, blake2);
      const block = parseBlockJson(raw);
      const input = encodeBlock(block.header, block.extrinsics);
      const runtime = await runtimeFromState(parent, { services: tools });
      const recorder = new RecordingBackend(parent);
      const diff = (runtime.callSync('Core_execute_block', input, { state: recorder }).storage as StateMachine).diff();

      const state = new ProofBackend(trieRoot(parent.entries(), 1, blake2), { hash: blake2 });
      const server = proofServer(parent, 1);
      const expected = decodeHeader(block.header).stateRoot;
      assert.equal(toHex(await state.storageRootAfterAsync(diff, 1, server)), toHex(expected));
      state.addNodes(await server([...recorder.touched.values()], undefined));
      for (const { sk, keys } of recorder.childTouched.values()) if (keys.size > 0) state.addNodes(await server([...keys.values()], sk));
      const onProofs = runtime.callSync('Core_execute_block', input, { state });
      assert.equal(toHex((onProofs.storage as StateMachine).storageRoot(1)), toHex(expected));
      console.log(`child-trie ${name}: ${diff.top.length} top and ${diff.children.length} child trie(s) changed; ${state.store.size} of ${nodeCount(parent, 1)} nodes held`);
    });
  });
}
