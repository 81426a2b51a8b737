/**
 * The keystore behind `ext_crypto_*_{public_keys,generate,sign}`: keys grouped
 * by signature scheme and 4-byte key type id (`KeyTypeId`, e.g. `babe`, `gran`).
 *
 * `InMemoryKeystore` is swx's default, in the spirit of sp-keystore's
 * `MemoryKeystore`: `generate` with a seed reads it as a SURI (`//Alice`, a
 * BIP-39 phrase with junctions and `///password`, or `0x` + 32-byte hex) and
 * without one makes a random key. Differences from Substrate's test keystore,
 * on purpose: public keys come back in insertion order (Substrate's is a
 * `HashMap`, so its order is arbitrary), and each key belongs to one scheme
 * (Substrate re-derives every stored SURI under whichever scheme is asked for).
 */
import { SwxError } from '../base/errors.js';
import { toHex } from '../base/bytes.js';
import { pairFromSuri, randomPair, type KeyPair, type KeyScheme } from './crypto/pairs.js';

export type { KeyScheme } from './crypto/pairs.js';

/** Length of a key type id (sp-core `KeyTypeId([u8; 4])`). */
export const KEY_TYPE_ID_LEN = 4;

/** A key type id: 4 raw bytes, or a 4-character ASCII string such as `"babe"`. */
export type KeyTypeIdLike = Uint8Array | string;

/** A keystore: keys grouped by scheme and 4-byte key type id. */
export interface Keystore {
  /** Public keys of `scheme` under `keyType`, in the keystore's order. */
  publicKeys(scheme: KeyScheme, keyType: Uint8Array): Uint8Array[];
  /** Generates (or derives from a SURI seed) a key, stores it, returns its public key; throws on an invalid SURI. */
  generate(scheme: KeyScheme, keyType: Uint8Array, seed: string | undefined): Uint8Array;
  /** `Pair::sign` with the key `publicKey` if the keystore has it (ECDSA: over blake2_256(message)). */
  sign(scheme: KeyScheme, keyType: Uint8Array, publicKey: Uint8Array, message: Uint8Array): Uint8Array | undefined;
  /** ECDSA `sign_prehashed` of a 32-byte hash with the key `publicKey` if present. */
  signPrehashed(keyType: Uint8Array, publicKey: Uint8Array, hash: Uint8Array): Uint8Array | undefined;
}

/** A seed to load into an `InMemoryKeystore`. */
export interface KeySeed {
  readonly scheme: KeyScheme;
  readonly keyType: KeyTypeIdLike;
  /** A SURI, e.g. `//Alice`. */
  readonly suri: string;
}

/** The 4 bytes of a key type id (validates length and ASCII). */
export function keyTypeId(id: KeyTypeIdLike): Uint8Array {
  if (typeof id === 'string') {
    if (id.length !== KEY_TYPE_ID_LEN || !/^[\x00-\x7f]*$/.test(id)) {
      throw new SwxError('INVALID_INPUT', `key type id must be ${KEY_TYPE_ID_LEN} ASCII characters, got ${JSON.stringify(id)}`);
    }
    return Uint8Array.from(id, (c) => c.charCodeAt(0));
  }
  if (id.length !== KEY_TYPE_ID_LEN) throw new SwxError('INVALID_INPUT', `key type id must be ${KEY_TYPE_ID_LEN} bytes, got ${id.length}`);
  return id.slice();
}

/** In-memory keystore; public keys are listed in insertion order. */
export class InMemoryKeystore implements Keystore {
  /** `scheme:keyTypeHex` → (public key hex → pair), insertion-ordered. */
  private readonly keys = new Map<string, Map<string, KeyPair>>();

  /** A keystore holding the given SURIs (e.g. `[{ scheme: 'sr25519', keyType: 'babe', suri: '//Alice' }]`). */
  static fromSeeds(seeds: readonly KeySeed[]): InMemoryKeystore {
    const ks = new InMemoryKeystore();
    for (const s of seeds) ks.addSuri(s.scheme, s.keyType, s.suri);
    return ks;
  }

  /** Derives the pair of `suri`, stores it under `keyType`, returns its public key. */
  addSuri(scheme: KeyScheme, keyType: KeyTypeIdLike, suri: string): Uint8Array {
    return this.insert(keyTypeId(keyType), pairFromSuri(scheme, suri));
  }

  publicKeys(scheme: KeyScheme, keyType: Uint8Array): Uint8Array[] {
    const group = this.keys.get(groupId(scheme, keyType));
    return group === undefined ? [] : [...group.values()].map((p) => p.publicKey.slice());
  }

  generate(scheme: KeyScheme, keyType: Uint8Array, seed: string | undefined): Uint8Array {
    const pair = seed === undefined ? randomPair(scheme) : pairFromSuri(scheme, seed);
    return this.insert(keyTypeId(keyType), pair);
  }

  sign(scheme: KeyScheme, keyType: Uint8Array, publicKey: Uint8Array, message: Uint8Array): Uint8Array | undefined {
    return this.find(scheme, keyType, publicKey)?.sign(message);
  }

  signPrehashed(keyType: Uint8Array, publicKey: Uint8Array, hash: Uint8Array): Uint8Array | undefined {
    const pair = this.find('ecdsa', keyType, publicKey);
    return pair?.signPrehashed?.(hash);
  }

  private find(scheme: KeyScheme, keyType: Uint8Array, publicKey: Uint8Array): KeyPair | undefined {
    return this.keys.get(groupId(scheme, keyType))?.get(toHex(publicKey));
  }

  private insert(keyType: Uint8Array, pair: KeyPair): Uint8Array {
    const id = groupId(pair.scheme, keyType);
    let group = this.keys.get(id);
    if (group === undefined) {
      group = new Map();
      this.keys.set(id, group);
    }
    group.set(toHex(pair.publicKey), pair);
    return pair.publicKey.slice();
  }
}

function groupId(scheme: KeyScheme, keyType: Uint8Array): string {
  return `${scheme}:${toHex(keyType)}`;
}
