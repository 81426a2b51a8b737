/**
 * Storage proofs (sp-trie `StorageProof`, what `state_getReadProof` returns and
 * what a parachain PoV carries): an unordered set of complete encoded nodes —
 * every hash-referenced node on the lookup paths, the root included, plus the
 * value nodes (the raw values) of V1 hashed values that were read. A lookup
 * through the proof is a normal trie lookup over the database
 * `hash(node) → node`; it fails when it needs a node the proof lacks.
 */
import { compareBytes, toHexRaw } from '../base/bytes.js';
import { SwxError } from '../base/errors.js';
import { decodeNode, type TrieNode } from './codec.js';
import { EMPTY_NODE } from './builder.js';
import { keyContains, nibbleAt } from './nibbles.js';
import { assertSortedEntries, emptyTrieRoot, type TrieEntry } from './root.js';
import { Tree } from './tree.js';
import { HASH_LENGTH, isHashedValue, type TrieHasher, type TrieVersion } from './types.js';

/**
 * Storage proof for `keys` in the trie of `entries` (sorted, duplicate-free):
 * the encoded nodes (and V1 value nodes) a lookup of each key reads, each once,
 * in lookup order.
 */
export function generateStorageProof(entries: ReadonlyArray<TrieEntry>, keys: readonly Uint8Array[], version: TrieVersion, hash: TrieHasher): Uint8Array[] {
  assertSortedEntries(entries, 'generateStorageProof');
  if (keys.length === 0) return [];
  const tree = Tree.fromSorted(entries, version, hash);
  if (tree.root === undefined) return [new Uint8Array([EMPTY_NODE])];
  tree.rootHash();
  const out: Uint8Array[] = [];
  const seen = new Set<string>();
  const add = (bytes: Uint8Array): void => {
    const id = toHexRaw(bytes);
    if (seen.has(id)) return;
    seen.add(id);
    out.push(bytes);
  };
  for (const key of [...keys].sort(compareBytes)) {
    let node = tree.root;
    let p = 0;
    // The root is always fetched by hash; deeper nodes only when referenced by hash.
    let byHash = true;
    for (;;) {
      if (byHash) add(tree.encode(node));
      if (!keyContains(key, node.partial, p)) break;
      p += node.partial.length;
      if (p === key.length * 2) {
        if (node.value !== undefined && isHashedValue(node.value.length, version)) add(node.value.slice());
        break;
      }
      const child = node.children?.[nibbleAt(key, p)];
      if (child === undefined) break;
      byHash = tree.ref(child).length === HASH_LENGTH;
      node = child;
      p++;
    }
  }
  return out;
}

function incomplete(what: string): SwxError {
  return new SwxError('TRIE_PROOF_INVALID', `storage proof: ${what}`);
}

/**
 * The value under `key` in the trie with root `root`, read through a storage
 * proof; undefined when the proof shows the key absent.
 * @throws SwxError `TRIE_PROOF_INVALID` when the proof lacks a needed node or holds an undecodable one.
 */
export function readProofValue(root: Uint8Array, proof: readonly Uint8Array[], key: Uint8Array, hash: TrieHasher): Uint8Array | undefined {
  const db = new Map<string, Uint8Array>();
  for (const node of proof) db.set(toHexRaw(hash(node)), node);
  const fetch = (h: Uint8Array, what: string): Uint8Array => {
    const found = db.get(toHexRaw(h));
    if (found !== undefined) return found;
    // The empty node is implicitly in every node database (memory-db's null node).
    if (toHexRaw(h) === toHexRaw(emptyTrieRoot(hash))) return new Uint8Array([EMPTY_NODE]);
    throw incomplete(`missing ${what} ${toHexRaw(h)}`);
  };
  let data = fetch(root, 'root node');
  let p = 0;
  const len = key.length * 2;
  for (;;) {
    let node: TrieNode;
    try {
      node = decodeNode(data);
    } catch (e) {
      throw new SwxError('TRIE_PROOF_INVALID', `storage proof: undecodable node: ${(e as Error).message}`, {}, { cause: e });
    }
    if (node.kind === 'empty') return undefined;
    if (!keyContains(key, node.partial, p)) return undefined;
    p += node.partial.length;
    if (node.kind === 'leaf' || p === len) {
      if (p !== len || node.value === undefined) return undefined;
      return node.value.kind === 'inline' ? node.value.value.slice() : fetch(node.value.hash, 'value node').slice();
    }
    const child = node.children[nibbleAt(key, p)];
    if (child === undefined) return undefined;
    p++;
    data = child.kind === 'hash' ? fetch(child.hash, 'node') : child.node;
  }
}
