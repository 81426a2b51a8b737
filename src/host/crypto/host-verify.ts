/**
 * Signature-checking host functions (sp-io `crypto`), none of which needs the
 * keystore. Wasm signatures (sp-runtime-interface marshalling):
 *
 *   ed25519/sr25519 verify, batch_verify   (sig: i32 → [u8;64], msg: i64, pub: i32 → [u8;32]) → i32 bool
 *   ecdsa verify v1/v2, batch_verify        (sig: i32 → [u8;65], msg: i64, pub: i32 → [u8;33]) → i32
 *   ecdsa_verify_prehashed                  (sig: i32, msg: i32 → [u8;32], pub: i32) → i32
 *   secp256k1_ecdsa_recover[_compressed] v1/v2 (sig: i32 → [u8;65], msg: i32 → [u8;32]) → i64,
 *       SCALE Result<[u8;64] | [u8;33], EcdsaVerifyError>
 *   start_batch_verify () ; finish_batch_verify () → i32
 *
 * Versions: sr25519 v1 = `verify_deprecated`, v2 = strict; ecdsa v1 = overflowing
 * r/s, v2 = strict (see ecdsa.ts). The `register_only` batch functions verify at
 * once and AND the verdict into the batch flag when one is open; inside sp-io
 * they call the unversioned `*_verify`, i.e. the latest version (sr25519 and
 * ecdsa: v2, strict). `start` traps when a batch is already open, `finish`
 * when none is (`VerificationExtDeprecated` register / `expect`).
 */
import { SwxError } from '../../base/errors.js';
import { hostFn, type HostContext, type HostFunction } from '../types.js';
import { ECDSA_VERIFY_ERROR_INDEX, ecdsaCompress, ecdsaVerifyPrehashed, secp256k1EcdsaRecover, type EcdsaParsing } from './ecdsa.js';
import { Ed25519Verifier } from './ed25519.js';
import { Sr25519Verifier } from './sr25519.js';

/** Signature / key / hash sizes of sp-core's types. */
const ED_SR_SIG_LEN = 64;
const ED_SR_PUB_LEN = 32;
const ECDSA_SIG_LEN = 65;
const ECDSA_PUB_LEN = 33;
const HASH_LEN = 32;

type Verdict = (ctx: HostContext, sigPtr: number, msgFat: bigint, pubPtr: number) => boolean;

/** A `(sig: i32, msg: i64, pub: i32) → i32` verify function; `batch` ANDs into the open batch. */
function verifyFn(name: string, makeVerdict: () => Verdict, batch: boolean): HostFunction {
  return hostFn(name, ['i32', 'i64', 'i32'], ['i32'], (ctx) => {
    const verdict = makeVerdict();
    return (sigPtr: number, msgFat: bigint, pubPtr: number): number => {
      const ok = verdict(ctx, sigPtr, msgFat, pubPtr);
      if (batch && ctx.batchVerify !== undefined) ctx.batchVerify.ok &&= ok;
      return ok ? 1 : 0;
    };
  });
}

const ed25519Verdict = (): Verdict => {
  const verifier = new Ed25519Verifier();
  return (ctx, sigPtr, msgFat, pubPtr) =>
    verifier.verify(ctx.memory.read(sigPtr, ED_SR_SIG_LEN), ctx.memory.viewFat(msgFat), ctx.memory.read(pubPtr, ED_SR_PUB_LEN));
};

function sr25519Verdict(deprecated: boolean): () => Verdict {
  return () => {
    const verifier = new Sr25519Verifier();
    return (ctx, sigPtr, msgFat, pubPtr) => {
      const sig = ctx.memory.read(sigPtr, ED_SR_SIG_LEN);
      const msg = ctx.memory.viewFat(msgFat);
      const pub = ctx.memory.read(pubPtr, ED_SR_PUB_LEN);
      return deprecated ? verifier.verifyDeprecated(sig, msg, pub) : verifier.verify(sig, msg, pub);
    };
  };
}

