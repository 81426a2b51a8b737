/**
 * Shared trie types: the hasher and the layout version.
 */
import type { StateVersion } from '../base/constants.js';

/** A 32-byte hash function (blake2_256 for Substrate state, keccak_256 for some runtimes' own tries). */
export type TrieHasher = (data: Uint8Array) => Uint8Array;

/**
 * Trie layout version (sp-trie `LayoutV0` / `LayoutV1`, `StateVersion` in sp-storage):
 * V1 stores values of ≥ 33 bytes out of the node, as their hash.
 */
export type TrieVersion = StateVersion;

/** Children per branch: the trie is radix 16 (one nibble per level). */
export const NIBBLE_COUNT = 16;

/** Length of a node / value hash in bytes (both supported hashers are 256-bit). */
export const HASH_LENGTH = 32;

/**
 * Values of at least this many bytes are stored hashed in layout V1
 * (sp-trie `TRIE_VALUE_NODE_THRESHOLD`, `LayoutV1::MAX_INLINE_VALUE`).
 */
export const TRIE_VALUE_NODE_THRESHOLD = 33;

/** Does a value of `len` bytes get stored as a hash under `version`? */
export function isHashedValue(len: number, version: TrieVersion): boolean {
  return version === 1 && len >= TRIE_VALUE_NODE_THRESHOLD;
}
