/**
 * Keystore host functions (sp-io `crypto`): `ext_crypto_{ed25519,sr25519,ecdsa}_
 * {public_keys,generate,sign}_version_1` and `ext_crypto_ecdsa_sign_prehashed_version_1`.
 *
 * ABI (sp-runtime-interface marshalling, checked against sp-io `lib.rs`):
 *   public_keys(id: i32 → [u8;4])                       → i64 fat ptr, SCALE Vec<[u8; N]>
 *   generate(id: i32, seed: i64 → SCALE Option<Vec<u8>>) → i32 ptr to the N-byte public key
 *   sign(id: i32, pub: i32 → [u8; N], msg: i64)          → i64 fat ptr, SCALE Option<[u8; S]>
 *   ecdsa sign_prehashed(id: i32, pub: i32, msg: i32 → [u8; 32]) → i64, Option<[u8; 65]>
 * with N = 32 (ed25519, sr25519) or 33 (ecdsa), S = 64 or 65.
 *
 * Every one `expect`s the keystore extension: without a keystore the call
 * traps (`HOST_NOT_AVAILABLE`). `generate` traps on a non-UTF-8 seed or an
 * invalid SURI (`HOST_BAD_ARGUMENT`); `sign` of an unknown key returns None.
 */
import { SwxError, isSwxError } from '../../base/errors.js';
import { decodeUtf8 } from '../../base/bytes.js';
import { ScaleWriter } from '../../base/scale.js';
import { READ, argumentError, decodeArg, encodeOptionFixed } from '../abi.js';
import { hostFn, type HostContext, type HostFunction } from '../types.js';
import type { KeyScheme, Keystore } from '../keystore.js';

/** Key type id length (sp-core `KeyTypeId`). */
const KEY_TYPE_LEN = 4;
/** Public key length per scheme (sp-core `Public` types). */
const PUBLIC_LEN: Readonly<Record<KeyScheme, number>> = { ed25519: 32, sr25519: 32, ecdsa: 33 };
/** Length of a message hash for `sign_prehashed`. */
const PREHASH_LEN = 32;

function keystoreOf(ctx: HostContext, name: string): Keystore {
  if (ctx.keystore === undefined) {
    throw new SwxError('HOST_NOT_AVAILABLE', `${name}: no keystore associated with the current context`, { hostFunction: name, method: ctx.method });
  }
  return ctx.keystore;
}

function encodeKeys(keys: readonly Uint8Array[], len: number): Uint8Array {
  const w = new ScaleWriter(5 + keys.length * len).compact(keys.length);
  for (const k of keys) w.raw(k);
  return w.finish();
}

/** `PassFatPointerAndDecode<Option<Vec<u8>>>` then `str::from_utf8(..).expect(..)`. */
function decodeSeed(ctx: HostContext, name: string, seed: bigint): string | undefined {
  const raw = decodeArg(ctx, name, 'seed', seed, 'Option<Vec<u8>>', READ.optionBytes);
  if (raw === undefined) return undefined;
  const text = decodeUtf8(raw);
  if (text === undefined) throw argumentError(ctx, name, 'seed', 'the seed is not valid UTF-8');
  return text;
}

function publicKeysFn(name: string, scheme: KeyScheme): HostFunction {
  return hostFn(name, ['i32'], ['i64'], (ctx) => (idPtr: number): bigint => {
    const id = ctx.memory.read(idPtr, KEY_TYPE_LEN);
    const keys = keystoreOf(ctx, name).publicKeys(scheme, id);
    return ctx.returnFat(encodeKeys(keys, PUBLIC_LEN[scheme]));
  });
}

function generateFn(name: string, scheme: KeyScheme): HostFunction {
  return hostFn(name, ['i32', 'i64'], ['i32'], (ctx) => (idPtr: number, seedFat: bigint): number => {
    const id = ctx.memory.read(idPtr, KEY_TYPE_LEN);
    const seed = decodeSeed(ctx, name, seedFat);
    const ks = keystoreOf(ctx, name);
    let pub: Uint8Array;
    try {
      pub = ks.generate(scheme, id, seed);
    } catch (e) {
      if (!isSwxError(e, 'INVALID_INPUT')) throw e;
      throw argumentError(ctx, name, 'seed', `\`${scheme}_generate\` failed: ${e.message}`, e);
    }
    return ctx.returnPtr(pub);
  });
}

function signFn(name: string, scheme: KeyScheme): HostFunction {
  return hostFn(name, ['i32', 'i32', 'i64'], ['i64'], (ctx) => (idPtr: number, pubPtr: number, msgFat: bigint): bigint => {
    const id = ctx.memory.read(idPtr, KEY_TYPE_LEN);
    const pub = ctx.memory.read(pubPtr, PUBLIC_LEN[scheme]);
    const msg = ctx.memory.readFat(msgFat);
    const sig = keystoreOf(ctx, name).sign(scheme, id, pub, msg);
    return ctx.returnFat(encodeOptionFixed(sig));
  });
}

const ECDSA_SIGN_PREHASHED = 'ext_crypto_ecdsa_sign_prehashed_version_1';

/** Keystore-backed crypto host functions (all version 1). */
export const KEYSTORE_HOST_FUNCTIONS: readonly HostFunction[] = [
  publicKeysFn('ext_crypto_ed25519_public_keys_version_1', 'ed25519'),
  generateFn('ext_crypto_ed25519_generate_version_1', 'ed25519'),
  signFn('ext_crypto_ed25519_sign_version_1', 'ed25519'),
  publicKeysFn('ext_crypto_sr25519_public_keys_version_1', 'sr25519'),
  generateFn('ext_crypto_sr25519_generate_version_1', 'sr25519'),
  signFn('ext_crypto_sr25519_sign_version_1', 'sr25519'),
  publicKeysFn('ext_crypto_ecdsa_public_keys_version_1', 'ecdsa'),
  generateFn('ext_crypto_ecdsa_generate_version_1', 'ecdsa'),
  signFn('ext_crypto_ecdsa_sign_version_1', 'ecdsa'),
  // sp-io passes the hash by pointer (`PassPointerAndRead<&[u8; 32], 32>`): i32, not the i64 of the spec text.
  hostFn(ECDSA_SIGN_PREHASHED, ['i32', 'i32', 'i32'], ['i64'], (ctx) => (idPtr: number, pubPtr: number, hashPtr: number): bigint => {
    const id = ctx.memory.read(idPtr, KEY_TYPE_LEN);
    const pub = ctx.memory.read(pubPtr, PUBLIC_LEN.ecdsa);
    const hash = ctx.memory.read(hashPtr, PREHASH_LEN);
    const sig = keystoreOf(ctx, ECDSA_SIGN_PREHASHED).signPrehashed(id, pub, hash);
    return ctx.returnFat(encodeOptionFixed(sig));
  }),
];
