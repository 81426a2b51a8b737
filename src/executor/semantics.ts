/**
 * Execution semantics: how a runtime is prepared, instantiated and limited.
 * The Substrate node defaults are the defaults here (sc-executor
 * `WasmExecutor` with `DEFAULT_HEAP_ALLOC_STRATEGY`, no deterministic stack
 * limit, no NaN canonicalization, every optional Wasm proposal off).
 */
import type { WasmFeatures, HeapAllocStrategy } from '../wasm/index.js';
import type { HostFunction } from '../host/types.js';
import { DEFAULT_INSTANTIATION_STRATEGY, parseStrategy, type InstantiationStrategy } from './strategies.js';

export type { HeapAllocStrategy, InstantiationStrategy };

/** Substrate `DEFAULT_HEAP_ALLOC_PAGES` (sc-executor-common wasm_runtime.rs). */
export const DEFAULT_HEAP_ALLOC_PAGES = 2048;

/** Options of `createRuntime`; every field is optional, defaults documented. */
export interface SemanticsOpts {
  /** Default `pooled` (see strategies.ts). */
  instantiationStrategy?: InstantiationStrategy;
  /**
   * Default: what a node does, `{kind: 'static', extraPages: N}` with N the
   * call state's `:heappages` when it has one, else 2048. Given here, it is
   * used for every call whatever the state says.
   */
  heapAllocStrategy?: HeapAllocStrategy;
  /** Upper bound on linear memory in bytes (rounded down to pages); `memory.grow` fails beyond it. Default none. */
  maxMemorySize?: number;
  /** PVF-style deterministic stack limit (wasm-instrument logical stack units). Default none. */
  deterministicStackLimit?: { logicalMax: number };
  /** Canonicalize NaN results of float operations (PVF). Default false. */
  canonicalizeNans?: boolean;
  /** Wasm proposals accepted, default the Substrate node's. */
  wasmFeatures?: Partial<WasmFeatures>;
  /** Replace missing host functions with stubs that trap when called. Default false (missing ⇒ error). */
  allowMissingImports?: boolean;
  /** Extra or overriding host functions, keyed by their import name. */
  hostFunctions?: readonly HostFunction[];
}

/** Semantics with every default filled in. */
export interface Semantics {
  instantiationStrategy: InstantiationStrategy;
  heapAllocStrategy: HeapAllocStrategy;
  /** Whether a call state's `:heappages` overrides `heapAllocStrategy` (true unless a strategy was given). */
  heapFromState: boolean;
  maxMemorySize: number | undefined;
  deterministicStackLimit: { logicalMax: number } | undefined;
  canonicalizeNans: boolean;
  wasmFeatures: Partial<WasmFeatures>;
  allowMissingImports: boolean;
  hostFunctions: readonly HostFunction[];
}

/** Resolves options to full semantics without touching the caller's object. */
export function resolveSemantics(opts: SemanticsOpts = {}): Semantics {
  return {
    instantiationStrategy: opts.instantiationStrategy !== undefined ? parseStrategy(opts.instantiationStrategy) : DEFAULT_INSTANTIATION_STRATEGY,
    heapAllocStrategy: opts.heapAllocStrategy ? { ...opts.heapAllocStrategy } : { kind: 'static', extraPages: DEFAULT_HEAP_ALLOC_PAGES },
    heapFromState: opts.heapAllocStrategy === undefined,
    maxMemorySize: opts.maxMemorySize,
    deterministicStackLimit: opts.deterministicStackLimit ? { ...opts.deterministicStackLimit } : undefined,
    canonicalizeNans: opts.canonicalizeNans ?? false,
    wasmFeatures: { ...(opts.wasmFeatures ?? {}) },
    allowMissingImports: opts.allowMissingImports ?? false,
    hostFunctions: [...(opts.hostFunctions ?? [])],
  };
}
