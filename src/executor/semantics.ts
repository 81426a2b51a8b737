/**
 * Execution semantics: how a runtime is prepared, instantiated and limited.
 * The Substrate node defaults are the defaults here (sc-executor
 * `WasmExecutor` with `DEFAULT_HEAP_ALLOC_STRATEGY`, no deterministic stack
 * limit, no NaN canonicalization, every optional Wasm proposal off).
 */
import type { WasmFeatures, HeapAllocStrategy } from '../wasm/index.js';

export type { HeapAllocStrategy };
import type { HostFunction } from '../host/types.js';

/** Substrate `DEFAULT_HEAP_ALLOC_PAGES` (sc-executor-common wasm_runtime.rs). */
export const DEFAULT_HEAP_ALLOC_PAGES = 2048;

/**
 * How instances serve calls.
 * - `recreate`: a new instance per call (Substrate master's behaviour).
 * - `pooled`: one instance reused; before each call its memory image
 *   `[0, __heap_base)` and all mutable globals are restored and the heap the
 *   previous call used (up to the allocator's high-water mark) is zeroed;
 *   a call that grew the memory or trapped discards the instance.
 * - `legacy-reuse`: Substrate 2022 `LegacyInstanceReuse`: only data segments
 *   and mutable globals are restored; the heap is not zeroed, so a call can see
 *   bytes an earlier call left above `__heap_base`.
 */
export type InstantiationStrategy = 'recreate' | 'pooled' | 'legacy-reuse';

/** Options of `createRuntime`; every field is optional, defaults documented. */
export interface SemanticsOpts {
  /** Default `pooled`. */
  instantiationStrategy?: InstantiationStrategy;
  /** Default `{kind: 'static', extraPages: 2048}`. */
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
    instantiationStrategy: opts.instantiationStrategy ?? 'pooled',
    heapAllocStrategy: opts.heapAllocStrategy ? { ...opts.heapAllocStrategy } : { kind: 'static', extraPages: DEFAULT_HEAP_ALLOC_PAGES },
    maxMemorySize: opts.maxMemorySize,
    deterministicStackLimit: opts.deterministicStackLimit ? { ...opts.deterministicStackLimit } : undefined,
    canonicalizeNans: opts.canonicalizeNans ?? false,
    wasmFeatures: { ...(opts.wasmFeatures ?? {}) },
    allowMissingImports: opts.allowMissingImports ?? false,
    hostFunctions: [...(opts.hostFunctions ?? [])],
  };
}
