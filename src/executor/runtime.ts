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
import { toHex } from '../base/bytes.js';
import { validateFeatures, DEFAULT_WASM_FEATURES, type HeapAllocStrategy } from '../wasm/index.js';
import { decodeRuntimeVersion, encodeRuntimeVersion, type RuntimeVersion } from '../blob/index.js';
import { createHostRegistry } from '../host/registry.js';
import type { CallEffects } from '../host/types.js';
import type { Externalities } from '../state/externalities.js';
import { DEFAULT_CALL_LIMITS, InMemoryBackend, StateMachine, isAsyncBackend, resolveCallLimits } from '../state/index.js';
import { resolveImports, type ImportPlan } from './imports.js';
import { RuntimeInstance } from './instance.js';
import { prepareModule, type PreparedModule } from './prepare.js';
import { resolveSemantics, type Semantics, type SemanticsOpts } from './semantics.js';
import { strategySpec } from './strategies.js';
import { loadRuntimeCodeSync, type RuntimeCode } from './runtime-code.js';
import type { Services } from './services.js';
import { DEFAULT_MAX_LOG_LEVEL, type CallOpts, type CallResult, type RuntimeCaller } from './caller.js';
import { heapStrategyFor, sameHeapStrategy, stateVersionOfRuntime, withMissingChildRoots } from './call-state.js';

/** An in-process call's result: also the storage it ran on. */
export interface LocalCallResult extends CallResult {
  /** The storage the call ran on (a StateMachine unless the caller passed other Externalities). */
  storage: Externalities;
}

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

/** A compiled runtime serving calls in this thread; create with `createRuntime`. */
export class Runtime implements RuntimeCaller {
  readonly code: RuntimeCode;
  readonly semantics: Semantics;
  readonly prepared: PreparedModule;
  readonly module: WebAssembly.Module;
  /** The runtime's version, undefined if it has no version section and `Core_version` failed. */
  version: RuntimeVersion | undefined = undefined;
  /** Why `Core_version` failed when the version is undefined (no export, a trap, an instance that cannot be made). */
  versionError: SwxError | undefined = undefined;
  private readonly plan: ImportPlan;
  private pooled: RuntimeInstance | undefined = undefined;
  private readonly versionCache = new Map<string, Uint8Array | undefined>();
  /** The same code prepared for other heap strategies (a state's `:heappages`), by strategy. */
  private readonly heapVariants = new Map<string, Runtime>();
  private closed = false;

  /** Use `createRuntime`. */
  constructor(code: RuntimeCode, semantics: Semantics, prepared: PreparedModule, module: WebAssembly.Module, plan: ImportPlan) {
    this.code = code;
    this.semantics = semantics;
    this.prepared = prepared;
    this.module = module;
    this.plan = plan;
  }

  /** The hashers and decompressor (those of the code). */
  get services(): Services {
    return this.code.services;
  }

  /** Host functions the runtime imports that swx replaced by trapping stubs. */
  get missingImports(): readonly string[] {
    return this.plan.missing;
  }

  private newInstance(): RuntimeInstance {
    const inst = RuntimeInstance.create(this.module, this.plan, this.services.hashers, this.prepared.exposedGlobals, this.prepared.memory.max);
    strategySpec(this.semantics.instantiationStrategy).snapshot(inst, () => this.prepared.dataSegments());
    return inst;
  }

  private acquire(): RuntimeInstance {
    const strategy = strategySpec(this.semantics.instantiationStrategy);
    const inst = this.pooled;
    if (strategy.reuses && inst !== undefined && inst.reusable()) {
      strategy.reset(inst);
      return inst;
    }
    return this.newInstance();
  }

  /** This runtime, or the same code prepared for `heap` (cached). */
  private forHeap(heap: HeapAllocStrategy): Runtime {
    if (sameHeapStrategy(heap, this.semantics.heapAllocStrategy)) return this;
    const key = JSON.stringify(heap);
    let variant = this.heapVariants.get(key);
    if (variant === undefined) {
      try {
        variant = buildRuntime(this.code, { ...this.semantics, heapAllocStrategy: heap, heapFromState: false });
      } catch (e) {
        if (!isSwxError(e)) throw e;
        throw new SwxError(e.code, `the call state's :heappages cannot be applied: ${e.message}`, { ...e.context, heapAllocStrategy: heap }, { cause: e });
      }
      variant.version = this.version;
      this.heapVariants.set(key, variant);
    }
    return variant;
  }

