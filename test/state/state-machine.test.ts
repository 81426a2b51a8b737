/**
 * StateMachine reads, writes, next_key, transactions and the storage diff
 * (cases after sp-state-machine `ext.rs` / `overlayed_changes/mod.rs` tests).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSwxError } from '../../src/base/errors.js';
import { decodeUtf8 } from '../../src/base/bytes.js';
import type { StorageDiff } from '../../src/state/diff.js';
import type { StorageBackend } from '../../src/state/backend.js';
import { b, hx, machine, numBackend, textBackend, u8 } from './helpers.js';

const text = (v: Uint8Array | undefined): string | undefined => (v === undefined ? undefined : decodeUtf8(v));

/** A diff as readable text pairs. */
function show(d: StorageDiff): unknown {
  const pairs = (xs: StorageDiff['top']): Array<[string, string | null]> => xs.map(([k, v]) => [decodeUtf8(k)!, v === null ? null : decodeUtf8(v)!]);
  return { top: pairs(d.top), children: d.children.map(([sk, xs]) => [decodeUtf8(sk), pairs(xs)]), offchainIndex: pairs(d.offchainIndex) };
}

test('reads see the overlay first: a deleted key hides the backend value', async () => {
  const sm = await machine(textBackend({ a: '1', b: '2' }));
  sm.set(b('a'), b('9'));
  sm.clear(b('b'));
  sm.set(b('c'), b(''));
  assert.equal(text(sm.get(b('a'))), '9');
  assert.equal(sm.get(b('b')), undefined);
  assert.equal(sm.exists(b('b')), false);
  assert.equal(sm.exists(b('c')), true, 'an empty value exists');
  assert.equal(sm.get(b('zz')), undefined);
});

test('writes copy their inputs and never touch the backend', async () => {
  const be = textBackend({ a: '1' });
  const sm = await machine(be);
  const v = b('xyz');
  sm.set(b('a'), v);
  v[0] = 0;
  assert.equal(text(sm.get(b('a'))), 'xyz');
  assert.equal(text(be.get(b('a'))), '1');
});

test('set and clear of a :child_storage: key are refused (place_storage)', async () => {
  const sm = await machine(textBackend({ ':child_storage:default:c': 'root' }));
  sm.set(b(':child_storage:default:c'), b('x'));
  sm.clear(b(':child_storage:default:c'));
  sm.set(b(':child_storage:'), b('x'));
  assert.equal(text(sm.get(b(':child_storage:default:c'))), 'root');
  assert.deepEqual(sm.diff().top, []);
  sm.set(b(':child_storag'), b('ok'));
  assert.equal(text(sm.get(b(':child_storag'))), 'ok');
});

test('next_key merges overlay and backend (upstream next_storage_key_works)', async () => {
  const sm = await machine(numBackend([[[10], [10]], [[20], [20]], [[40], [40]]]));
  sm.clear(u8(20));
  sm.set(u8(30), u8(31));
  assert.equal(hx(sm.nextKey(u8(5))), '0x0a', 'backend < overlay');
  assert.equal(hx(sm.nextKey(u8(10))), '0x1e', 'backend == overlay, overlay deleted');
  assert.equal(hx(sm.nextKey(u8(20))), '0x1e', 'overlay < backend');
  assert.equal(hx(sm.nextKey(u8(30))), '0x28', 'backend only');
  sm.set(u8(50), u8(50));
  assert.equal(hx(sm.nextKey(u8(40))), '0x32', 'overlay only');
  assert.equal(sm.nextKey(u8(50)), undefined);
});

test('next_key skips a run of overlay deletions', async () => {
  const sm = await machine(numBackend([[[30], [30]]]));
  for (let k = 20; k < 30; k++) sm.clear(u8(k));
  assert.equal(hx(sm.nextKey(u8(5))), '0x1e');
  const empty = await machine(numBackend([[[21], [1]]]));
  empty.clear(u8(21));
  empty.clear(u8(22));
  assert.equal(empty.nextKey(u8(0)), undefined);
});

