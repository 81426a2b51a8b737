/**
 * Partial tries: reads and roots after changes computed from the nodes of a
 * storage proof only, byte-exact against the full recomputation (`trieRoot`
 * over the whole changed key set), for seeded random tries and change sets
 * (inserts, updates, deletes, whole subtrees deleted, branches collapsing),
 * in both layouts and across them (a V0 trie updated under V1 is hybrid).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compareBytes, toHex, toHexRaw } from '../../src/base/bytes.js';
import { isSwxError } from '../../src/base/errors.js';
import {
  NodeStore,
  PartialTrie,
  encodeNode,
  generateStorageProof,
  resolveMissing,
  trieRoot,
  type ChildRef,
  type MissingNode,
  type NodeValue,
  type TrieChange,
  type TrieEntry,
  type TrieHasher,
  type TrieVersion,
} from '../../src/trie/index.js';
import { commonNibblePrefix, keyNibbles, nibbleAt } from '../../src/trie/nibbles.js';
import { testHashers } from '../support/fake-context.js';
import { e, fill, randomBytes, randomEntries, rng, testSeed, withSeed } from './support.js';

const { blake2_256: blake2 } = await testHashers;

/** `entries` with `changes` applied (both sorted). */
function applyChanges(entries: readonly TrieEntry[], changes: readonly TrieChange[]): TrieEntry[] {
  const map = new Map<string, TrieEntry>(entries.map((x) => [toHexRaw(x[0]), x]));
  for (const [k, v] of changes) {
    if (v === null) map.delete(toHexRaw(k));
    else map.set(toHexRaw(k), [k, v]);
  }
  return [...map.values()].sort((a, b) => compareBytes(a[0], b[0]));
}

/** A partial trie of `entries` holding only the storage proof of `keys`. */
function partialOf(entries: readonly TrieEntry[], keys: readonly Uint8Array[], version: TrieVersion): PartialTrie {
  const store = new NodeStore(blake2);
  store.add(generateStorageProof(entries, keys, version, blake2));
  return new PartialTrie(trieRoot(entries, version, blake2), store);
}

/** What an RPC server does for `state_getReadProof(keys)`: the storage proof of the full trie. */
function proofServer(entries: readonly TrieEntry[], version: TrieVersion): (m: readonly MissingNode[]) => Promise<Uint8Array[]> {
  return async (missing) => generateStorageProof(entries, missing.map((m) => m.key), version, blake2);
}

/** Root after `changes` through the partial trie of the changed keys' proof, fetching what it reports missing. */
async function partialRoot(entries: readonly TrieEntry[], changes: readonly TrieChange[], version: TrieVersion, newVersion = version) {
  const trie = partialOf(entries, changes.map((c) => c[0]), version);
  const proofNodes = trie.store.size;
  let rounds = 0;
  const root = await resolveMissing(
    trie.store,
    () => trie.rootAfter(changes, newVersion),
    async (m) => {
      rounds++;
      return proofServer(entries, version)(m);
    },
  );
  const held = trie.store.size;
  // The nodes it hands back make the store a partial trie of the new state, for every changed key.
  trie.store.add(root.nodes);
  const after = new PartialTrie(root.root, trie.store);
  for (const [k, v] of changes) assert.deepEqual(after.get(k), v === null ? { kind: 'absent' } : { kind: 'found', value: v });
  return { root: root.root, proofNodes, held, rounds };
}

