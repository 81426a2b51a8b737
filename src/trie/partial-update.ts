/**
 * The root of a partial trie after a batch of changes, computed as trie-db's
 * `TrieDBMut` (paritytech/trie `trie-db/src/triedbmut.rs`, driven by sp-trie
 * `delta_trie_root`) would compute it on the full database, while reading
 * only the nodes on the changed keys' paths, plus, where a deletion leaves a
 * branch with no value and a single child, that child (the branch is merged
 * into it, so its content is needed).
 *
 * One recursive pass over the sorted changes and the old trie:
 *
 *   update(subtree at path, changes under path):
 *     no change            ⇒ the old child reference, untouched (never fetched)
 *     no old subtree       ⇒ the subtree of the inserted entries alone
 *     node N (partial P)   ⇒ c = shortest common prefix of P and the changes' keys
 *                            c < |P|: split N as branch P[..c) ─ P[c] → N' (partial P[c+1..))
 *                            value ← change ending here; child i ← update(child i, changes via i)
 *                            normalize: nothing ⇒ gone · value only ⇒ leaf
 *                                       no value, one child ⇒ merged with that child
 *   ref(new node) = encoding if < 32 bytes, else its hash; root = hash of the root's encoding.
 *
 * The final shape is the canonical trie of the new key set, whatever the
 * order trie-db applies the changes in; what the order-free pass must also
 * reproduce is each value's form, which trie-db keeps per value:
 *   - a written value takes the form of the layout asked for (`Value::new`
 *     with `MAX_INLINE_VALUE`: V1 hashes values ≥ 33 bytes, V0 never does),
 *     even when rewritten unchanged (an inline `Value::Inline` never equals a
 *     new `Value::NewNode`, so the node is replaced: how a state migrates);
 *   - every other value keeps the form it has in its node, even inside a node
 *     re-encoded because a neighbour changed or because it was merged
 *     (`Value::Inline` / `Value::Node` from the decoded node), so a V0 state
 *     updated under V1 is hybrid, as upstream.
 * Header kinds follow the value's form (sp-trie `NodeCodec`: a hashed value
 * gets the hashed-leaf / hashed-branch header), so the encoding needs no layout.
 *
 * The result also lists the new trie's nodes that the old one may lack (every
 * re-encoded node referenced by hash, the root, and V1 value nodes written):
 * added to the store, they make it a partial trie of the new state holding
 * every changed key's path, for the next block.
 *
 * What it reads: the old nodes on each changed key's lookup path (all in the
 * storage proof of the changed keys) and, per branch a deletion leaves with no
 * value and one child, that child when it is untouched. Those siblings are
 * found once the rest is rebuilt, so with the changed keys' proof at hand one
 * more batch of fetches always suffices. trie-db, applying the changes one by
 * one, reads a superset (merges of intermediate states), so a proof recorded
 * by a node for the same changes (a PoV) holds everything needed here.
 *
 * Missing nodes are collected rather than thrown: a subtree that lacks a node
 * is abandoned, its siblings still processed, and every missing node is
 * reported together (see `partial.ts`).
 */
import { SwxError } from '../base/errors.js';
import { compareBytes, concatBytes, toHexRaw } from '../base/bytes.js';
import { decodeNode, encodeNode, type ChildRef, type NodeValue } from './codec.js';
import { keyOfPath, type MissingNode, type NodeStore } from './node-store.js';
import { commonNibblePrefix, keyNibbles, nibbleAt } from './nibbles.js';
import { HASH_LENGTH, NIBBLE_COUNT, isHashedValue, type TrieVersion } from './types.js';

/** One change: the key's new value, or null when it is deleted. */
export type TrieChange = readonly [key: Uint8Array, value: Uint8Array | null];

/** A node being rebuilt: partial key as nibbles, value, and 16 child slots (old references or rebuilt nodes). */
interface Mut {
  partial: Uint8Array;
  value: NodeValue | undefined;
  children: Array<Slot | undefined>;
}

/** A child: its old reference (hash or inline encoding), or a rebuilt node. */
type Slot = ChildRef | Mut;

/** Marks a subtree that could not be rebuilt for lack of a node. */
const MISSING = Symbol('missing');
type Missing = typeof MISSING;

function isRef(s: Slot): s is ChildRef {
  return 'kind' in s;
}

