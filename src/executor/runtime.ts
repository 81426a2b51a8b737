/**
 * `Runtime`: a prepared, compiled runtime that serves calls.
 *
 *   RuntimeCode ──prepare (transforms)──► bytes ──WebAssembly.compile──► Module
 *   Module ──instantiate per strategy──► RuntimeInstance ──invoke──► output
 *
 * The runtime's version comes from its `runtime_version` custom section, or
 * else from calling `Core_version` (a failing call leaves it undefined, as
 * sc-executor does; an undecodable result is an error).
 */
import { SwxError, isSwxError } from '../base/errors.js';
import { createHashers, type Hashers } from '../base/hashing.js';
import { validateFeatures, DEFAULT_WASM_FEATURES } from '../wasm/index.js';
import { createDecompressor, decodeRuntimeVersion, encodeRuntimeVersion, type Decompressor, type RuntimeVersion } from '../blob/index.js';
import { createHostRegistry } from '../host/registry.js';
import type { Keystore } from '../host/keystore.js';
import type { OffchainEnv } from '../host/offchain-env.js';
import type { CallEffects, LogLevel } from '../host/types.js';
import type { Externalities } from '../state/externalities.js';
import { InMemoryBackend, StateMachine, type KeyChange, type StorageBackend, type StorageDiff } from '../state/index.js';
import { resolveImports, type ImportPlan } from './imports.js';
import { RuntimeInstance } from './instance.js';
import { prepareModule, type PreparedModule } from './prepare.js';
import { resolveSemantics, type Semantics, type SemanticsOpts } from './semantics.js';
import { loadRuntimeCodeSync, type RuntimeCode } from './runtime-code.js';

/** Per-call options. */
export interface CallOpts {
  /** The state the call runs on (never modified; the changes are returned). Default: empty. */
  state?: StorageBackend;
  /**
   * Instead of `state`: storage the call reads and writes in place, e.g. a
   * `StateMachine` shared by several calls (its changes accumulate there).
   */
  storage?: Externalities;
  /** Offchain environment (offchain-worker calls); default none: offchain host functions trap. */
  offchain?: OffchainEnv;
  /** Keystore for `ext_crypto_*_{generate,sign,public_keys}`; default none: those trap. */
  keystore?: Keystore;
  /** What `ext_logging_max_level` answers (0 Off … 5 Trace); default 3 (Info), a node's default. */
  maxLogLevel?: 0 | LogLevel;
}

/** A call's output and effects. */
export interface CallResult extends CallEffects {
  /** The raw bytes the entry point returned. */
  output: Uint8Array;
  /** Every top-trie key the call set or cleared (null), sorted by key; empty with a non-StateMachine `storage`. */
  storageChanges: KeyChange[];
  /** Child-trie changes by unprefixed storage key. */
  childStorageChanges: StorageDiff['children'];
  /** The storage the call ran on (a StateMachine unless the caller passed other Externalities). */
  storage: Externalities;
}

/** Default `maxLogLevel` (log::LevelFilter::Info). */
export const DEFAULT_MAX_LOG_LEVEL = 3;

/** Classifies an error raised while a call ran into a SwxError naming the method. */
export function callError(e: unknown, method: string, panicMessage: string | undefined, lastMessage?: string): SwxError {
  // Runtimes without the panic-handler import print the panic, then trap: report that message.
  const said = lastMessage !== undefined ? `; the runtime last said: ${JSON.stringify(lastMessage.length > 300 ? lastMessage.slice(0, 300) + '…' : lastMessage)}` : '';
  const ctx = lastMessage !== undefined ? { lastMessage } : {};
  if (panicMessage !== undefined) {
    return new SwxError('RUNTIME_PANIC', `runtime panicked in ${method}: ${panicMessage}`, { method, panic: panicMessage }, { cause: e });
  }
  if (isSwxError(e)) {
    if (e.context.method === undefined) e.context.method = method;
    return e;
  }
  if (e instanceof WebAssembly.RuntimeError) {
    return new SwxError('RUNTIME_TRAP', `wasm trap in ${method}: ${e.message}${said}`, { method, ...ctx }, { cause: e });
  }
  if (e instanceof RangeError && /call stack/i.test(e.message)) {
    return new SwxError('RUNTIME_TRAP', `wasm trap in ${method}: stack overflow${said}`, { method, ...ctx }, { cause: e });
  }
  return new SwxError('RUNTIME_TRAP', `call to ${method} failed: ${e instanceof Error ? e.message : String(e)}${said}`, { method, ...ctx }, { cause: e });
}

