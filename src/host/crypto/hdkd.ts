/**
 * Shared bits of hierarchical deterministic key derivation (sp-core
 * `crypto.rs`): chain codes of junctions and the SCALE input hashed by the
 * ed25519 / ECDSA hard derivations.
 */
import { utf8 } from '../../base/bytes.js';
import { ScaleWriter } from '../../base/scale.js';
import { blake2b256 } from './noble.js';

/** Length of a junction chain code (sp-core `JUNCTION_ID_LEN`). */
export const JUNCTION_ID_LEN = 32;

/** Largest u64, the bound of numeric junctions (`str::parse::<u64>`). */
const U64_MAX = (1n << 64n) - 1n;

/** SCALE encoding of the tuple `(domain: &str, seed: [u8; 32], chain_code: [u8; 32])`. */
export function scaleHdkdInput(domain: string, seed: Uint8Array, chainCode: Uint8Array): Uint8Array {
  return new ScaleWriter(80).string(domain).raw(seed).raw(chainCode).finish().slice();
}

/**
 * Chain code of a junction's text (sp-core `DeriveJunction::from`): a decimal
 * u64 (Rust `parse::<u64>`, so an optional leading `+`) is SCALE u64 LE,
 * anything else is the SCALE `String`; encodings longer than 32 bytes are
 * replaced by their blake2_256, shorter ones zero-padded.
 */
export function junctionChainCode(code: string): Uint8Array {
  let encoded: Uint8Array;
  if (/^\+?[0-9]+$/.test(code) && BigInt(code.replace('+', '')) <= U64_MAX) {
    encoded = new ScaleWriter(8).u64(BigInt(code.replace('+', ''))).finish();
  } else {
    encoded = new ScaleWriter(code.length + 5).bytesVec(utf8(code)).finish();
  }
  if (encoded.length > JUNCTION_ID_LEN) return blake2b256(encoded);
  const cc = new Uint8Array(JUNCTION_ID_LEN);
  cc.set(encoded, 0);
  return cc;
}