test('child next_key merges overlay and backend (upstream next_child_storage_key_works)', async () => {
  const sm = await machine(numBackend([], [['Child1', [[[10], [10]], [[20], [20]], [[40], [40]]]]]));
  const c = b('Child1');
  sm.childClear(c, u8(20));
  sm.childSet(c, u8(30), u8(31));
  assert.equal(hx(sm.childNextKey(c, u8(5))), '0x0a');
  assert.equal(hx(sm.childNextKey(c, u8(10))), '0x1e');
  assert.equal(hx(sm.childNextKey(c, u8(20))), '0x1e');
  assert.equal(hx(sm.childNextKey(c, u8(30))), '0x28');
  sm.childSet(c, u8(50), u8(50));
  assert.equal(hx(sm.childNextKey(c, u8(40))), '0x32');
  assert.equal(sm.childNextKey(b('other'), u8(0)), undefined);
});

test('child reads see child overlay first (upstream child_storage_works)', async () => {
  const sm = await machine(numBackend([], [['Child1', [[[10], [10]], [[20], [20]], [[30], [40]]]]]));
  const c = b('Child1');
  sm.childClear(c, u8(20));
  sm.childSet(c, u8(30), u8(31));
  assert.equal(hx(sm.childGet(c, u8(10))), '0x0a');
  assert.equal(sm.childGet(c, u8(20)), undefined);
  assert.equal(sm.childExists(c, u8(20)), false);
  assert.equal(hx(sm.childGet(c, u8(30))), '0x1f');
  assert.equal(sm.get(u8(10)), undefined, 'child keys are not top keys');
});

test('nested transactions cover top and child storage', async () => {
  const sm = await machine(textBackend({ a: '0' }, { c: { x: '0' } }));
  sm.set(b('a'), b('1'));
  sm.startTransaction();
  sm.set(b('a'), b('2'));
  sm.childSet(b('c'), b('x'), b('2'));
  sm.childSet(b('new'), b('y'), b('2'));
  sm.startTransaction();
  sm.clear(b('a'));
  sm.childClear(b('c'), b('x'));
  assert.equal(sm.get(b('a')), undefined);
  sm.rollbackTransaction();
  assert.equal(text(sm.get(b('a'))), '2');
  assert.equal(text(sm.childGet(b('c'), b('x'))), '2');
  sm.commitTransaction();
  assert.equal(text(sm.childGet(b('new'), b('y'))), '2');
  sm.startTransaction();
  sm.childSet(b('c'), b('x'), b('3'));
  sm.childSet(b('gone'), b('z'), b('3'));
  sm.rollbackTransaction();
  assert.equal(text(sm.childGet(b('c'), b('x'))), '2');
  assert.deepEqual(show(sm.diff()), {
    top: [['a', '2']],
    children: [['c', [['x', '2']]], ['new', [['y', '2']]]],
    offchainIndex: [],
  });
});

test('commit or rollback with no open transaction throws STATE_NO_TRANSACTION', async () => {
  const sm = await machine();
  assert.throws(() => sm.commitTransaction(), (e) => isSwxError(e, 'STATE_NO_TRANSACTION'));
  assert.throws(() => sm.rollbackTransaction(), (e) => isSwxError(e, 'STATE_NO_TRANSACTION'));
  sm.startTransaction();
  sm.commitTransaction();
  assert.throws(() => sm.commitTransaction(), (e) => isSwxError(e, 'STATE_NO_TRANSACTION'));
});

test('the runtime cannot close transactions opened by the client, and its dangling ones are rolled back', async () => {
  const sm = await machine();
  sm.startTransaction();
  sm.set(b('client'), b('1'));
  sm.enterRuntime();
  sm.startTransaction();
  sm.commitTransaction();
  assert.throws(() => sm.commitTransaction(), (e) => isSwxError(e, 'STATE_NO_TRANSACTION'));
  assert.throws(() => sm.rollbackTransaction(), (e) => isSwxError(e, 'STATE_NO_TRANSACTION'));
  sm.set(b('kept'), b('1'));
  sm.startTransaction();
  sm.startTransaction();
  sm.set(b('dangling'), b('1'));
  sm.offchainIndexSet(b('off'), b('1'));
  assert.equal(sm.exitRuntime(), 2);
  assert.equal(sm.get(b('dangling')), undefined);
  assert.equal(text(sm.get(b('kept'))), '1');
  assert.equal(sm.overlay.depth, 1);
  sm.commitTransaction();
  assert.deepEqual(show(sm.diff()), { top: [['client', '1'], ['kept', '1']], children: [], offchainIndex: [] });
});