/** A compiled runtime; create with `createRuntime`. */
export class Runtime {
  readonly code: RuntimeCode;
  readonly semantics: Semantics;
  readonly prepared: PreparedModule;
  readonly module: WebAssembly.Module;
  readonly hashers: Hashers;
  readonly decompressor: Decompressor;
  /** The runtime's version, undefined if it has no version section and `Core_version` failed. */
  version: RuntimeVersion | undefined = undefined;
  private readonly plan: ImportPlan;
  private pooled: RuntimeInstance | undefined = undefined;
  private readonly versionCache = new Map<string, Uint8Array | undefined>();

  /** Use `createRuntime`. */
  constructor(code: RuntimeCode, semantics: Semantics, prepared: PreparedModule, module: WebAssembly.Module, plan: ImportPlan, hashers: Hashers, decompressor: Decompressor) {
    this.decompressor = decompressor;
    this.code = code;
    this.semantics = semantics;
    this.prepared = prepared;
    this.module = module;
    this.plan = plan;
    this.hashers = hashers;
  }

  /** Host functions the runtime imports that swx replaced by trapping stubs. */
  get missingImports(): readonly string[] {
    return this.plan.missing;
  }

  private newInstance(): RuntimeInstance {
    const inst = RuntimeInstance.create(this.module, this.plan, this.hashers, this.prepared.exposedGlobals, this.prepared.memory.max);
    const strategy = this.semantics.instantiationStrategy;
    if (strategy === 'pooled') inst.snapshotImage();
    if (strategy === 'legacy-reuse') inst.snapshotDataSegments(this.prepared.dataSegments());
    return inst;
  }

  private acquire(): RuntimeInstance {
    const strategy = this.semantics.instantiationStrategy;
    switch (strategy) {
      case 'recreate':
        return this.newInstance();
      case 'pooled':
      case 'legacy-reuse': {
        const inst = this.pooled;
        if (inst !== undefined && inst.reusable()) {
          inst.reset(strategy);
          return inst;
        }
        this.pooled = this.newInstance();
        return this.pooled;
      }
      default: {
        const never: never = strategy;
        throw new SwxError('INTERNAL', `unknown strategy ${String(never)}`);
      }
    }
  }

  /** Calls `method` with `input` synchronously. Throws a SwxError naming the method on failure. */
  callSync(method: string, input: Uint8Array, opts: CallOpts = {}): CallResult {
    const storage = opts.storage ?? new StateMachine(opts.state ?? InMemoryBackend.empty(), { hash: this.hashers.blake2_256 });
    const machine = storage instanceof StateMachine ? storage : undefined;
    machine?.enterRuntime();
    let res: { output: Uint8Array; effects: CallEffects };
    try {
      res = this.invoke(method, input, storage, opts);
    } finally {
      // Transactions the runtime left open are rolled back (sp-state-machine `exit_runtime`).
      machine?.exitRuntime();
    }
    const diff = machine?.diff();
    return {
      output: res.output,
      ...res.effects,
      storageChanges: diff?.top ?? [],
      childStorageChanges: diff?.children ?? [],
      storage,
    };
  }

  private invoke(method: string, input: Uint8Array, storage: Externalities, opts: CallOpts): { output: Uint8Array; effects: CallEffects } {
    const inst = this.acquire();
    // The instance is taken out of the pool while it runs, so a re-entrant call gets its own.
    if (this.pooled === inst) this.pooled = undefined;
    try {
      const { output } = inst.invoke(method, input, {
        method,
        storage,
        offchain: opts.offchain,
        keystore: opts.keystore,
        maxLogLevel: opts.maxLogLevel ?? DEFAULT_MAX_LOG_LEVEL,
        runtimeVersionOf: (code) => this.runtimeVersionOf(code),
      });
      if (this.semantics.instantiationStrategy !== 'recreate' && this.pooled === undefined) this.pooled = inst;
      return { output, effects: inst.ctx.effects };
    } catch (e) {
      inst.poisoned = true;
      throw callError(e, method, inst.ctx.panicMessage, inst.ctx.lastMessage);
    }
  }

