/**
 * secp256k1 ECDSA as sp-io / sp-core use it. Signatures are 65 bytes
 * `r ‖ s ‖ v` (big-endian r, s), public keys 33-byte compressed SEC1.
 *
 * Public-key recovery, the core of every check here, comes in two parsings:
 * - `overflowing` (parity `libsecp256k1::Signature::parse_overflowing_slice`):
 *   r and s are reduced mod n, never an error;
 * - `strict` (`secp256k1::RecoverableSignature::from_compact`): r ≥ n or s ≥ n
 *   is an error.
 * Both accept high-S signatures (libsecp256k1 recovery does not normalise S);
 * r = 0 or s = 0 (after reduction) and unrecoverable points fail recovery.
 *
 * Host-function rules (sp-io `crypto`):
 * - `secp256k1_ecdsa_recover[_compressed]` v1 = overflowing, v2 = strict;
 *   v = sig[64] − 27 if sig[64] > 26, must be < 4 (else `BadV`); strict
 *   range failure `BadRS`; failed recovery `BadSignature`. Checked in that order.
 * - `ecdsa_verify` v1 (`Pair::verify_deprecated`) = overflowing, v2 and
 *   `ecdsa_verify_prehashed` (`Pair::verify[_prehashed]`) = strict; there
 *   v = sig[64] as is (0..3, no 27 offset); the recovered compressed key must
 *   equal the given 33 bytes. Messages are blake2_256-hashed by the caller.
 * - Signing (keystore): RFC 6979 nonce, low-S, recovery id in byte 64.
 * - Hard derivation: secret' = blake2_256(SCALE("Secp256k1HDKD", secret, cc)).
 */
import { scaleHdkdInput } from './hdkd.js';
import {
  blake2b256,
  secp256k1Compress,
  secp256k1IsValidSecret,
  secp256k1PublicFromSecret,
  secp256k1RecoverUncompressed,
  secp256k1SignRecoverable,
} from './noble.js';

/** Order n of the secp256k1 group (SEC 2 v2 §2.4.1). */
const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
/** Ethereum-style offset of the recovery byte accepted by sp-io recover (`v > 26 ⇒ v − 27`). */
const RECOVERY_ID_OFFSET = 27;
/** Domain string of ECDSA hard derivation (sp-core ecdsa.rs `derive_hard_junction`). */
const ECDSA_HDKD = 'Secp256k1HDKD';

/** sp-io `EcdsaVerifyError` (SCALE variant index = position). */
export type EcdsaVerifyError = 'BadRS' | 'BadV' | 'BadSignature';

/** SCALE variant index of each `EcdsaVerifyError`. */
export const ECDSA_VERIFY_ERROR_INDEX: Readonly<Record<EcdsaVerifyError, number>> = { BadRS: 0, BadV: 1, BadSignature: 2 };

/** How r and s are parsed: reduced mod n (v1) or rejected when ≥ n (v2). */
export type EcdsaParsing = 'overflowing' | 'strict';

/** Outcome of a recovery: the uncompressed key (65 bytes, 0x04 first) or an error. */
export type EcdsaRecovery = { kind: 'ok'; uncompressed: Uint8Array } | { kind: 'err'; error: EcdsaVerifyError };

function beToBigint(bytes: Uint8Array): bigint {
  let v = 0n;
  for (let i = 0; i < bytes.length; i++) v = (v << 8n) | BigInt(bytes[i]!);
  return v;
}

/** Recovery from `r ‖ s`, a recovery id already in 0..3, and a 32-byte hash. */
function recoverWithId(sig: Uint8Array, recid: number, hash: Uint8Array, parsing: EcdsaParsing): EcdsaRecovery {
  let r = beToBigint(sig.subarray(0, 32));
  let s = beToBigint(sig.subarray(32, 64));
  if (parsing === 'strict') {
    if (r >= SECP256K1_N || s >= SECP256K1_N) return { kind: 'err', error: 'BadRS' };
  } else {
    r %= SECP256K1_N;
    s %= SECP256K1_N;
  }
  if (r === 0n || s === 0n) return { kind: 'err', error: 'BadSignature' };
  const key = secp256k1RecoverUncompressed(r, s, recid, hash);
  return key === undefined ? { kind: 'err', error: 'BadSignature' } : { kind: 'ok', uncompressed: key };
}

/** sp-io `secp256k1_ecdsa_recover*`: 65-byte RSV signature (v 0..3 or 27..30), 32-byte hash. */
export function secp256k1EcdsaRecover(sig: Uint8Array, hash: Uint8Array, parsing: EcdsaParsing): EcdsaRecovery {
  const v = sig[64]!;
  const recid = v > RECOVERY_ID_OFFSET - 1 ? v - RECOVERY_ID_OFFSET : v;
  if (recid > 3) return { kind: 'err', error: 'BadV' };
  return recoverWithId(sig, recid, hash, parsing);
}

/** sp-core `ecdsa::Pair::verify{,_deprecated,_prehashed}` on a 32-byte hash. */
export function ecdsaVerifyPrehashed(sig: Uint8Array, hash: Uint8Array, pub: Uint8Array, parsing: EcdsaParsing): boolean {
  const recid = sig[64]!;
  if (recid > 3 || pub.length !== 33) return false;
  const rec = recoverWithId(sig, recid, hash, parsing);
  if (rec.kind === 'err') return false;
  const compressed = secp256k1Compress(rec.uncompressed);
  for (let i = 0; i < 33; i++) if (compressed[i] !== pub[i]) return false;
  return true;
}

/** Compressed form (33 bytes) of a recovered uncompressed key. */
export function ecdsaCompress(uncompressed: Uint8Array): Uint8Array {
  return secp256k1Compress(uncompressed);
}

/** Is a 32-byte seed usable as a secret key (0 < k < n)? */
export function ecdsaIsValidSecret(secret: Uint8Array): boolean {
  return secret.length === 32 && secp256k1IsValidSecret(secret);
}

/** Compressed public key of a secret key. */
export function ecdsaPublicFromSecret(secret: Uint8Array): Uint8Array {
  return secp256k1PublicFromSecret(secret);
}

/** sp-core `sign_prehashed`: `r ‖ s ‖ recid` over a 32-byte hash. */
export function ecdsaSignPrehashed(secret: Uint8Array, hash: Uint8Array): Uint8Array {
  return secp256k1SignRecoverable(hash, secret);
}

/** sp-core `sign`: `sign_prehashed(blake2_256(msg))`. */
export function ecdsaSign(secret: Uint8Array, msg: Uint8Array): Uint8Array {
  return secp256k1SignRecoverable(blake2b256(msg), secret);
}

/** Hard junction: the derived 32-byte secret. */
export function ecdsaDeriveHard(secret: Uint8Array, chainCode: Uint8Array): Uint8Array {
  return blake2b256(scaleHdkdInput(ECDSA_HDKD, secret, chainCode));
}
