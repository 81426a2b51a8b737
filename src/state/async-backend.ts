/**
 * An asynchronous state: what a fork tool or a light client has when storage
 * lives behind an RPC. Host functions are synchronous, so such a state is
 * served to a runtime running in a worker thread that blocks (Atomics.wait)
 * while the main thread awaits these methods (see executor/isolated.ts).
 *
 * Only point reads and ordered iteration are required; whole-trie reads
 * (`entries`, needed for storage roots) are optional and otherwise derived by
 * iterating `nextKey` — correct but one round trip per key.
 */
import type { TrieVersion } from '../trie/index.js';

/** A state read asynchronously; keys and values are raw bytes. */
export interface AsyncStorageBackend {
  /** Marks the object as asynchronous (so calls can tell the two kinds apart). */
  readonly async: true;
  get(key: Uint8Array): Promise<Uint8Array | undefined>;
  /** Smallest top-trie key strictly greater than `key`. */
  nextKey(key: Uint8Array): Promise<Uint8Array | undefined>;
  childGet(storageKey: Uint8Array, key: Uint8Array): Promise<Uint8Array | undefined>;
  childNextKey(storageKey: Uint8Array, key: Uint8Array): Promise<Uint8Array | undefined>;
  /** Optional: all top entries, sorted (else derived with `nextKey`). */
  entries?(): Promise<Array<readonly [Uint8Array, Uint8Array]>>;
  /** Optional: all entries of a child trie, sorted (else derived with `childNextKey`). */
  childEntries?(storageKey: Uint8Array): Promise<Array<readonly [Uint8Array, Uint8Array]>>;
  /** Optional: the unprefixed storage keys of the child tries (else read from `:child_storage:default:` keys). */
  childStorageKeys?(): Promise<Uint8Array[]>;
  /**
   * Optional: the top-trie root after `changes` (sorted, null deletes, child
   * roots written) under `version`, without enumerating the state (e.g. from
   * read proofs); undefined when it cannot here (then roots enumerate).
   */
  rootAfter?(changes: ReadonlyArray<readonly [Uint8Array, Uint8Array | null]>, version: TrieVersion): Promise<Uint8Array | undefined>;
  /** Optional: the same for child trie `storageKey` (the empty trie's root when it ends empty). */
  childRootAfter?(storageKey: Uint8Array, changes: ReadonlyArray<readonly [Uint8Array, Uint8Array | null]>, version: TrieVersion): Promise<Uint8Array | undefined>;
}

/** Is `b` an asynchronous backend? */
export function isAsyncBackend(b: unknown): b is AsyncStorageBackend {
  return typeof b === 'object' && b !== null && (b as { async?: unknown }).async === true;
}
