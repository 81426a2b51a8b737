import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SortedKeys, lowerBound } from '../../src/state/sorted-keys.js';
import { prng } from './helpers.js';

test('lowerBound finds the first element >= or > the key', () => {
  const arr = ['a', 'b', 'b', 'd'];
  assert.equal(lowerBound(arr, 'b', false), 1);
  assert.equal(lowerBound(arr, 'b', true), 3);
  assert.equal(lowerBound(arr, 'c', false), 3);
  assert.equal(lowerBound(arr, 'e', false), 4);
  assert.equal(lowerBound([], 'x', true), 0);
});

test('should keep binary-string keys in bytewise order', () => {
  const s = new SortedKeys();
  for (const k of ['\u00ff', '\u0000', 'a', '\u0080', 'ab', '']) s.insert(k);
  assert.deepEqual([...s.all()], ['', '\u0000', 'a', 'ab', '\u0080', '\u00ff']);
  assert.equal(s.insert('a'), false);
  assert.equal(s.size, 6);
});

test('should iterate from a key (inclusive or strict) and by prefix', () => {
  const s = new SortedKeys();
  for (const k of ['k1', 'k2', 'k3', 'l', 'k']) s.insert(k);
  assert.deepEqual([...s.from('k1', false)], ['k1', 'k2', 'k3', 'l']);
  assert.deepEqual([...s.from('k1', true)], ['k2', 'k3', 'l']);
  assert.deepEqual([...s.from('z', true)], []);
  assert.deepEqual([...s.withPrefix('k')], ['k', 'k1', 'k2', 'k3']);
  assert.deepEqual([...s.withPrefix('k2')], ['k2']);
});

test('should match a reference set under random inserts and removes (chunk splits included)', () => {
  const seed = 0x5eed;
  const rnd = prng(seed);
  const s = new SortedKeys();
  const ref = new Set<string>();
  for (let i = 0; i < 20000; i++) {
    const k = String.fromCharCode(Math.floor(rnd() * 40), Math.floor(rnd() * 256), Math.floor(rnd() * 256));
    if (rnd() < 0.7) {
      assert.equal(s.insert(k), !ref.has(k), `seed ${seed} step ${i}`);
      ref.add(k);
    } else {
      assert.equal(s.remove(k), ref.delete(k), `seed ${seed} step ${i}`);
    }
  }
  const sorted = [...ref].sort();
  assert.equal(s.size, ref.size);
  assert.deepEqual([...s.all()], sorted);
  const probe = String.fromCharCode(20, 7);
  assert.deepEqual([...s.from(probe, true)], sorted.filter((k) => k > probe));
});
