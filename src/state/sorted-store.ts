/**
 * An immutable sorted key → value store: the data of one trie (the top trie
 * or one child trie) in an in-memory backend. Keys are binary strings (see
 * `keys.ts`) kept in one sorted array for `nextKey` / prefix iteration by
 * binary search, plus a `Map` for point reads.
 *
 * Changing a store builds a new one (`apply`): callers' states are never
 * mutated, so a failed call leaves its backend intact.
 */
import { keyBytes, type KeyStr } from './keys.js';
import { lowerBound } from './sorted-keys.js';

/** A sorted (key, value) pair list as the trie root functions take it. */
export type SortedEntries = ReadonlyArray<readonly [Uint8Array, Uint8Array]>;

/** One trie's key/value data, immutable. */
export class SortedStore {
  private cachedEntries: SortedEntries | undefined = undefined;

  private constructor(
    /** All keys, ascending. */
    readonly keys: readonly KeyStr[],
    private readonly map: ReadonlyMap<KeyStr, Uint8Array>,
  ) {}

  /** The empty store. */
  static empty(): SortedStore {
    return new SortedStore([], new Map());
  }

  /** A store owning `map` (the caller must not modify it afterwards). */
  static fromMap(map: Map<KeyStr, Uint8Array>): SortedStore {
    const keys = [...map.keys()].sort();
    return new SortedStore(keys, map);
  }

  /** Number of keys. */
  get size(): number {
    return this.keys.length;
  }

  /** The value under `k`. */
  get(k: KeyStr): Uint8Array | undefined {
    return this.map.get(k);
  }

  /** The smallest key strictly greater than `k`. */
  nextKey(k: KeyStr): KeyStr | undefined {
    return this.keys[lowerBound(this.keys, k, true)];
  }

  /** Keys starting with `prefix` that are `>= startAt` (all of them when undefined), ascending. */
  *keysFrom(prefix: KeyStr, startAt: KeyStr | undefined): IterableIterator<KeyStr> {
    const keys = this.keys;
    const from = startAt !== undefined && startAt > prefix ? startAt : prefix;
    for (let i = lowerBound(keys, from, false); i < keys.length; i++) {
      const k = keys[i]!;
      if (!k.startsWith(prefix)) return;
      yield k;
    }
  }

  /** All entries as byte pairs, ascending (computed once, then shared: do not mutate). */
  entries(): SortedEntries {
    if (this.cachedEntries === undefined) {
      this.cachedEntries = this.keys.map((k) => [keyBytes(k), this.map.get(k)!] as const);
    }
    return this.cachedEntries;
  }

  /** A new store with `changes` applied in order (null removes the key). */
  apply(changes: Iterable<readonly [KeyStr, Uint8Array | null]>): SortedStore {
    const map = new Map(this.map);
    for (const [k, v] of changes) {
      if (v === null) map.delete(k);
      else map.set(k, v);
    }
    const added: KeyStr[] = [];
    for (const k of map.keys()) if (!this.map.has(k)) added.push(k);
    added.sort();
    const keys: KeyStr[] = [];
    let j = 0;
    for (const k of this.keys) {
      while (j < added.length && added[j]! < k) keys.push(added[j++]!);
      if (map.has(k)) keys.push(k);
    }
    while (j < added.length) keys.push(added[j++]!);
    return new SortedStore(keys, map);
  }
}