test('the diff lists every written key with its final value, including no-op writes, sorted', async () => {
  const sm = await machine(textBackend({ same: 'v', gone: 'g' }));
  sm.enterRuntime();
  sm.set(b('same'), b('v'));
  sm.clear(b('absent'));
  sm.clear(b('gone'));
  sm.set(b('b'), b('1'));
  sm.set(b('b'), b('2'));
  sm.startTransaction();
  sm.set(b('rolled'), b('x'));
  sm.rollbackTransaction();
  sm.offchainIndexSet(b('o2'), b('v'));
  sm.offchainIndexClear(b('o1'));
  sm.startTransaction();
  sm.offchainIndexSet(b('o3'), b('v'));
  sm.rollbackTransaction();
  sm.exitRuntime();
  assert.deepEqual(show(sm.diff()), {
    top: [
      ['absent', null],
      ['b', '2'],
      ['gone', null],
      ['same', 'v'],
    ],
    children: [],
    offchainIndex: [
      ['o1', null],
      ['o2', 'v'],
    ],
  });
});

test('enterRuntime twice or exitRuntime outside a call is a usage error', async () => {
  const sm = await machine();
  assert.throws(() => sm.exitRuntime(), (e) => isSwxError(e, 'INVALID_INPUT'));
  sm.enterRuntime();
  assert.throws(() => sm.enterRuntime(), (e) => isSwxError(e, 'INVALID_INPUT'));
});

test('a backend that is not in memory is read through the StorageBackend interface with the same results', async () => {
  const inner = numBackend([[[10], [10]], [[20], [20]], [[40], [40]]], [['Child1', [[[10], [10]], [[20], [20]]]]]);
  const generic: StorageBackend = {
    get: (k) => inner.get(k),
    nextKey: (k) => inner.nextKey(k),
    keys: (p, s) => inner.keys(p, s),
    entries: () => inner.entries(),
    childGet: (sk, k) => inner.childGet(sk, k),
    childNextKey: (sk, k) => inner.childNextKey(sk, k),
    childKeys: (sk, p, s) => inner.childKeys(sk, p, s),
    childEntries: (sk) => inner.childEntries(sk),
    childStorageKeys: () => inner.childStorageKeys(),
  };
  const [g, m] = [await machine(generic), await machine(inner)];
  for (const sm of [g, m]) {
    sm.clear(u8(20));
    sm.set(u8(30), u8(31));
    sm.childClear(b('Child1'), u8(10));
  }
  for (const k of [0, 10, 20, 30, 40]) {
    assert.equal(hx(g.nextKey(u8(k))), hx(m.nextKey(u8(k))), `next after ${k}`);
    assert.equal(hx(g.get(u8(k))), hx(m.get(u8(k))), `get ${k}`);
    assert.equal(hx(g.childNextKey(b('Child1'), u8(k))), hx(m.childNextKey(b('Child1'), u8(k))), `child next after ${k}`);
    assert.equal(hx(g.childGet(b('Child1'), u8(k))), hx(m.childGet(b('Child1'), u8(k))), `child get ${k}`);
  }
  assert.deepEqual(g.clearPrefix(u8(), 0, undefined), m.clearPrefix(u8(), 0, undefined));
  assert.deepEqual(g.childKill(b('Child1'), 1, undefined), m.childKill(b('Child1'), 1, undefined));
  assert.equal(hx(g.storageRoot(1)), hx(m.storageRoot(1)));
  assert.deepEqual(
    g.toBackend(1).entries().map(([k, v]) => [hx(k), hx(v)]),
    m.toBackend(1).entries().map(([k, v]) => [hx(k), hx(v)]),
  );
});
