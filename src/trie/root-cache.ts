/**
 * Incremental root calculation for repeated `storage_root` calls during block
 * execution: the trie stays in memory with every node's child reference
 * cached; `set`/`delete` invalidate the path to the changed key, and `root()`
 * re-encodes and re-hashes only those nodes.
 *
 * Cost: building from n sorted entries is O(n) node allocations and no
 * hashing; the first `root()` hashes every node once (like `trieRoot`); after
 * k changes, `root()` hashes about k × depth nodes (depth ≈ log16 n).
 */
import { equalBytes } from '../base/bytes.js';
import { assertSortedEntries, type TrieEntry } from './root.js';
import { Tree } from './tree.js';
import type { TrieHasher, TrieVersion } from './types.js';

/** A trie held in memory whose root is recomputed only along the paths touched since the last `root()`. */
export class TrieRootCache {
  private readonly tree: Tree;

  /**
   * @param version layout of every value (V1: values ≥ 33 bytes hashed)
   * @param entries initial content, sorted by key and duplicate-free (checked); values are copied
   */
  constructor(version: TrieVersion, hash: TrieHasher, entries: ReadonlyArray<TrieEntry> = []) {
    assertSortedEntries(entries, 'TrieRootCache');
    this.tree = Tree.fromSorted(
      entries.map(([k, v]): TrieEntry => [k, v.slice()]),
      version,
      hash,
    );
  }

  /** The value under `key`, if any (a view: do not mutate). */
  get(key: Uint8Array): Uint8Array | undefined {
    return this.tree.get(key);
  }

  /** Inserts or replaces `key` (the value is copied). Writing the current value changes nothing. */
  set(key: Uint8Array, value: Uint8Array): void {
    const old = this.tree.get(key);
    if (old !== undefined && equalBytes(old, value)) return;
    this.tree.set(key, value.slice());
  }

  /** Removes `key` if present. */
  delete(key: Uint8Array): void {
    this.tree.delete(key);
  }

  /** The current root (a fresh copy). */
  root(): Uint8Array {
    return this.tree.rootHash().slice();
  }
}