  /**
   * Calls `method` with `input` synchronously. The state is prepared as a node
   * holds it (call-state.ts) and never modified. Throws a SwxError naming the method on failure.
   */
  callSync(method: string, input: Uint8Array = new Uint8Array(0), opts: CallOpts = {}): LocalCallResult {
    if (this.closed) throw new SwxError('INVALID_INPUT', 'the runtime is closed', { method });
    if (opts.timeoutMs !== undefined) throw new SwxError('INVALID_INPUT', 'a time limit needs a runtime in a worker (IsolatedRuntime)', { method });
    if (isAsyncBackend(opts.state)) throw new SwxError('INVALID_INPUT', 'an asynchronous state needs a runtime in a worker (IsolatedRuntime)', { method });
    const hash = this.services.hashers.blake2_256;
    const storage =
      opts.storage ??
      new StateMachine(opts.state === undefined ? InMemoryBackend.empty() : withMissingChildRoots(opts.state, stateVersionOfRuntime(this.version), this.services.hashers), {
        hash,
        ...(opts.limits !== undefined ? { limits: opts.limits } : {}),
      });
    const target = this.forHeap(heapStrategyFor(this.semantics, opts.storage ?? opts.state));
    const machine = storage instanceof StateMachine ? storage : undefined;
    machine?.enterRuntime();
    let res: { output: Uint8Array; effects: CallEffects };
    try {
      res = target.invoke(method, input, storage, opts);
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
        limits: opts.limits === undefined ? DEFAULT_CALL_LIMITS : resolveCallLimits(opts.limits),
        storage,
        offchain: opts.offchain,
        keystore: opts.keystore,
        maxLogLevel: opts.maxLogLevel ?? DEFAULT_MAX_LOG_LEVEL,
        runtimeVersionOf: (code) => this.runtimeVersionOf(code),
      });
      if (strategySpec(this.semantics.instantiationStrategy).reuses && this.pooled === undefined) this.pooled = inst;
      return { output, effects: inst.ctx.effects };
    } catch (e) {
      inst.poisoned = true;
      throw callError(e, method, inst.ctx.panicMessage, inst.ctx.lastMessage);
    }
  }

  /** Calls `method` with `input` (the RuntimeCaller contract; runs synchronously). */
  async call(method: string, input: Uint8Array = new Uint8Array(0), opts: CallOpts = {}): Promise<LocalCallResult> {
    return this.callSync(method, input, opts);
  }

  /** Drops the instances; later calls are refused. */
  async close(): Promise<void> {
    this.closed = true;
    this.pooled = undefined;
    for (const v of this.heapVariants.values()) await v.close();
    this.heapVariants.clear();
  }

  /**
   * The value of the exported global `name` on a freshly instantiated runtime
   * (sc-executor `get_global_const`), or undefined if there is no such global.
   */
  getGlobalConst(name: string): number | bigint | undefined {
    const inst = RuntimeInstance.create(this.module, this.plan, this.services.hashers, this.prepared.exposedGlobals, this.prepared.memory.max);
    const g = inst.instance.exports[name];
    if (!(g instanceof WebAssembly.Global)) return undefined;
    return g.value as number | bigint;
  }

  /** `ext_misc_runtime_version`: the encoded version of another blob (cached per blob hash). */
  runtimeVersionOf(code: Uint8Array): Uint8Array | undefined {
    const key = toHex(this.services.hashers.blake2_256(code));
    if (this.versionCache.has(key)) return this.versionCache.get(key);
    let v: Uint8Array | undefined;
    try {
      const other = loadRuntimeCodeSync(code, this.services);
      if (other.embeddedVersion !== undefined) {
        v = encodeRuntimeVersion(other.embeddedVersion);
      } else {
        // sc-executor's legacy path: instantiate with missing imports allowed and return `Core_version`'s raw output.
        const legacy = buildRuntime(other, resolveSemantics({ instantiationStrategy: 'recreate', allowMissingImports: true }));
        v = legacy.callSync('Core_version').output;
      }
    } catch {
      v = undefined; // sp-io returns None when the version cannot be read
    }
    this.versionCache.set(key, v);
    return v;
  }
}

/**
 * Compiles an already prepared module and resolves its imports. V8 compiles
 * lazily (Liftoff, then TurboFan per hot function), so a synchronous compile
 * only validates.
 */
export function runtimeFromPrepared(code: RuntimeCode, semantics: Semantics, prepared: PreparedModule): Runtime {
  let module: WebAssembly.Module;
  try {
    module = new WebAssembly.Module(prepared.bytes as Uint8Array<ArrayBuffer>);
  } catch (e) {
    throw new SwxError('RUNTIME_COMPILE_FAILED', `V8 rejected the prepared module: ${(e as Error).message}`, {}, { cause: e });
  }
  const plan = resolveImports(prepared.imports, createHostRegistry(semantics.hostFunctions), semantics.allowMissingImports);
  return new Runtime(code, semantics, prepared, module, plan);
}

function buildRuntime(code: RuntimeCode, semantics: Semantics): Runtime {
  if (Object.keys(semantics.wasmFeatures).length > 0) {
    validateFeatures(code.module, { ...DEFAULT_WASM_FEATURES, ...semantics.wasmFeatures });
  }
  return runtimeFromPrepared(code, semantics, prepareModule(code.wasm, semantics));
}

/** Prepares and compiles `code` (its services come with it), then determines its version. */
export async function createRuntime(code: RuntimeCode, opts: SemanticsOpts = {}): Promise<Runtime> {
  const runtime = buildRuntime(code, resolveSemantics(opts));
  settleVersion(runtime);
  return runtime;
}

/** Sets a new runtime's version: its code's embedded one, else `Core_version`'s (a failure is kept in `versionError`). */
export function settleVersion(runtime: Runtime): void {
  const code = runtime.code;
  if (code.embeddedVersion !== undefined) {
    runtime.version = code.embeddedVersion;
  } else {
    let out: Uint8Array | undefined;
    try {
      out = runtime.callSync('Core_version').output;
    } catch (e) {
      out = undefined; // sc-executor keeps the runtime with `version = None`
      runtime.versionError = isSwxError(e) ? e : callError(e, 'Core_version', undefined);
    }
    if (out !== undefined) runtime.version = decodeRuntimeVersion(out);
  }
}
