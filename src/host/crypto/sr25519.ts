/**
 * sr25519 (Schnorr over ristretto255, schnorrkel) as sp-core uses it: signing
 * context "substrate", Merlin transcripts, 64-byte signatures `R ‖ s` whose
 * bit 255 (top bit of byte 63) is the schnorrkel marker.
 *
 * Verification rules (sp-core `sr25519.rs`, schnorrkel `sign.rs`):
 * - `verify` (sp-io `ext_crypto_sr25519_verify_version_2`): public key must
 *   decode; `Signature::from_bytes` requires the marker bit and a canonical
 *   scalar (s < ℓ after clearing the marker); then
 *   k = challenge(SigningContext("substrate").bytes(msg), "sign:pk" A, "sign:R" R)
 *   and the check is `compress(s·B − k·A) == R` (byte equality).
 * - `verify_deprecated` (`…_verify_version_1`): same key check; a marked,
 *   canonical signature is verified as above and that verdict is final.
 *   Otherwise the marker is forced on and the signature re-parsed (so a
 *   non-canonical scalar still fails), then checked with the schnorrkel 0.1
 *   transcript: Merlin("substrate"), "sign-bytes" msg, "proto-name"
 *   "Schnorr-sig", "pk" A, "no" R, challenge label "".
 *
 * The fast path is the Rust schnorrkel build (see `schnorrkel.ts`), called only
 * with inputs validated here so that it cannot panic; the legacy transcript and
 * a full JS verifier (`sr25519VerifyJs`, for cross-checks) run on noble.
 */
import { utf8 } from '../../base/bytes.js';
import { Transcript } from './merlin.js';
import { ristrettoDecode, ristrettoSubMulBase, type RistrettoElement } from './noble.js';
import { schnorrkelDeriveHard, schnorrkelDeriveSoft, schnorrkelKeypairFromMiniSecret, schnorrkelSign, schnorrkelVerify } from './schnorrkel.js';

/** Order ℓ of the ristretto255 group (RFC 9496 §4: 2^252 + 27742317777372353535851937790883648493). */
const RISTRETTO_L = (1n << 252n) + 27742317777372353535851937790883648493n;
/** Signing context of every sr25519 signature in Substrate (sp-core sr25519.rs `SIGNING_CTX`). */
const SIGNING_CTX = utf8('substrate');
/** Upper bound of the public-key validity cache of one verifier before it is reset. */
const KEY_CACHE_LIMIT = 4096;

const L_SIGNING_CONTEXT = utf8('SigningContext');
const L_EMPTY = new Uint8Array(0);
const L_SIGN_BYTES = utf8('sign-bytes');
const L_PROTO_NAME = utf8('proto-name');
const L_SCHNORR_SIG = utf8('Schnorr-sig');
const L_SIGN_PK = utf8('sign:pk');
const L_SIGN_R = utf8('sign:R');
const L_SIGN_C = utf8('sign:c');
const L_LEGACY_PK = utf8('pk');
const L_LEGACY_R = utf8('no');

function leToBigint(bytes: Uint8Array): bigint {
  let v = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i]!);
  return v;
}

/** True when the schnorrkel marker bit (bit 7 of byte 63) is set. */
function hasMarker(sig: Uint8Array): boolean {
  return (sig[63]! & 0x80) !== 0;
}

/** The signature scalar with the marker cleared, or undefined when not canonical (schnorrkel `check_scalar`). */
function signatureScalar(sig: Uint8Array): bigint | undefined {
  const upper = sig.slice(32, 64);
  upper[31]! &= 0x7f;
  const s = leToBigint(upper);
  return s < RISTRETTO_L ? s : undefined;
}

function challengeScalar(t: Transcript, label: Uint8Array): bigint {
  return leToBigint(t.challengeBytes(label, 64)) % RISTRETTO_L;
}

function equationHolds(s: bigint, k: bigint, a: RistrettoElement, rBytes: Uint8Array): boolean {
  const lhs = ristrettoSubMulBase(s, k, a);
  for (let i = 0; i < 32; i++) if (lhs[i] !== rBytes[i]) return false;
  return true;
}

