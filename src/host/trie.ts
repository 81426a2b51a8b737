/**
 * `ext_trie_*`: roots of key/value lists and compact-proof checks, computed
 * for the runtime (sp-io `trie` interface, polkadot-sdk `substrate/primitives/io`).
 *
 * | function (blake2_256 and keccak_256 each)   | params                           | result |
 * |---------------------------------------------|----------------------------------|--------|
 * | `…_root_version_1`                          | i64 SCALE `Vec<(Vec<u8>,Vec<u8>)>` | i32 ptr to 32 bytes (host-allocated) |
 * | `…_root_version_2`                          | same, i32 state version          | same   |
 * | `…_ordered_root_version_1`                  | i64 SCALE `Vec<Vec<u8>>`         | same   |
 * | `…_ordered_root_version_2`                  | same, i32 state version          | same   |
 * | `…_verify_proof_version_1`                  | i32 ptr root (32 B), i64 SCALE `Vec<Vec<u8>>` proof, i64 key, i64 value | i32 bool |
 * | `…_verify_proof_version_2`                  | same, i32 state version          | i32 bool |
 *
 * Version 1 functions use layout V0. The state version is marshalled as
 * `PassAs<StateVersion, u8>`: the i32 is truncated to u8 (`as u8`), then 0 ⇒ V0,
 * 1 ⇒ V1, anything else fails the call (a trap). Roots collect the input into
 * a `BTreeMap` (unsorted input fine, duplicate keys: last wins). SCALE inputs
 * are decoded with `Decode::decode`, so trailing bytes are ignored.
 * `verify_proof` is `verify_trie_proof(root, proof, [(key, Some(value))]).is_ok()`.
 */
import type { Hashers } from '../base/hashing.js';
import type { ScaleReader } from '../base/scale.js';
import type { StateVersion } from '../base/constants.js';
import { orderedTrieRoot, trieRootUnsorted, verifyProof, type TrieHasher } from '../trie/index.js';
import { READ, decodeArg, stateVersionArg } from './abi.js';
import { hostFn, type HostContext, type HostFunction } from './types.js';

/** Length of the root hash read by `verify_proof` (`PassPointerAndReadCopy<H256, 32>`). */
const ROOT_LENGTH = 32;

type HasherName = 'blake2_256' | 'keccak_256';

function pickHasher(hashers: Hashers, name: HasherName): TrieHasher {
  return name === 'blake2_256' ? hashers.blake2_256 : hashers.keccak_256;
}

/** What a root function takes and computes: key/value pairs (`root`) or a list of values (`ordered_root`). */
interface RootKind<T> {
  typeName: string;
  read: (r: ScaleReader) => T;
  root: (input: T, layout: StateVersion, hash: TrieHasher) => Uint8Array;
}

const KEYED: RootKind<Array<readonly [Uint8Array, Uint8Array]>> = { typeName: 'Vec<(Vec<u8>, Vec<u8>)>', read: READ.pairs, root: trieRootUnsorted };
const ORDERED: RootKind<Uint8Array[]> = { typeName: 'Vec<Vec<u8>>', read: READ.bytesVecs, root: orderedTrieRoot };

function rootFn<T>(name: string, hasher: HasherName, version: 1 | 2, kind: RootKind<T>): HostFunction {
  return hostFn(name, version === 1 ? ['i64'] : ['i64', 'i32'], ['i32'], (ctx: HostContext) => {
    const hash = pickHasher(ctx.hashers, hasher);
    return (input: bigint, v?: number): number => {
      const layout = version === 1 ? 0 : stateVersionArg(ctx, name, 'version', v!);
      // The root is computed before `returnPtr` may grow (and detach) the memory.
      return ctx.returnPtr(kind.root(decodeArg(ctx, name, 'input', input, kind.typeName, kind.read), layout, hash));
    };
  });
}

function verifyProofFn(name: string, hasher: HasherName, version: 1 | 2): HostFunction {
  const params = version === 1 ? (['i32', 'i64', 'i64', 'i64'] as const) : (['i32', 'i64', 'i64', 'i64', 'i32'] as const);
  return hostFn(name, params, ['i32'], (ctx: HostContext) => {
    const hash = pickHasher(ctx.hashers, hasher);
    return (rootPtr: number, proof: bigint, key: bigint, value: bigint, v?: number): number => {
      // Arguments are converted in order, as the generated host-side glue does.
      const root = ctx.memory.read(rootPtr >>> 0, ROOT_LENGTH);
      const nodes = decodeArg(ctx, name, 'proof', proof, 'Vec<Vec<u8>>', READ.bytesVecs);
      const k = ctx.memory.viewFat(key);
      const val = ctx.memory.viewFat(value);
      const layout = version === 1 ? 0 : stateVersionArg(ctx, name, 'version', v!);
      return verifyProof(root, nodes, [[k, val]], layout, hash) ? 1 : 0;
    };
  });
}

/** The `ext_trie_*` host functions. */
export const TRIE_HOST_FUNCTIONS: HostFunction[] = [
  rootFn('ext_trie_blake2_256_root_version_1', 'blake2_256', 1, KEYED),
  rootFn('ext_trie_blake2_256_root_version_2', 'blake2_256', 2, KEYED),
  rootFn('ext_trie_blake2_256_ordered_root_version_1', 'blake2_256', 1, ORDERED),
  rootFn('ext_trie_blake2_256_ordered_root_version_2', 'blake2_256', 2, ORDERED),
  verifyProofFn('ext_trie_blake2_256_verify_proof_version_1', 'blake2_256', 1),
  verifyProofFn('ext_trie_blake2_256_verify_proof_version_2', 'blake2_256', 2),
  rootFn('ext_trie_keccak_256_root_version_1', 'keccak_256', 1, KEYED),
  rootFn('ext_trie_keccak_256_root_version_2', 'keccak_256', 2, KEYED),
  rootFn('ext_trie_keccak_256_ordered_root_version_1', 'keccak_256', 1, ORDERED),
  rootFn('ext_trie_keccak_256_ordered_root_version_2', 'keccak_256', 2, ORDERED),
  verifyProofFn('ext_trie_keccak_256_verify_proof_version_1', 'keccak_256', 1),
  verifyProofFn('ext_trie_keccak_256_verify_proof_version_2', 'keccak_256', 2),
];
