/**
 * `hashing` host functions (sp-io `Hashing`, version 1).
 *
 * Each takes the data as a fat pointer (`PassFatPointerAndRead<&[u8]>`) and
 * returns a thin pointer to a freshly allocated buffer holding the raw digest
 * (`AllocateAndReturnPointer<[u8; N], N>`: exactly one `allocate(N)`):
 *
 *   function                          digest                          N
 *   ext_hashing_keccak_256_version_1  Keccak-256 (not SHA3)          32
 *   ext_hashing_keccak_512_version_1  Keccak-512                     64
 *   ext_hashing_sha2_256_version_1    SHA-256                        32
 *   ext_hashing_blake2_128_version_1  BLAKE2b-128                    16
 *   ext_hashing_blake2_256_version_1  BLAKE2b-256                    32
 *   ext_hashing_twox_64_version_1     xxHash64 seed 0, LE             8
 *   ext_hashing_twox_128_version_1    xxHash64 seeds 0..1, LE        16
 *   ext_hashing_twox_256_version_1    xxHash64 seeds 0..3, LE        32
 */
import { invariant } from '../base/errors.js';
import type { Hashers } from '../base/hashing.js';
import { hostFn, type HostFunction } from './types.js';

/** [import name, hasher, digest length in bytes] per sp-io `Hashing` v1 function. */
const HASHES: ReadonlyArray<readonly [string, keyof Hashers, number]> = [
  ['ext_hashing_keccak_256_version_1', 'keccak_256', 32],
  ['ext_hashing_keccak_512_version_1', 'keccak_512', 64],
  ['ext_hashing_sha2_256_version_1', 'sha2_256', 32],
  ['ext_hashing_blake2_128_version_1', 'blake2_128', 16],
  ['ext_hashing_blake2_256_version_1', 'blake2_256', 32],
  ['ext_hashing_twox_64_version_1', 'twox_64', 8],
  ['ext_hashing_twox_128_version_1', 'twox_128', 16],
  ['ext_hashing_twox_256_version_1', 'twox_256', 32],
];

/** All `ext_hashing_*_version_1` host functions. */
export const HASHING_HOST_FUNCTIONS: HostFunction[] = HASHES.map(([name, algo, len]) =>
  hostFn(name, ['i64'], ['i32'], (ctx) => (data: bigint): number => {
    // The digest is computed before allocating: allocation may grow (and detach) memory.
    const digest = ctx.hashers[algo](ctx.memory.viewFat(data));
    invariant(digest.length === len, `${algo} yields ${len} bytes`);
    return ctx.returnPtr(digest);
  }),
);