/** One root computation. */
class Update {
  readonly missing = new Map<string, MissingNode>();
  /** Encoded nodes referenced by hash (the root included) and value nodes the new trie holds that the old may not. */
  readonly created: Uint8Array[] = [];
  private readonly keys: Uint8Array[];
  private readonly values: Array<NodeValue | null>;

  constructor(
    private readonly store: NodeStore,
    changes: ReadonlyArray<TrieChange>,
    version: TrieVersion,
  ) {
    const hash = store.hash;
    this.keys = changes.map((c) => c[0]);
    this.values = changes.map(([, v]): NodeValue | null => {
      if (v === null) return null;
      if (!isHashedValue(v.length, version)) return { kind: 'inline', value: v };
      this.created.push(v);
      return { kind: 'hashed', hash: hash(v) };
    });
  }

  /** The node behind a slot at nibble `path`; undefined for the empty trie. */
  private resolve(slot: Slot, path: Uint8Array): Mut | undefined | Missing {
    if (!isRef(slot)) return slot;
    let node;
    if (slot.kind === 'inline') {
      try {
        node = decodeNode(slot.node);
      } catch (e) {
        throw new SwxError('TRIE_PROOF_INVALID', `partial trie: undecodable inline node: ${(e as Error).message}`, {}, { cause: e });
      }
    } else {
      node = this.store.node(slot.hash);
      if (node === undefined) {
        this.missing.set(toHexRaw(slot.hash), { kind: 'node', hash: slot.hash, key: keyOfPath(path) });
        return MISSING;
      }
    }
    switch (node.kind) {
      case 'empty':
        return undefined;
      case 'leaf':
        return { partial: node.partial, value: node.value, children: new Array<Slot | undefined>(NIBBLE_COUNT).fill(undefined) };
      case 'branch':
        return { partial: node.partial, value: node.value, children: [...node.children] };
    }
  }

  /** New subtree for the changes `[lo, hi)`, all under nibble `path`, over the old `slot`. */
  update(slot: Slot | undefined, path: Uint8Array, lo: number, hi: number): Slot | undefined | Missing {
    if (lo === hi) return slot;
    const node = slot === undefined ? undefined : this.resolve(slot, path);
    if (node === MISSING) return MISSING;
    if (node === undefined) return this.build(path.length, lo, hi);
    return this.updateNode(node, path, lo, hi);
  }

  private updateNode(old: Mut, path: Uint8Array, lo: number, hi: number): Mut | undefined | Missing {
    const depth = path.length;
    let node = old;
    // Where the first change leaves the node's partial key (trie-db: `common_prefix`).
    let c = node.partial.length;
    for (let i = lo; i < hi && c > 0; i++) {
      const key = this.keys[i]!;
      const max = Math.min(c, key.length * 2 - depth);
      let j = 0;
      while (j < max && nibbleAt(key, depth + j) === node.partial[j]) j++;
      c = j;
    }
    if (c < node.partial.length) {
      // A branch where the keys diverge, holding the old node below it (merged back if it stays alone).
      const below: Mut = { partial: node.partial.subarray(c + 1), value: node.value, children: node.children };
      const children = new Array<Slot | undefined>(NIBBLE_COUNT).fill(undefined);
      children[node.partial[c]!] = below;
      node = { partial: node.partial.subarray(0, c), value: undefined, children };
    }
    const here = concatBytes(path, node.partial);
    const end = here.length;
    let value = node.value;
    let i = lo;
    // Sorted keys: one ending exactly here comes first.
    if (this.keys[i]!.length * 2 === end) {
      value = this.values[i] ?? undefined;
      i++;
    }
    const children = node.children.slice();
    let blocked = false;
    while (i < hi) {
      const nib = nibbleAt(this.keys[i]!, end);
      let j = i + 1;
      while (j < hi && nibbleAt(this.keys[j]!, end) === nib) j++;
      const r = this.update(children[nib], concatBytes(here, Uint8Array.of(nib)), i, j);
      if (r === MISSING) blocked = true;
      else children[nib] = r;
      i = j;
    }
    if (blocked) return MISSING;
    return this.normalize(node.partial, value, children, here);
  }