  /** Calls `method` with `input`. */
  async call(method: string, input: Uint8Array = new Uint8Array(0), opts: CallOpts = {}): Promise<CallResult> {
    return this.callSync(method, input, opts);
  }

  /**
   * The value of the exported global `name` on a freshly instantiated runtime
   * (sc-executor `get_global_const`), or undefined if there is no such global.
   */
  getGlobalConst(name: string): number | bigint | undefined {
    const inst = RuntimeInstance.create(this.module, this.plan, this.hashers, this.prepared.exposedGlobals, this.prepared.memory.max);
    const g = inst.instance.exports[name];
    if (!(g instanceof WebAssembly.Global)) return undefined;
    return g.value as number | bigint;
  }

  /** `ext_misc_runtime_version`: the encoded version of another blob (cached per blob hash). */
  runtimeVersionOf(code: Uint8Array): Uint8Array | undefined {
    const key = Buffer.from(this.hashers.blake2_256(code)).toString('hex');
    if (this.versionCache.has(key)) return this.versionCache.get(key);
    let v: Uint8Array | undefined;
    try {
      const other = loadRuntimeCodeSync(code, this.hashers, this.decompressor);
      if (other.embeddedVersion !== undefined) {
        v = encodeRuntimeVersion(other.embeddedVersion);
      } else {
        // sc-executor's legacy path: instantiate with missing imports allowed and return `Core_version`'s raw output.
        const legacy = buildRuntime(other, resolveSemantics({ instantiationStrategy: 'recreate', allowMissingImports: true }), this.hashers, this.decompressor);
        v = legacy.callSync('Core_version', new Uint8Array(0)).output;
      }
    } catch {
      v = undefined; // sp-io returns None when the version cannot be read
    }
    this.versionCache.set(key, v);
    return v;
  }
}

/** Options of `createRuntime`: semantics plus shared resources. */
export interface CreateRuntimeOpts extends SemanticsOpts {
  /** Hashers to use (created if absent). */
  hashers?: Hashers;
  /** zstd decompressor for `ext_misc_runtime_version` blobs (created if absent). */
  decompressor?: Decompressor;
}

/**
 * Compiles an already prepared module and resolves its imports. V8 compiles
 * lazily (Liftoff, then TurboFan per hot function), so a synchronous compile
 * only validates.
 */
export function runtimeFromPrepared(code: RuntimeCode, semantics: Semantics, prepared: PreparedModule, hashers: Hashers, decompressor: Decompressor): Runtime {
  let module: WebAssembly.Module;
  try {
    module = new WebAssembly.Module(prepared.bytes as Uint8Array<ArrayBuffer>);
  } catch (e) {
    throw new SwxError('RUNTIME_COMPILE_FAILED', `V8 rejected the prepared module: ${(e as Error).message}`, {}, { cause: e });
  }
  const plan = resolveImports(prepared.imports, createHostRegistry(semantics.hostFunctions), semantics.allowMissingImports);
  return new Runtime(code, semantics, prepared, module, plan, hashers, decompressor);
}

function buildRuntime(code: RuntimeCode, semantics: Semantics, hashers: Hashers, decompressor: Decompressor): Runtime {
  if (Object.keys(semantics.wasmFeatures).length > 0) {
    validateFeatures(code.module, { ...DEFAULT_WASM_FEATURES, ...semantics.wasmFeatures });
  }
  return runtimeFromPrepared(code, semantics, prepareModule(code.wasm, semantics), hashers, decompressor);
}

/** Prepares and compiles `code`, then determines its version. */
export async function createRuntime(code: RuntimeCode, opts: CreateRuntimeOpts = {}): Promise<Runtime> {
  const semantics = resolveSemantics(opts);
  const hashers = opts.hashers ?? (await createHashers());
  const decompressor = opts.decompressor ?? (await createDecompressor());
  const runtime = buildRuntime(code, semantics, hashers, decompressor);
  if (code.embeddedVersion !== undefined) {
    runtime.version = code.embeddedVersion;
  } else {
    let out: Uint8Array | undefined;
    try {
      out = runtime.callSync('Core_version', new Uint8Array(0)).output;
    } catch {
      out = undefined; // sc-executor keeps the runtime with `version = None`
    }
    if (out !== undefined) runtime.version = decodeRuntimeVersion(out);
  }
  return runtime;
}
