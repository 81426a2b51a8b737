/**
 * Adapter over `@noble/curves` and `@noble/hashes` (pinned in package.json):
 * the only file that loads them (on first use, see `load`). Everything here is synchronous and never
 * throws on bad curve input: undecodable points or scalars come back as
 * `undefined` / `false`, and the callers map that to Substrate's outcome.
 *
 * What each primitive is used for:
 * - ed25519 (RFC 8032 keys and signatures; ZIP-215 verification, the rule of
 *   ed25519-zebra that sp-core uses),
 * - ristretto255 (the group of schnorrkel / sr25519),
 * - secp256k1 (ECDSA public-key recovery and RFC 6979 signing, as libsecp256k1),
 * - Keccak-f[1600] (the permutation under STROBE / Merlin transcripts),
 * - BLAKE2b-256, SHA-512, PBKDF2 (key derivation), randomness.
 */
import { createRequire } from 'node:module';

/**
 * The libraries are loaded on first use, synchronously (host functions are
 * synchronous): importing swx or running a command that verifies nothing
 * never pays their ~100 ms of module evaluation. Node's module cache holds
 * them after the first call (no state here); the ESM-only packages load
 * through `require(esm)` (Node ≥ 20.19).
 */
const load = createRequire(import.meta.url);
const curves = (): typeof import('@noble/curves/ed25519.js') => load('@noble/curves/ed25519.js') as typeof import('@noble/curves/ed25519.js');
const secp = (): typeof import('@noble/curves/secp256k1.js') => load('@noble/curves/secp256k1.js') as typeof import('@noble/curves/secp256k1.js');
const hashes = (): typeof import('@noble/hashes/blake2.js') => load('@noble/hashes/blake2.js') as typeof import('@noble/hashes/blake2.js');
const pbkdf = (): typeof import('@noble/hashes/pbkdf2.js') => load('@noble/hashes/pbkdf2.js') as typeof import('@noble/hashes/pbkdf2.js');
const sha2 = (): typeof import('@noble/hashes/sha2.js') => load('@noble/hashes/sha2.js') as typeof import('@noble/hashes/sha2.js');
const sha3 = (): typeof import('@noble/hashes/sha3.js') => load('@noble/hashes/sha3.js') as typeof import('@noble/hashes/sha3.js');
const utils = (): typeof import('@noble/hashes/utils.js') => load('@noble/hashes/utils.js') as typeof import('@noble/hashes/utils.js');

// ---------------------------------------------------------------- ed25519

/** ZIP-215 ed25519 verification (cofactored, non-canonical A/R accepted, S < ℓ required). */
export function ed25519VerifyZip215(sig: Uint8Array, msg: Uint8Array, pub: Uint8Array): boolean {
  try {
    return curves().ed25519.verify(sig, msg, pub, { zip215: true });
  } catch {
    return false;
  }
}

/** RFC 8032 public key of a 32-byte secret seed. */
export function ed25519PublicFromSeed(seed: Uint8Array): Uint8Array {
  return curves().ed25519.getPublicKey(seed);
}

/** RFC 8032 (deterministic) signature of `msg` with a 32-byte secret seed. */
export function ed25519SignWithSeed(seed: Uint8Array, msg: Uint8Array): Uint8Array {
  return curves().ed25519.sign(msg, seed);
}

// ---------------------------------------------------------- ristretto255

/** A decoded ristretto255 group element (opaque outside this adapter). */
export interface RistrettoElement {
  readonly __ristretto: unique symbol;
}

type NoblePoint = InstanceType<ReturnType<typeof curves>['ristretto255']['Point']>;

/** Decodes a canonical 32-byte ristretto255 encoding; undefined when invalid. */
export function ristrettoDecode(bytes: Uint8Array): RistrettoElement | undefined {
  try {
    return curves().ristretto255.Point.fromBytes(bytes) as unknown as RistrettoElement;
  } catch {
    return undefined;
  }
}

/** Canonical encoding of `s·B − k·A` (B the ristretto255 basepoint); `s`, `k` in [0, ℓ). */
export function ristrettoSubMulBase(s: bigint, k: bigint, a: RistrettoElement): Uint8Array {
  const A = a as unknown as NoblePoint;
  return curves().ristretto255.Point.BASE.multiplyUnsafe(s).subtract(A.multiplyUnsafe(k)).toBytes();
}

// ------------------------------------------------------------- secp256k1

/**
 * Recovers the public key of an ECDSA signature (r, s, recovery id 0..3) on a
 * 32-byte message hash, libsecp256k1-style: r, s must already be in [1, n).
 * Returns the uncompressed SEC1 key (65 bytes, 0x04 prefix) or undefined.
 */
export function secp256k1RecoverUncompressed(r: bigint, s: bigint, recovery: number, hash: Uint8Array): Uint8Array | undefined {
  try {
    const sig = new (secp().secp256k1.Signature)(r, s, recovery);
    return sig.recoverPublicKey(hash).toBytes(false);
  } catch {
    return undefined;
  }
}

/** SEC1 compressed form (33 bytes) of an uncompressed (65-byte) public key. */
export function secp256k1Compress(uncompressed: Uint8Array): Uint8Array {
  return secp().secp256k1.Point.fromBytes(uncompressed).toBytes(true);
}

/** Is `secret` a valid secp256k1 secret key (32 bytes, 0 < k < n)? */
export function secp256k1IsValidSecret(secret: Uint8Array): boolean {
  return secp().secp256k1.utils.isValidSecretKey(secret);
}

/** Compressed (33-byte) public key of a 32-byte secret key. */
export function secp256k1PublicFromSecret(secret: Uint8Array): Uint8Array {
  return secp().secp256k1.getPublicKey(secret, true);
}

/**
 * Signs a 32-byte hash with RFC 6979 nonces and low-S normalisation (as
 * libsecp256k1's `sign_ecdsa_recoverable`), returning `r ‖ s ‖ recid` (65 bytes).
 */
export function secp256k1SignRecoverable(hash: Uint8Array, secret: Uint8Array): Uint8Array {
  const rec = secp().secp256k1.sign(hash, secret, { prehash: false, lowS: true, extraEntropy: false, format: 'recovered' });
  // noble's 'recovered' layout is recid ‖ r ‖ s; sp-core's is r ‖ s ‖ recid.
  const out = new Uint8Array(65);
  out.set(rec.subarray(1, 65), 0);
  out[64] = rec[0]!;
  return out;
}

// ----------------------------------------------------------------- hashes

/** Keccak-f[1600] in place over 25 little-endian 64-bit lanes as 50 u32 words. */
export function keccakF1600(state: Uint32Array): void {
  sha3().keccakP(state, 24);
}

/** BLAKE2b with a 32-byte digest. */
export function blake2b256(data: Uint8Array): Uint8Array {
  return hashes().blake2b(data, { dkLen: 32 });
}

/** PBKDF2-HMAC-SHA512. */
export function pbkdf2Sha512(password: Uint8Array, salt: Uint8Array, iterations: number, dkLen: number): Uint8Array {
  return pbkdf().pbkdf2(sha2().sha512, password, salt, { c: iterations, dkLen });
}

/** Cryptographically secure random bytes. */
export function randomBytes(n: number): Uint8Array {
  return utils().randomBytes(n);
}
