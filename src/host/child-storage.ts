/**
 * `ext_default_child_storage_*`: default child tries (sp-io `DefaultChildStorage`).
 *
 * Every function takes the child trie's storage key first, unprefixed and
 * opaque (`ChildInfo::new_default(storage_key)`); the child trie's root lives
 * in the top trie under `:child_storage:default:` ++ storage key. Argument
 * decoding and result encodings are those of `storage.ts`:
 *
 *   get / next_key        Option<Vec<u8>>
 *   read                  Option<u32> (bytes left from the offset; offset past the end → Some(0))
 *   storage_kill v1       nothing;  v2 → bool (i32): all removed;  v3 → KillStorageResult;
 *                         v4 (register-only) → MultiRemovalResults
 *   clear_prefix v1       nothing;  v2 → KillStorageResult;  v3 (register-only) → MultiRemovalResults
 *   root v1 / v2          raw 32-byte child root (empty trie root when empty); v1 uses layout V0
 */
import { encodeOptionBytes } from '../base/scale.js';
import { READ, decodeArg, stateVersionArg } from './abi.js';
import { encodeKillStorageResult, encodeMultiRemovalResults, readInto } from './storage.js';
import { hostFn, type HostFunction } from './types.js';

const I64 = 'i64' as const;
const I32 = 'i32' as const;

/** Every `ext_default_child_storage_*` host function and version of sp-io, register-only ones included. */
export const CHILD_STORAGE_HOST_FUNCTIONS: readonly HostFunction[] = [
  hostFn('ext_default_child_storage_get_version_1', [I64, I64], [I64], (ctx) => (sk: bigint, key: bigint): bigint => {
    const m = ctx.memory;
    return ctx.returnFat(encodeOptionBytes(ctx.storage.childGet(m.viewFat(sk), m.viewFat(key))));
  }),
  hostFn('ext_default_child_storage_read_version_1', [I64, I64, I64, I32], [I64], (ctx) => (sk: bigint, key: bigint, out: bigint, offset: number): bigint => {
    const m = ctx.memory;
    const value = ctx.storage.childGet(m.viewFat(sk), m.viewFat(key));
    return ctx.returnFat(readInto(ctx, value, out, offset));
  }),
  hostFn('ext_default_child_storage_set_version_1', [I64, I64, I64], [], (ctx) => (sk: bigint, key: bigint, value: bigint): void => {
    const m = ctx.memory;
    ctx.storage.childSet(m.viewFat(sk), m.viewFat(key), m.viewFat(value));
  }),
  hostFn('ext_default_child_storage_clear_version_1', [I64, I64], [], (ctx) => (sk: bigint, key: bigint): void => {
    const m = ctx.memory;
    ctx.storage.childClear(m.viewFat(sk), m.viewFat(key));
  }),
  hostFn('ext_default_child_storage_storage_kill_version_1', [I64], [], (ctx) => (sk: bigint): void => {
    ctx.storage.childKill(ctx.memory.viewFat(sk), undefined, undefined);
  }),
  hostFn('ext_default_child_storage_storage_kill_version_2', [I64, I64], [I32], (ctx) => (sk: bigint, limit: bigint): number => {
    const m = ctx.memory;
    const l = decodeArg(ctx, 'ext_default_child_storage_storage_kill_version_2', 'limit', limit, 'Option<u32>', READ.optionU32);
    return ctx.storage.childKill(m.viewFat(sk), l, undefined).cursor === undefined ? 1 : 0;
  }),
  hostFn('ext_default_child_storage_storage_kill_version_3', [I64, I64], [I64], (ctx) => (sk: bigint, limit: bigint): bigint => {
    const m = ctx.memory;
    const l = decodeArg(ctx, 'ext_default_child_storage_storage_kill_version_3', 'limit', limit, 'Option<u32>', READ.optionU32);
    return ctx.returnFat(encodeKillStorageResult(ctx.storage.childKill(m.viewFat(sk), l, undefined)));
  }),
  hostFn('ext_default_child_storage_storage_kill_version_4', [I64, I64, I64], [I64], (ctx) => (sk: bigint, limit: bigint, cursor: bigint): bigint => {
    const m = ctx.memory;
    const l = decodeArg(ctx, 'ext_default_child_storage_storage_kill_version_4', 'limit', limit, 'Option<u32>', READ.optionU32);
    const c = decodeArg(ctx, 'ext_default_child_storage_storage_kill_version_4', 'maybe_cursor', cursor, 'Option<Vec<u8>>', READ.optionBytes);
    return ctx.returnFat(encodeMultiRemovalResults(ctx.storage.childKill(m.viewFat(sk), l, c)));
  }),
  hostFn('ext_default_child_storage_exists_version_1', [I64, I64], [I32], (ctx) => (sk: bigint, key: bigint): number => {
    const m = ctx.memory;
    return ctx.storage.childExists(m.viewFat(sk), m.viewFat(key)) ? 1 : 0;
  }),
  hostFn('ext_default_child_storage_clear_prefix_version_1', [I64, I64], [], (ctx) => (sk: bigint, prefix: bigint): void => {
    const m = ctx.memory;
    ctx.storage.childClearPrefix(m.viewFat(sk), m.viewFat(prefix), undefined, undefined);
  }),
  hostFn('ext_default_child_storage_clear_prefix_version_2', [I64, I64, I64], [I64], (ctx) => (sk: bigint, prefix: bigint, limit: bigint): bigint => {
    const m = ctx.memory;
    const l = decodeArg(ctx, 'ext_default_child_storage_clear_prefix_version_2', 'limit', limit, 'Option<u32>', READ.optionU32);
    return ctx.returnFat(encodeKillStorageResult(ctx.storage.childClearPrefix(m.viewFat(sk), m.viewFat(prefix), l, undefined)));
  }),
  hostFn(
    'ext_default_child_storage_clear_prefix_version_3',
    [I64, I64, I64, I64],
    [I64],
    (ctx) =>
      (sk: bigint, prefix: bigint, limit: bigint, cursor: bigint): bigint => {
        const m = ctx.memory;
        const l = decodeArg(ctx, 'ext_default_child_storage_clear_prefix_version_3', 'limit', limit, 'Option<u32>', READ.optionU32);
        const c = decodeArg(ctx, 'ext_default_child_storage_clear_prefix_version_3', 'maybe_cursor', cursor, 'Option<Vec<u8>>', READ.optionBytes);
        return ctx.returnFat(encodeMultiRemovalResults(ctx.storage.childClearPrefix(m.viewFat(sk), m.viewFat(prefix), l, c)));
      },
  ),
  hostFn('ext_default_child_storage_root_version_1', [I64], [I64], (ctx) => (sk: bigint): bigint => {
    return ctx.returnFat(ctx.storage.childRoot(ctx.memory.viewFat(sk), 0));
  }),
  hostFn('ext_default_child_storage_root_version_2', [I64, I32], [I64], (ctx) => (sk: bigint, version: number): bigint => {
    const v = stateVersionArg(ctx, 'ext_default_child_storage_root_version_2', 'version', version);
    return ctx.returnFat(ctx.storage.childRoot(ctx.memory.viewFat(sk), v));
  }),
  hostFn('ext_default_child_storage_next_key_version_1', [I64, I64], [I64], (ctx) => (sk: bigint, key: bigint): bigint => {
    const m = ctx.memory;
    return ctx.returnFat(encodeOptionBytes(ctx.storage.childNextKey(m.viewFat(sk), m.viewFat(key))));
  }),
];
