/**
 * Storage roots over backend + overlay: child roots first (written under
 * `:child_storage:default:` ++ key, removed when the child trie is empty),
 * the incremental top cache kept in sync through transactions, and building
 * the next backend from a state machine or a diff.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareBytes, concatBytes } from '../../src/base/bytes.js';
import { trieRoot } from '../../src/trie/index.js';
import { applyDiff } from '../../src/state/diff.js';
import { InMemoryBackend } from '../../src/state/backend.js';
import type { StateMachine } from '../../src/state/state-machine.js';
import { b, hashersP, hx, machine, prng, randomBytes, textBackend } from './helpers.js';

type Entries = Array<[Uint8Array, Uint8Array]>;

/** Root of text pairs (sorted here). */
async function rootOf(pairs: Entries, version: 0 | 1): Promise<Uint8Array> {
  const h = await hashersP;
  const sorted = [...pairs].sort((x, y) => compareBytes(x[0], y[0]));
  return trieRoot(sorted, version, h.blake2_256);
}

const childKey = (sk: string): Uint8Array => b(':child_storage:default:' + sk);
const long = (c: string): string => c.repeat(40); // ≥ 33 bytes: hashed in V1

test('storage root of backend ⊕ overlay, V0 and V1', async () => {
  for (const v of [0, 1] as const) {
    const sm = await machine(textBackend({ a: long('a'), b: '2', c: '3' }));
    sm.set(b('b'), b(long('b')));
    sm.clear(b('c'));
    sm.set(b('d'), b('4'));
    const expected = await rootOf([[b('a'), b(long('a'))], [b('b'), b(long('b'))], [b('d'), b('4')]], v);
    assert.equal(hx(sm.storageRoot(v)), hx(expected), `V${v}`);
  }
});

test('a touched child trie contributes its root to the top trie; an emptied one is removed', async () => {
  const h = await hashersP;
  for (const v of [0, 1] as const) {
    const sm = await machine(textBackend({ t: '1' }, { gone: { k: 'v' } }));
    sm.childSet(b('c1'), b('k1'), b(long('x')));
    sm.childKill(b('gone'), undefined, undefined);
    const c1 = trieRoot([[b('k1'), b(long('x'))]], v, h.blake2_256);
    assert.equal(hx(sm.storageRoot(v)), hx(await rootOf([[b('t'), b('1')], [childKey('c1'), c1]], v)), `V${v}`);
    // storage_root does not write child roots into the overlay
    assert.deepEqual(sm.diff().top, []);
  }
});

test('childRoot: computed and written to the top overlay when the child was touched', async () => {
  const h = await hashersP;
  const sm = await machine(textBackend({}, { c: { k: 'v' } }));
  assert.equal(hx(sm.childRoot(b('nope'), 1)), hx(trieRoot([], 0, h.blake2_256)), 'untouched, no root stored: empty root');
  sm.childSet(b('c'), b('k2'), b('v2'));
  const fresh = trieRoot([[b('k'), b('v')], [b('k2'), b('v2')]], 1, h.blake2_256);
  assert.equal(hx(sm.childRoot(b('c'), 1)), hx(fresh));
  assert.deepEqual(sm.diff().top.map(([k, val]) => [hx(k), hx(val)]), [[hx(childKey('c')), hx(fresh)]]);
  sm.childKill(b('c'), undefined, undefined);
  assert.equal(hx(sm.childRoot(b('c'), 1)), hx(trieRoot([], 1, h.blake2_256)));
  assert.equal(sm.diff().top[0]![1], null, 'emptied child: root key deleted');
});

test('childRoot of an untouched child reads the root stored in the backend', async () => {
  const h = await hashersP;
  const root = trieRoot([[b('k'), b('v')]], 0, h.blake2_256);
  const sm = await machine(InMemoryBackend.fromEntries([[childKey('c'), concatBytes(root, b('extra'))]], [[b('c'), [[b('k'), b('v')]]]]));
  assert.equal(hx(sm.childRoot(b('c'), 0)), hx(root), 'first 32 bytes, like H256 decode');
  assert.deepEqual(sm.diff().top, []);
});

