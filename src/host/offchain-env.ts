/**
 * The offchain environment an offchain-worker call sees, and an in-memory one.
 *
 * In Substrate an offchain call gets three externalities extensions
 * (sp-core `offchain/mod.rs`): `OffchainWorkerExt` (is_validator, network
 * state, time, randomness, HTTP, authorized nodes), `OffchainDbExt` (the
 * local storage) and `TransactionPoolExt` (submit_transaction). swx folds them
 * into one `OffchainEnv`; a call without one (every ordinary runtime call)
 * makes the offchain host functions trap, as Substrate's `.expect(...)` does.
 *
 * Values follow sc-offchain (`client/offchain/src/api.rs`) and sp-core
 * (`offchain/storage.rs`):
 *   - time is unix milliseconds; `sleep_until` sleeps `deadline − now` once;
 *   - the local storage has two kinds: PERSISTENT (a real store) and LOCAL,
 *     which Substrate never implemented: writes are dropped, reads answer
 *     None and compare-and-set answers false;
 *   - HTTP is a capability: nodes built with `enable_http_requests: false`
 *     (Polkadot, the parachain templates) panic on every `http_*` call with
 *     "Accessing a forbidden API: <fn>. No: HTTP capability." — that is what
 *     `http: undefined` means here. A backend can be plugged in instead.
 */
import { createHash, getRandomValues } from 'node:crypto';
import { toHexRaw } from '../base/bytes.js';

/** sp-core `StorageKind` (FFI value = discriminant: PERSISTENT = 1, LOCAL = 2). */
export type StorageKind = 'persistent' | 'local';

/** sp-core `HttpError` (SCALE index = discriminant: DeadlineReached 1, IoError 2, Invalid 3). */
export type HttpError = 'deadline-reached' | 'io-error' | 'invalid';

/** sp-core `HttpRequestStatus` (SCALE indices 0 DeadlineReached, 1 IoError, 2 Invalid, 3 Finished(u16)). */
export type HttpRequestStatus =
  | { kind: 'deadline-reached' }
  | { kind: 'io-error' }
  | { kind: 'invalid' }
  | { kind: 'finished'; code: number };

/**
 * An HTTP backend (the `http_*` half of sp-core offchain `Externalities`).
 * Request ids are u16; deadlines are unix ms, `undefined` = wait forever.
 */
export interface OffchainHttp {
  /** Starts a request; returns its id, or undefined for `Err(())`. */
  requestStart(method: string, uri: string, meta: Uint8Array): number | undefined;
  /** Appends a header; false for `Err(())`. */
  requestAddHeader(id: number, name: string, value: string): boolean;
  /** Writes a body chunk (empty = end of body); undefined for `Ok(())`. */
  requestWriteBody(id: number, chunk: Uint8Array, deadline: bigint | undefined): HttpError | undefined;
  /** One status per id, in order. */
  responseWait(ids: readonly number[], deadline: bigint | undefined): HttpRequestStatus[];
  /** Response headers as `(name, value)` pairs (empty if unknown). */
  responseHeaders(id: number): Array<[Uint8Array, Uint8Array]>;
  /** Fills `buffer` from the body; returns the byte count (0 = done) or an error. */
  responseReadBody(id: number, buffer: Uint8Array, deadline: bigint | undefined): number | HttpError;
}

/** The local node's network identity as sc-offchain reports it. */
export interface OffchainNetworkState {
  /** Raw libp2p PeerId bytes (`PeerId::to_bytes`). */
  peerId: Uint8Array;
  /** Multiaddresses as strings (`Multiaddr::to_string`). */
  externalAddresses: readonly string[];
}

