import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compareBytes, toHexRaw } from '../../src/base/bytes.js';
import { isSwxError } from '../../src/base/errors.js';
import { EMPTY_TRIE_ROOT_BLAKE2, TrieRootCache, trieRoot, type TrieEntry, type TrieVersion } from '../../src/trie/index.js';
import { testHashers } from '../support/fake-context.js';
import { e, fill, randomBytes, randomEntries, rng, testSeed, withSeed } from './support.js';

const { blake2_256: blake2 } = await testHashers;

const sortedOf = (m: Map<string, TrieEntry>): TrieEntry[] => [...m.values()].sort((a, b) => compareBytes(a[0], b[0]));

describe('TrieRootCache', () => {
  it('should start from the empty root or from the given entries', () => {
    assert.deepEqual(new TrieRootCache(0, blake2).root(), EMPTY_TRIE_ROOT_BLAKE2);
    const entries = [e('foo', 'bar'), e('foobar', 'baz')];
    assert.equal(toHexRaw(new TrieRootCache(0, blake2, entries).root()), 'a61820b5fba9b01aee10b5bbd84aea80b8230318c5e8ca14b9a4940c76e09815');
  });

  it('should reject unsorted initial entries', () => {
    assert.throws(() => new TrieRootCache(0, blake2, [e('b', '1'), e('a', '1')]), (err) => isSwxError(err, 'INVALID_INPUT'));
  });

  it('should split, merge and collapse nodes exactly like a fresh trie', () => {
    const cache = new TrieRootCache(1, blake2);
    const live = new Map<string, TrieEntry>();
    const step = (key: string, value: string | undefined): void => {
      if (value === undefined) {
        cache.delete(e(key, '')[0]);
        live.delete(key);
      } else {
        cache.set(...e(key, value));
        live.set(key, e(key, value));
      }
      assert.deepEqual(cache.root(), trieRoot(sortedOf(live), 1, blake2), `after ${key} → ${String(value)}`);
    };
    step('abc', 'leaf');
    step('abd', 'split into a branch');
    step('ab', 'value on the branch');
    step('a', 'x'.repeat(40)); // hashed value above
    step('', 'root value');
    step('ab', undefined); // branch loses its value, keeps 2 children
    step('abc', undefined); // branch with 1 child and no value: merged away
    step('a', undefined);
    step('', undefined);
    step('abd', undefined);
    assert.deepEqual(cache.root(), EMPTY_TRIE_ROOT_BLAKE2);
  });

  it('should ignore deleting an absent key and rewriting the same value', () => {
    const cache = new TrieRootCache(0, blake2, [e('a', '1'), e('ab', '2')]);
    const before = cache.root();
    cache.delete(e('abc', '')[0]);
    cache.delete(e('b', '')[0]);
    cache.set(...e('a', '1'));
    assert.deepEqual(cache.root(), before);
  });

  it('should copy values it keeps and return a fresh root', () => {
    const value = fill(3, 1);
    const cache = new TrieRootCache(0, blake2);
    cache.set(e('k', '')[0], value);
    const root = cache.root();
    value[0] = 9;
    root[0] ^= 0xff;
    assert.deepEqual(cache.get(e('k', '')[0]), fill(3, 1));
    assert.deepEqual(cache.root(), trieRoot([e('k', fill(3, 1))], 0, blake2));
  });

  for (const version of [0, 1] as TrieVersion[]) {
    it(`should match trieRoot after every batch of random sets and deletes (V${version})`, async () => {
      const seed = testSeed();
      await withSeed(seed, () => {
        const next = rng(seed);
        const initial = randomEntries(next, 300);
        const cache = new TrieRootCache(version, blake2, initial);
        const live = new Map(initial.map((x) => [toHexRaw(x[0]), x] as const));
        for (let batch = 0; batch < 40; batch++) {
          const ops = 1 + (next() % 20);
          for (let i = 0; i < ops; i++) {
            const keys = [...live.values()];
            if (next() % 3 === 0 && keys.length > 0) {
              const [k] = keys[next() % keys.length]!;
              cache.delete(k);
              live.delete(toHexRaw(k));
            } else {
              // Either overwrite an existing key or insert a fresh one near existing ones.
              const base = keys.length > 0 && next() % 2 === 0 ? keys[next() % keys.length]![0] : randomBytes(next, next() % 34);
              const k = next() % 2 === 0 ? base : Uint8Array.from([...base, next() & 0xff]);
              const v = randomBytes(next, next() % 70);
              cache.set(k, v);
              live.set(toHexRaw(k), [k, v]);
            }
          }
          assert.deepEqual(cache.root(), trieRoot(sortedOf(live), version, blake2), `batch ${batch}`);
        }
      });
    });
  }

  it('should recompute far faster than from scratch after 1k updates on a large trie', (t) => {
    const size = process.env['SWX_SLOW'] === '1' ? 100_000 : 20_000;
    const next = rng(7);
    const entries = randomEntries(next, size);
    const cache = new TrieRootCache(1, blake2, entries);
    cache.root();
    for (let i = 0; i < 1000; i++) {
      const [k] = entries[next() % entries.length]!;
      cache.set(k, randomBytes(next, 40));
    }
    let t0 = performance.now();
    const incremental = cache.root();
    const incrementalMs = performance.now() - t0;
    t0 = performance.now();
    const updated = new Map(entries.map((x) => [toHexRaw(x[0]), x] as const));
    for (const [k] of entries) updated.set(toHexRaw(k), [k, cache.get(k)!]);
    const full = trieRoot(sortedOf(updated), 1, blake2);
    const fullMs = performance.now() - t0;
    t.diagnostic(`${size} keys, 1000 updates: incremental ${incrementalMs.toFixed(1)} ms, full ${fullMs.toFixed(1)} ms`);
    assert.deepEqual(incremental, full);
    assert.ok(incrementalMs < fullMs, `incremental ${incrementalMs} ms vs full ${fullMs} ms`);
  });
});
