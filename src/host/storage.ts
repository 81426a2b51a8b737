/**
 * `ext_storage_*`: the top storage trie (sp-io `Storage` runtime interface).
 *
 * Arguments are fat pointers (`(len << 32) | ptr`) to bytes read from the
 * instance's memory; `PassFatPointerAndDecode` arguments are SCALE-decoded
 * (a decode failure traps: HOST_BAD_ARGUMENT; trailing bytes are ignored, as
 * `Decode::decode` does). Results returned "by codec" are SCALE-encoded into
 * memory the host allocates, and returned as a fat pointer:
 *
 *   get / next_key        Option<Vec<u8>>          00 | 01 ++ Compact(len) ++ bytes
 *   read                  Option<u32>              00 | 01 ++ u32 LE (bytes left from the offset)
 *   clear_prefix v2       KillStorageResult        00 AllRemoved(u32 loops) | 01 SomeRemaining(u32 loops)
 *   clear_prefix v3       MultiRemovalResults      Option<Vec<u8>> cursor ++ u32 backend ++ u32 unique ++ u32 loops
 *   root v1 / v2          the 32-byte root, raw (AllocateAndReturnFatPointer, no prefix)
 *   changes_root          always None (00)
 *
 * `read(key, out, offset)`: absent key → None; else data = value[min(offset, len)..],
 * copy min(|data|, |out|) bytes into `out`, return Some(|data|) — so an offset
 * at or past the end gives Some(0). `root_version_2`'s state version is an
 * i32 truncated to u8 (`PassAs<StateVersion, u8>`); 0 and 1 are valid.
 * `storage_root` includes the open transactions' writes and closes none.
 */
import { ScaleWriter, encodeOptionBytes } from '../base/scale.js';
import type { RemovalResult } from '../state/externalities.js';
import { READ, decodeArg, encodeNone, encodeSomeU32, stateVersionArg } from './abi.js';
import { unpackFat } from './memory.js';
import { hostFn, type HostContext, type HostFunction } from './types.js';

/** SCALE `KillStorageResult` of a removal: AllRemoved / SomeRemaining with the loop count. */
export function encodeKillStorageResult(r: RemovalResult): Uint8Array {
  return new ScaleWriter(5).u8(r.cursor === undefined ? 0 : 1).u32(r.loops).finish();
}

/** SCALE `MultiRemovalResults { maybe_cursor, backend, unique, loops }`. */
export function encodeMultiRemovalResults(r: RemovalResult): Uint8Array {
  const w = new ScaleWriter(18 + (r.cursor?.length ?? 0));
  w.optionBytes(r.cursor).u32(r.backend).u32(r.unique).u32(r.loops);
  return w.finish();
}

/**
 * The `read` host functions' body: copies `value[offset..]` into the `out`
 * buffer (bounds-checked even when nothing is copied) and returns the SCALE
 * `Option<u32>` to hand back.
 */
export function readInto(ctx: HostContext, value: Uint8Array | undefined, out: bigint, offset: number): Uint8Array {
  const [outPtr, outLen] = unpackFat(out);
  ctx.memory.view(outPtr, outLen);
  if (value === undefined) return encodeNone();
  const data = value.subarray(Math.min(offset >>> 0, value.length));
  const written = Math.min(data.length, outLen);
  if (written > 0) ctx.memory.write(outPtr, data.subarray(0, written));
  return encodeSomeU32(data.length);
}

const I64 = 'i64' as const;
const I32 = 'i32' as const;

