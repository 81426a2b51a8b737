/**
 * A partial trie: a Substrate trie known only by its root hash and whatever
 * nodes its `NodeStore` holds (what a parachain's `validate_block` has from its
 * PoV, or a client from `state_getReadProof` answers). It answers reads from
 * those nodes and computes the root after a set of changes
 * (`partial-update.ts`) touching only the nodes on the changed keys' paths.
 *
 * Every operation is synchronous and total: it returns a result, or the
 * `MissingNode`(s) it needs. Nothing is half-done, so the caller fetches and
 * simply asks again (the store only grows; decoded nodes are cached):
 *
 *   for (;;) {
 *     const r = trie.rootAfter(changes, version);       // or get / nextKey (one MissingNode)
 *     if (r.kind !== 'missing') return r.root;
 *     store.add(await readProof(r.missing.map((m) => m.key)));   // e.g. state_getReadProof
 *   }
 *
 * `get` and `nextKey` report the first node they lack; `rootAfter` reports
 * every node it lacks at once (so one batched proof request serves them),
 * and may need a second round for the nodes that only the first round shows
 * are needed (a sibling that a deletion merges into its parent).
 * `resolveMissing` runs that loop with an asynchronous fetcher.
 */
import { toHexRaw } from '../base/bytes.js';
import { SwxError } from '../base/errors.js';
import { decodeNode, type ChildRef, type TrieNode } from './codec.js';
import { keyOfPath, type MissingNode, type NodeStore } from './node-store.js';
import { keyContains, keyNibbles, nibbleAt } from './nibbles.js';
import { rootAfterChanges, type TrieChange } from './partial-update.js';
import { NIBBLE_COUNT, type TrieVersion } from './types.js';

/** Outcome of a read: found, known absent, or blocked on a node the store lacks. */
export type PartialRead<T> = { kind: 'found'; value: T } | { kind: 'absent' } | { kind: 'missing'; missing: MissingNode };

/** Outcome of a root computation: the root, or every node still needed (fetch them, then ask again). */
export type PartialRoot =
  | {
      kind: 'root';
      root: Uint8Array;
      /** The new trie's nodes that the old one may lack (re-encoded nodes, the root, V1 value nodes): add them to a store to read the new state. */
      nodes: Uint8Array[];
    }
  | { kind: 'missing'; missing: MissingNode[] };

/** Fetches bytes for missing nodes: resolves to encoded nodes (extra nodes are welcome, e.g. a whole read proof). */
export type NodeFetcher = (missing: readonly MissingNode[]) => Promise<Iterable<Uint8Array>>;

/** A decoded node that is not the empty node. */
type Node = Exclude<TrieNode, { kind: 'empty' }>;

const ABSENT = { kind: 'absent' } as const;

/** Decodes an inline child (bytes inside its parent, which the store already validated as a whole). */
function decodeInline(bytes: Uint8Array): TrieNode {
  try {
    return decodeNode(bytes);
  } catch (e) {
    throw new SwxError('TRIE_PROOF_INVALID', `partial trie: undecodable inline node: ${(e as Error).message}`, {}, { cause: e });
  }
}

/** A trie known by its root and the nodes of a store. */
export class PartialTrie {
  constructor(
    /** The root hash (the empty trie's root needs no node). */
    readonly root: Uint8Array,
    /** Where nodes are looked up; shared with other tries and with whoever fetches. */
    readonly store: NodeStore,
  ) {}

  /** The node behind `ref` at nibble `path`: a node, 'empty', or the missing node. */
  private resolve(ref: ChildRef, path: ArrayLike<number>): Node | 'empty' | MissingNode {
    if (ref.kind === 'inline') {
      const n = decodeInline(ref.node);
      return n.kind === 'empty' ? 'empty' : n;
    }
    const n = this.store.node(ref.hash);
    if (n === undefined) return { kind: 'node', hash: ref.hash, key: keyOfPath(Uint8Array.from(path)) };
    return n.kind === 'empty' ? 'empty' : n;
  }

  /** The value under `key` (a copy). */
  get(key: Uint8Array): PartialRead<Uint8Array> {
    let ref: ChildRef = { kind: 'hash', hash: this.root };
    let p = 0;
    const len = key.length * 2;
    for (;;) {
      const node = this.resolve(ref, []);
      if (node === 'empty') return ABSENT;
      // A read's proof is the key's own: it holds every node of the lookup.
      if (!('partial' in node)) return { kind: 'missing', missing: { ...node, key: key.slice() } };
      if (!keyContains(key, node.partial, p)) return ABSENT;
      p += node.partial.length;
      if (p === len) {
        const v = node.value;
        if (v === undefined) return ABSENT;
        if (v.kind === 'inline') return { kind: 'found', value: v.value.slice() };
        const raw = this.store.raw(v.hash);
        if (raw === undefined) return { kind: 'missing', missing: { kind: 'value', hash: v.hash, key: key.slice() } };
        return { kind: 'found', value: raw.slice() };
      }
      if (node.kind === 'leaf') return ABSENT;
      const child = node.children[nibbleAt(key, p)];
      if (child === undefined) return ABSENT;
      p++;
      ref = child;
    }
  }

