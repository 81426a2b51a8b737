/**
 * An in-memory base-16 trie without extension nodes, each node holding its
 * partial key, optional value and up to 16 children, plus a cached child
 * reference (`ref`: the encoding if < 32 bytes, else its hash). A change
 * clears the cache on the path from the root to the changed node only, so a
 * new root costs one re-encoding per touched node (smoldot's
 * `trie_root_calculator` idea, applied to a tree kept in memory).
 *
 * Shape invariants (those of the canonical trie, so that encodings match):
 *   - a node without children (`children === undefined`) is a leaf and has a value;
 *   - a node with children has at least one; with exactly one, it has a value
 *     (otherwise it is merged into its child).
 */
import { EMPTY_NODE, HEADER, NodeBuilder } from './builder.js';
import { commonNibblePrefix, keyNibbles, nibbleAt } from './nibbles.js';
import { HASH_LENGTH, NIBBLE_COUNT, isHashedValue, type TrieHasher, type TrieVersion } from './types.js';
import type { TrieEntry } from './root.js';

/** One node of the in-memory trie. */
export class TreeNode {
  constructor(
    /** Partial key, one nibble per byte. */
    public partial: Uint8Array,
    public value: Uint8Array | undefined,
    /** 16 slots, or undefined for a leaf. */
    public children: Array<TreeNode | undefined> | undefined,
  ) {}
  /** Cached child reference; undefined when the node changed since it was last encoded. */
  ref: Uint8Array | undefined = undefined;
}

function newChildren(): Array<TreeNode | undefined> {
  return new Array<TreeNode | undefined>(NIBBLE_COUNT).fill(undefined);
}

function childCount(children: Array<TreeNode | undefined> | undefined): number {
  if (children === undefined) return 0;
  let n = 0;
  for (let i = 0; i < NIBBLE_COUNT; i++) if (children[i] !== undefined) n++;
  return n;
}

/** Number of leading nibbles `partial` shares with `path` from `p` on. */
function matchLength(partial: Uint8Array, path: Uint8Array, p: number): number {
  const max = Math.min(partial.length, path.length - p);
  let i = 0;
  while (i < max && partial[i] === path[p + i]) i++;
  return i;
}

/** Replacement for a node's encoding in a proof: no value, or other child references. */
export interface EncodeOverrides {
  /** Omit the value (leaf: empty inline value; branch: no value). */
  omitValue: boolean;
  /** Child references to write instead of the real ones, by nibble. */
  children: ReadonlyMap<number, Uint8Array>;
}

/** The mutable trie: see the file comment. */
export class Tree {
  root: TreeNode | undefined = undefined;
  private readonly b = new NodeBuilder(1024);
  private cachedRoot: Uint8Array | undefined = undefined;

  constructor(
    readonly version: TrieVersion,
    readonly hash: TrieHasher,
  ) {}

  /** Builds a tree from entries sorted by key and duplicate-free (caller-checked); keeps `value` arrays as given. */
  static fromSorted(entries: ReadonlyArray<TrieEntry>, version: TrieVersion, hash: TrieHasher): Tree {
    const t = new Tree(version, hash);
    if (entries.length > 0) t.root = buildRange(entries, 0, entries.length, 0);
    return t;
  }

  /** The value under `key`, if any. */
  get(key: Uint8Array): Uint8Array | undefined {
    let node = this.root;
    let p = 0;
    const len = key.length * 2;
    while (node !== undefined) {
      const part = node.partial;
      if (p + part.length > len) return undefined;
      for (let i = 0; i < part.length; i++) if (nibbleAt(key, p + i) !== part[i]) return undefined;
      p += part.length;
      if (p === len) return node.value;
      if (node.children === undefined) return undefined;
      node = node.children[nibbleAt(key, p)];
      p++;
    }
    return undefined;
  }

  /** Sets `key` to `value` (kept as given: copy beforehand if needed). */
  set(key: Uint8Array, value: Uint8Array): void {
    this.cachedRoot = undefined;
    const path = keyNibbles(key);
    if (this.root === undefined) {
      this.root = new TreeNode(path, value, undefined);
      return;
    }
    let parent: Array<TreeNode | undefined> | undefined;
    let slot = 0;
    let node = this.root;
    let p = 0;
    for (;;) {
      node.ref = undefined;
      const m = matchLength(node.partial, path, p);
      if (m === node.partial.length) {
        p += m;
        if (p === path.length) {
          node.value = value;
          return;
        }
        const idx = path[p]!;
        node.children ??= newChildren();
        const child = node.children[idx];
        if (child === undefined) {
          node.children[idx] = new TreeNode(path.slice(p + 1), value, undefined);
          return;
        }
        parent = node.children;
        slot = idx;
        node = child;
        p++;
        continue;
      }
      // Split `node` after its first `m` nibbles under a new branch.
      const branch = new TreeNode(node.partial.slice(0, m), undefined, newChildren());
      branch.children![node.partial[m]!] = node;
      node.partial = node.partial.slice(m + 1);
      if (p + m === path.length) branch.value = value;
      else branch.children![path[p + m]!] = new TreeNode(path.slice(p + m + 1), value, undefined);
      if (parent === undefined) this.root = branch;
      else parent[slot] = branch;
      return;
    }
  }

