/**
 * trie — Substrate's base-16 Merkle trie (sp-trie `LayoutV0` / `LayoutV1`,
 * no extension nodes): node codec, state roots V0/V1, ordered roots, the
 * incremental root cache used by `storage_root`, compact proofs (what
 * `ext_trie_*_verify_proof` checks) and storage proofs. Imports only `base`;
 * hashers are passed in.
 *
 * ## The structure
 *
 * A key is a path of nibbles (high nibble of each byte first). Every node
 * holds the part of the path below its parent (the *partial key*), and is
 *
 *   - a leaf: partial key + value;
 *   - a branch: partial key + optional value + up to 16 children, one per next nibble.
 *
 * Paths are compressed: a branch exists only where keys diverge or a key ends
 * inside another key's path. For `{ 0x4819: fe, 0x1314: ff }`:
 *
 *                 branch ""  (bitmap: children 1 and 4)
 *               1 /        \ 4
 *        leaf "314" → ff   leaf "819" → fe
 *
 *   encoding: 80 1200 | 14 43 03 14 04 ff | 14 43 08 19 04 fe
 *             header bitmap  child 1 (inline)   child 4 (inline)
 *
 * ## Encoding (sp-trie node codec)
 *
 *   first byte   01xxxxxx leaf · 10xxxxxx branch · 11xxxxxx branch+value
 *                001xxxxx leaf, hashed value · 0001xxxx branch, hashed value · 00 empty
 *   x bits       partial-key nibble count, saturated; if saturated the rest
 *                follows as 255-bytes and one last byte < 255
 *   partial key  odd count ⇒ `0x0N` first, then two nibbles per byte
 *   branch       bitmap u16 LE, [value], then each present child
 *   value        Compact(len) ‖ bytes, or in V1 for values ≥ 33 bytes: their 32-byte hash
 *   child        Compact(len) ‖ (child encoding if < 32 bytes, else its 32-byte hash)
 *
 * The root is the hash of the root node's encoding (always hashed); the empty
 * trie's root is hash(00). V0 and V1 differ only in which values are hashed.
 *
 * ## Caveats
 *
 * - A Substrate state migrated from V0 to V1 is hybrid: values untouched since
 *   keep their inline form. `trieRoot` and `TrieRootCache` apply one version
 *   to every value.
 * - A *partial trie* (`PartialTrie` over a `NodeStore`: the nodes of storage
 *   proofs) reads keys and computes the root after a batch of changes from the
 *   nodes on the changed paths only, keeping each untouched value's stored
 *   form (so hybrid states come out as a node computes them); when it lacks a
 *   node it says which (`MissingNode`: hash + a key whose proof brings it).
 * - Two proof formats exist: *compact* proofs (`generateProof`/`verifyProof`,
 *   trie-db `proof` module: pre-order nodes with values and in-proof child
 *   hashes omitted) and *storage* proofs (`generateStorageProof`/`readProofValue`,
 *   a set of complete nodes).
 */
export type { TrieHasher, TrieVersion } from './types.js';
export { HASH_LENGTH, NIBBLE_COUNT, TRIE_VALUE_NODE_THRESHOLD, isHashedValue } from './types.js';
export type { ChildRef, NodeValue, TrieNode } from './codec.js';
export { decodeNode, encodeNode } from './codec.js';
export type { TrieEntry } from './root.js';
export { EMPTY_TRIE_ROOT_BLAKE2, emptyTrieRoot, orderedTrieRoot, sortEntriesLastWins, trieRoot, trieRootUnsorted } from './root.js';
export { TrieRootCache } from './root-cache.js';
export type { ProofFailure } from './proof.js';
export { explainProof, generateProof, verifyProof } from './proof.js';
export { generateStorageProof, readProofValue } from './storage-proof.js';
export type { MissingNode, NodeSource } from './node-store.js';
export { NodeStore, keyOfPath } from './node-store.js';
export type { TrieChange } from './partial-update.js';
export type { NodeFetcher, PartialRead, PartialRoot } from './partial.js';
export { PartialTrie, resolveMissing } from './partial.js';
