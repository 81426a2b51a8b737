/**
 * ed25519 as sp-core uses it (`ed25519.rs`, backed by ed25519-zebra):
 *
 * - Verification follows ZIP-215: S must be canonical (S < ℓ); A and R may be
 *   any decodable encodings, canonical or not (y ≥ p, "negative zero");
 *   the check is cofactored, `[8]([S]B − R − [k]A) = 0`, with
 *   k = SHA-512(R_bytes ‖ A_bytes ‖ M) over the bytes as given. An undecodable
 *   public key makes `verify` return false (no trap). sp-io switches to
 *   ed25519-dalek only under the `UseDalekExt` extension, which swx never sets.
 * - Keys: the 32-byte seed is the RFC 8032 secret key; signatures are RFC 8032
 *   (deterministic). Hard derivation: seed' = blake2_256(SCALE("Ed25519HDKD",
 *   seed, chain code)); soft junctions are not supported.
 *
 * Speed: OpenSSL (node:crypto) accepts valid signatures ~10× faster than the
 * exact JS check; only when it rejects does the ZIP-215 check decide.
 */
import { blake2b256, ed25519PublicFromSeed, ed25519SignWithSeed, ed25519VerifyZip215 } from './noble.js';
import { OpensslEd25519, opensslEd25519Verify } from './openssl.js';
import { scaleHdkdInput } from './hdkd.js';

/** Domain string of ed25519 hard derivation (sp-core ed25519.rs `derive_hard_junction`). */
const ED25519_HDKD = 'Ed25519HDKD';

/** sp-core `ed25519::Pair::verify` (ZIP-215). Inputs: 64-byte signature, 32-byte key. */
export function ed25519Verify(sig: Uint8Array, msg: Uint8Array, pub: Uint8Array): boolean {
  if (sig.length !== 64 || pub.length !== 32) return false;
  return opensslEd25519Verify(sig, msg, pub) || ed25519VerifyZip215(sig, msg, pub);
}

/** `ed25519Verify` with a cache of imported OpenSSL keys; one per host binding. */
export class Ed25519Verifier {
  private readonly openssl = new OpensslEd25519();

  /** sp-core `ed25519::Pair::verify` (ZIP-215). */
  verify(sig: Uint8Array, msg: Uint8Array, pub: Uint8Array): boolean {
    if (sig.length !== 64 || pub.length !== 32) return false;
    return this.openssl.verify(sig, msg, pub) || ed25519VerifyZip215(sig, msg, pub);
  }
}

/** Public key of a 32-byte seed. */
export function ed25519PublicFromSecretSeed(seed: Uint8Array): Uint8Array {
  return ed25519PublicFromSeed(seed);
}

/** RFC 8032 signature with a 32-byte seed. */
export function ed25519Sign(seed: Uint8Array, msg: Uint8Array): Uint8Array {
  return ed25519SignWithSeed(seed, msg);
}

/** Hard junction: the derived 32-byte seed. */
export function ed25519DeriveHard(seed: Uint8Array, chainCode: Uint8Array): Uint8Array {
  return blake2b256(scaleHdkdInput(ED25519_HDKD, seed, chainCode));
}
