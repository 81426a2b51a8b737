/**
 * Random signature checks for the differential test (pure ops): valid
 * signatures made with noble / scure from seeded keys, then tampered ones —
 * flipped bytes, other message, other key, random bytes, high-S and
 * overflowing ECDSA scalars, recovery ids 27/28, sr25519 without the
 * schnorrkel marker bit, ed25519 small-order points (ZIP215 territory).
 *
 *   ed25519_verify / sr25519_verify: vec(sig) ++ vec(msg) ++ vec(pk) → u32
 *   secp256k1_ecdsa_recover: vec(sig65) ++ vec(hash32) → Vec(Result<[u8; 64], Error>)
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import * as sr25519 from '@scure/sr25519';
import { concatBytes, toHexRaw } from '../../../src/base/bytes.js';
import type { HostOp } from './ops.js';
import { vec } from './ops.js';
import type { Rng } from './rng.js';

/** secp256k1 group order n (SEC 2). */
const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

function be32(n: bigint): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 31; i >= 0; i--, n >>= 8n) out[i] = Number(n & 0xffn);
  return out;
}

function beToBig(b: Uint8Array): bigint {
  let n = 0n;
  for (const x of b) n = (n << 8n) | BigInt(x);
  return n;
}

/** A copy of `b` with byte `i` xor-ed with a non-zero mask. */
function flip(rng: Rng, b: Uint8Array): Uint8Array {
  const out = b.slice();
  out[rng.int(out.length)]! ^= 1 + rng.int(255);
  return out;
}

function verifyOp(method: string, kind: string, variant: string, sig: Uint8Array, msg: Uint8Array, pk: Uint8Array): HostOp {
  return {
    method,
    input: concatBytes(vec(sig), vec(msg), vec(pk)),
    label: `${kind}[${variant}](sig 0x${toHexRaw(sig)}, msg 0x${toHexRaw(msg)}, pk 0x${toHexRaw(pk)})`,
    scope: 'pure',
    kind,
  };
}

function ed25519Op(rng: Rng): HostOp {
  const secret = rng.bytes(32);
  const msg = rng.bytes(rng.int(40));
  const pk = ed25519.getPublicKey(secret);
  const sig = ed25519.sign(msg, secret);
  const variant = rng.pick(['valid', 'flipped-sig', 'other-msg', 'other-key', 'random-sig', 'small-order']);
  const m = 'rtm_ext_crypto_ed25519_verify_version_1';
  switch (variant) {
    case 'flipped-sig':
      return verifyOp(m, 'ed25519_verify', variant, flip(rng, sig), msg, pk);
    case 'other-msg':
      return verifyOp(m, 'ed25519_verify', variant, sig, flip(rng, concatBytes(msg, Uint8Array.of(0))), pk);
    case 'other-key':
      return verifyOp(m, 'ed25519_verify', variant, sig, msg, ed25519.getPublicKey(rng.bytes(32)));
    case 'random-sig':
      return verifyOp(m, 'ed25519_verify', variant, rng.bytes(64), msg, rng.chance(0.5) ? pk : rng.bytes(32));
    case 'small-order': {
      // Identity A and R with S = 0: ZIP215 (ed25519-zebra, Substrate) accepts for any message.
      const identity = new Uint8Array(32);
      identity[0] = 1;
      return verifyOp(m, 'ed25519_verify', variant, concatBytes(identity, new Uint8Array(32)), msg, identity);
    }
    default:
      return verifyOp(m, 'ed25519_verify', variant, sig, msg, pk);
  }
}