  /** The smallest key strictly greater than `key`. */
  nextKey(key: Uint8Array): PartialRead<Uint8Array> {
    return this.nextIn({ kind: 'hash', hash: this.root }, [], keyNibbles(key));
  }

  /** Smallest key > `k` (nibbles) in the subtree of `ref` at nibble `path` (restored on return). */
  private nextIn(ref: ChildRef, path: number[], k: Uint8Array): PartialRead<Uint8Array> {
    return this.atNode(ref, path, (node) => {
      const l = path.length;
      let cmp = 0;
      for (let i = 0; i < Math.min(l, k.length) && cmp === 0; i++) cmp = path[i]! - k[i]!;
      if (cmp < 0) return ABSENT;
      // Every key of a subtree after `k`, or extending it, is greater: its first key answers.
      if (cmp > 0 || l > k.length) return this.firstOf(node, path);
      let from = 0;
      if (l < k.length && node.kind === 'branch') {
        const nib = k[l]!;
        const child = node.children[nib];
        if (child !== undefined) {
          path.push(nib);
          const r = this.nextIn(child, path, k);
          path.pop();
          if (r.kind !== 'absent') return r;
        }
        from = nib + 1;
      } else if (l < k.length) return ABSENT;
      return this.firstChildFrom(node, from, path);
    });
  }

  /** First key of the subtree of `ref` at `path`. */
  private firstIn(ref: ChildRef, path: number[]): PartialRead<Uint8Array> {
    return this.atNode(ref, path, (node) => this.firstOf(node, path));
  }

  /**
   * Runs `f` on the node `ref` points to, with its partial key appended to
   * `path` (restored on return); an empty subtree is absent, a node not held is missing.
   */
  private atNode(ref: ChildRef, path: number[], f: (node: Node) => PartialRead<Uint8Array>): PartialRead<Uint8Array> {
    const node = this.resolve(ref, path);
    if (node === 'empty') return ABSENT;
    if (!('partial' in node)) return { kind: 'missing', missing: node };
    const start = path.length;
    for (const n of node.partial) path.push(n);
    try {
      return f(node);
    } finally {
      path.length = start;
    }
  }

  /** First key of `node`, whose full path (partial included) is `path`. */
  private firstOf(node: Node, path: number[]): PartialRead<Uint8Array> {
    if (node.value !== undefined) return { kind: 'found', value: keyOfPath(Uint8Array.from(path)) };
    return this.firstChildFrom(node, 0, path);
  }

  /** First key under the first child of `node` at nibble `from` or after (none in a leaf). */
  private firstChildFrom(node: Node, from: number, path: number[]): PartialRead<Uint8Array> {
    if (node.kind === 'leaf') return ABSENT;
    for (let c = from; c < NIBBLE_COUNT; c++) {
      const child = node.children[c];
      if (child === undefined) continue;
      path.push(c);
      const r = this.firstIn(child, path);
      path.pop();
      return r;
    }
    return ABSENT;
  }

  /**
   * The root after `changes` (sorted by key, duplicate-free; null deletes) as
   * trie-db computes it under layout `version` (see `partial-update.ts`).
   */
  rootAfter(changes: ReadonlyArray<TrieChange>, version: TrieVersion): PartialRoot {
    return rootAfterChanges(this.root, this.store, changes, version);
  }
}

/**
 * Runs `attempt` until it no longer reports missing nodes, adding what
 * `fetch` returns to `store` between attempts. Throws `TRIE_INCOMPLETE` when a
 * fetch brings none of the nodes asked for (the source does not have them).
 */
export async function resolveMissing<T extends { kind: string }>(
  store: NodeStore,
  attempt: () => T | { kind: 'missing'; missing: MissingNode | MissingNode[] },
  fetch: NodeFetcher,
): Promise<Exclude<T, { kind: 'missing' }>> {
  for (;;) {
    const r = attempt();
    if (r.kind !== 'missing') return r as Exclude<T, { kind: 'missing' }>;
    const m = (r as { missing: MissingNode | MissingNode[] }).missing;
    const missing = Array.isArray(m) ? m : [m];
    store.add(await fetch(missing));
    if (!missing.some((x) => store.has(x.hash))) {
      throw new SwxError('TRIE_INCOMPLETE', `partial trie: the fetcher did not provide node 0x${toHexRaw(missing[0]!.hash)}`, {
        missing: missing.length,
      });
    }
  }
}
