/**
 * Storage backends: the state a call starts from (sp-state-machine `Backend`).
 *
 * A backend is read-only and synchronous (ethereumjs `StateManager` style):
 * point reads, "next key strictly greater", ordered key iteration with a
 * prefix and a start key, the same for each default child trie, and the full
 * sorted entries for root computation. All writes of a call go to the
 * overlay (`overlay.ts`); a new backend is built from a backend plus a diff
 * (`diff.ts`), never by mutating one.
 *
 * As in a Substrate node's trie backend, the top trie of a backend holds the
 * root of each non-empty child trie under `:child_storage:default:` ++ its
 * storage key (`withChildRoots` in `genesis.ts` adds them to a chain spec's
 * raw genesis, which lists child tries apart).
 */
import type { TrieRootCache, TrieVersion } from '../trie/index.js';
import { keyBytes, keyStr, type KeyStr } from './keys.js';
import { SortedStore, type SortedEntries } from './sorted-store.js';

/** The read-only state a call runs against. */
export interface StorageBackend {
  /** Value of a top-trie key. */
  get(key: Uint8Array): Uint8Array | undefined;
  /** Smallest top-trie key strictly greater than `key`. */
  nextKey(key: Uint8Array): Uint8Array | undefined;
  /** Top-trie keys starting with `prefix` and `>= startAt` (all when undefined), ascending. */
  keys(prefix: Uint8Array, startAt?: Uint8Array): Iterable<Uint8Array>;
  /** All top-trie entries, sorted by key (for root computation; do not mutate). */
  entries(): SortedEntries;

  /** Value of `key` in the child trie `storageKey` (unprefixed). */
  childGet(storageKey: Uint8Array, key: Uint8Array): Uint8Array | undefined;
  /** Smallest key of the child trie strictly greater than `key`. */
  childNextKey(storageKey: Uint8Array, key: Uint8Array): Uint8Array | undefined;
  /** Child-trie keys starting with `prefix` and `>= startAt`, ascending. */
  childKeys(storageKey: Uint8Array, prefix: Uint8Array, startAt?: Uint8Array): Iterable<Uint8Array>;
  /** All entries of the child trie, sorted by key. */
  childEntries(storageKey: Uint8Array): SortedEntries;
  /** Storage keys (unprefixed) of the child tries the backend holds, sorted. */
  childStorageKeys(): Uint8Array[];

  /**
   * Optional: hands over (and forgets) an incremental root cache that matches
   * this backend's top trie under `version`, if the backend has one.
   */
  takeRootCache?(version: TrieVersion): TrieRootCache | undefined;

  /**
   * Optional: the top-trie root of this state with `changes` (sorted by key,
   * null deletes, child roots already written) applied under `version`,
   * computed without enumerating the state (e.g. from a partial trie). When
   * present, storage roots use it instead of `entries()`; undefined means it
   * cannot for this backend (a remote state without proofs), and roots then
   * enumerate.
   */
  rootAfter?(changes: ReadonlyArray<readonly [Uint8Array, Uint8Array | null]>, version: TrieVersion): Uint8Array | undefined;
  /** Optional: the same for child trie `storageKey` (the empty trie's root when it ends empty); used instead of `childEntries()`. */
  childRootAfter?(storageKey: Uint8Array, changes: ReadonlyArray<readonly [Uint8Array, Uint8Array | null]>, version: TrieVersion): Uint8Array | undefined;
}

/** Builds a key-string map from byte pairs (copies nothing: the caller must not mutate them). */
function toMap(entries: Iterable<readonly [Uint8Array, Uint8Array]>): Map<KeyStr, Uint8Array> {
  const map = new Map<KeyStr, Uint8Array>();
  for (const [k, v] of entries) map.set(keyStr(k), v);
  return map;
}

/** Maps a key-string iterator to bytes. */
function* asBytes(keys: Iterable<KeyStr>): IterableIterator<Uint8Array> {
  for (const k of keys) yield keyBytes(k);
}

/** A backend held in memory: one sorted store per trie. */
export class InMemoryBackend implements StorageBackend {
  private readonly rootCaches = new Map<TrieVersion, TrieRootCache>();

  /** Prefer the static constructors; `children` is keyed by unprefixed storage key strings. */
  constructor(
    /** The top trie's data. */
    readonly top: SortedStore,
    /** Each child trie's data by (unprefixed) storage key string. */
    readonly children: ReadonlyMap<KeyStr, SortedStore> = new Map(),
  ) {}

  /** An empty state. */
  static empty(): InMemoryBackend {
    return new InMemoryBackend(SortedStore.empty());
  }

  /**
   * A backend from byte pairs (later duplicates win). The arrays are kept, not
   * copied: the caller must not mutate them afterwards.
   */
  static fromEntries(
    top: Iterable<readonly [Uint8Array, Uint8Array]>,
    children: Iterable<readonly [Uint8Array, Iterable<readonly [Uint8Array, Uint8Array]>]> = [],
  ): InMemoryBackend {
    const kids = new Map<KeyStr, SortedStore>();
    for (const [sk, entries] of children) kids.set(keyStr(sk), SortedStore.fromMap(toMap(entries)));
    return new InMemoryBackend(SortedStore.fromMap(toMap(top)), kids);
  }

  /** The store of child trie `sk` (empty if the backend has none). */
  child(sk: KeyStr): SortedStore {
    return this.children.get(sk) ?? SortedStore.empty();
  }

  get(key: Uint8Array): Uint8Array | undefined {
    return this.top.get(keyStr(key));
  }

  nextKey(key: Uint8Array): Uint8Array | undefined {
    const k = this.top.nextKey(keyStr(key));
    return k === undefined ? undefined : keyBytes(k);
  }

  keys(prefix: Uint8Array, startAt?: Uint8Array): Iterable<Uint8Array> {
    return asBytes(this.top.keysFrom(keyStr(prefix), startAt === undefined ? undefined : keyStr(startAt)));
  }

  entries(): SortedEntries {
    return this.top.entries();
  }

  childGet(storageKey: Uint8Array, key: Uint8Array): Uint8Array | undefined {
    return this.children.get(keyStr(storageKey))?.get(keyStr(key));
  }

  childNextKey(storageKey: Uint8Array, key: Uint8Array): Uint8Array | undefined {
    const k = this.children.get(keyStr(storageKey))?.nextKey(keyStr(key));
    return k === undefined ? undefined : keyBytes(k);
  }

  childKeys(storageKey: Uint8Array, prefix: Uint8Array, startAt?: Uint8Array): Iterable<Uint8Array> {
    const store = this.child(keyStr(storageKey));
    return asBytes(store.keysFrom(keyStr(prefix), startAt === undefined ? undefined : keyStr(startAt)));
  }

  childEntries(storageKey: Uint8Array): SortedEntries {
    return this.child(keyStr(storageKey)).entries();
  }

  childStorageKeys(): Uint8Array[] {
    return [...this.children.keys()].sort().map(keyBytes);
  }

  takeRootCache(version: TrieVersion): TrieRootCache | undefined {
    const cache = this.rootCaches.get(version);
    this.rootCaches.delete(version);
    return cache;
  }

  /** Gives the backend a root cache that matches its top trie under `version` (see `takeRootCache`). */
  adoptRootCache(version: TrieVersion, cache: TrieRootCache): void {
    this.rootCaches.set(version, cache);
  }
}