/** Current (schnorrkel ≥ 0.8) transcript check, in JS. */
function verifyCurrent(s: bigint, a: RistrettoElement, pub: Uint8Array, rBytes: Uint8Array, msg: Uint8Array): boolean {
  const t = new Transcript(L_SIGNING_CONTEXT);
  t.appendMessage(L_EMPTY, SIGNING_CTX);
  t.appendMessage(L_SIGN_BYTES, msg);
  t.appendMessage(L_PROTO_NAME, L_SCHNORR_SIG);
  t.appendMessage(L_SIGN_PK, pub);
  t.appendMessage(L_SIGN_R, rBytes);
  return equationHolds(s, challengeScalar(t, L_SIGN_C), a, rBytes);
}

/** schnorrkel 0.1 ("preaudit") transcript check, in JS. */
function verifyLegacy(s: bigint, a: RistrettoElement, pub: Uint8Array, rBytes: Uint8Array, msg: Uint8Array): boolean {
  const t = new Transcript(SIGNING_CTX);
  t.appendMessage(L_SIGN_BYTES, msg);
  t.appendMessage(L_PROTO_NAME, L_SCHNORR_SIG);
  t.appendMessage(L_LEGACY_PK, pub);
  t.appendMessage(L_LEGACY_R, rBytes);
  return equationHolds(s, challengeScalar(t, L_EMPTY), a, rBytes);
}

/**
 * sr25519 verification with a small cache of public keys already known to
 * decode (decoding costs about half a verification). One per host binding.
 */
export class Sr25519Verifier {
  private readonly validKeys = new Set<string>();

  private keyIsValid(pub: Uint8Array): boolean {
    const id = String.fromCharCode(...pub);
    if (this.validKeys.has(id)) return true;
    if (ristrettoDecode(pub) === undefined) return false;
    if (this.validKeys.size >= KEY_CACHE_LIMIT) this.validKeys.clear();
    this.validKeys.add(id);
    return true;
  }

  /** sp-core `Pair::verify` (strict: marker bit required). */
  verify(sig: Uint8Array, msg: Uint8Array, pub: Uint8Array): boolean {
    if (!hasMarker(sig) || signatureScalar(sig) === undefined) return false;
    if (!this.keyIsValid(pub)) return false;
    return schnorrkelVerify(pub, msg, sig);
  }

  /** sp-core `Pair::verify_deprecated` (also accepts schnorrkel 0.1 signatures). */
  verifyDeprecated(sig: Uint8Array, msg: Uint8Array, pub: Uint8Array): boolean {
    if (!this.keyIsValid(pub)) return false;
    const s = signatureScalar(sig);
    if (s === undefined) return false;
    if (hasMarker(sig)) return schnorrkelVerify(pub, msg, sig);
    const a = ristrettoDecode(pub);
    return a !== undefined && verifyLegacy(s, a, pub, sig.subarray(0, 32), msg);
  }
}

/** Pure-JS strict verification (same verdict as `Sr25519Verifier.verify`; slower). */
export function sr25519VerifyJs(sig: Uint8Array, msg: Uint8Array, pub: Uint8Array): boolean {
  if (!hasMarker(sig)) return false;
  const s = signatureScalar(sig);
  const a = ristrettoDecode(pub);
  if (s === undefined || a === undefined) return false;
  return verifyCurrent(s, a, pub, sig.subarray(0, 32), msg);
}

/** A 96-byte schnorrkel keypair (`secret ‖ nonce ‖ public`) from a 32-byte mini secret (Ed25519 expansion mode). */
export function sr25519KeypairFromMiniSecret(miniSecret: Uint8Array): Uint8Array {
  return schnorrkelKeypairFromMiniSecret(miniSecret);
}

/** The 32-byte public key of a 96-byte keypair. */
export function sr25519PublicOf(keypair: Uint8Array): Uint8Array {
  return keypair.slice(64, 96);
}

/** Hard derivation (sp-core `derive_hard_junction`). */
export function sr25519DeriveHard(keypair: Uint8Array, chainCode: Uint8Array): Uint8Array {
  return schnorrkelDeriveHard(keypair, chainCode);
}

/** Soft derivation (`derived_key_simple(cc, [])`). */
export function sr25519DeriveSoft(keypair: Uint8Array, chainCode: Uint8Array): Uint8Array {
  return schnorrkelDeriveSoft(keypair, chainCode);
}

/** Signs `msg` in the "substrate" context (randomized, like schnorrkel). */
export function sr25519Sign(keypair: Uint8Array, msg: Uint8Array): Uint8Array {
  return schnorrkelSign(keypair, msg);
}
