/**
 * `offchain` host functions (sp-io `Offchain`, version 1), served from
 * `ctx.offchain` (see offchain-env.ts). Upstream order, kept here: arguments
 * are marshalled first (bad UTF-8, bad SCALE, bad storage kind fail the call),
 * then the extension is looked up — absent outside offchain calls, which traps
 * with the `.expect` message — then the HTTP capability is checked.
 *
 *   is_validator() -> i32                               bool
 *   submit_transaction(xt: i64) -> i64                  Result<(), ()>
 *   network_state() -> i64                              Result<OpaqueNetworkState, ()>
 *   timestamp() -> i64                                  u64 unix ms
 *   sleep_until(deadline: i64)
 *   random_seed() -> i32                                ptr to 32 bytes
 *   local_storage_set(kind: i32, key: i64, value: i64)
 *   local_storage_clear(kind: i32, key: i64)
 *   local_storage_compare_and_set(kind, key, old: i64 Option<Vec<u8>>, new: i64) -> i32
 *   local_storage_get(kind: i32, key: i64) -> i64       Option<Vec<u8>>
 *   http_request_start(method: &str, uri: &str, meta: &[u8]) -> i64   Result<u16, ()>
 *   http_request_add_header(id: i32, name: &str, value: &str) -> i64  Result<(), ()>
 *   http_request_write_body(id, chunk: i64, deadline: i64 Option<u64>) -> i64  Result<(), HttpError>
 *   http_response_wait(ids: i64 Vec<u16>, deadline: i64 Option<u64>) -> i64   Vec<HttpRequestStatus>
 *   http_response_headers(id: i32) -> i64               Vec<(Vec<u8>, Vec<u8>)>
 *   http_response_read_body(id, buffer: i64 (read-write), deadline) -> i64     Result<u32, HttpError>
 *   set_authorized_nodes(nodes: i64 Vec<Vec<u8>>, authorized_only: i32)
 *
 * (all named `ext_offchain_<fn>_version_1`). `kind` is the u32 discriminant of
 * `StorageKind` (1 PERSISTENT, 2 LOCAL; polkadot-sdk ≥ #7375 — runtimes built
 * with older sp-io pass the variant index 0/1, which master rejects).
 * `HttpError` encodes with its explicit discriminants (1 DeadlineReached,
 * 2 IoError, 3 Invalid); `HttpRequestStatus` with indices 0..3.
 * `OpaqueNetworkState` is built as sc-offchain does: `peer_id` holds the
 * SCALE-encoded PeerId bytes, each address the SCALE-encoded multiaddr string.
 */
import { SwxError, invariant } from '../base/errors.js';
import { ScaleWriter, encodeOptionBytes } from '../base/scale.js';
import { unpackFat } from './memory.js';
import { READ, RESULT_ERR, RESULT_OK, decodeArg, encodeUnitResult, storageKindArg, strArg } from './abi.js';
import type { HttpError, HttpRequestStatus, OffchainEnv, OffchainHttp } from './offchain-env.js';
import { hostFn, type HostContext, type HostFunction, type HostImpl, type ValType } from './types.js';

/** The part of `ext_offchain_<short>_version_1` upstream's messages name the function by. */
function shortName(name: string): string {
  return name.replace(/^ext_offchain_/, '').replace(/_version_\d+$/, '');
}
/** `random_seed` length (sp-io `[u8; 32]`). */
const SEED_LEN = 32;

/** sp-core `HttpError` discriminants, used as SCALE indices. */
const HTTP_ERROR_INDEX: Record<HttpError, number> = { 'deadline-reached': 1, 'io-error': 2, invalid: 3 };
/** sp-core `HttpRequestStatus` SCALE indices. */
const STATUS_INDEX = { 'deadline-reached': 0, 'io-error': 1, invalid: 2, finished: 3 } as const;

type Bind = (ctx: HostContext, name: string) => HostImpl;

function fn(name: string, params: readonly ValType[], results: readonly ValType[], bind: Bind): HostFunction {
  return hostFn(name, params, results, (ctx) => bind(ctx, name));
}

/** The offchain env, or the trap of upstream's `.expect(...)` outside offchain calls. */
function offchainEnv(ctx: HostContext, hostFunction: string, db = false): OffchainEnv {
  const env = ctx.offchain;
  if (env !== undefined) return env;
  const short = shortName(hostFunction);
  const msg = db
    ? `${short} can be called only in the offchain call context with OffchainDb extension`
    : short === 'submit_transaction'
      ? 'submit_transaction can be called only in the offchain call context with TransactionPool capabilities enabled'
      : `${short} can be called only in the offchain worker context`;
  throw new SwxError('HOST_NOT_AVAILABLE', msg, { method: ctx.method, hostFunction });
}