/** Random sorted change set over `entries`: updates (some unchanged), inserts (some extending or prefixing keys), deletes, whole-prefix deletes. */
function randomChanges(next: () => number, entries: readonly TrieEntry[]): TrieChange[] {
  const map = new Map<string, TrieChange>();
  const put = (k: Uint8Array, v: Uint8Array | null): void => void map.set(toHexRaw(k), [k, v]);
  const n = entries.length;
  const count = 1 + (next() % 40);
  for (let c = 0; c < count; c++) {
    const pick = n > 0 ? entries[next() % n]! : undefined;
    switch (next() % 7) {
      case 0:
        if (pick) put(pick[0], randomBytes(next, next() % 101));
        break;
      case 1:
        if (pick) put(pick[0], pick[1]); // rewritten unchanged
        break;
      case 2:
      case 3:
        if (pick) put(pick[0], null);
        break;
      case 4: {
        // delete every key under a prefix of an existing key (whole subtrees, collapsing branches)
        if (!pick) break;
        const prefix = pick[0].subarray(0, next() % (pick[0].length + 1));
        for (const [k] of entries) if (toHexRaw(k).startsWith(toHexRaw(prefix))) put(k, null);
        break;
      }
      case 5: {
        // a key extending or cut from an existing one (new branches with values, odd splits)
        const base = pick ? pick[0] : new Uint8Array(0);
        const k = next() % 2 === 0 ? new Uint8Array([...base, ...randomBytes(next, 1 + (next() % 3))]) : base.subarray(0, next() % (base.length + 1));
        put(k.slice(), next() % 4 === 0 ? null : randomBytes(next, next() % 101));
        break;
      }
      default:
        put(randomBytes(next, next() % 34), next() % 5 === 0 ? null : randomBytes(next, next() % 101));
    }
  }
  return [...map.values()].sort((a, b) => compareBytes(a[0], b[0]));
}

/** Reference root of a hybrid trie: each entry says whether its value is stored hashed. */
function hybridRoot(entries: ReadonlyArray<readonly [Uint8Array, Uint8Array, boolean]>, hash: TrieHasher): Uint8Array {
  if (entries.length === 0) return hash(new Uint8Array([0]));
  const val = (i: number): NodeValue => (entries[i]![2] ? { kind: 'hashed', hash: hash(entries[i]![1]) } : { kind: 'inline', value: entries[i]![1] });
  const enc = (lo: number, hi: number, depth: number): Uint8Array => {
    const first = entries[lo]![0];
    if (hi - lo === 1) return encodeNode({ kind: 'leaf', partial: keyNibbles(first, depth), value: val(lo) });
    const split = commonNibblePrefix(first, entries[hi - 1]![0], depth);
    let i = lo;
    const value = first.length * 2 === split ? val(i++) : undefined;
    const children = new Array<ChildRef | undefined>(16).fill(undefined);
    while (i < hi) {
      const nib = nibbleAt(entries[i]![0], split);
      let j = i + 1;
      while (j < hi && nibbleAt(entries[j]![0], split) === nib) j++;
      const c = enc(i, j, split + 1);
      children[nib] = c.length < 32 ? { kind: 'inline', node: c } : { kind: 'hash', hash: hash(c) };
      i = j;
    }
    return encodeNode({ kind: 'branch', partial: keyNibbles(first, depth, split), value, children });
  };
  return hash(enc(0, entries.length, 0));
}

const utf = (s: string): Uint8Array => e(s, '')[0];
const ENTRIES: TrieEntry[] = [e('alfa', fill(32, 0)), e('bravo', 'bravo'), e('do', 'verb'), e('dog', 'puppy'), e('doge', fill(40, 3)), e('horse', 'stallion'), e('house', 'building')];