  /** Removes `key`; returns whether it was present. */
  delete(key: Uint8Array): boolean {
    const path = keyNibbles(key);
    // Path of (node, slot in its parent) from the root down to the node holding the key.
    const nodes: TreeNode[] = [];
    const slots: number[] = [];
    let node = this.root;
    let slot = -1;
    let p = 0;
    while (node !== undefined) {
      const m = matchLength(node.partial, path, p);
      if (m !== node.partial.length) return false;
      nodes.push(node);
      slots.push(slot);
      p += m;
      if (p === path.length) break;
      if (node.children === undefined) return false;
      slot = path[p]!;
      node = node.children[slot];
      p++;
    }
    if (node === undefined || node.value === undefined) return false;
    this.cachedRoot = undefined;
    for (const n of nodes) n.ref = undefined;
    node.value = undefined;
    // Restore the shape invariants from the changed node upwards.
    for (let d = nodes.length - 1; d >= 0; d--) {
      const n = nodes[d]!;
      const count = childCount(n.children);
      let replacement: TreeNode | undefined = n;
      if (count === 0) {
        if (n.value === undefined) replacement = undefined;
        else n.children = undefined;
      } else if (count === 1 && n.value === undefined) {
        const idx = n.children!.findIndex((c) => c !== undefined);
        const child = n.children![idx]!;
        const merged = new Uint8Array(n.partial.length + 1 + child.partial.length);
        merged.set(n.partial, 0);
        merged[n.partial.length] = idx;
        merged.set(child.partial, n.partial.length + 1);
        child.partial = merged;
        child.ref = undefined;
        replacement = child;
      }
      if (replacement === n) break;
      if (d === 0) this.root = replacement;
      else nodes[d - 1]!.children![slots[d]!] = replacement;
      // A removed child may leave the parent needing a fix; a merged one does not.
      if (replacement !== undefined) break;
    }
    return true;
  }

  /** The trie root (hash of the root node's encoding; hash(00) when empty). */
  rootHash(): Uint8Array {
    if (this.cachedRoot !== undefined) return this.cachedRoot;
    let root: Uint8Array;
    if (this.root === undefined) root = this.hash(new Uint8Array([EMPTY_NODE]));
    else {
      const r = this.ref(this.root);
      // A 32-byte reference is already the hash; a shorter one is the encoding itself.
      root = r.length === HASH_LENGTH ? r : this.hash(r);
    }
    this.cachedRoot = root;
    return root;
  }

  /** The node's child reference, computing (and caching) it and its descendants' as needed. */
  ref(node: TreeNode): Uint8Array {
    if (node.ref !== undefined) return node.ref;
    if (node.children !== undefined) for (const c of node.children) if (c !== undefined && c.ref === undefined) this.ref(c);
    const enc = this.encodeInto(node, undefined);
    const r = enc.length < HASH_LENGTH ? enc.slice() : this.hash(enc);
    node.ref = r;
    return r;
  }

  /** A copy of the node's encoding, with proof omissions if given (children refs must be cached, see `ref`). */
  encode(node: TreeNode, overrides?: EncodeOverrides): Uint8Array {
    if (node.children !== undefined) for (const c of node.children) if (c !== undefined) this.ref(c);
    return this.encodeInto(node, overrides).slice();
  }

  /** Encodes into the shared builder; children refs must be cached. */
  private encodeInto(node: TreeNode, overrides: EncodeOverrides | undefined): Uint8Array {
    const b = this.b;
    b.reset();
    const value = overrides?.omitValue === true ? undefined : node.value;
    const hashed = value !== undefined && isHashedValue(value.length, this.version);
    if (node.children === undefined) {
      b.header(hashed ? HEADER.hashedLeaf : HEADER.leaf, node.partial.length);
      b.partialFromNibbles(node.partial);
      if (value === undefined) b.compact(0);
      else if (hashed) b.bytes(this.hash(value));
      else b.lengthPrefixed(value);
      return b.view();
    }
    b.header(value === undefined ? HEADER.branchNoValue : hashed ? HEADER.hashedBranch : HEADER.branchWithValue, node.partial.length);
    b.partialFromNibbles(node.partial);
    const at = b.bitmapPlaceholder();
    if (value !== undefined) {
      if (hashed) b.bytes(this.hash(value));
      else b.lengthPrefixed(value);
    }
    let bitmap = 0;
    for (let i = 0; i < NIBBLE_COUNT; i++) {
      const c = node.children[i];
      if (c === undefined) continue;
      bitmap |= 1 << i;
      b.lengthPrefixed(overrides?.children.get(i) ?? c.ref!);
    }
    b.setBitmap(at, bitmap);
    return b.view();
  }
}

/** Subtree over sorted `entries[lo, hi)` whose keys share their first `depth` nibbles. */
function buildRange(entries: ReadonlyArray<TrieEntry>, lo: number, hi: number, depth: number): TreeNode {
  const first = entries[lo]![0];
  if (hi - lo === 1) return new TreeNode(keyNibbles(first, depth), entries[lo]![1], undefined);
  const split = commonNibblePrefix(first, entries[hi - 1]![0], depth);
  const node = new TreeNode(keyNibbles(first, depth, split), undefined, newChildren());
  let i = lo;
  if (first.length * 2 === split) {
    node.value = entries[lo]![1];
    i++;
  }
  while (i < hi) {
    const nib = nibbleAt(entries[i]![0], split);
    let j = i + 1;
    while (j < hi && nibbleAt(entries[j]![0], split) === nib) j++;
    node.children![nib] = buildRange(entries, i, j, split + 1);
    i = j;
  }
  return node;
}