/** The HTTP backend, or sp-core `LimitedExternalities`' panic when the HTTP capability is off. */
function httpOf(ctx: HostContext, hostFunction: string): OffchainHttp {
  const http = offchainEnv(ctx, hostFunction).http;
  if (http !== undefined) return http;
  const short = shortName(hostFunction);
  throw new SwxError('HOST_NOT_AVAILABLE', `Accessing a forbidden API: ${short}. No: HTTP capability.`, { method: ctx.method, hostFunction });
}

const DEADLINE_TYPE = 'core::option::Option<sp_core::offchain::Timestamp>';

function httpErrorResult(err: HttpError): Uint8Array {
  return Uint8Array.of(RESULT_ERR, HTTP_ERROR_INDEX[err]);
}

function encodeStatuses(statuses: readonly HttpRequestStatus[]): Uint8Array {
  const w = new ScaleWriter(1 + statuses.length * 3);
  w.compact(statuses.length);
  for (const s of statuses) {
    w.u8(STATUS_INDEX[s.kind]);
    if (s.kind === 'finished') w.u16(s.code & 0xffff);
  }
  return w.finish();
}

/** All `ext_offchain_*_version_1` host functions. */
export const OFFCHAIN_HOST_FUNCTIONS: HostFunction[] = [
  fn('ext_offchain_is_validator_version_1', [], ['i32'], (ctx, name) => (): number => (offchainEnv(ctx, name).isValidator ? 1 : 0)),

  fn('ext_offchain_submit_transaction_version_1', ['i64'], ['i64'], (ctx, name) => (xt: bigint): bigint => {
    const extrinsic = ctx.memory.readFat(xt);
    const ok = offchainEnv(ctx, name).submitTransaction(extrinsic);
    ctx.effects.submittedTransactions.push(extrinsic);
    return ctx.returnFat(encodeUnitResult(ok));
  }),

  fn('ext_offchain_network_state_version_1', [], ['i64'], (ctx, name) => (): bigint => {
    const state = offchainEnv(ctx, name).networkState();
    if (state === undefined) return ctx.returnFat(encodeUnitResult(false));
    const w = new ScaleWriter(64);
    w.u8(RESULT_OK);
    w.bytesVec(new ScaleWriter(state.peerId.length + 2).bytesVec(state.peerId).finish());
    w.compact(state.externalAddresses.length);
    for (const a of state.externalAddresses) w.bytesVec(new ScaleWriter(a.length + 4).string(a).finish());
    return ctx.returnFat(w.finish());
  }),

  fn('ext_offchain_timestamp_version_1', [], ['i64'], (ctx, name) => (): bigint => BigInt.asIntN(64, offchainEnv(ctx, name).timestamp())),

  fn('ext_offchain_sleep_until_version_1', ['i64'], [], (ctx, name) => (deadline: bigint): void => {
    offchainEnv(ctx, name).sleepUntil(BigInt.asUintN(64, deadline));
  }),

  fn('ext_offchain_random_seed_version_1', [], ['i32'], (ctx, name) => (): number => {
    const seed = offchainEnv(ctx, name).randomSeed();
    invariant(seed.length === SEED_LEN, 'random seeds are 32 bytes');
    return ctx.returnPtr(seed);
  }),

  fn('ext_offchain_local_storage_set_version_1', ['i32', 'i64', 'i64'], [], (ctx, name) => (kind: number, key: bigint, value: bigint): void => {
    const k = storageKindArg(ctx, name, 'kind', kind);
    const keyBytes = ctx.memory.readFat(key);
    const valueBytes = ctx.memory.readFat(value);
    offchainEnv(ctx, name, true).localStorageSet(k, keyBytes, valueBytes);
  }),

  fn('ext_offchain_local_storage_clear_version_1', ['i32', 'i64'], [], (ctx, name) => (kind: number, key: bigint): void => {
    const k = storageKindArg(ctx, name, 'kind', kind);
    const keyBytes = ctx.memory.readFat(key);
    offchainEnv(ctx, name, true).localStorageClear(k, keyBytes);
  }),

  fn('ext_offchain_local_storage_compare_and_set_version_1', ['i32', 'i64', 'i64', 'i64'], ['i32'], (ctx, name) => (kind: number, key: bigint, oldValue: bigint, newValue: bigint): number => {
    const k = storageKindArg(ctx, name, 'kind', kind);
    const keyBytes = ctx.memory.readFat(key);
    const old = decodeArg(ctx, name, 'old_value', oldValue, 'core::option::Option<alloc::vec::Vec<u8>>', READ.optionBytes);
    const next = ctx.memory.readFat(newValue);
    return offchainEnv(ctx, name, true).localStorageCompareAndSet(k, keyBytes, old, next) ? 1 : 0;
  }),

  fn('ext_offchain_local_storage_get_version_1', ['i32', 'i64'], ['i64'], (ctx, name) => (kind: number, key: bigint): bigint => {
    const k = storageKindArg(ctx, name, 'kind', kind);
    const keyBytes = ctx.memory.readFat(key);
    return ctx.returnFat(encodeOptionBytes(offchainEnv(ctx, name, true).localStorageGet(k, keyBytes)));
  }),

  fn('ext_offchain_http_request_start_version_1', ['i64', 'i64', 'i64'], ['i64'], (ctx, name) => (method: bigint, uri: bigint, meta: bigint): bigint => {
    const m = strArg(ctx, name, 'method', method);
    const u = strArg(ctx, name, 'uri', uri);
    const metaBytes = ctx.memory.readFat(meta);
    const id = httpOf(ctx, name).requestStart(m, u, metaBytes);
    if (id === undefined) return ctx.returnFat(encodeUnitResult(false));
    return ctx.returnFat(Uint8Array.of(RESULT_OK, id & 0xff, (id >>> 8) & 0xff));
  }),

  fn('ext_offchain_http_request_add_header_version_1', ['i32', 'i64', 'i64'], ['i64'], (ctx, name) => (id: number, header: bigint, value: bigint): bigint => {
    const n = strArg(ctx, name, 'name', header);
    const v = strArg(ctx, name, 'value', value);
    return ctx.returnFat(encodeUnitResult(httpOf(ctx, name).requestAddHeader(id & 0xffff, n, v)));
  }),

  fn('ext_offchain_http_request_write_body_version_1', ['i32', 'i64', 'i64'], ['i64'], (ctx, name) => (id: number, chunk: bigint, deadline: bigint): bigint => {
    const bytes = ctx.memory.readFat(chunk);
    const d = decodeArg(ctx, name, 'deadline', deadline, DEADLINE_TYPE, READ.optionU64);
    const err = httpOf(ctx, name).requestWriteBody(id & 0xffff, bytes, d);
    return ctx.returnFat(err === undefined ? encodeUnitResult(true) : httpErrorResult(err));
  }),

  fn('ext_offchain_http_response_wait_version_1', ['i64', 'i64'], ['i64'], (ctx, name) => (ids: bigint, deadline: bigint): bigint => {
    const list = decodeArg(ctx, name, 'ids', ids, 'alloc::vec::Vec<sp_core::offchain::HttpRequestId>', READ.u16s);
    const d = decodeArg(ctx, name, 'deadline', deadline, DEADLINE_TYPE, READ.optionU64);
    const statuses = httpOf(ctx, name).responseWait(list, d);
    invariant(statuses.length === list.length, 'http_response_wait answers one status per id');
    return ctx.returnFat(encodeStatuses(statuses));
  }),

  fn('ext_offchain_http_response_headers_version_1', ['i32'], ['i64'], (ctx, name) => (id: number): bigint => {
    const headers = httpOf(ctx, name).responseHeaders(id & 0xffff);
    const w = new ScaleWriter(64);
    w.compact(headers.length);
    for (const [k, v] of headers) w.bytesVec(k).bytesVec(v);
    return ctx.returnFat(w.finish());
  }),

  fn('ext_offchain_http_response_read_body_version_1', ['i32', 'i64', 'i64'], ['i64'], (ctx, name) => (id: number, buffer: bigint, deadline: bigint): bigint => {
    const buf = ctx.memory.readFat(buffer);
    const d = decodeArg(ctx, name, 'deadline', deadline, DEADLINE_TYPE, READ.optionU64);
    const res = httpOf(ctx, name).responseReadBody(id & 0xffff, buf, d);
    // PassFatPointerAndReadWrite: the whole buffer is written back after the call.
    ctx.memory.write(unpackFat(buffer)[0], buf);
    if (typeof res !== 'number') return ctx.returnFat(httpErrorResult(res));
    invariant(Number.isInteger(res) && res >= 0 && res <= buf.length, 'read_body returns a count within the buffer');
    return ctx.returnFat(new ScaleWriter(5).u8(RESULT_OK).u32(res).finish());
  }),

  fn('ext_offchain_set_authorized_nodes_version_1', ['i64', 'i32'], [], (ctx, name) => (nodes: bigint, authorizedOnly: number): void => {
    const list = decodeArg(ctx, name, 'nodes', nodes, 'alloc::vec::Vec<sp_core::OpaquePeerId>', READ.bytesVecs);
    // bool FFI value: a u8, true iff it equals 1.
    offchainEnv(ctx, name).setAuthorizedNodes(list, (authorizedOnly & 0xff) === 1);
  }),
];
