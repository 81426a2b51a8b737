/**
 * `misc` host functions (sp-io `Misc`) and cumulus' proof-size function.
 *
 *   ext_misc_print_num_version_1(value: i64)     logs the u64 in decimal
 *   ext_misc_print_utf8_version_1(data: i64)     logs it if valid UTF-8, else nothing
 *   ext_misc_print_hex_version_1(data: i64)      logs sp-core `HexDisplay`: lowercase
 *                                                hex, no `0x`; ≥ 1027 bytes print as
 *                                                first 512 ‖ "..." ‖ last 512
 *   ext_misc_runtime_version_version_1(wasm: i64) -> i64
 *       SCALE `Option<Vec<u8>>`: the encoded `RuntimeVersion` of the given
 *       (maybe compressed) blob, None if it cannot be read
 *   ext_storage_proof_size_storage_proof_size_version_1() -> i64
 *       cumulus `proof-size-hostfunction`: the recorded proof size, or
 *       u64::MAX when no proof is being recorded (always the case here)
 *
 * The three prints use `log::debug!(target: "runtime", …)`: level Debug,
 * target "runtime", recorded only if `ctx.maxLogLevel` ≥ Debug.
 */
import { InternalError, isSwxError } from '../base/errors.js';
import { decodeUtf8, toHexRaw } from '../base/bytes.js';
import { encodeOptionBytes } from '../base/scale.js';
import { emitLog } from './logging.js';
import { hostFn, type HostContext, type HostFunction, type LogLevel } from './types.js';

/** `log::Level::Debug` in `LogEntry` numbering. */
const DEBUG: LogLevel = 4;
/** Target of the print functions (sp-io: "runtime", not the `runtime::io` LOG_TARGET). */
const PRINT_TARGET = 'runtime';
/** sp-core `HexDisplay`: inputs shorter than this print in full. */
const HEX_DISPLAY_FULL_BELOW = 1027;
/** sp-core `HexDisplay`: bytes kept at each end of a long input. */
const HEX_DISPLAY_EDGE = 512;
/** `u64::MAX`: the proof size answered when recording is disabled. */
const PROOF_SIZE_NOT_RECORDING = 0xffff_ffff_ffff_ffffn;

/** sp-core `HexDisplay` (Display impl) of `bytes`. */
export function hexDisplay(bytes: Uint8Array): string {
  if (bytes.length < HEX_DISPLAY_FULL_BELOW) return toHexRaw(bytes);
  return toHexRaw(bytes.subarray(0, HEX_DISPLAY_EDGE)) + '...' + toHexRaw(bytes.subarray(bytes.length - HEX_DISPLAY_EDGE));
}

function print(ctx: HostContext, message: string): void {
  emitLog(ctx, DEBUG, PRINT_TARGET, message);
}

/** `read_runtime_version` failures answer None (sc-executor logs and returns `None`); swx bugs still surface. */
function runtimeVersionOrNone(ctx: HostContext, code: Uint8Array): Uint8Array | undefined {
  try {
    return ctx.runtimeVersionOf(code);
  } catch (e) {
    if (isSwxError(e) && !(e instanceof InternalError)) return undefined;
    throw e;
  }
}

/** All `ext_misc_*` host functions plus `ext_storage_proof_size_storage_proof_size_version_1`. */
export const MISC_HOST_FUNCTIONS: HostFunction[] = [
  hostFn('ext_misc_print_num_version_1', ['i64'], [], (ctx) => (value: bigint): void => {
    print(ctx, BigInt.asUintN(64, value).toString());
  }),
  hostFn('ext_misc_print_utf8_version_1', ['i64'], [], (ctx) => (data: bigint): void => {
    const s = decodeUtf8(ctx.memory.viewFat(data));
    if (s !== undefined) print(ctx, s);
  }),
  hostFn('ext_misc_print_hex_version_1', ['i64'], [], (ctx) => (data: bigint): void => {
    print(ctx, hexDisplay(ctx.memory.viewFat(data)));
  }),
  hostFn('ext_misc_runtime_version_version_1', ['i64'], ['i64'], (ctx) => (wasm: bigint): bigint => {
    const version = runtimeVersionOrNone(ctx, ctx.memory.readFat(wasm));
    return ctx.returnFat(encodeOptionBytes(version));
  }),
  hostFn('ext_storage_proof_size_storage_proof_size_version_1', [], ['i64'], () => (): bigint => BigInt.asIntN(64, PROOF_SIZE_NOT_RECORDING)),
];