function sr25519Op(rng: Rng): HostOp {
  const secret = sr25519.secretFromSeed(rng.bytes(32));
  const pk = sr25519.getPublicKey(secret);
  const msg = rng.bytes(rng.int(40));
  const sig = sr25519.sign(secret, msg, rng.bytes(32));
  const variant = rng.pick(['valid', 'flipped-sig', 'other-msg', 'other-key', 'no-marker', 'random-sig']);
  const m = 'rtm_ext_crypto_sr25519_verify_version_1';
  switch (variant) {
    case 'flipped-sig':
      return verifyOp(m, 'sr25519_verify', variant, flip(rng, sig), msg, pk);
    case 'other-msg':
      return verifyOp(m, 'sr25519_verify', variant, sig, flip(rng, concatBytes(msg, Uint8Array.of(0))), pk);
    case 'other-key':
      return verifyOp(m, 'sr25519_verify', variant, sig, msg, sr25519.getPublicKey(sr25519.secretFromSeed(rng.bytes(32))));
    case 'no-marker': {
      const legacy = sig.slice();
      legacy[63]! &= 0x7f;
      return verifyOp(m, 'sr25519_verify', variant, legacy, msg, pk);
    }
    case 'random-sig':
      return verifyOp(m, 'sr25519_verify', variant, rng.bytes(64), msg, pk);
    default:
      return verifyOp(m, 'sr25519_verify', variant, sig, msg, pk);
  }
}

/** A secp256k1 signature of `hash` as Substrate lays it out: r ++ s ++ v. */
function secpSign(secret: Uint8Array, hash: Uint8Array): { r: bigint; s: bigint; v: number } {
  const rec = secp256k1.sign(hash, secret, { prehash: false, format: 'recovered' });
  return { v: rec[0]!, r: beToBig(rec.subarray(1, 33)), s: beToBig(rec.subarray(33, 65)) };
}

function secpBytes(r: bigint, s: bigint, v: number): Uint8Array {
  return concatBytes(be32(r), be32(s), Uint8Array.of(v));
}

/** A tampered-or-not (r, s, v) per `variant`. */
function secpVariant(rng: Rng, variant: string, r: bigint, s: bigint, v: number): Uint8Array {
  switch (variant) {
    case 'high-s':
      return secpBytes(r, SECP256K1_N - s, v ^ 1);
    case 'v+27':
      return secpBytes(r, s, v + 27);
    case 'bad-v':
      return secpBytes(r, s, 2 + rng.int(30));
    case 's-overflow':
      return secpBytes(r, s + SECP256K1_N < 1n << 256n ? s + SECP256K1_N : s, v);
    case 'r-zero':
      return secpBytes(0n, s, v);
    case 'flipped':
      return concatBytes(flip(rng, secpBytes(r, s, v).subarray(0, 64)), Uint8Array.of(v));
    case 'random':
      return rng.bytes(65);
    default:
      return secpBytes(r, s, v);
  }
}

function ecdsaOp(rng: Rng): HostOp {
  // A leading 01 keeps the secret below the group order.
  const secret = concatBytes(Uint8Array.of(1), rng.bytes(31));
  const variant = rng.pick(['valid', 'high-s', 'v+27', 'bad-v', 's-overflow', 'r-zero', 'flipped', 'random']);
  // ext_crypto_ecdsa_verify_version_2 is not compared: smoldot does not implement it ("Host function not implemented").
  const hash = rng.bytes(32);
  const { r, s, v } = secpSign(secret, hash);
  const sig = secpVariant(rng, variant, r, s, v);
  return {
    method: 'rtm_ext_crypto_secp256k1_ecdsa_recover_version_1',
    input: concatBytes(vec(sig), vec(hash)),
    label: `secp256k1_ecdsa_recover[${variant}](sig 0x${toHexRaw(sig)}, hash 0x${toHexRaw(hash)})`,
    scope: 'pure',
    kind: 'secp256k1_ecdsa_recover',
  };
}

/** A random signature-check op. */
export function cryptoOp(rng: Rng): HostOp {
  return rng.weighted<(r: Rng) => HostOp>([
    [1, ed25519Op],
    [1, sr25519Op],
    [1, ecdsaOp],
  ])(rng);
}
