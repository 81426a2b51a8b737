/**
 * Key pairs of the three keystore schemes, built from a SURI exactly as
 * sp-core's `Pair::from_string(suri, None)` does (see suri.ts), or at random.
 *
 * | scheme  | root from 32-byte seed              | hard junction           | soft junction |
 * |---------|-------------------------------------|-------------------------|---------------|
 * | ed25519 | seed = RFC 8032 secret              | blake2("Ed25519HDKD"…)  | error         |
 * | sr25519 | MiniSecretKey, Ed25519 expansion    | schnorrkel hard derive  | schnorrkel    |
 * | ecdsa   | seed = secp256k1 secret (0 < k < n) | blake2("Secp256k1HDKD"…)| error         |
 */
import { SwxError } from '../../base/errors.js';
import { ecdsaDeriveHard, ecdsaIsValidSecret, ecdsaPublicFromSecret, ecdsaSign, ecdsaSignPrehashed } from './ecdsa.js';
import { ed25519DeriveHard, ed25519PublicFromSecretSeed, ed25519Sign } from './ed25519.js';
import { randomBytes } from './noble.js';
import { sr25519DeriveHard, sr25519DeriveSoft, sr25519KeypairFromMiniSecret, sr25519PublicOf, sr25519Sign } from './sr25519.js';
import { parseSuri, rootSeedOfPhrase, type Junction } from './suri.js';

/** Signature schemes of the host API keystore. */
export type KeyScheme = 'ed25519' | 'sr25519' | 'ecdsa';

/** A key pair: its public key and a signer (`Pair::sign`; ECDSA hashes with blake2_256). */
export interface KeyPair {
  readonly scheme: KeyScheme;
  readonly publicKey: Uint8Array;
  sign(message: Uint8Array): Uint8Array;
  /** ECDSA only: `sign_prehashed` of a 32-byte hash. */
  signPrehashed?(hash: Uint8Array): Uint8Array;
}

function ed25519Pair(seed: Uint8Array): KeyPair {
  return { scheme: 'ed25519', publicKey: ed25519PublicFromSecretSeed(seed), sign: (m) => ed25519Sign(seed, m) };
}

function sr25519Pair(keypair: Uint8Array): KeyPair {
  return { scheme: 'sr25519', publicKey: sr25519PublicOf(keypair), sign: (m) => sr25519Sign(keypair, m) };
}

function ecdsaPair(secret: Uint8Array): KeyPair {
  if (!ecdsaIsValidSecret(secret)) throw new SwxError('INVALID_INPUT', 'ECDSA seed is not a valid secp256k1 secret key');
  return {
    scheme: 'ecdsa',
    publicKey: ecdsaPublicFromSecret(secret),
    sign: (m) => ecdsaSign(secret, m),
    signPrehashed: (h) => ecdsaSignPrehashed(secret, h),
  };
}

function noSoft(scheme: KeyScheme): SwxError {
  return new SwxError('INVALID_INPUT', `invalid secret URI: ${scheme} keys have no soft derivation`);
}

function derive(scheme: KeyScheme, seed: Uint8Array, junctions: readonly Junction[]): KeyPair {
  switch (scheme) {
    case 'ed25519': {
      let acc = seed;
      for (const j of junctions) {
        if (!j.hard) throw noSoft(scheme);
        acc = ed25519DeriveHard(acc, j.chainCode);
      }
      return ed25519Pair(acc);
    }
    case 'ecdsa': {
      let acc = seed;
      if (!ecdsaIsValidSecret(acc)) throw new SwxError('INVALID_INPUT', 'ECDSA seed is not a valid secp256k1 secret key');
      for (const j of junctions) {
        if (!j.hard) throw noSoft(scheme);
        acc = ecdsaDeriveHard(acc, j.chainCode);
      }
      return ecdsaPair(acc);
    }
    case 'sr25519': {
      let kp = sr25519KeypairFromMiniSecret(seed);
      for (const j of junctions) kp = j.hard ? sr25519DeriveHard(kp, j.chainCode) : sr25519DeriveSoft(kp, j.chainCode);
      return sr25519Pair(kp);
    }
    default: {
      const never: never = scheme;
      throw new SwxError('INVALID_INPUT', `unknown key scheme ${String(never)}`);
    }
  }
}

/** The pair a SURI designates (sp-core `Pair::from_string(suri, None)`); throws `INVALID_INPUT` when invalid. */
export function pairFromSuri(scheme: KeyScheme, suri: string): KeyPair {
  const { phrase, password, junctions } = parseSuri(suri);
  return derive(scheme, rootSeedOfPhrase(phrase, password), junctions);
}

/** The pair of a raw 32-byte seed (sp-core `Pair::from_seed`). */
export function pairFromSeed(scheme: KeyScheme, seed: Uint8Array): KeyPair {
  if (seed.length !== 32) throw new SwxError('INVALID_INPUT', `seed must be 32 bytes, got ${seed.length}`);
  return derive(scheme, seed, []);
}

/** A fresh random pair (what `generate` does without a seed). */
export function randomPair(scheme: KeyScheme): KeyPair {
  for (;;) {
    const seed = randomBytes(32);
    if (scheme !== 'ecdsa' || ecdsaIsValidSecret(seed)) return derive(scheme, seed, []);
  }
}