for (const version of [0, 1] as TrieVersion[]) {
  describe(`partial trie, layout V${version}`, () => {
    it('should read present and absent keys and next keys from a proof of them', () => {
      const keys = ['do', 'doge', 'dot', 'horse'].map(utf);
      const trie = partialOf(ENTRIES, keys, version);
      assert.deepEqual(trie.get(utf('doge')), { kind: 'found', value: fill(40, 3) });
      assert.deepEqual(trie.get(utf('do')), { kind: 'found', value: utf('verb') });
      assert.deepEqual(trie.get(utf('dot')), { kind: 'absent' });
      assert.deepEqual(trie.nextKey(utf('do')), { kind: 'found', value: utf('dog') });
      assert.deepEqual(trie.nextKey(utf('doge')), { kind: 'found', value: utf('horse') });
      assert.deepEqual(trie.nextKey(utf('house')), { kind: 'absent' });
    });

    it('should name the missing node and a key whose proof brings it', () => {
      const trie = partialOf(ENTRIES, [utf('do')], version);
      const r = trie.get(utf('alfa'));
      assert.equal(r.kind, 'missing');
      if (r.kind !== 'missing') return;
      assert.deepEqual(r.missing.key, utf('alfa'));
      const added = trie.store.add(generateStorageProof(ENTRIES, [r.missing.key], version, blake2));
      assert.ok(added > 0 && trie.store.has(r.missing.hash));
      assert.deepEqual(trie.get(utf('alfa')), { kind: 'found', value: fill(32, 0) });
    });

    it('should collapse a branch into its remaining child on deletion, fetching that child', async () => {
      // Deleting `horse` leaves the branch `ho` with `house` alone: it merges into a leaf.
      const changes: TrieChange[] = [[utf('horse'), null]];
      const r = await partialRoot(ENTRIES, changes, version);
      assert.equal(toHex(r.root), toHex(trieRoot(applyChanges(ENTRIES, changes), version, blake2)));
      // Deleting `do`, `dog`, `doge` leaves the root branch with `alfa`, `bravo`, `h…`.
      const all: TrieChange[] = [[utf('do'), null], [utf('dog'), null], [utf('doge'), null]];
      assert.equal(toHex((await partialRoot(ENTRIES, all, version)).root), toHex(trieRoot(applyChanges(ENTRIES, all), version, blake2)));
    });

    it('should give the empty root when everything is deleted, and the old root for no change', async () => {
      const all: TrieChange[] = ENTRIES.map(([k]) => [k, null]);
      assert.equal(toHex((await partialRoot(ENTRIES, all, version)).root), toHex(trieRoot([], version, blake2)));
      const trie = partialOf(ENTRIES, [], version);
      assert.deepEqual(trie.rootAfter([], version), { kind: 'root', root: trieRoot(ENTRIES, version, blake2), nodes: [] });
      const fromEmpty = new PartialTrie(trieRoot([], version, blake2), new NodeStore(blake2));
      const one = fromEmpty.rootAfter([[utf('a'), utf('b')]], version);
      assert.equal(one.kind === 'root' && toHex(one.root), toHex(trieRoot([e('a', 'b')], version, blake2)));
    });

    it('should report every missing node of a root computation at once', () => {
      const trie = new PartialTrie(trieRoot(ENTRIES, version, blake2), new NodeStore(blake2));
      const r = trie.rootAfter([[utf('alfa'), null], [utf('horse'), utf('x')]], version);
      assert.equal(r.kind, 'missing');
      if (r.kind === 'missing') assert.equal(r.missing.length, 1); // the root first: nothing below is reachable
    });

    it('should stop with TRIE_INCOMPLETE when the source does not have the node', async () => {
      const trie = new PartialTrie(trieRoot(ENTRIES, version, blake2), new NodeStore(blake2));
      await assert.rejects(
        resolveMissing(trie.store, () => trie.get(utf('dog')), async () => [utf('unrelated bytes')]),
        (err) => isSwxError(err, 'TRIE_INCOMPLETE'),
      );
    });

    it('should reject a held node that does not decode with TRIE_PROOF_INVALID', () => {
      const junk = new Uint8Array([0x05, 0x01]); // header 0x05 is not allowed
      const store = new NodeStore(blake2);
      store.add([junk]);
      const trie = new PartialTrie(blake2(junk), store);
      assert.throws(() => trie.get(utf('a')), (err) => isSwxError(err, 'TRIE_PROOF_INVALID'));
      assert.throws(() => trie.rootAfter([[utf('a'), null]], version), (err) => isSwxError(err, 'TRIE_PROOF_INVALID'));
    });

    it('should take nodes from its source (a cache) only when they hash to the hash asked for', () => {
      const proof = generateStorageProof(ENTRIES, [utf('dog')], version, blake2);
      const byHash = new Map(proof.map((n) => [toHex(blake2(n)), n]));
      let asked = 0;
      const good = new NodeStore(blake2, (h) => (asked++, byHash.get(toHex(h))));
      const root = trieRoot(ENTRIES, version, blake2);
      assert.deepEqual(new PartialTrie(root, good).get(utf('dog')), partialOf(ENTRIES, [utf('dog')], version).get(utf('dog')));
      assert.ok(asked > 0 && good.size === proof.length);
      // A source answering other bytes (a swapped or corrupt entry) is not believed.
      const swapped = new NodeStore(blake2, () => proof[proof.length - 1]);
      assert.equal(swapped.has(root), proof.length === 1);
      assert.equal(new PartialTrie(root, new NodeStore(blake2, () => utf('junk'))).get(utf('dog')).kind, 'missing');
    });

    it('should refuse unsorted changes', () => {
      const trie = partialOf(ENTRIES, [], version);
      assert.throws(() => trie.rootAfter([[utf('b'), null], [utf('a'), null]], version), (err) => isSwxError(err, 'INVALID_INPUT'));
    });

    it('should match trieRoot after seeded random change sets (0–2000 keys), fetching only the changed paths', async () => {
      const seed = testSeed();
      console.log(`partial trie V${version} random rounds: seed ${seed} (SWX_SEED to reproduce)`);
      await withSeed(seed, async () => {
        const next = rng(seed);
        let fetched = 0;
        let siblings = 0;
        let total = 0;
        for (let round = 0; round < 40; round++) {
          const n = round === 0 ? 0 : round === 1 ? 2000 : next() % 2001;
          const entries = randomEntries(next, n);
          const changes = randomChanges(next, entries);
          const r = await partialRoot(entries, changes, version);
          const expected = trieRoot(applyChanges(entries, changes), version, blake2);
          assert.equal(toHex(r.root), toHex(expected), `round ${round}: ${n} keys, ${changes.length} changes`);
          assert.ok(r.rounds <= 1, `round ${round}: ${r.rounds} fetch rounds after the proof (siblings come in one)`);
          fetched += r.held;
          siblings += r.held - r.proofNodes;
          total += n === 0 ? 0 : generateStorageProof(entries, entries.map(([k]) => k), version, blake2).length;
        }
        console.log(`  nodes held: ${fetched} (${siblings} beyond the changed keys' proofs) of ${total} in the full tries`);
      });
    });
  });
}

