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
import { ScaleReader, ScaleWriter, encodeOptionBytes } from '../base/scale.js';
import { unpackFat } from './memory.js';
import { readStrArg } from './logging.js';
import type { HttpError, HttpRequestStatus, OffchainEnv, OffchainHttp, StorageKind } from './offchain-env.js';
import { hostFn, type HostContext, type HostFunction, type HostImpl, type ValType } from './types.js';

const PREFIX = 'ext_offchain_';
const SUFFIX = '_version_1';
/** `random_seed` length (sp-io `[u8; 32]`). */
const SEED_LEN = 32;
/** SCALE `Result` tags. */
const OK = 0;
const ERR = 1;

/** sp-core `HttpError` discriminants, used as SCALE indices. */
const HTTP_ERROR_INDEX: Record<HttpError, number> = { 'deadline-reached': 1, 'io-error': 2, invalid: 3 };
/** sp-core `HttpRequestStatus` SCALE indices. */
const STATUS_INDEX = { 'deadline-reached': 0, 'io-error': 1, invalid: 2, finished: 3 } as const;

type Bind = (ctx: HostContext, name: string) => HostImpl;

function fn(short: string, params: readonly ValType[], results: readonly ValType[], bind: Bind): HostFunction {
  const name = PREFIX + short + SUFFIX;
  return hostFn(name, params, results, (ctx) => bind(ctx, name));
}

function badArg(ctx: HostContext, hostFunction: string, message: string, cause?: unknown): SwxError {
  return new SwxError('HOST_BAD_ARGUMENT', message, { method: ctx.method, hostFunction }, cause === undefined ? undefined : { cause });
}

/** The offchain env, or the trap of upstream's `.expect(...)` outside offchain calls. */
function offchainEnv(ctx: HostContext, short: string, hostFunction: string, db = false): OffchainEnv {
  const env = ctx.offchain;
  if (env !== undefined) return env;
  const msg = db
    ? `${short} can be called only in the offchain call context with OffchainDb extension`
    : short === 'submit_transaction'
      ? 'submit_transaction can be called only in the offchain call context with TransactionPool capabilities enabled'
      : `${short} can be called only in the offchain worker context`;
  throw new SwxError('HOST_NOT_AVAILABLE', msg, { method: ctx.method, hostFunction });
}

/** The HTTP backend, or sp-core `LimitedExternalities`' panic when the HTTP capability is off. */
function httpOf(ctx: HostContext, short: string, hostFunction: string): OffchainHttp {
  const http = offchainEnv(ctx, short, hostFunction).http;
  if (http !== undefined) return http;
  throw new SwxError('HOST_NOT_AVAILABLE', `Accessing a forbidden API: ${short}. No: HTTP capability.`, { method: ctx.method, hostFunction });
}

/** `PassAs<StorageKind, u32>`: `StorageKind::try_from(u32)`. */
function storageKind(ctx: HostContext, hostFunction: string, kind: number): StorageKind {
  const k = kind >>> 0;
  if (k === 1) return 'persistent';
  if (k === 2) return 'local';
  throw badArg(
    ctx,
    hostFunction,
    "failed to convert 'sp_core::offchain::StorageKind' (passed as 'u32') into 'sp_core::offchain::StorageKind' when marshalling hostcall's arguments through the FFI boundary",
  );
}

/** `PassFatPointerAndDecode<T>`: SCALE-decodes an argument (trailing bytes allowed, as `T::decode`). */
function decodeArg<T>(ctx: HostContext, hostFunction: string, fat: bigint, typeName: string, read: (r: ScaleReader) => T): T {
  try {
    return read(new ScaleReader(ctx.memory.readFat(fat)));
  } catch (e) {
    if (e instanceof SwxError && e.code === 'INVALID_INPUT') {
      throw badArg(ctx, hostFunction, `could not SCALE-decode '${typeName}' when marshalling hostcall's arguments through the FFI boundary: ${e.message}`, e);
    }
    throw e;
  }
}

const readDeadline = (r: ScaleReader): bigint | undefined => r.option((x) => x.u64());
const DEADLINE_TYPE = 'core::option::Option<sp_core::offchain::Timestamp>';

