/**
 * What a remote state remembers: facts about immutable things, so an entry
 * is never stale and never needs invalidating.
 *
 *   value   (block hash, child trie?, key)   → value | absent
 *   next    (block hash, child trie?, key)   → next key | none   (key pages, as links)
 *   header  block hash                       → SCALE header (checked against the hash)
 *   node    node hash                        → trie node
 *   pattern (runtime code hash, method)      → keys a call read, in order
 *   fact    (block hash, name)               → what the server said once about
 *                                              that block (e.g. whether it serves
 *                                              read proofs); a stale fact only
 *                                              picks the slower path
 *
 * A key page from `state_getKeysPaged(prefix, n, start)` is stored as the
 * links start → k1 → k2 … (consecutive keys of the whole trie), which answers
 * `nextKey` from any key of the page and lets pages fetched with different
 * prefixes and starts share one index.
 *
 * Two implementations: `MemoryStateCache` (per process; `{cache: false}`) and
 * the persistent `LmdbStateCache` (lmdb-cache.ts).
 */
import { toHex } from '../base/bytes.js';

/** A cache lookup: `found` false when the fact is not known. */
export type Lookup = { readonly found: false } | { readonly found: true; readonly value: Uint8Array | undefined };

/** The trie a fact is about: the top trie, or a child trie by its unprefixed storage key. */
export type TrieRef = Uint8Array | undefined;

/** The facts a remote state stores. Reads are synchronous; writes are committed in the background (`flush` waits). */
export interface StateCache {
  /** Whether facts outlive the process. */
  readonly persistent: boolean;
  getValue(block: Uint8Array, child: TrieRef, key: Uint8Array): Lookup;
  putValues(block: Uint8Array, child: TrieRef, entries: ReadonlyArray<readonly [Uint8Array, Uint8Array | undefined]>): void;
  getNext(block: Uint8Array, child: TrieRef, key: Uint8Array): Lookup;
  putNext(block: Uint8Array, child: TrieRef, links: ReadonlyArray<readonly [Uint8Array, Uint8Array | undefined]>): void;
  getHeader(block: Uint8Array): Uint8Array | undefined;
  putHeader(block: Uint8Array, header: Uint8Array): void;
  getNode(hash: Uint8Array): Uint8Array | undefined;
  putNodes(nodes: ReadonlyArray<readonly [Uint8Array, Uint8Array]>): void;
  getPattern(codeHash: Uint8Array, method: string): Uint8Array[] | undefined;
  putPattern(codeHash: Uint8Array, method: string, keys: readonly Uint8Array[]): void;
  getFact(block: Uint8Array, name: string): Uint8Array | undefined;
  putFact(block: Uint8Array, name: string, value: Uint8Array): void;
  /** Resolves when every write so far is committed. */
  flush(): Promise<void>;
  /** Flushes and releases the store. */
  close(): Promise<void>;
}

const FOUND_ABSENT: Lookup = { found: true, value: undefined };
const NOT_FOUND: Lookup = { found: false };

function factKey(block: Uint8Array, child: TrieRef, key: Uint8Array): string {
  return `${toHex(block)}/${child === undefined ? '' : toHex(child)}/${toHex(key)}`;
}

/** Facts held in memory for the life of the object. */
export class MemoryStateCache implements StateCache {
  readonly persistent = false;
  private readonly values = new Map<string, Uint8Array | undefined>();
  private readonly next = new Map<string, Uint8Array | undefined>();
  private readonly headers = new Map<string, Uint8Array>();
  private readonly nodes = new Map<string, Uint8Array>();
  private readonly patterns = new Map<string, Uint8Array[]>();
  private readonly facts = new Map<string, Uint8Array>();

  private static lookup(map: Map<string, Uint8Array | undefined>, k: string): Lookup {
    if (!map.has(k)) return NOT_FOUND;
    const v = map.get(k);
    return v === undefined ? FOUND_ABSENT : { found: true, value: v };
  }

  getValue(block: Uint8Array, child: TrieRef, key: Uint8Array): Lookup {
    return MemoryStateCache.lookup(this.values, factKey(block, child, key));
  }

  putValues(block: Uint8Array, child: TrieRef, entries: ReadonlyArray<readonly [Uint8Array, Uint8Array | undefined]>): void {
    for (const [k, v] of entries) this.values.set(factKey(block, child, k), v);
  }

  getNext(block: Uint8Array, child: TrieRef, key: Uint8Array): Lookup {
    return MemoryStateCache.lookup(this.next, factKey(block, child, key));
  }

  putNext(block: Uint8Array, child: TrieRef, links: ReadonlyArray<readonly [Uint8Array, Uint8Array | undefined]>): void {
    for (const [k, n] of links) this.next.set(factKey(block, child, k), n);
  }

  getHeader(block: Uint8Array): Uint8Array | undefined {
    return this.headers.get(toHex(block));
  }

  putHeader(block: Uint8Array, header: Uint8Array): void {
    this.headers.set(toHex(block), header);
  }

  getNode(hash: Uint8Array): Uint8Array | undefined {
    return this.nodes.get(toHex(hash));
  }

  putNodes(nodes: ReadonlyArray<readonly [Uint8Array, Uint8Array]>): void {
    for (const [h, n] of nodes) this.nodes.set(toHex(h), n);
  }

  getPattern(codeHash: Uint8Array, method: string): Uint8Array[] | undefined {
    return this.patterns.get(`${toHex(codeHash)}/${method}`);
  }

  putPattern(codeHash: Uint8Array, method: string, keys: readonly Uint8Array[]): void {
    this.patterns.set(`${toHex(codeHash)}/${method}`, [...keys]);
  }

  getFact(block: Uint8Array, name: string): Uint8Array | undefined {
    return this.facts.get(`${toHex(block)}/${name}`);
  }

  putFact(block: Uint8Array, name: string, value: Uint8Array): void {
    this.facts.set(`${toHex(block)}/${name}`, value.slice());
  }

  async flush(): Promise<void> {}

  async close(): Promise<void> {}
}