describe('partial trie cost', () => {
  it('should hold a small fraction of a 2000-key trie for a block-sized change set', async () => {
    const seed = testSeed();
    await withSeed(seed, async () => {
      const next = rng(seed);
      for (const version of [0, 1] as TrieVersion[]) {
        const entries = randomEntries(next, 2000);
        const changes: TrieChange[] = [];
        for (let i = 0; i < 30; i++) {
          const [k] = entries[next() % entries.length]!;
          changes.push([k, next() % 3 === 0 ? null : randomBytes(next, next() % 101)]);
        }
        for (let i = 0; i < 10; i++) changes.push([randomBytes(next, 32), randomBytes(next, next() % 101)]);
        const unique = [...new Map(changes.map((c) => [toHexRaw(c[0]), c])).values()].sort((a, b) => compareBytes(a[0], b[0]));
        const r = await partialRoot(entries, unique, version);
        assert.equal(toHex(r.root), toHex(trieRoot(applyChanges(entries, unique), version, blake2)));
        const total = generateStorageProof(entries, entries.map(([k]) => k), version, blake2).length;
        console.log(`V${version}, seed ${seed}: ${unique.length} changes on 2000 keys: ${r.held} nodes held (${r.held - r.proofNodes} siblings) of ${total}, ${r.rounds} extra round(s)`);
        assert.ok(r.held < total / 4);
      }
    });
  });
});