test('upstream quirks while a storage root is cached: child roots read back, version ignored', async () => {
  const h = await hashersP;
  const oldRoot = trieRoot([[b('k'), b('v')]], 1, h.blake2_256);
  const sm = await machine(InMemoryBackend.fromEntries([[childKey('c'), oldRoot], [b('t'), b(long('t'))]], [[b('c'), [[b('k'), b('v')]]]]));
  sm.childSet(b('c'), b('k'), b('new'));
  const r1 = sm.storageRoot(1);
  // No write since: the child root is read from the top trie (still the backend's), not recomputed.
  assert.equal(hx(sm.childRoot(b('c'), 1)), hx(oldRoot));
  // And a second root with another version returns the cached one.
  assert.equal(hx(sm.storageRoot(0)), hx(r1));
  // Any write invalidates the cache: the child root is computed again (and written to the overlay).
  sm.set(b('x'), b('1'));
  assert.equal(hx(sm.childRoot(b('c'), 1)), hx(trieRoot([[b('k'), b('new')]], 1, h.blake2_256)));
  assert.notEqual(hx(sm.storageRoot(0)), hx(r1));
});

/** The full current view of a state machine's top trie (backend ⊕ overlay) and its children, for reference roots. */
async function referenceRoot(sm: StateMachine, backend: InMemoryBackend, version: 0 | 1): Promise<Uint8Array> {
  const h = await hashersP;
  const d = sm.diff();
  return trieRoot(applyDiff(backend, d, version, h.blake2_256).entries(), version, h.blake2_256);
}

test('repeated roots stay exact through writes, transactions, rollbacks and version switches (seeded)', async (t) => {
  const seed = Number(process.env['SWX_SEED'] ?? 20261122);
  t.diagnostic(`seed ${seed}`);
  const rnd = prng(seed);
  const keys = Array.from({ length: 60 }, (_, i) => b(`key${i % 7}-${i}`));
  const kids = [b('kid'), b('kid2'), b('fresh')];
  const backend = InMemoryBackend.fromEntries(
    keys.slice(0, 40).map((k, i) => [k, randomBytes(rnd, i % 3 === 0 ? 40 : 5)]),
    [
      [kids[0]!, keys.slice(0, 5).map((k) => [k, randomBytes(rnd, 50)])],
      [kids[1]!, keys.slice(5, 7).map((k) => [k, randomBytes(rnd, 3)])],
    ],
  );
  for (let round = 0; round < 3; round++) {
    const sm = await machine(backend);
    sm.enterRuntime();
    for (let step = 0; step < 400; step++) {
      const r = rnd();
      const k = keys[Math.floor(rnd() * keys.length)]!;
      const kid = kids[Math.floor(rnd() * kids.length)]!;
      if (r < 0.3) sm.set(k, randomBytes(rnd, Math.floor(rnd() * 60)));
      else if (r < 0.42) sm.clear(k);
      else if (r < 0.5) sm.childSet(kid, k, randomBytes(rnd, 40));
      else if (r < 0.53) sm.childClear(kid, k);
      else if (r < 0.55) sm.childKill(kid, rnd() < 0.5 ? undefined : 1, undefined);
      else if (r < 0.57) sm.childRoot(kid, rnd() < 0.5 ? 0 : 1);
      else if (r < 0.65) sm.startTransaction();
      else if (r < 0.72 && sm.overlay.depth > 0) sm.rollbackTransaction();
      else if (r < 0.78 && sm.overlay.depth > 0) sm.commitTransaction();
      else if (r < 0.8) sm.clearPrefix(b('key3'), Math.floor(rnd() * 3), undefined);
      else if (r < 0.82) sm.append(k, new Uint8Array([4, 1]));
      if (step % 10 === 9) {
        const v = rnd() < 0.5 ? 0 : 1;
        sm.set(b('probe'), randomBytes(rnd, 4)); // a write, so no cached root of the other version is returned
        assert.equal(hx(sm.storageRoot(v)), hx(await referenceRoot(sm, backend, v)), `seed ${seed} round ${round} V${v} step ${step}`);
      }
    }
    sm.exitRuntime();
    const v = round % 2 === 0 ? 1 : 0;
    sm.set(b('probe'), b('end'));
    const root = sm.storageRoot(v);
    assert.equal(hx(root), hx(await referenceRoot(sm, backend, v)), `seed ${seed} round ${round} end`);
    const next = sm.toBackend(v);
    const h = await hashersP;
    assert.equal(hx(trieRoot(next.entries(), v, h.blake2_256)), hx(root), `seed ${seed} round ${round} next backend`);
    assert.equal(hx((await machine(next)).storageRoot(v)), hx(root), `seed ${seed} round ${round} handed-over cache`);
  }
});

