/**
 * Storage roots over backend + overlay (sp-state-machine `Backend::full_storage_root`,
 * `child_storage_root`).
 *
 *   for each child trie touched by the overlay:
 *       root = trie root of (backend child entries ⊕ child overlay)
 *       top delta[':child_storage:default:' ++ storage key] = empty trie ? delete : root
 *   storage root = trie root of (backend top entries ⊕ top overlay ⊕ those child-root writes)
 *
 * The top root goes through a `TrieRootCache` per layout version, built once
 * from the backend (or handed over by it) and kept in sync with the delta:
 * keys that left the delta (rolled back) are restored to their backend value,
 * changed keys are written, unchanged ones skipped. Repeated roots during a
 * block then cost only the changed paths.
 */
import { compareBytes, equalBytes } from '../base/bytes.js';
import { TrieRootCache, trieRoot, type TrieHasher, type TrieVersion } from '../trie/index.js';
import type { StorageBackend } from './backend.js';
import type { OverlayValue } from './changeset.js';
import { keyBytes, type KeyStr } from './keys.js';
import type { SortedEntries } from './sorted-store.js';

/** A root and whether it is the empty trie's. */
export interface ChildRoot {
  root: Uint8Array;
  empty: boolean;
}

/** Merges sorted base entries with sorted changes (null deletes) into sorted entries. */
export function mergeEntries(base: SortedEntries, changes: Iterable<readonly [KeyStr, OverlayValue]>): Array<readonly [Uint8Array, Uint8Array]> {
  const out: Array<readonly [Uint8Array, Uint8Array]> = [];
  let i = 0;
  for (const [ks, v] of changes) {
    const k = keyBytes(ks);
    while (i < base.length && compareBytes(base[i]![0], k) < 0) out.push(base[i++]!);
    if (i < base.length && compareBytes(base[i]![0], k) === 0) i++;
    if (v !== null) out.push([k, v]);
  }
  while (i < base.length) out.push(base[i++]!);
  return out;
}

/** The cache of one layout version and the overlay values currently written into it. */
interface TopCache {
  cache: TrieRootCache;
  applied: Map<KeyStr, OverlayValue>;
}

function sameValue(a: OverlayValue, b: OverlayValue): boolean {
  if (a === b) return true;
  return a !== null && b !== null && equalBytes(a, b);
}

/** Computes roots over one backend; owns the incremental top-trie caches. */
export class RootCalculator {
  private readonly caches = new Map<TrieVersion, TopCache>();
  /** Root of the empty trie under the hasher. */
  readonly emptyRoot: Uint8Array;

  constructor(
    private readonly backend: StorageBackend,
    private readonly hash: TrieHasher,
  ) {
    this.emptyRoot = trieRoot([], 0, hash);
  }

  /** Root of child trie `sk` (unprefixed storage key bytes) with `changes` applied. */
  childRoot(sk: Uint8Array, changes: Iterable<readonly [KeyStr, OverlayValue]>, version: TrieVersion): ChildRoot {
    const entries = mergeEntries(this.backend.childEntries(sk), changes);
    if (entries.length === 0) return { root: this.emptyRoot, empty: true };
    return { root: trieRoot(entries, version, this.hash), empty: false };
  }

  private topCache(version: TrieVersion): TopCache {
    let c = this.caches.get(version);
    if (c === undefined) {
      const handed = this.backend.takeRootCache?.(version);
      c = { cache: handed ?? new TrieRootCache(version, this.hash, this.backend.entries()), applied: new Map() };
      this.caches.set(version, c);
    }
    return c;
  }

  /** Root of the top trie with `delta` (key → value or null) written over the backend. */
  topRoot(delta: ReadonlyMap<KeyStr, OverlayValue>, version: TrieVersion): Uint8Array {
    this.sync(delta, version);
    return this.topCache(version).cache.root();
  }

  /** Brings the version's cache to backend ⊕ `delta` and gives it away (for a backend built from that state). */
  releaseCache(delta: ReadonlyMap<KeyStr, OverlayValue>, version: TrieVersion): TrieRootCache {
    this.sync(delta, version);
    const c = this.topCache(version);
    this.caches.delete(version);
    return c.cache;
  }

  private sync(delta: ReadonlyMap<KeyStr, OverlayValue>, version: TrieVersion): void {
    const { cache, applied } = this.topCache(version);
    // Deleting the visited entry while iterating a Map is safe.
    for (const k of applied.keys()) {
      if (delta.has(k)) continue;
      const kb = keyBytes(k);
      const b = this.backend.get(kb);
      if (b === undefined) cache.delete(kb);
      else cache.set(kb, b);
      applied.delete(k);
    }
    for (const [k, v] of delta) {
      const prev = applied.get(k);
      if (prev !== undefined && sameValue(prev, v)) continue;
      const kb = keyBytes(k);
      if (v === null) cache.delete(kb);
      else cache.set(kb, v);
      applied.set(k, v);
    }
  }
}