describe('partial trie across layouts (trie-db keeps each untouched value in its stored form)', () => {
  for (const [from, to] of [
    [0, 1],
    [1, 0],
  ] as Array<[TrieVersion, TrieVersion]>) {
    it(`should make a V${from} trie updated under V${to} hybrid: written values in V${to} form, others as stored`, async () => {
      const seed = testSeed();
      console.log(`partial trie V${from}→V${to}: seed ${seed}`);
      await withSeed(seed, async () => {
        const next = rng(seed);
        for (let round = 0; round < 20; round++) {
          const entries = randomEntries(next, 1 + (next() % 800));
          const changes = randomChanges(next, entries);
          const written = new Set(changes.map(([k]) => toHexRaw(k)));
          const after = applyChanges(entries, changes).map(([k, v]) => {
            const version = written.has(toHexRaw(k)) ? to : from;
            return [k, v, version === 1 && v.length >= 33] as const;
          });
          const r = await partialRoot(entries, changes, from, to);
          assert.equal(toHex(r.root), toHex(hybridRoot(after, blake2)), `round ${round}`);
        }
      });
    });
  }

  it('should migrate a V0 trie to V1 when every key is rewritten unchanged', async () => {
    const changes: TrieChange[] = ENTRIES.map(([k, v]) => [k, v]);
    const r = await partialRoot(ENTRIES, changes, 0, 1);
    assert.equal(toHex(r.root), toHex(trieRoot(ENTRIES, 1, blake2)));
  });
});

describe('partial trie reads', () => {
  it('should answer get and nextKey like the full key set (seeded random tries, all nodes held)', () => {
    const seed = testSeed();
    console.log(`partial trie reads: seed ${seed}`);
    return withSeed(seed, () => {
      const next = rng(seed);
      for (let round = 0; round < 10; round++) {
        const version = (round % 2) as TrieVersion;
        const entries = randomEntries(next, next() % 500);
        const trie = partialOf(entries, entries.map(([k]) => k), version);
        for (const [i, [k, v]] of entries.entries()) {
          assert.deepEqual(trie.get(k), { kind: 'found', value: v });
          const after = entries[i + 1];
          assert.deepEqual(trie.nextKey(k), after === undefined ? { kind: 'absent' } : { kind: 'found', value: after[0] });
        }
        for (let j = 0; j < 50; j++) {
          const probe = randomBytes(next, next() % 34);
          const at = entries.findIndex(([k]) => compareBytes(k, probe) > 0);
          const exact = entries.find(([k]) => compareBytes(k, probe) === 0);
          assert.deepEqual(trie.get(probe), exact === undefined ? { kind: 'absent' } : { kind: 'found', value: exact[1] });
          assert.deepEqual(trie.nextKey(probe), at < 0 ? { kind: 'absent' } : { kind: 'found', value: entries[at]![0] });
        }
      }
    });
  });

  it('should resolve nextKey through the proofs of the keys it names', async () => {
    const seed = testSeed();
    await withSeed(seed, async () => {
      const next = rng(seed);
      const entries = randomEntries(next, 300);
      const trie = partialOf(entries, [], 1);
      const server = proofServer(entries, 1);
      let key: Uint8Array = new Uint8Array(0);
      let count = 0;
      for (;;) {
        const r = await resolveMissing(trie.store, () => trie.nextKey(key), server);
        if (r.kind === 'absent') break;
        key = r.value;
        count++;
      }
      // The empty key itself is a key when present: nextKey starts strictly after it.
      assert.equal(count, entries.length - (entries[0]![0].length === 0 ? 1 : 0));
    });
  });
});