function unitResult(ok: boolean): Uint8Array {
  return Uint8Array.of(ok ? OK : ERR);
}

function httpErrorResult(err: HttpError): Uint8Array {
  return Uint8Array.of(ERR, HTTP_ERROR_INDEX[err]);
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
  fn('is_validator', [], ['i32'], (ctx, name) => (): number => (offchainEnv(ctx, 'is_validator', name).isValidator ? 1 : 0)),

  fn('submit_transaction', ['i64'], ['i64'], (ctx, name) => (xt: bigint): bigint => {
    const extrinsic = ctx.memory.readFat(xt);
    const ok = offchainEnv(ctx, 'submit_transaction', name).submitTransaction(extrinsic);
    ctx.effects.submittedTransactions.push(extrinsic);
    return ctx.returnFat(unitResult(ok));
  }),

  fn('network_state', [], ['i64'], (ctx, name) => (): bigint => {
    const state = offchainEnv(ctx, 'network_state', name).networkState();
    if (state === undefined) return ctx.returnFat(unitResult(false));
    const w = new ScaleWriter(64);
    w.u8(OK);
    w.bytesVec(new ScaleWriter(state.peerId.length + 2).bytesVec(state.peerId).finish());
    w.compact(state.externalAddresses.length);
    for (const a of state.externalAddresses) w.bytesVec(new ScaleWriter(a.length + 4).string(a).finish());
    return ctx.returnFat(w.finish());
  }),

  fn('timestamp', [], ['i64'], (ctx, name) => (): bigint => BigInt.asIntN(64, offchainEnv(ctx, 'timestamp', name).timestamp())),

  fn('sleep_until', ['i64'], [], (ctx, name) => (deadline: bigint): void => {
    offchainEnv(ctx, 'sleep_until', name).sleepUntil(BigInt.asUintN(64, deadline));
  }),

  fn('random_seed', [], ['i32'], (ctx, name) => (): number => {
    const seed = offchainEnv(ctx, 'random_seed', name).randomSeed();
    invariant(seed.length === SEED_LEN, 'random seeds are 32 bytes');
    return ctx.returnPtr(seed);
  }),

  fn('local_storage_set', ['i32', 'i64', 'i64'], [], (ctx, name) => (kind: number, key: bigint, value: bigint): void => {
    const k = storageKind(ctx, name, kind);
    const keyBytes = ctx.memory.readFat(key);
    const valueBytes = ctx.memory.readFat(value);
    offchainEnv(ctx, 'local_storage_set', name, true).localStorageSet(k, keyBytes, valueBytes);
  }),

  fn('local_storage_clear', ['i32', 'i64'], [], (ctx, name) => (kind: number, key: bigint): void => {
    const k = storageKind(ctx, name, kind);
    const keyBytes = ctx.memory.readFat(key);
    offchainEnv(ctx, 'local_storage_clear', name, true).localStorageClear(k, keyBytes);
  }),

  fn('local_storage_compare_and_set', ['i32', 'i64', 'i64', 'i64'], ['i32'], (ctx, name) => (kind: number, key: bigint, oldValue: bigint, newValue: bigint): number => {
    const k = storageKind(ctx, name, kind);
    const keyBytes = ctx.memory.readFat(key);
    const old = decodeArg(ctx, name, oldValue, 'core::option::Option<alloc::vec::Vec<u8>>', (r) => r.option((x) => x.bytesVec()));
    const next = ctx.memory.readFat(newValue);
    return offchainEnv(ctx, 'local_storage_compare_and_set', name, true).localStorageCompareAndSet(k, keyBytes, old, next) ? 1 : 0;
  }),

  fn('local_storage_get', ['i32', 'i64'], ['i64'], (ctx, name) => (kind: number, key: bigint): bigint => {
    const k = storageKind(ctx, name, kind);
    const keyBytes = ctx.memory.readFat(key);
    return ctx.returnFat(encodeOptionBytes(offchainEnv(ctx, 'local_storage_get', name, true).localStorageGet(k, keyBytes)));
  }),

  fn('http_request_start', ['i64', 'i64', 'i64'], ['i64'], (ctx, name) => (method: bigint, uri: bigint, meta: bigint): bigint => {
    const m = readStrArg(ctx, method, name);
    const u = readStrArg(ctx, uri, name);
    const metaBytes = ctx.memory.readFat(meta);
    const id = httpOf(ctx, 'http_request_start', name).requestStart(m, u, metaBytes);
    if (id === undefined) return ctx.returnFat(unitResult(false));
    return ctx.returnFat(Uint8Array.of(OK, id & 0xff, (id >>> 8) & 0xff));
  }),

  fn('http_request_add_header', ['i32', 'i64', 'i64'], ['i64'], (ctx, name) => (id: number, header: bigint, value: bigint): bigint => {
    const n = readStrArg(ctx, header, name);
    const v = readStrArg(ctx, value, name);
    return ctx.returnFat(unitResult(httpOf(ctx, 'http_request_add_header', name).requestAddHeader(id & 0xffff, n, v)));
  }),

  fn('http_request_write_body', ['i32', 'i64', 'i64'], ['i64'], (ctx, name) => (id: number, chunk: bigint, deadline: bigint): bigint => {
    const bytes = ctx.memory.readFat(chunk);
    const d = decodeArg(ctx, name, deadline, DEADLINE_TYPE, readDeadline);
    const err = httpOf(ctx, 'http_request_write_body', name).requestWriteBody(id & 0xffff, bytes, d);
    return ctx.returnFat(err === undefined ? unitResult(true) : httpErrorResult(err));
  }),

  fn('http_response_wait', ['i64', 'i64'], ['i64'], (ctx, name) => (ids: bigint, deadline: bigint): bigint => {
    const list = decodeArg(ctx, name, ids, 'alloc::vec::Vec<sp_core::offchain::HttpRequestId>', (r) => r.vec((x) => x.u16()));
    const d = decodeArg(ctx, name, deadline, DEADLINE_TYPE, readDeadline);
    const statuses = httpOf(ctx, 'http_response_wait', name).responseWait(list, d);
    invariant(statuses.length === list.length, 'http_response_wait answers one status per id');
    return ctx.returnFat(encodeStatuses(statuses));
  }),

  fn('http_response_headers', ['i32'], ['i64'], (ctx, name) => (id: number): bigint => {
    const headers = httpOf(ctx, 'http_response_headers', name).responseHeaders(id & 0xffff);
    const w = new ScaleWriter(64);
    w.compact(headers.length);
    for (const [k, v] of headers) w.bytesVec(k).bytesVec(v);
    return ctx.returnFat(w.finish());
  }),

  fn('http_response_read_body', ['i32', 'i64', 'i64'], ['i64'], (ctx, name) => (id: number, buffer: bigint, deadline: bigint): bigint => {
    const buf = ctx.memory.readFat(buffer);
    const d = decodeArg(ctx, name, deadline, DEADLINE_TYPE, readDeadline);
    const res = httpOf(ctx, 'http_response_read_body', name).responseReadBody(id & 0xffff, buf, d);
    // PassFatPointerAndReadWrite: the whole buffer is written back after the call.
    ctx.memory.write(unpackFat(buffer)[0], buf);
    if (typeof res !== 'number') return ctx.returnFat(httpErrorResult(res));
    invariant(Number.isInteger(res) && res >= 0 && res <= buf.length, 'read_body returns a count within the buffer');
    return ctx.returnFat(new ScaleWriter(5).u8(OK).u32(res).finish());
  }),

  fn('set_authorized_nodes', ['i64', 'i32'], [], (ctx, name) => (nodes: bigint, authorizedOnly: number): void => {
    const list = decodeArg(ctx, name, nodes, 'alloc::vec::Vec<sp_core::OpaquePeerId>', (r) => r.vec((x) => x.bytesVec()));
    // bool FFI value: a u8, true iff it equals 1.
    offchainEnv(ctx, 'set_authorized_nodes', name).setAuthorizedNodes(list, (authorizedOnly & 0xff) === 1);
  }),
];