/** Everything the offchain host functions use during one offchain call. */
export interface OffchainEnv {
  /** `ext_offchain_is_validator`. */
  readonly isValidator: boolean;
  /** `ext_offchain_network_state`; undefined answers `Err(())`. */
  networkState(): OffchainNetworkState | undefined;
  /** Current unix time in ms. */
  timestamp(): bigint;
  /** Blocks until `deadline` (unix ms). */
  sleepUntil(deadline: bigint): void;
  /** 32 random bytes. */
  randomSeed(): Uint8Array;
  /** Transaction pool submission; true for `Ok(())`. */
  submitTransaction(extrinsic: Uint8Array): boolean;
  /** Local storage write. */
  localStorageSet(kind: StorageKind, key: Uint8Array, value: Uint8Array): void;
  /** Local storage removal. */
  localStorageClear(kind: StorageKind, key: Uint8Array): void;
  /** Sets `newValue` if the current value equals `oldValue` (undefined = absent); true if set. */
  localStorageCompareAndSet(kind: StorageKind, key: Uint8Array, oldValue: Uint8Array | undefined, newValue: Uint8Array): boolean;
  /** Local storage read. */
  localStorageGet(kind: StorageKind, key: Uint8Array): Uint8Array | undefined;
  /** HTTP backend; undefined = HTTP capability disabled (every `http_*` call traps). */
  readonly http: OffchainHttp | undefined;
  /** `ext_offchain_set_authorized_nodes`. */
  setAuthorizedNodes(nodes: Uint8Array[], authorizedOnly: boolean): void;
}

/** Options of `InMemoryOffchainEnv`; every field is optional. */
export interface InMemoryOffchainEnvOpts {
  /** Answer of `is_validator`; default false. */
  isValidator?: boolean;
  /** Unix time in ms; default `Date.now`. */
  clock?: () => number | bigint;
  /** Sleeps until a deadline; default blocks the thread for `deadline − clock()` ms once (sc-offchain). */
  sleepUntil?: (deadline: bigint) => void;
  /** Fills its argument with random bytes; default `crypto.getRandomValues` (see `seededRandom`). */
  random?: (out: Uint8Array) => void;
  /** PERSISTENT storage by lowercase hex key (no `0x`); default a new map. Kept by reference. */
  persistent?: Map<string, Uint8Array>;
  /** LOCAL storage by hex key; default none: LOCAL unavailable exactly as in Substrate. */
  local?: Map<string, Uint8Array>;
  /** Raw PeerId bytes; default `DEFAULT_PEER_ID`. */
  peerId?: Uint8Array;
  /** External multiaddresses; default none. */
  externalAddresses?: readonly string[];
  /** HTTP backend; default none (HTTP capability disabled, as Polkadot nodes run). */
  http?: OffchainHttp;
  /** Transaction pool answer; default accepts everything. */
  submitTransaction?: (extrinsic: Uint8Array) => boolean;
}

/**
 * Default PeerId: identity multihash (0x00, 36 bytes) of the protobuf ed25519
 * public key (`08 01 12 20` ‖ key) for the all-zero key — 38 bytes like every
 * ed25519 libp2p PeerId.
 */
export const DEFAULT_PEER_ID: Uint8Array = new Uint8Array([0x00, 0x24, 0x08, 0x01, 0x12, 0x20, ...new Uint8Array(32)]);

/** Length of `random_seed` (sp-io: `[u8; 32]`). */
const RANDOM_SEED_LEN = 32;

/** An in-memory `OffchainEnv` with Substrate's answers by default. */
export class InMemoryOffchainEnv implements OffchainEnv {
  readonly isValidator: boolean;
  readonly http: OffchainHttp | undefined;
  /** PERSISTENT storage (hex key → value); shared with the map passed in, if any. */
  readonly persistent: Map<string, Uint8Array>;
  /** LOCAL storage, or undefined when unavailable (Substrate's behaviour). */
  readonly local: Map<string, Uint8Array> | undefined;
  /** Last `set_authorized_nodes` call, if any. */
  authorizedNodes: { nodes: Uint8Array[]; authorizedOnly: boolean } | undefined = undefined;
  private readonly clock: () => number | bigint;
  private readonly sleeper: ((deadline: bigint) => void) | undefined;
  private readonly random: (out: Uint8Array) => void;
  private readonly peerId: Uint8Array;
  private readonly addresses: readonly string[];
  private readonly pool: (extrinsic: Uint8Array) => boolean;

