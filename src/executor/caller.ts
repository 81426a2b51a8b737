/**
 * `RuntimeCaller`: the one contract every way of running a runtime meets.
 *
 *   Runtime          in this thread                 call → Runtime.call
 *   IsolatedRuntime  in a worker thread             call → (message) → Runtime.call in the worker
 *   RuntimePool      in N worker threads            call → least busy IsolatedRuntime
 *
 * The same options and the same result everywhere: the worker runs the very
 * same `Runtime.call`, so the state a call sees (child-trie roots, heap pages)
 * is prepared in one place (call-state.ts). What cannot cross a thread — a
 * keystore, an offchain environment, caller-owned `Externalities` — is
 * refused by the isolated callers with INVALID_INPUT rather than ignored; a
 * time limit needs a worker and is refused in-process the same way.
 */
import type { CallEffects, LogLevel } from '../host/types.js';
import type { Keystore } from '../host/keystore.js';
import type { OffchainEnv } from '../host/offchain-env.js';
import type { RuntimeVersion } from '../blob/index.js';
import type { AsyncStorageBackend, CallLimits, Externalities, KeyChange, StorageBackend, StorageDiff } from '../state/index.js';

/** Per-call options. */
export interface CallOpts {
  /**
   * The state the call runs on (never modified; the changes are returned).
   * Default: empty. An `AsyncStorageBackend` (storage behind promises) needs
   * an isolated caller, whose worker blocks on each read.
   */
  state?: StorageBackend | AsyncStorageBackend;
  /**
   * In-process only, instead of `state`: storage the call reads and writes in
   * place, e.g. a `StateMachine` shared by several calls.
   */
  storage?: Externalities;
  /** In-process only: offchain environment (offchain-worker calls); default none: offchain host functions trap. */
  offchain?: OffchainEnv;
  /** In-process only: keystore for `ext_crypto_*_{generate,sign,public_keys}`; default none: those trap. */
  keystore?: Keystore;
  /** What `ext_logging_max_level` answers (0 Off … 5 Trace); default 3 (Info), a node's default. */
  maxLogLevel?: 0 | LogLevel;
  /** Isolated callers only: the call's time limit in milliseconds (default: the caller's). */
  timeoutMs?: number;
  /**
   * Memory caps of the call (state/limits.ts: overlay bytes, log bytes, output
   * bytes; defaults DEFAULT_CALL_LIMITS). Exceeding one fails the call with
   * RUNTIME_MEMORY_LIMIT, the state unchanged. Ignored with caller-owned `storage`
   * (give the StateMachine its own limits).
   */
  limits?: Partial<CallLimits>;
}

/** A call's output and effects; plain data, the same from every caller. */
export interface CallResult extends CallEffects {
  /** The raw bytes the entry point returned. */
  output: Uint8Array;
  /** Every top-trie key the call set or cleared (null), sorted by key; empty with caller-owned `storage`. */
  storageChanges: KeyChange[];
  /** Child-trie changes by unprefixed storage key. */
  childStorageChanges: StorageDiff['children'];
}

/** Anything that runs calls of one runtime. */
export interface RuntimeCaller {
  /** The runtime's version (undefined if it has no version section and `Core_version` failed). */
  readonly version: RuntimeVersion | undefined;
  /** Calls `method` with `input`; rejects with a SwxError naming the method on failure. */
  call(method: string, input?: Uint8Array, opts?: CallOpts): Promise<CallResult>;
  /** Releases what the caller holds (workers, instances); later calls are refused. */
  close(): Promise<void>;
}

/** Default `maxLogLevel` (log::LevelFilter::Info). */
export const DEFAULT_MAX_LOG_LEVEL = 3;
