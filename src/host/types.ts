/**
 * What a host function is and what it sees.
 *
 * A `HostFunction` is keyed by its exact import name (`ext_storage_get_version_1`)
 * and carries its Wasm signature, checked against the module's import at
 * instantiation. `bind(ctx)` builds the JS function for one instance: host
 * functions are synchronous, take i32 as `number` and i64 as `bigint`
 * (JS-BigInt integration), and return the same.
 *
 * A host function fails by throwing a `SwxError`; the executor turns it into a
 * trap of the call, naming the host function.
 */
import type { Hashers } from '../base/hashing.js';
import type { Externalities } from '../state/externalities.js';
import type { ByteMeter } from '../state/limits.js';
import type { HostMemory } from './memory.js';
import type { Keystore } from './keystore.js';
import type { OffchainEnv } from './offchain-env.js';

/** Wasm value types a host function may take or return. */
export type ValType = 'i32' | 'i64' | 'f32' | 'f64';

/** A host function implementation bound to one instance. */
export type HostImpl = (...args: never[]) => number | bigint | void;

/** A host function: exact import name, signature, and a binder. */
export interface HostFunction {
  readonly name: string;
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
  /** Builds the function bound to `ctx` (one per instance). */
  bind(ctx: HostContext): HostImpl;
}

/**
 * Log levels as swx reports them (sp-core `LogLevel` numbering): 1 = Error … 5 = Trace.
 * On the wire `ext_logging_log_version_1` passes 0 = Error … 4 = Trace (`RuntimeInterfaceLogLevel`); see logging.ts.
 */
export type LogLevel = 1 | 2 | 3 | 4 | 5;

/** One line a runtime logged (`ext_logging_log`, `ext_misc_print_*`). */
export interface LogEntry {
  level: LogLevel;
  target: string;
  message: string;
}

/** What a call did besides its output and storage: collected for the call result. */
export interface CallEffects {
  logs: LogEntry[];
  /** `ext_offchain_index_set/clear`: value undefined = cleared. In call order. */
  offchainIndex: Array<[Uint8Array, Uint8Array | undefined]>;
  /** `ext_offchain_submit_transaction`: the extrinsics, in order. */
  submittedTransactions: Uint8Array[];
  /** `ext_transaction_index_*` in call order. */
  transactionIndex: Array<
    | { kind: 'index'; extrinsic: number; size: number; hash: Uint8Array }
    | { kind: 'renew'; extrinsic: number; hash: Uint8Array }
  >;
}

/** The call's allocator bound to the instance's memory (errors are SwxErrors and trap the call). */
export interface HeapAccess {
  allocate(size: number): number;
  deallocate(ptr: number): void;
}

/** Everything a host function may use during one call. */
export interface HostContext {
  /** The runtime entry point being called. */
  readonly method: string;
  /** The instance's memory (set once the instance exists). */
  readonly memory: HostMemory;
  /** The call's freeing-bump allocator over that memory. */
  readonly heap: HeapAccess;
  readonly hashers: Hashers;
  /** Storage; calls without state get an empty in-memory one. */
  readonly storage: Externalities;
  /** Offchain environment; undefined outside offchain calls (offchain host functions then trap). */
  readonly offchain: OffchainEnv | undefined;
  /** Keystore for `ext_crypto_*_{public_keys,generate,sign}`; undefined ⇒ those trap. */
  readonly keystore: Keystore | undefined;
  /** Maximum level returned by `ext_logging_max_level_version_1` (0 = Off … 5 = Trace). */
  readonly maxLogLevel: 0 | LogLevel;
  readonly effects: CallEffects;
  /** The call's log cap (`CallLimits.maxLogBytes`): recorded target + message characters; absent = unbounded. */
  readonly logMeter?: ByteMeter;
  /** `ext_misc_runtime_version`: the SCALE `RuntimeVersion` of a (maybe compressed) blob, or undefined. */
  readonly runtimeVersionOf: (code: Uint8Array) => Uint8Array | undefined;
  /** Set by `ext_panic_handler_abort_on_panic_version_1` before it traps. */
  panicMessage: string | undefined;
  /** The last message the runtime printed or logged, whatever its level (reported when the call traps). */
  lastMessage: string | undefined;
  /** Batch-verification state (`ext_crypto_start/finish_batch_verify`): undefined = no batch. */
  batchVerify: { ok: boolean } | undefined;
  /** Allocates `bytes.length`, copies them in and returns the pointer (one allocation, even for 0 bytes). */
  returnPtr(bytes: Uint8Array): number;
  /** Same, returning a fat pointer `(len << 32) | ptr`. */
  returnFat(bytes: Uint8Array): bigint;
}

/** Shorthand to declare a host function. */
export function hostFn(name: string, params: readonly ValType[], results: readonly ValType[], bind: (ctx: HostContext) => HostImpl): HostFunction {
  return { name, params, results, bind };
}