/** Every `ext_storage_*` host function and version of sp-io, register-only ones included. */
export const STORAGE_HOST_FUNCTIONS: readonly HostFunction[] = [
  hostFn('ext_storage_set_version_1', [I64, I64], [], (ctx) => (key: bigint, value: bigint): void => {
    ctx.storage.set(ctx.memory.viewFat(key), ctx.memory.viewFat(value));
  }),
  hostFn('ext_storage_get_version_1', [I64], [I64], (ctx) => (key: bigint): bigint => {
    return ctx.returnFat(encodeOptionBytes(ctx.storage.get(ctx.memory.viewFat(key))));
  }),
  hostFn('ext_storage_read_version_1', [I64, I64, I32], [I64], (ctx) => (key: bigint, out: bigint, offset: number): bigint => {
    const value = ctx.storage.get(ctx.memory.viewFat(key));
    return ctx.returnFat(readInto(ctx, value, out, offset));
  }),
  hostFn('ext_storage_clear_version_1', [I64], [], (ctx) => (key: bigint): void => {
    ctx.storage.clear(ctx.memory.viewFat(key));
  }),
  hostFn('ext_storage_exists_version_1', [I64], [I32], (ctx) => (key: bigint): number => {
    return ctx.storage.exists(ctx.memory.viewFat(key)) ? 1 : 0;
  }),
  hostFn('ext_storage_clear_prefix_version_1', [I64], [], (ctx) => (prefix: bigint): void => {
    ctx.storage.clearPrefix(ctx.memory.viewFat(prefix), undefined, undefined);
  }),
  hostFn('ext_storage_clear_prefix_version_2', [I64, I64], [I64], (ctx) => (prefix: bigint, limit: bigint): bigint => {
    const p = ctx.memory.viewFat(prefix);
    const l = decodeArg(ctx, 'ext_storage_clear_prefix_version_2', 'limit', limit, 'Option<u32>', READ.optionU32);
    return ctx.returnFat(encodeKillStorageResult(ctx.storage.clearPrefix(p, l, undefined)));
  }),
  hostFn('ext_storage_clear_prefix_version_3', [I64, I64, I64], [I64], (ctx) => (prefix: bigint, limit: bigint, cursor: bigint): bigint => {
    const p = ctx.memory.viewFat(prefix);
    const l = decodeArg(ctx, 'ext_storage_clear_prefix_version_3', 'limit', limit, 'Option<u32>', READ.optionU32);
    const c = decodeArg(ctx, 'ext_storage_clear_prefix_version_3', 'maybe_cursor', cursor, 'Option<Vec<u8>>', READ.optionBytes);
    return ctx.returnFat(encodeMultiRemovalResults(ctx.storage.clearPrefix(p, l, c)));
  }),
  hostFn('ext_storage_append_version_1', [I64, I64], [], (ctx) => (key: bigint, value: bigint): void => {
    ctx.storage.append(ctx.memory.viewFat(key), ctx.memory.viewFat(value));
  }),
  hostFn('ext_storage_root_version_1', [], [I64], (ctx) => (): bigint => {
    return ctx.returnFat(ctx.storage.storageRoot(0));
  }),
  hostFn('ext_storage_root_version_2', [I32], [I64], (ctx) => (version: number): bigint => {
    const v = stateVersionArg(ctx, 'ext_storage_root_version_2', 'version', version);
    return ctx.returnFat(ctx.storage.storageRoot(v));
  }),
  hostFn('ext_storage_changes_root_version_1', [I64], [I64], (ctx) => (parentHash: bigint): bigint => {
    ctx.memory.viewFat(parentHash);
    return ctx.returnFat(encodeNone());
  }),
  hostFn('ext_storage_next_key_version_1', [I64], [I64], (ctx) => (key: bigint): bigint => {
    return ctx.returnFat(encodeOptionBytes(ctx.storage.nextKey(ctx.memory.viewFat(key))));
  }),
  hostFn('ext_storage_start_transaction_version_1', [], [], (ctx) => (): void => {
    ctx.storage.startTransaction();
  }),
  hostFn('ext_storage_rollback_transaction_version_1', [], [], (ctx) => (): void => {
    ctx.storage.rollbackTransaction();
  }),
  hostFn('ext_storage_commit_transaction_version_1', [], [], (ctx) => (): void => {
    ctx.storage.commitTransaction();
  }),
];
