/**
 * The hash functions of the Polkadot host API, behind one synchronous
 * interface. This file is the only one that imports the hashing libraries
 * (`hash-wasm` for blake2b/keccak/sha2, `xxhash-wasm` for twox); both need one
 * asynchronous initialisation, after which every call is synchronous, as host
 * functions must be. Both are loaded by `createHashers` itself, so that
 * loading swx does not evaluate them; of hash-wasm only the three
 * single-algorithm builds swx uses (`dist/<name>.umd.min.js`, a fifth of the
 * parse cost of its full bundle, which embeds every algorithm's Wasm).
 *
 * twox-N (Substrate `sp_core::hashing::twox_*`): the concatenation of
 * xxHash64 with seeds 0, 1, …, N/64 − 1, each written little-endian.
 */
import { createRequire } from 'node:module';
import type { IHasher } from 'hash-wasm';

type HashWasm = typeof import('hash-wasm');

/** Synchronous hashers; every function returns a new array. */
export interface Hashers {
  blake2_64(data: Uint8Array): Uint8Array;
  blake2_128(data: Uint8Array): Uint8Array;
  blake2_256(data: Uint8Array): Uint8Array;
  keccak_256(data: Uint8Array): Uint8Array;
  keccak_512(data: Uint8Array): Uint8Array;
  sha2_256(data: Uint8Array): Uint8Array;
  twox_64(data: Uint8Array): Uint8Array;
  twox_128(data: Uint8Array): Uint8Array;
  twox_256(data: Uint8Array): Uint8Array;
}

function oneShot(h: IHasher): (data: Uint8Array) => Uint8Array {
  return (data) => {
    h.init();
    h.update(data);
    return h.digest('binary');
  };
}

/** Creates the hashers (one asynchronous WebAssembly initialisation each). */
export async function createHashers(): Promise<Hashers> {
  const load = createRequire(import.meta.url);
  const { createBLAKE2b } = load('hash-wasm/dist/blake2b.umd.min.js') as Pick<HashWasm, 'createBLAKE2b'>;
  const { createKeccak } = load('hash-wasm/dist/keccak.umd.min.js') as Pick<HashWasm, 'createKeccak'>;
  const { createSHA256 } = load('hash-wasm/dist/sha256.umd.min.js') as Pick<HashWasm, 'createSHA256'>;
  const { default: xxhash } = await import('xxhash-wasm');
  const [b64, b128, b256, k256, k512, sha, xx] = await Promise.all([
    createBLAKE2b(64),
    createBLAKE2b(128),
    createBLAKE2b(256),
    createKeccak(256),
    createKeccak(512),
    createSHA256(),
    xxhash(),
  ]);
  const h64 = xx.h64Raw;
  const twox = (data: Uint8Array, rounds: number): Uint8Array => {
    const out = new Uint8Array(rounds * 8);
    const view = new DataView(out.buffer);
    for (let i = 0; i < rounds; i++) view.setBigUint64(i * 8, h64(data, BigInt(i)), true);
    return out;
  };
  return {
    blake2_64: oneShot(b64),
    blake2_128: oneShot(b128),
    blake2_256: oneShot(b256),
    keccak_256: oneShot(k256),
    keccak_512: oneShot(k512),
    sha2_256: oneShot(sha),
    twox_64: (d) => twox(d, 1),
    twox_128: (d) => twox(d, 2),
    twox_256: (d) => twox(d, 4),
  };
}
