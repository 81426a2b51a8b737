/**
 * `offchain_index` host functions (sp-io `OffchainIndex`): writes to the
 * offchain database, buffered in the storage overlay (`set_offchain_storage`,
 * transactional like storage) and applied on block import when the node runs
 * with offchain indexing. Available in every call, not only offchain ones.
 *
 *   ext_offchain_index_set_version_1(key: i64, value: i64)
 *   ext_offchain_index_clear_version_1(key: i64)
 *
 * Both go to `ctx.storage` (which owns the transactional view) and are also
 * appended, in call order, to `ctx.effects.offchainIndex` (a raw log: a later
 * storage rollback does not remove entries from it).
 */
import { hostFn, type HostFunction } from './types.js';

/** Both `ext_offchain_index_*` host functions. */
export const OFFCHAIN_INDEX_HOST_FUNCTIONS: HostFunction[] = [
  hostFn('ext_offchain_index_set_version_1', ['i64', 'i64'], [], (ctx) => (key: bigint, value: bigint): void => {
    const k = ctx.memory.readFat(key);
    const v = ctx.memory.readFat(value);
    ctx.storage.offchainIndexSet(k, v);
    ctx.effects.offchainIndex.push([k, v]);
  }),
  hostFn('ext_offchain_index_clear_version_1', ['i64'], [], (ctx) => (key: bigint): void => {
    const k = ctx.memory.readFat(key);
    ctx.storage.offchainIndexClear(k);
    ctx.effects.offchainIndex.push([k, undefined]);
  }),
];
