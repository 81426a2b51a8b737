/**
 * Keystore interface used by the `ext_crypto_*` host functions.
 * (Placeholder contract; the crypto work fills in the in-memory implementation.)
 */

/** Signature schemes of the host API keystore. */
export type KeyScheme = 'ed25519' | 'sr25519' | 'ecdsa';

/** A keystore: keys grouped by scheme and 4-byte key type id. */
export interface Keystore {
  /** Public keys of `scheme` under `keyType`, in the keystore's order. */
  publicKeys(scheme: KeyScheme, keyType: Uint8Array): Uint8Array[];
  /** Generates (or derives from a SURI seed) a key, stores it, returns its public key. */
  generate(scheme: KeyScheme, keyType: Uint8Array, seed: string | undefined): Uint8Array;
  /** Signs with the key `publicKey` if the keystore has it. */
  sign(scheme: KeyScheme, keyType: Uint8Array, publicKey: Uint8Array, message: Uint8Array): Uint8Array | undefined;
}