  /** Restores the shape invariants (trie-db `fix`): see the file comment. */
  private normalize(partial: Uint8Array, value: NodeValue | undefined, children: Array<Slot | undefined>, here: Uint8Array): Mut | undefined | Missing {
    let count = 0;
    let only = -1;
    for (let n = 0; n < NIBBLE_COUNT; n++) {
      if (children[n] === undefined) continue;
      count++;
      only = n;
    }
    if (count === 0) {
      if (value === undefined) return undefined;
      return { partial, value, children };
    }
    if (count > 1 || value !== undefined) return { partial, value, children };
    const child = this.resolve(children[only]!, concatBytes(here, Uint8Array.of(only)));
    if (child === MISSING) return MISSING;
    if (child === undefined) throw new SwxError('TRIE_PROOF_INVALID', 'partial trie: a branch references the empty node');
    return { partial: concatBytes(partial, Uint8Array.of(only), child.partial), value: child.value, children: child.children };
  }

  /** The subtree of the insertions among `[lo, hi)` (deletions of absent keys ignored), at nibble `depth`. */
  private build(depth: number, lo: number, hi: number): Mut | undefined {
    const idx: number[] = [];
    for (let i = lo; i < hi; i++) if (this.values[i] !== null) idx.push(i);
    return idx.length === 0 ? undefined : this.buildRange(idx, 0, idx.length, depth);
  }

  private buildRange(idx: number[], lo: number, hi: number, depth: number): Mut {
    const first = this.keys[idx[lo]!]!;
    const children = new Array<Slot | undefined>(NIBBLE_COUNT).fill(undefined);
    if (hi - lo === 1) return { partial: keyNibbles(first, depth), value: this.values[idx[lo]!]!, children };
    const split = commonNibblePrefix(first, this.keys[idx[hi - 1]!]!, depth);
    let value: NodeValue | undefined;
    let i = lo;
    if (first.length * 2 === split) value = this.values[idx[i++]!]!;
    while (i < hi) {
      const nib = nibbleAt(this.keys[idx[i]!]!, split);
      let j = i + 1;
      while (j < hi && nibbleAt(this.keys[idx[j]!]!, split) === nib) j++;
      children[nib] = this.buildRange(idx, i, j, split + 1);
      i = j;
    }
    return { partial: keyNibbles(first, depth, split), value, children };
  }

  /** Encoding of a rebuilt node (its new children encoded first). */
  encode(node: Mut): Uint8Array {
    const refs = node.children.map((c): ChildRef | undefined => (c === undefined ? undefined : isRef(c) ? c : this.ref(c)));
    if (refs.every((r) => r === undefined)) {
      if (node.value === undefined) throw new SwxError('INTERNAL', 'partial trie: a rebuilt leaf without a value');
      return encodeNode({ kind: 'leaf', partial: node.partial, value: node.value });
    }
    return encodeNode({ kind: 'branch', partial: node.partial, value: node.value, children: refs });
  }

  private ref(node: Mut): ChildRef {
    const enc = this.encode(node);
    if (enc.length < HASH_LENGTH) return { kind: 'inline', node: enc };
    this.created.push(enc);
    return { kind: 'hash', hash: this.store.hash(enc) };
  }
}

/** Throws unless the changes are strictly increasing by key. */
function assertSortedChanges(changes: ReadonlyArray<TrieChange>): void {
  for (let i = 1; i < changes.length; i++) {
    if (compareBytes(changes[i - 1]![0], changes[i]![0]) >= 0) {
      throw new SwxError('INVALID_INPUT', `partial trie: changes must be sorted by key and duplicate-free (change ${i})`, { index: i });
    }
  }
}

/** See the file comment; `changes` sorted by key, duplicate-free. */
export function rootAfterChanges(
  root: Uint8Array,
  store: NodeStore,
  changes: ReadonlyArray<TrieChange>,
  version: TrieVersion,
): { kind: 'root'; root: Uint8Array; nodes: Uint8Array[] } | { kind: 'missing'; missing: MissingNode[] } {
  assertSortedChanges(changes);
  if (changes.length === 0) return { kind: 'root', root: root.slice(), nodes: [] };
  const u = new Update(store, changes, version);
  const result = u.update({ kind: 'hash', hash: root }, new Uint8Array(0), 0, changes.length);
  if (result === MISSING) return { kind: 'missing', missing: [...u.missing.values()] };
  if (result === undefined) return { kind: 'root', root: store.hash(new Uint8Array([0])), nodes: [] };
  if (isRef(result)) {
    // Only the untouched root comes back as a reference, and the root is always referenced by hash.
    if (result.kind !== 'hash') throw new SwxError('INTERNAL', 'partial trie: an inline root');
    return { kind: 'root', root: result.hash.slice(), nodes: [] };
  }
  const enc = u.encode(result);
  u.created.push(enc);
  return { kind: 'root', root: store.hash(enc), nodes: u.created };
}
