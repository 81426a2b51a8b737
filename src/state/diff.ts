/**
 * The storage diff of a call and applying it to a backend.
 *
 * The diff is what the overlay recorded (sp-state-machine `StorageChanges`
 * `main_storage_changes` / `child_storage_changes` / offchain changes): every
 * key written during the call with its final value, null when cleared. A
 * write of an unchanged value and a clear of an absent key are included, as
 * Substrate's overlay records them; writes undone by a rolled-back
 * transaction are not. Child-trie roots appear in the top changes only when
 * the runtime asked for a child root (`ext_default_child_storage_root`), as
 * upstream.
 *
 * Applying a diff builds a new backend (the old one is untouched): the top
 * and child changes are written, then, as in the block-import transaction,
 * each changed child trie's root is stored under `:child_storage:default:` ++
 * storage key, or that key deleted when the child trie became empty.
 */
import { SwxError } from '../base/errors.js';
import { trieRoot, type TrieHasher, type TrieVersion } from '../trie/index.js';
import { InMemoryBackend, type StorageBackend } from './backend.js';
import { keyStr, prefixedChildKey, type KeyStr } from './keys.js';
import { SortedStore } from './sorted-store.js';

/** One key's change: its final value, or null when it was cleared. */
export type KeyChange = readonly [key: Uint8Array, value: Uint8Array | null];

/** Everything a call changed. */
export interface StorageDiff {
  /** Top-trie changes, sorted by key. */
  top: KeyChange[];
  /** Child-trie changes by unprefixed storage key (sorted), each sorted by key. */
  children: Array<readonly [storageKey: Uint8Array, changes: KeyChange[]]>;
  /** Offchain-index writes (value) and clears (null), sorted by key. */
  offchainIndex: KeyChange[];
}

/** A copy of `backend` as an InMemoryBackend (the same object if it already is one). */
export function toInMemory(backend: StorageBackend): InMemoryBackend {
  if (backend instanceof InMemoryBackend) return backend;
  return InMemoryBackend.fromEntries(
    backend.entries(),
    backend.childStorageKeys().map((sk) => [sk, backend.childEntries(sk)] as const),
  );
}

/** Key-string changes of a diff section. */
function asStr(changes: readonly KeyChange[]): Array<readonly [KeyStr, Uint8Array | null]> {
  return changes.map(([k, v]) => [keyStr(k), v] as const);
}

/**
 * Child-trie stores and top-trie child-root writes after `children` changes
 * (empty children dropped, their root key deleted).
 */
export function applyChildChanges(
  backend: InMemoryBackend,
  children: Iterable<readonly [KeyStr, Iterable<readonly [KeyStr, Uint8Array | null]>]>,
  version: TrieVersion,
  hash: TrieHasher,
): { stores: Map<KeyStr, SortedStore>; rootWrites: Map<KeyStr, Uint8Array | null> } {
  const stores = new Map(backend.children);
  const rootWrites = new Map<KeyStr, Uint8Array | null>();
  for (const [sk, changes] of children) {
    const next = backend.child(sk).apply(changes);
    if (next.size === 0) {
      stores.delete(sk);
      rootWrites.set(prefixedChildKey(sk), null);
    } else {
      stores.set(sk, next);
      rootWrites.set(prefixedChildKey(sk), trieRoot(next.entries(), version, hash));
    }
  }
  return { stores, rootWrites };
}

/**
 * A new backend: `backend` with `diff` applied and the roots of the changed
 * child tries (computed under `version`) written into the top trie.
 * `backend` is not modified.
 */
export function applyDiff(backend: StorageBackend, diff: StorageDiff, version: TrieVersion, hash: TrieHasher): InMemoryBackend {
  if (version !== 0 && version !== 1) throw new SwxError('INVALID_INPUT', `state version must be 0 or 1, got ${String(version)}`);
  const base = toInMemory(backend);
  const { stores, rootWrites } = applyChildChanges(
    base,
    diff.children.map(([sk, changes]) => [keyStr(sk), asStr(changes)] as const),
    version,
    hash,
  );
  const top = base.top.apply([...asStr(diff.top), ...rootWrites]);
  return new InMemoryBackend(top, stores);
}

