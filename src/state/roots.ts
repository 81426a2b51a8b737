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
 * from the backend (or handed over by it) and updated only with what the
 * overlay reports as touched since (writes, rollbacks, child tries created,
 * written or dropped): a rolled-back key gets its backend value back, a
 * touched child trie its recomputed root. Repeated roots during a block then
 * cost only the changed paths.
 *
 * A backend that cannot enumerate its state cheaply (a partial trie from
 * proofs: `proof-backend.ts`) offers `rootAfter` / `childRootAfter`; roots then
 * go through them with the overlay's changes, and no cache is built.
 */
import { compareBytes, equalBytes } from '../base/bytes.js';
import { TrieRootCache, trieRoot, type TrieHasher, type TrieVersion } from '../trie/index.js';
import type { StorageBackend } from './backend.js';
import type { OverlayValue } from './changeset.js';
import { DEFAULT_CHILD_STORAGE_KEY_PREFIX, keyBytes, prefixedChildKey, type KeyStr } from './keys.js';
import type { OverlayedChanges } from './overlay.js';
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

/** The cache of one layout version and what changed since it was last brought up to date. */
interface TopCache {
  cache: TrieRootCache;
  pendingTop: Set<KeyStr>;
  pendingChildren: Set<KeyStr>;
}

/** Computes roots over one backend; owns the incremental top-trie caches. */
export class RootCalculator {
  private readonly caches = new Map<TrieVersion, TopCache>();
  /** Whether the backend's root hooks answer (false after the first undefined: never asked again). */
  private hooks = true;
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
    if (this.hooks && this.backend.childRootAfter !== undefined) {
      const root = this.backend.childRootAfter(sk, asBytes(changes), version);
      if (root !== undefined) return { root, empty: equalBytes(root, this.emptyRoot) };
      this.hooks = false;
    }
    const entries = mergeEntries(this.backend.childEntries(sk), changes);
    if (entries.length === 0) return { root: this.emptyRoot, empty: true };
    return { root: trieRoot(entries, version, this.hash), empty: false };
  }

  /** Storage root of backend ⊕ `overlay` (child roots included), layout `version`. */
  topRoot(overlay: OverlayedChanges, version: TrieVersion): Uint8Array {
    if (this.hooks && this.backend.rootAfter !== undefined && this.caches.size === 0) {
      // overlayDelta takes the touched sets; with no cache built yet, a cache built after a refusal starts from the whole overlay.
      const delta = this.overlayDelta(overlay, version);
      // A child hook that refused has turned the hooks off already.
      const root = this.hooks ? this.backend.rootAfter(delta, version) : undefined;
      if (root !== undefined) return root;
      this.hooks = false;
    }
    return this.sync(overlay, version).cache.root();
  }

  /** Brings the version's cache up to backend ⊕ `overlay` and gives it away (for a backend built from that state). */
  releaseCache(overlay: OverlayedChanges, version: TrieVersion): TrieRootCache {
    const c = this.sync(overlay, version);
    this.caches.delete(version);
    return c.cache;
  }

  /**
   * The sorted top delta for the backend's `rootAfter` hook (a backend that
   * cannot enumerate its state cheaply): the whole overlay each time, child
   * roots winning over top writes of their keys, as in `sync`.
   */
  private overlayDelta(overlay: OverlayedChanges, version: TrieVersion): Array<readonly [Uint8Array, Uint8Array | null]> {
    overlay.takeTouched();
    const delta = new Map<KeyStr, OverlayValue>(overlay.top.entries());
    for (const [sk, changes] of overlay.children) {
      const { root, empty } = this.childRoot(keyBytes(sk), changes.entries(), version);
      delta.set(prefixedChildKey(sk), empty ? null : root);
    }
    // Key strings compare like the bytes (keys.ts); the keys are unique.
    return asBytes([...delta].sort(([a], [b]) => (a < b ? -1 : 1)));
  }

  /**
   * Updates the version's cache with what changed since its last update:
   * touched child tries get their root recomputed (or their root key restored
   * when the changeset is gone), touched top keys their overlay or backend value.
   * A child root in the delta wins over a top write of the same key, as in
   * upstream's `full_storage_root` (top delta first, then child roots).
   */
  private sync(overlay: OverlayedChanges, version: TrieVersion): TopCache {
    const touched = overlay.takeTouched();
    for (const c of this.caches.values()) {
      for (const k of touched.top) c.pendingTop.add(k);
      for (const sk of touched.children) c.pendingChildren.add(sk);
    }
    let c = this.caches.get(version);
    if (c === undefined) {
      const handed = this.backend.takeRootCache?.(version);
      c = {
        cache: handed ?? new TrieRootCache(version, this.hash, this.backend.entries()),
        pendingTop: new Set(overlay.top.keys()),
        pendingChildren: new Set(overlay.children.keys()),
      };
      this.caches.set(version, c);
    }
    const topValue = (k: KeyStr): OverlayValue => {
      const o = overlay.top.get(k);
      return o !== undefined ? o : (this.backend.get(keyBytes(k)) ?? null);
    };
    for (const sk of c.pendingChildren) {
      const pk = prefixedChildKey(sk);
      const changes = overlay.children.get(sk);
      if (changes === undefined) {
        write(c.cache, pk, topValue(pk));
      } else {
        const { root, empty } = this.childRoot(keyBytes(sk), changes.entries(), version);
        write(c.cache, pk, empty ? null : root);
      }
      c.pendingTop.delete(pk);
    }
    for (const k of c.pendingTop) {
      if (k.startsWith(DEFAULT_CHILD_STORAGE_KEY_PREFIX) && overlay.children.has(k.slice(DEFAULT_CHILD_STORAGE_KEY_PREFIX.length))) continue;
      write(c.cache, k, topValue(k));
    }
    c.pendingChildren.clear();
    c.pendingTop.clear();
    return c;
  }
}

/** Key-string changes as byte pairs. */
function asBytes(changes: Iterable<readonly [KeyStr, OverlayValue]>): Array<readonly [Uint8Array, Uint8Array | null]> {
  const out: Array<readonly [Uint8Array, Uint8Array | null]> = [];
  for (const [k, v] of changes) out.push([keyBytes(k), v]);
  return out;
}

/** Writes one key into a root cache (null deletes). */
function write(cache: TrieRootCache, k: KeyStr, v: OverlayValue): void {
  if (v === null) cache.delete(keyBytes(k));
  else cache.set(keyBytes(k), v);
}
