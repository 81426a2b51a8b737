/**
 * A node store for partial tries: the database `hash → encoded node` that a
 * Substrate node keeps for its state, holding only what was fetched (the
 * nodes of `state_getReadProof` answers, storage proofs, PoVs). Nodes are
 * keyed by the hash of their bytes, so any set of nodes can be added in any
 * order, from any proof, for any trie (top and child tries share one store,
 * as they share a database upstream); V1 value nodes (raw values ≥ 33 bytes
 * stored under their hash) live in the same store.
 *
 * When a partial trie needs a node the store lacks, it reports a
 * `MissingNode`: the hash, and a key whose storage proof contains that node.
 * A node sits at a nibble path from the root; the lookup of any key starting
 * with that path walks through it, so the proof of such a key (the path, an
 * odd nibble count padded with a 0 nibble) brings it. For a value node the
 * key is the key whose value it is.
 *
 * A store may have a `source` behind it (a persistent cache of nodes fetched
 * in earlier runs): a node not held is looked up there, and kept only if its
 * bytes hash to the hash asked for — a source is never trusted.
 */
import { toHexRaw } from '../base/bytes.js';
import { SwxError } from '../base/errors.js';
import { decodeNode, type TrieNode } from './codec.js';
import { EMPTY_NODE } from './builder.js';
import type { TrieHasher } from './types.js';

/** A node (or V1 value) a partial trie needs and its store does not hold. */
export interface MissingNode {
  /** `node`: a trie node; `value`: the value node of a hashed (V1) value. */
  kind: 'node' | 'value';
  /** Hash of the missing bytes. */
  hash: Uint8Array;
  /** A key whose storage proof (`state_getReadProof([key])`) contains the missing bytes. */
  key: Uint8Array;
}

/** The key whose lookup walks through the node at nibble path `path` (odd length: padded with a 0 nibble). */
export function keyOfPath(path: Uint8Array): Uint8Array {
  const out = new Uint8Array((path.length + 1) >> 1);
  for (let i = 0; i < path.length; i++) out[i >> 1]! |= (i & 1) === 0 ? path[i]! << 4 : path[i]!;
  return out;
}

/** Where a store looks for a node it does not hold (e.g. a persistent cache): the bytes stored under `hash`, if any. */
export type NodeSource = (hash: Uint8Array) => Uint8Array | undefined;

/** hash → encoded node, with a cache of decoded nodes. */
export class NodeStore {
  private readonly nodes = new Map<string, Uint8Array>();
  private readonly decoded = new Map<string, TrieNode>();
  private readonly emptyRootHex: string;

  constructor(
    readonly hash: TrieHasher,
    /** Looked up for nodes not held; what it returns is kept only when it hashes to the hash asked for. */
    private readonly source?: NodeSource,
  ) {
    this.emptyRootHex = toHexRaw(hash(new Uint8Array([EMPTY_NODE])));
  }

  /** The bytes under hex hash `id`: held, or from the source (checked, then held). */
  private bytesOf(id: string, hash: Uint8Array): Uint8Array | undefined {
    const held = this.nodes.get(id);
    if (held !== undefined || this.source === undefined) return held;
    const found = this.source(hash);
    if (found === undefined || toHexRaw(this.hash(found)) !== id) return undefined;
    const copy = found.slice();
    this.nodes.set(id, copy);
    return copy;
  }

  /** Adds encoded nodes (or value nodes) under their hash; returns how many were new. Bytes are copied. */
  add(nodes: Iterable<Uint8Array>): number {
    let added = 0;
    for (const n of nodes) {
      const id = toHexRaw(this.hash(n));
      if (this.nodes.has(id)) continue;
      this.nodes.set(id, n.slice());
      added++;
    }
    return added;
  }

  /** Number of entries held. */
  get size(): number {
    return this.nodes.size;
  }

  /** Does the store hold the bytes of `hash`? */
  has(hash: Uint8Array): boolean {
    return this.bytesOf(toHexRaw(hash), hash) !== undefined;
  }

  /** The raw bytes stored under `hash` (a value node, or an encoded node); a view: do not mutate. */
  raw(hash: Uint8Array): Uint8Array | undefined {
    return this.bytesOf(toHexRaw(hash), hash);
  }

  /**
   * The decoded node under `hash`, or undefined when not held. The empty
   * trie's root (hash of `00`) is always known, as in memory-db.
   * @throws SwxError `TRIE_PROOF_INVALID` when the stored bytes do not decode.
   */
  node(hash: Uint8Array): TrieNode | undefined {
    const id = toHexRaw(hash);
    const cached = this.decoded.get(id);
    if (cached !== undefined) return cached;
    const bytes = this.bytesOf(id, hash);
    if (bytes === undefined) return id === this.emptyRootHex ? { kind: 'empty' } : undefined;
    let node: TrieNode;
    try {
      node = decodeNode(bytes);
    } catch (e) {
      throw new SwxError('TRIE_PROOF_INVALID', `node store: undecodable node 0x${id}: ${(e as Error).message}`, { hash: `0x${id}` }, { cause: e });
    }
    this.decoded.set(id, node);
    return node;
  }
}
