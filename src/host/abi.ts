/**
 * The host-function ABI (sp-runtime-interface marshalling), in one place:
 * how every host function reads its arguments and encodes its results, and
 * the one error a host function raises for an argument it cannot take.
 *
 *   argument strategy (sp-runtime-interface)     Wasm     here
 *   PassFatPointerAndRead<&[u8]>                 i64      `ctx.memory.viewFat(fat)` (memory.ts)
 *   PassFatPointerAndRead<&str>                  i64      `strArg`: strict UTF-8
 *   PassFatPointerAndDecode<T>                   i64      `decodeArg(…, read)`: SCALE, trailing bytes ignored (`T::decode`)
 *   PassPointerAndRead<&[u8; N], N>              i32      `ctx.memory.read(ptr, N)`
 *   PassAs<StateVersion, u8>                     i32      `stateVersionArg`: `as u8`, then 0 | 1
 *   PassAs<StorageKind, u32>                     i32      `storageKindArg`: 1 PERSISTENT, 2 LOCAL
 *
 *   result strategy                              Wasm     here
 *   AllocateAndReturnByCodec<T>                  i64      `ctx.returnFat(encoded)` with the encoders below
 *   AllocateAndReturnPointer<[u8; N], N>         i32      `ctx.returnPtr(bytes)`
 *   bool                                         i32      1 | 0
 *
 * A malformed argument fails the call (sc-executor traps with the marshalling
 * error): HOST_BAD_ARGUMENT, with the host function, the parameter and why —
 * the shape of smoldot's `ParamDecodeError`. Out-of-bounds pointers are
 * HOST_OUT_OF_BOUNDS (memory.ts).
 */
import { SwxError } from '../base/errors.js';
import { decodeUtf8 } from '../base/bytes.js';
import { ScaleReader, ScaleWriter } from '../base/scale.js';
import type { StateVersion } from '../base/constants.js';
import type { StorageKind } from './offchain-env.js';
import type { HostContext } from './types.js';

/** The error of a host function handed an argument it cannot take. */
export function argumentError(ctx: Pick<HostContext, 'method'>, hostFunction: string, param: string, why: string, cause?: unknown): SwxError {
  return new SwxError('HOST_BAD_ARGUMENT', `${hostFunction}(${param}): ${why}`, { method: ctx.method, hostFunction, param }, cause === undefined ? undefined : { cause });
}

/** `PassFatPointerAndDecode<T>`: SCALE-decodes the bytes at `fat` with `read` (`typeName` names T in errors). */
export function decodeArg<T>(ctx: HostContext, hostFunction: string, param: string, fat: bigint, typeName: string, read: (r: ScaleReader) => T): T {
  const bytes = ctx.memory.viewFat(fat);
  try {
    return read(new ScaleReader(bytes));
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw argumentError(ctx, hostFunction, param, `could not SCALE-decode '${typeName}' when marshalling hostcall's arguments through the FFI boundary: ${why}`, e);
  }
}

/** `PassFatPointerAndRead<&str>`: the UTF-8 text at `fat`, or the call fails. */
export function strArg(ctx: HostContext, hostFunction: string, param: string, fat: bigint): string {
  const s = decodeUtf8(ctx.memory.viewFat(fat));
  if (s === undefined) {
    throw argumentError(ctx, hostFunction, param, "could not parse '&str' when marshalling hostcall's arguments through the FFI boundary: the string is not valid UTF-8");
  }
  return s;
}

/** `PassAs<StateVersion, u8>`: the i32 truncated to u8 (`as u8`), then `StateVersion::try_from`: 0 or 1. */
export function stateVersionArg(ctx: Pick<HostContext, 'method'>, hostFunction: string, param: string, arg: number): StateVersion {
  const v = arg & 0xff;
  if (v === 0 || v === 1) return v;
  throw argumentError(ctx, hostFunction, param, `invalid state version ${arg >>> 0} (as u8: ${v})`);
}

/** `PassAs<StorageKind, u32>`: `StorageKind::try_from(u32)` (PERSISTENT = 1, LOCAL = 2). */
export function storageKindArg(ctx: Pick<HostContext, 'method'>, hostFunction: string, param: string, arg: number): StorageKind {
  const k = arg >>> 0;
  if (k === 1) return 'persistent';
  if (k === 2) return 'local';
  throw argumentError(
    ctx,
    hostFunction,
    param,
    "failed to convert 'sp_core::offchain::StorageKind' (passed as 'u32') into 'sp_core::offchain::StorageKind' when marshalling hostcall's arguments through the FFI boundary",
  );
}

/** SCALE readers of the argument types host functions decode (values copied out of memory). */
export const READ = {
  optionU32: (r: ScaleReader): number | undefined => r.option((x) => x.u32()),
  optionU64: (r: ScaleReader): bigint | undefined => r.option((x) => x.u64()),
  optionBytes: (r: ScaleReader): Uint8Array | undefined => r.option((x) => x.bytesVec().slice()),
  bytesVecs: (r: ScaleReader): Uint8Array[] => r.vec((x) => x.bytesVec().slice()),
  pairs: (r: ScaleReader): Array<readonly [Uint8Array, Uint8Array]> => r.vec((x) => [x.bytesVec().slice(), x.bytesVec().slice()] as const),
  u16s: (r: ScaleReader): number[] => r.vec((x) => x.u16()),
} as const;

/** SCALE `Result` tags. */
export const RESULT_OK = 0;
export const RESULT_ERR = 1;

/** SCALE `Option::None` (one 0x00 byte), as a new array. */
export function encodeNone(): Uint8Array {
  return new Uint8Array(1);
}

/** SCALE `Option<u32>` of `Some(v)`. */
export function encodeSomeU32(v: number): Uint8Array {
  return new ScaleWriter(5).u8(1).u32(v).finish();
}

/** SCALE `Option<[u8; N]>`: the fixed bytes without a length prefix. */
export function encodeOptionFixed(bytes: Uint8Array | undefined): Uint8Array {
  if (bytes === undefined) return encodeNone();
  const out = new Uint8Array(1 + bytes.length);
  out[0] = 1;
  out.set(bytes, 1);
  return out;
}

/** SCALE `Result<(), ()>`. */
export function encodeUnitResult(ok: boolean): Uint8Array {
  return Uint8Array.of(ok ? RESULT_OK : RESULT_ERR);
}
