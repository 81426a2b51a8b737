/**
 * Bounded removal: `clear_prefix`, `kill_child_storage`, `clear_child_prefix`
 * (sp-state-machine `Ext::clear_prefix` + `limit_remove_from_backend`):
 * overlay keys under the prefix are all deleted and counted in `unique` when
 * they held a value; backend keys are visited from the cursor, each visit a
 * loop, deleted unless already deleted in the overlay, up to `limit` loops.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeUtf8 } from '../../src/base/bytes.js';
import type { RemovalResult } from '../../src/state/externalities.js';
import { CHILD_STORAGE_KEY_PREFIX } from '../../src/state/keys.js';
import { b, machine, textBackend } from './helpers.js';

type Shown = { cursor: string | undefined; backend: number; unique: number; loops: number };
const show = (r: RemovalResult): Shown => ({ ...r, cursor: r.cursor === undefined ? undefined : decodeUtf8(r.cursor)! });
const res = (cursor: string | undefined, backend: number, unique: number, loops: number): Shown => ({ cursor, backend, unique, loops });

test('overlay-only keys: all deleted, only those holding a value counted, no loops', async () => {
  const sm = await machine();
  sm.set(b('p1'), b('1'));
  sm.set(b('p2'), b('2'));
  sm.clear(b('p3'));
  sm.set(b('q1'), b('3'));
  assert.deepEqual(show(sm.clearPrefix(b('p'), 0, undefined)), res(undefined, 0, 2, 0));
  assert.equal(sm.get(b('p1')), undefined);
  assert.equal(sm.get(b('p2')), undefined);
  assert.notEqual(sm.get(b('q1')), undefined);
});

test('backend-only keys: limit, cursor, and the non-cumulative repeat', async () => {
  const sm = await machine(textBackend({ p1: '', p2: '', p3: '', q1: '' }));
  assert.deepEqual(show(sm.clearPrefix(b('p'), 2, undefined)), res('p3', 2, 2, 2));
  assert.equal(sm.exists(b('p3')), true);
  // Continuing from the cursor finishes the job.
  assert.deepEqual(show(sm.clearPrefix(b('p'), 2, b('p3'))), res(undefined, 1, 1, 1));
  assert.equal(sm.exists(b('p3')), false);
  // Starting over without a cursor visits the already-deleted keys again.
  assert.deepEqual(show(sm.clearPrefix(b('p'), 2, undefined)), res('p3', 0, 0, 2));
  assert.equal(sm.exists(b('q1')), true);
});

test('backend-only keys without a limit, with limit 0, and with nothing to remove', async () => {
  const all = await machine(textBackend({ p1: '', p2: '', p3: '', q1: '' }));
  assert.deepEqual(show(all.clearPrefix(b('p'), undefined, undefined)), res(undefined, 3, 3, 3));
  const zero = await machine(textBackend({ p1: '', p2: '' }));
  assert.deepEqual(show(zero.clearPrefix(b('p'), 0, undefined)), res('p1', 0, 0, 0));
  assert.equal(zero.exists(b('p1')), true);
  assert.deepEqual(show(zero.clearPrefix(b('x'), 0, undefined)), res(undefined, 0, 0, 0));
  // A cursor before the prefix starts at the prefix; one past every key removes nothing.
  assert.deepEqual(show(zero.clearPrefix(b('p'), undefined, b('a'))), res(undefined, 2, 2, 2));
  const past = await machine(textBackend({ p1: '', p2: '' }));
  assert.deepEqual(show(past.clearPrefix(b('p'), undefined, b('p3'))), res(undefined, 0, 0, 0));
});

test('mixed overlay and backend keys', async () => {
  const setup = async () => {
    const sm = await machine(textBackend({ p1: '', p2: '', p3: '', q: '' }));
    sm.set(b('p2'), b('x')); // overwrites a backend key
    sm.set(b('p4'), b('y')); // overlay only
    sm.clear(b('p3')); // pending deletion
    return sm;
  };
  const sm = await setup();
  // overlay: p2 and p4 held values (2); backend: p1 deleted, p2 and p3 already deleted in the overlay.
  assert.deepEqual(show(sm.clearPrefix(b('p'), undefined, undefined)), res(undefined, 1, 3, 3));
  for (const k of ['p1', 'p2', 'p3', 'p4']) assert.equal(sm.exists(b(k)), false, k);
  const limited = await setup();
  assert.deepEqual(show(limited.clearPrefix(b('p'), 1, undefined)), res('p2', 1, 3, 1));
});

test('removals inside a rolled-back transaction are undone', async () => {
  const sm = await machine(textBackend({ p1: '1', p2: '2' }));
  sm.startTransaction();
  sm.clearPrefix(b('p'), undefined, undefined);
  assert.equal(sm.exists(b('p1')), false);
  sm.rollbackTransaction();
  assert.equal(sm.exists(b('p1')), true);
  assert.deepEqual(sm.diff().top, []);
});

test('a prefix reaching child roots is refused (upstream clear_prefix_cannot_delete_a_child_root)', async () => {
  const sm = await machine(textBackend({}, { Child1: { '\u001e': '(' } }));
  const notUnder = CHILD_STORAGE_KEY_PREFIX.slice(0, 4) + 'X' + CHILD_STORAGE_KEY_PREFIX.slice(5) + 'path';
  sm.set(b(notUnder), b('10'));
  sm.set(b('other'), b('1'));
  const none = res(undefined, 0, 0, 0);
  assert.deepEqual(show(sm.clearPrefix(b(''), undefined, undefined)), none);
  assert.deepEqual(show(sm.clearPrefix(b(CHILD_STORAGE_KEY_PREFIX.slice(0, 4)), undefined, undefined)), none);
  assert.deepEqual(show(sm.clearPrefix(b(':child_storage:default:Child1'), undefined, undefined)), none);
  assert.equal(sm.exists(b('other')), true, 'the empty prefix clears nothing');
  assert.equal(sm.childExists(b('Child1'), b('\u001e')), true);
  assert.equal(sm.exists(b(notUnder)), true);
  sm.clearPrefix(b(notUnder.slice(0, 5)), undefined, undefined);
  assert.equal(sm.exists(b(notUnder)), false);
});

test('kill_child_storage: overlay then backend, with limit and cursor', async () => {
  const setup = async () => {
    const sm = await machine(textBackend({}, { c: { k1: '', k2: '', k3: '' }, d: { k1: '' } }));
    sm.childSet(b('c'), b('k4'), b('new'));
    sm.childClear(b('c'), b('k2'));
    return sm;
  };
  const sm = await setup();
  assert.deepEqual(show(sm.childKill(b('c'), undefined, undefined)), res(undefined, 2, 3, 3));
  for (const k of ['k1', 'k2', 'k3', 'k4']) assert.equal(sm.childExists(b('c'), b(k)), false, k);
  assert.equal(sm.childExists(b('d'), b('k1')), true);
  const limited = await setup();
  assert.deepEqual(show(limited.childKill(b('c'), 1, undefined)), res('k2', 1, 2, 1));
  assert.deepEqual(show(limited.childKill(b('c'), 5, b('k2'))), res(undefined, 1, 1, 2));
  const empty = await machine();
  assert.deepEqual(show(empty.childKill(b('nothing'), 0, undefined)), res(undefined, 0, 0, 0));
});

test('clear_child_prefix: only keys under the prefix, counted like clear_prefix', async () => {
  const sm = await machine(textBackend({}, { c: { a1: '', a2: '', b1: '' } }));
  sm.childSet(b('c'), b('a3'), b('x'));
  assert.deepEqual(show(sm.childClearPrefix(b('c'), b('a'), 1, undefined)), res('a2', 1, 2, 1));
  assert.deepEqual(show(sm.childClearPrefix(b('c'), b('a'), undefined, b('a2'))), res(undefined, 1, 1, 1));
  assert.equal(sm.childExists(b('c'), b('b1')), true);
  assert.equal(sm.childExists(b('c'), b('a2')), false);
  // The empty prefix is not refused for child tries.
  assert.deepEqual(show(sm.childClearPrefix(b('c'), b(''), undefined, undefined)), res(undefined, 1, 1, 3));
});
