/**
 * The transactional changeset, after sp-state-machine `overlayed_changes/changeset.rs`
 * tests (`transaction_works`, `transaction_commit_then_rollback_works`, `clear_works`,
 * `next_change_works`), values only (no extrinsic indices).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OverlayedMap, type OverlayValue } from '../../src/state/changeset.js';
import { decodeUtf8, utf8 } from '../../src/base/bytes.js';

function set(m: OverlayedMap, k: string, v: string | null): void {
  m.set(k, v === null ? null : utf8(v));
}

function view(m: OverlayedMap): Array<[string, string | null]> {
  return [...m.entries()].map(([k, v]: [string, OverlayValue]) => [k, v === null ? null : decodeUtf8(v)!]);
}

function base(): OverlayedMap {
  const m = new OverlayedMap();
  set(m, 'key0', 'val0');
  set(m, 'key1', 'val1');
  set(m, 'key0', 'val0-1');
  m.start();
  set(m, 'key42', 'val42');
  set(m, 'key99', 'val99');
  m.start();
  set(m, 'key42', 'val42-rolled');
  set(m, 'key7', 'val7-rolled');
  set(m, 'key0', 'val0-rolled');
  set(m, 'key5', 'val5-rolled');
  return m;
}

const ALL: Array<[string, string]> = [
  ['key0', 'val0-rolled'],
  ['key1', 'val1'],
  ['key42', 'val42-rolled'],
  ['key5', 'val5-rolled'],
  ['key7', 'val7-rolled'],
  ['key99', 'val99'],
];

test('writes outside a transaction are committed at once (last write wins)', () => {
  const m = new OverlayedMap();
  set(m, 'key0', 'val0');
  set(m, 'key1', 'val1');
  set(m, 'key0', 'val0-1');
  assert.equal(m.depth, 0);
  assert.deepEqual(view(m), [['key0', 'val0-1'], ['key1', 'val1']]);
});

test('rolling back the inner transaction restores the outer view; empty transactions are no-ops', () => {
  const m = base();
  assert.deepEqual(view(m), ALL);
  m.start();
  m.start();
  assert.equal(m.rollback(), true);
  assert.equal(m.commit(), true);
  assert.equal(m.depth, 2);
  assert.deepEqual(view(m), ALL);
  m.rollback();
  const rolledBack = [['key0', 'val0-1'], ['key1', 'val1'], ['key42', 'val42'], ['key99', 'val99']];
  assert.deepEqual(view(m), rolledBack);
  m.commit();
  assert.equal(m.depth, 0);
  assert.deepEqual(view(m), rolledBack);
});

test('committing the inner transaction then rolling back the outer one drops both', () => {
  const m = base();
  m.commit();
  assert.deepEqual(view(m), ALL);
  m.rollback();
  assert.deepEqual(view(m), [['key0', 'val0-1'], ['key1', 'val1']]);
});

test('a key written only in an inner transaction belongs to the outer one after commit', () => {
  const m = new OverlayedMap();
  set(m, 'k', 'committed');
  m.start();
  m.start();
  set(m, 'k', 'inner');
  m.commit();
  assert.deepEqual(view(m), [['k', 'inner']]);
  m.rollback();
  assert.deepEqual(view(m), [['k', 'committed']]);
});

test('clearWhere deletes the given keys, counts those holding a value, and rolls back', () => {
  const m = new OverlayedMap();
  set(m, 'key0', 'val0');
  set(m, 'key1', 'val1');
  set(m, 'del1', 'delval1');
  set(m, 'del2', 'delval2');
  set(m, 'del3', null);
  m.start();
  assert.equal(m.clearWhere(m.keysWithPrefix('del')), 2);
  assert.deepEqual(view(m), [['del1', null], ['del2', null], ['del3', null], ['key0', 'val0'], ['key1', 'val1']]);
  m.rollback();
  assert.deepEqual(view(m), [['del1', 'delval1'], ['del2', 'delval2'], ['del3', null], ['key0', 'val0'], ['key1', 'val1']]);
});

test('keysAfter follows the current transaction', () => {
  const m = new OverlayedMap();
  set(m, 'key0', 'val0');
  set(m, 'key1', 'val1');
  set(m, 'key2', 'val2');
  m.start();
  set(m, 'key3', 'val3');
  set(m, 'key4', 'val4');
  set(m, 'key11', 'val11');
  assert.equal(m.keysAfter('key0').next().value, 'key1');
  assert.equal(m.keysAfter('key1').next().value, 'key11');
  assert.equal(m.keysAfter('key11').next().value, 'key2');
  assert.equal(m.keysAfter('key4').next().done, true);
  m.rollback();
  assert.equal(m.keysAfter('key1').next().value, 'key2');
  assert.equal(m.keysAfter('key2').next().done, true);
  assert.equal(m.size, 3);
});

test('commit and rollback report false when no transaction is open', () => {
  const m = new OverlayedMap();
  assert.equal(m.commit(), false);
  assert.equal(m.rollback(), false);
  m.start();
  assert.equal(m.commit(), true);
  assert.equal(m.commit(), false);
});

test('a changeset spawned inside transactions joins them', () => {
  const m = new OverlayedMap(2);
  assert.equal(m.depth, 2);
  set(m, 'a', '1');
  m.rollback();
  assert.equal(m.get('a'), undefined);
  assert.equal(m.size, 0);
});
