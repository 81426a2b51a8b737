/**
 * `transaction_index` host functions (sp-io `TransactionIndex`): ask the node
 * to index (store, for later retrieval by hash) part of an extrinsic of the
 * block being built or imported, or to renew an earlier indexed one.
 *
 *   ext_transaction_index_index_version_1(extrinsic: i32, size: i32, hash: i32)
 *   ext_transaction_index_renew_version_1(extrinsic: i32, hash: i32)
 *
 * `extrinsic` and `size` are u32; `hash` points at 32 bytes
 * (`PassPointerAndReadCopy<[u8; 32], 32>`). Upstream they become overlay
 * `IndexOperation`s (Insert / Renew); here they are recorded, in call order,
 * in `ctx.effects.transactionIndex`.
 */
import { hostFn, type HostFunction } from './types.js';

/** Length of the content hash argument (sp-io: `[u8; 32]`). */
const HASH_LEN = 32;

/** Both `ext_transaction_index_*` host functions. */
export const TRANSACTION_INDEX_HOST_FUNCTIONS: HostFunction[] = [
  hostFn('ext_transaction_index_index_version_1', ['i32', 'i32', 'i32'], [], (ctx) => (extrinsic: number, size: number, hash: number): void => {
    const h = ctx.memory.read(hash >>> 0, HASH_LEN);
    ctx.effects.transactionIndex.push({ kind: 'index', extrinsic: extrinsic >>> 0, size: size >>> 0, hash: h });
  }),
  hostFn('ext_transaction_index_renew_version_1', ['i32', 'i32'], [], (ctx) => (extrinsic: number, hash: number): void => {
    const h = ctx.memory.read(hash >>> 0, HASH_LEN);
    ctx.effects.transactionIndex.push({ kind: 'renew', extrinsic: extrinsic >>> 0, hash: h });
  }),
];