test('toBackend builds the next state (child roots included) and leaves the old one untouched', async () => {
  const h = await hashersP;
  const backend = textBackend({ a: '1', [':child_storage:default:old']: 'x' }, { old: { k: 'v' } });
  const before = backend.entries().map(([k, v]) => [hx(k), hx(v)]);
  const sm = await machine(backend);
  sm.set(b('a'), b('2'));
  sm.childSet(b('new'), b('k'), b(long('n')));
  sm.childKill(b('old'), undefined, undefined);
  const root = sm.storageRoot(1);
  const next = sm.toBackend(1);
  assert.deepEqual(backend.entries().map(([k, v]) => [hx(k), hx(v)]), before, 'old backend unchanged');
  assert.equal(next.get(childKey('old')), undefined);
  assert.equal(next.childEntries(b('old')).length, 0);
  assert.equal(hx(next.get(childKey('new'))), hx(trieRoot([[b('k'), b(long('n'))]], 1, h.blake2_256)));
  assert.equal(hx(trieRoot(next.entries(), 1, h.blake2_256)), hx(root));
  // The same state from the diff.
  const viaDiff = applyDiff(backend, sm.diff(), 1, h.blake2_256);
  assert.deepEqual(viaDiff.entries().map(([k, v]) => [hx(k), hx(v)]), next.entries().map(([k, v]) => [hx(k), hx(v)]));
  assert.deepEqual(viaDiff.childStorageKeys().map(hx), next.childStorageKeys().map(hx));
  // A machine over the next backend uses the handed-over cache and agrees with a fresh computation.
  const sm2 = await machine(next);
  assert.equal(hx(sm2.storageRoot(1)), hx(root));
  sm2.set(b('z'), b('9'));
  const fresh = await machine(InMemoryBackend.fromEntries(next.entries()));
  fresh.set(b('z'), b('9'));
  assert.equal(hx(sm2.storageRoot(1)), hx(fresh.storageRoot(1)));
});

test('toBackend refuses while transactions are open', async () => {
  const sm = await machine();
  sm.startTransaction();
  assert.throws(() => sm.toBackend(0), /transaction/);
});

test('a backend whose root hooks answer undefined (a remote state without proofs) gets roots by enumeration, asked once', async () => {
  const base = textBackend({ a: '1', b: '2', ':child_storage:default:kid': 'placeholder' });
  const kids = InMemoryBackend.fromEntries(base.entries(), [[b('kid'), [[b('x'), b('child x')]]]]);
  let asked = 0;
  const refusing = Object.assign(Object.create(kids) as InMemoryBackend, {
    rootAfter: () => void asked++,
    childRootAfter: () => void asked++,
  });
  const plain = await machine(kids);
  const hooked = await machine(refusing);
  for (const sm of [plain, hooked]) {
    sm.set(b('c'), b('3'));
    sm.childSet(b('kid'), b('y'), b('child y'));
  }
  assert.equal(hx(hooked.storageRoot(1)), hx(plain.storageRoot(1)));
  hooked.set(b('d'), b('4'));
  plain.set(b('d'), b('4'));
  assert.equal(hx(hooked.storageRoot(1)), hx(plain.storageRoot(1)));
  assert.equal(asked, 1, 'the first refusal turns the hooks off for the rest of the call');
});
