/**
 * Genesis state root and genesis block (sc-client-api / sc-service
 * `construct_genesis_block`, sc-client-db `reset_storage`).
 *
 *   state root  = root of top entries ⊕ { ':child_storage:default:' ++ sk → child root
 *                 for each non-empty child trie }   (layout V0 or V1)
 *   header      = { parent 0x00 × 32, number 0, state root,
 *                   extrinsics root = root of no extrinsics = blake2_256(0x00), digest [] }
 *   genesis hash = blake2_256(SCALE header)
 */
import type { Hashers } from '../base/hashing.js';
import { trieRoot, type TrieHasher, type TrieVersion } from '../trie/index.js';
import { InMemoryBackend, type StorageBackend } from './backend.js';
import { applyChildChanges, toInMemory } from './diff.js';
import { encodeHeader, type Header } from './header.js';
import type { KeyStr } from './keys.js';

/** Length of a block hash (H256). */
const HASH_LENGTH = 32;

/**
 * The backend with each child trie's root (layout `version`) stored in its
 * top trie, as a node holds the genesis state; empty child tries are dropped.
 */
export function withChildRoots(backend: StorageBackend, version: TrieVersion, hash: TrieHasher): InMemoryBackend {
  const base = toInMemory(backend);
  const none: Array<readonly [KeyStr, Uint8Array | null]> = [];
  const { stores, rootWrites } = applyChildChanges(
    base,
    [...base.children.keys()].map((sk) => [sk, none] as const),
    version,
    hash,
  );
  return new InMemoryBackend(base.top.apply(rootWrites), stores);
}

/** The genesis state root of a chain spec's state under layout `version`. */
export function genesisStateRoot(backend: StorageBackend, version: TrieVersion, hash: TrieHasher): Uint8Array {
  return trieRoot(withChildRoots(backend, version, hash).entries(), version, hash);
}

/** The genesis block header for `stateRoot`. */
export function genesisHeader(stateRoot: Uint8Array, hashers: Pick<Hashers, 'blake2_256'>): Header {
  return {
    parentHash: new Uint8Array(HASH_LENGTH),
    number: 0,
    stateRoot: stateRoot.slice(),
    extrinsicsRoot: trieRoot([], 0, hashers.blake2_256),
    digest: [],
  };
}

/** The genesis block hash for `stateRoot`: blake2_256 of the SCALE genesis header. */
export function genesisHash(stateRoot: Uint8Array, hashers: Pick<Hashers, 'blake2_256'>): Uint8Array {
  return hashers.blake2_256(encodeHeader(genesisHeader(stateRoot, hashers)));
}
