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
import { SwxError } from '../base/errors.js';
import type { Hashers } from '../base/hashing.js';
import { ScaleReader } from '../base/scale.js';
import { orderedTrieRoot, trieRootUnsorted, verifyProof, type TrieHasher, type TrieVersion } from '../trie/index.js';
import { hostFn, type HostContext, type HostFunction } from './types.js';

/** Length of the root hash read by `verify_proof` (`PassPointerAndReadCopy<H256, 32>`). */
const ROOT_LENGTH = 32;

type HasherName = 'blake2_256' | 'keccak_256';

function pickHasher(hashers: Hashers, name: HasherName): TrieHasher {
  return name === 'blake2_256' ? hashers.blake2_256 : hashers.keccak_256;
}

/** sp-io `PassAs<StateVersion, u8>`: `arg as u8`, then `StateVersion::try_from`. */
function stateVersion(arg: number, hostFunction: string): TrieVersion {
  const v = arg & 0xff;
  if (v === 0 || v === 1) return v;
  throw new SwxError('HOST_BAD_ARGUMENT', `invalid state version ${arg >>> 0} (as u8: ${v})`, { hostFunction });
}

/** Decodes a SCALE argument, turning malformed input into HOST_BAD_ARGUMENT. */
function decodeArg<T>(bytes: Uint8Array, what: string, hostFunction: string, decode: (r: ScaleReader) => T): T {
  try {
    return decode(new ScaleReader(bytes));
  } catch (e) {
    throw new SwxError('HOST_BAD_ARGUMENT', `could not SCALE-decode ${what}: ${(e as Error).message}`, { hostFunction }, { cause: e });
  }
}

const pairs = (r: ScaleReader): Array<readonly [Uint8Array, Uint8Array]> => r.vec((x) => [x.bytesVec(), x.bytesVec()] as const);
const byteVecs = (r: ScaleReader): Uint8Array[] => r.vec((x) => x.bytesVec());

function rootFn(hasher: HasherName, version: 1 | 2): HostFunction {
  const name = `ext_trie_${hasher}_root_version_${version}`;
  return hostFn(name, version === 1 ? ['i64'] : ['i64', 'i32'], ['i32'], (ctx: HostContext) => {
    const hash = pickHasher(ctx.hashers, hasher);
    return (input: bigint, v?: number): number => {
      const layout = version === 1 ? 0 : stateVersion(v!, name);
      // Views into memory: the root is computed before `returnPtr` may grow (and detach) it.
      const entries = decodeArg(ctx.memory.viewFat(input), 'Vec<(Vec<u8>, Vec<u8>)>', name, pairs);
      return ctx.returnPtr(trieRootUnsorted(entries, layout, hash));
    };
  });
}

function orderedRootFn(hasher: HasherName, version: 1 | 2): HostFunction {
  const name = `ext_trie_${hasher}_ordered_root_version_${version}`;
  return hostFn(name, version === 1 ? ['i64'] : ['i64', 'i32'], ['i32'], (ctx: HostContext) => {
    const hash = pickHasher(ctx.hashers, hasher);
    return (input: bigint, v?: number): number => {
      const layout = version === 1 ? 0 : stateVersion(v!, name);
      const values = decodeArg(ctx.memory.viewFat(input), 'Vec<Vec<u8>>', name, byteVecs);
      return ctx.returnPtr(orderedTrieRoot(values, layout, hash));
    };
  });
}

function verifyProofFn(hasher: HasherName, version: 1 | 2): HostFunction {
  const name = `ext_trie_${hasher}_verify_proof_version_${version}`;
  const params = version === 1 ? (['i32', 'i64', 'i64', 'i64'] as const) : (['i32', 'i64', 'i64', 'i64', 'i32'] as const);
  return hostFn(name, params, ['i32'], (ctx: HostContext) => {
    const hash = pickHasher(ctx.hashers, hasher);
    return (rootPtr: number, proof: bigint, key: bigint, value: bigint, v?: number): number => {
      // Arguments are converted in order, as the generated host-side glue does.
      const root = ctx.memory.read(rootPtr >>> 0, ROOT_LENGTH);
      const nodes = decodeArg(ctx.memory.viewFat(proof), 'Vec<Vec<u8>>', name, byteVecs);
      const k = ctx.memory.viewFat(key);
      const val = ctx.memory.viewFat(value);
      const layout = version === 1 ? 0 : stateVersion(v!, name);
      return verifyProof(root, nodes, [[k, val]], layout, hash) ? 1 : 0;
    };
  });
}

/** The `ext_trie_*` host functions. */
export const TRIE_HOST_FUNCTIONS: HostFunction[] = (['blake2_256', 'keccak_256'] as const).flatMap((h) =>
  ([1, 2] as const).flatMap((v) => [rootFn(h, v), orderedRootFn(h, v), verifyProofFn(h, v)]),
);