function ecdsaVerdict(parsing: EcdsaParsing): () => Verdict {
  return () => (ctx, sigPtr, msgFat, pubPtr) => {
    const sig = ctx.memory.read(sigPtr, ECDSA_SIG_LEN);
    const hash = ctx.hashers.blake2_256(ctx.memory.viewFat(msgFat));
    return ecdsaVerifyPrehashed(sig, hash, ctx.memory.read(pubPtr, ECDSA_PUB_LEN), parsing);
  };
}

function recoverFn(name: string, parsing: EcdsaParsing, compressed: boolean): HostFunction {
  return hostFn(name, ['i32', 'i32'], ['i64'], (ctx) => (sigPtr: number, msgPtr: number): bigint => {
    const rec = secp256k1EcdsaRecover(ctx.memory.read(sigPtr, ECDSA_SIG_LEN), ctx.memory.read(msgPtr, HASH_LEN), parsing);
    if (rec.kind === 'err') return ctx.returnFat(Uint8Array.of(1, ECDSA_VERIFY_ERROR_INDEX[rec.error]));
    // Ok(pubkey): 64 bytes x ‖ y without the 0x04 tag, or the 33-byte compressed key.
    const key = compressed ? ecdsaCompress(rec.uncompressed) : rec.uncompressed.subarray(1, 65);
    const out = new Uint8Array(1 + key.length);
    out.set(key, 1);
    return ctx.returnFat(out);
  });
}

const START_BATCH = 'ext_crypto_start_batch_verify_version_1';
const FINISH_BATCH = 'ext_crypto_finish_batch_verify_version_1';

/** Verification, recovery and batch host functions. */
export const VERIFY_HOST_FUNCTIONS: readonly HostFunction[] = [
  verifyFn('ext_crypto_ed25519_verify_version_1', ed25519Verdict, false),
  verifyFn('ext_crypto_ed25519_batch_verify_version_1', ed25519Verdict, true),
  verifyFn('ext_crypto_sr25519_verify_version_1', sr25519Verdict(true), false),
  verifyFn('ext_crypto_sr25519_verify_version_2', sr25519Verdict(false), false),
  verifyFn('ext_crypto_sr25519_batch_verify_version_1', sr25519Verdict(false), true),
  verifyFn('ext_crypto_ecdsa_verify_version_1', ecdsaVerdict('overflowing'), false),
  verifyFn('ext_crypto_ecdsa_verify_version_2', ecdsaVerdict('strict'), false),
  verifyFn('ext_crypto_ecdsa_batch_verify_version_1', ecdsaVerdict('strict'), true),
  hostFn('ext_crypto_ecdsa_verify_prehashed_version_1', ['i32', 'i32', 'i32'], ['i32'], (ctx) => (sigPtr: number, msgPtr: number, pubPtr: number): number => {
    const sig = ctx.memory.read(sigPtr, ECDSA_SIG_LEN);
    const hash = ctx.memory.read(msgPtr, HASH_LEN);
    return ecdsaVerifyPrehashed(sig, hash, ctx.memory.read(pubPtr, ECDSA_PUB_LEN), 'strict') ? 1 : 0;
  }),
  recoverFn('ext_crypto_secp256k1_ecdsa_recover_version_1', 'overflowing', false),
  recoverFn('ext_crypto_secp256k1_ecdsa_recover_version_2', 'strict', false),
  recoverFn('ext_crypto_secp256k1_ecdsa_recover_compressed_version_1', 'overflowing', true),
  recoverFn('ext_crypto_secp256k1_ecdsa_recover_compressed_version_2', 'strict', true),
  hostFn(START_BATCH, [], [], (ctx) => (): void => {
    if (ctx.batchVerify !== undefined) {
      throw new SwxError('HOST_BAD_ARGUMENT', `${START_BATCH}: a batch verification is already started`, { hostFunction: START_BATCH, method: ctx.method });
    }
    ctx.batchVerify = { ok: true };
  }),
  hostFn(FINISH_BATCH, [], ['i32'], (ctx) => (): number => {
    const batch = ctx.batchVerify;
    if (batch === undefined) {
      throw new SwxError('HOST_BAD_ARGUMENT', `${FINISH_BATCH}: called without start_batch_verify`, { hostFunction: FINISH_BATCH, method: ctx.method });
    }
    ctx.batchVerify = undefined;
    return batch.ok ? 1 : 0;
  }),
];