  constructor(opts: InMemoryOffchainEnvOpts = {}) {
    this.isValidator = opts.isValidator ?? false;
    this.http = opts.http;
    this.persistent = opts.persistent ?? new Map();
    this.local = opts.local;
    this.clock = opts.clock ?? Date.now;
    this.sleeper = opts.sleepUntil;
    this.random = opts.random ?? ((out) => void getRandomValues(out));
    this.peerId = (opts.peerId ?? DEFAULT_PEER_ID).slice();
    this.addresses = [...(opts.externalAddresses ?? [])];
    this.pool = opts.submitTransaction ?? (() => true);
  }

  networkState(): OffchainNetworkState {
    return { peerId: this.peerId.slice(), externalAddresses: this.addresses };
  }

  timestamp(): bigint {
    const t = this.clock();
    return typeof t === 'bigint' ? t : BigInt(Math.floor(t));
  }

  sleepUntil(deadline: bigint): void {
    if (this.sleeper !== undefined) return this.sleeper(deadline);
    // sc-offchain: `sleep(timestamp_from_now(deadline))`, a single saturating sleep.
    const ms = deadline - this.timestamp();
    if (ms <= 0n) return;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(ms));
  }

  randomSeed(): Uint8Array {
    const out = new Uint8Array(RANDOM_SEED_LEN);
    this.random(out);
    return out;
  }

  submitTransaction(extrinsic: Uint8Array): boolean {
    return this.pool(extrinsic.slice());
  }

  private store(kind: StorageKind): Map<string, Uint8Array> | undefined {
    return kind === 'persistent' ? this.persistent : this.local;
  }

  localStorageSet(kind: StorageKind, key: Uint8Array, value: Uint8Array): void {
    this.store(kind)?.set(toHexRaw(key), value.slice());
  }

  localStorageClear(kind: StorageKind, key: Uint8Array): void {
    this.store(kind)?.delete(toHexRaw(key));
  }

  localStorageCompareAndSet(kind: StorageKind, key: Uint8Array, oldValue: Uint8Array | undefined, newValue: Uint8Array): boolean {
    const map = this.store(kind);
    if (map === undefined) return false;
    const k = toHexRaw(key);
    const current = map.get(k);
    // sp-core InMemOffchainStorage::compare_and_set: vacant needs None, occupied needs an equal value.
    const matches = current === undefined ? oldValue === undefined : oldValue !== undefined && sameBytes(current, oldValue);
    if (matches) map.set(k, newValue.slice());
    return matches;
  }

  localStorageGet(kind: StorageKind, key: Uint8Array): Uint8Array | undefined {
    return this.store(kind)?.get(toHexRaw(key))?.slice();
  }

  setAuthorizedNodes(nodes: Uint8Array[], authorizedOnly: boolean): void {
    this.authorizedNodes = { nodes: nodes.map((n) => n.slice()), authorizedOnly };
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * A deterministic random source for tests: block i is
 * `sha256(seed ‖ u64_le(i))`, concatenated. Same seed ⇒ same bytes.
 */
export function seededRandom(seed: Uint8Array | string): (out: Uint8Array) => void {
  const s = typeof seed === 'string' ? new TextEncoder().encode(seed) : seed.slice();
  let block = 0n;
  let buf = new Uint8Array(0);
  let pos = 0;
  return (out) => {
    for (let i = 0; i < out.length; i++) {
      if (pos === buf.length) {
        const ctr = new Uint8Array(8);
        new DataView(ctr.buffer).setBigUint64(0, block++, true);
        buf = new Uint8Array(createHash('sha256').update(s).update(ctr).digest());
        pos = 0;
      }
      out[i] = buf[pos++]!;
    }
  };
}
