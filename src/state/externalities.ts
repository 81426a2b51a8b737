/**
 * The storage interface host functions see (Substrate's `Externalities`,
 * sp-externalities): the top trie, default child tries, nested storage
 * transactions, storage roots and the offchain index. Synchronous by design:
 * an asynchronous backend is served by running the runtime in a worker that
 * blocks while the main thread fetches (DESIGN.md).
 *
 * Keys and values handed in are never kept uncopied by implementations;
 * values handed out must not be mutated by callers.
 */
import type { StateVersion } from '../base/constants.js';

export type { StateVersion };

/**
 * Outcome of a bounded removal (sp-storage `MultiRemovalResults`).
 * `cursor` is set when items may remain (continue from it);
 * `backend` counts keys deleted from the backend, `unique` keys deleted from
 * backend or overlay, `loops` iterations done over the backend.
 */
export interface RemovalResult {
  cursor: Uint8Array | undefined;
  backend: number;
  unique: number;
  loops: number;
}

/** Storage as seen by one runtime call. */
export interface Externalities {
  // top trie
  get(key: Uint8Array): Uint8Array | undefined;
  exists(key: Uint8Array): boolean;
  set(key: Uint8Array, value: Uint8Array): void;
  clear(key: Uint8Array): void;
  /** Smallest key strictly greater than `key`, overlay and backend merged. */
  nextKey(key: Uint8Array): Uint8Array | undefined;
  /** Removes keys starting with `prefix`, at most `limit` backend keys (undefined: no limit). */
  clearPrefix(prefix: Uint8Array, limit: number | undefined, cursor: Uint8Array | undefined): RemovalResult;
  /** sp-io `append`: appends a SCALE item to a SCALE `Vec` value. */
  append(key: Uint8Array, item: Uint8Array): void;
  /** Storage root over backend + changes (child roots first written into the top trie). */
  storageRoot(version: StateVersion): Uint8Array;

  // default child tries; `storageKey` is the child key without `:child_storage:default:`
  childGet(storageKey: Uint8Array, key: Uint8Array): Uint8Array | undefined;
  childExists(storageKey: Uint8Array, key: Uint8Array): boolean;
  childSet(storageKey: Uint8Array, key: Uint8Array, value: Uint8Array): void;
  childClear(storageKey: Uint8Array, key: Uint8Array): void;
  childNextKey(storageKey: Uint8Array, key: Uint8Array): Uint8Array | undefined;
  childKill(storageKey: Uint8Array, limit: number | undefined, cursor: Uint8Array | undefined): RemovalResult;
  childClearPrefix(storageKey: Uint8Array, prefix: Uint8Array, limit: number | undefined, cursor: Uint8Array | undefined): RemovalResult;
  childRoot(storageKey: Uint8Array, version: StateVersion): Uint8Array;

  // transactions (also cover child storage); commit/rollback without an open one throw STATE_NO_TRANSACTION
  startTransaction(): void;
  commitTransaction(): void;
  rollbackTransaction(): void;

  // offchain index (recorded, written to the offchain DB on block import)
  offchainIndexSet(key: Uint8Array, value: Uint8Array): void;
  offchainIndexClear(key: Uint8Array): void;
}
