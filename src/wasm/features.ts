/**
 * WebAssembly proposals and which of them a Substrate node accepts.
 *
 * Substrate (polkadot-sdk master) loads every runtime through
 * `RuntimeBlob::new` (`substrate/client/executor/common/src/runtime_blob/runtime_blob.rs`),
 * i.e. `parity_wasm::elements::deserialize_buffer` via `wasm-instrument` 0.4. The
 * workspace depends on `wasm-instrument = { version = "0.4", default-features = false }`
 * (root `Cargo.toml`) and `sc-executor-common` on `wasm-instrument = "0.4"` (features
 * `std` only); nothing enables `sign_ext`, and parity-wasm 0.45's other proposal
 * features (`atomics`, `simd`, `bulk`, `multi_value`) are not even reachable through
 * wasm-instrument. So the parser accepts the MVP instruction set only:
 * `UnknownOpcode(192)` for `i32.extend8_s` (polkadot-sdk#1755), unknown opcodes for
 * the 0xFC/0xFD/0xFE prefixes, tail calls and exception handling, "Enable the
 * multi_value feature" for multi-result types, unknown value types for
 * v128/funcref/externref, invalid limits flags for shared/64-bit memories.
 * polkadot-sdk#15 (open) states this is the current behaviour: "we reject the
 * runtimes which make use of them since parity-wasm ... will choke".
 *
 * wasmtime (36, `substrate/client/executor/wasmtime/src/runtime.rs`) then validates
 * with `wasm_reference_types`/`wasm_simd`/`wasm_bulk_memory`/`wasm_multi_value` from
 * `Semantics` (every call site passes `false`) and multi-memory, threads, memory64
 * forced off. It leaves its defaults for sign-ext, saturating float-to-int,
 * mutable globals, tail calls and extended-const (all on in wasmtime 36). Of these,
 * only **extended-const** survives the parser: parity-wasm reads a constant
 * expression as any instruction list up to `end`, so `i32.add` etc. in a global
 * initialiser or segment offset go through and wasmtime accepts them.
 * The data count section (id 12) is parsed by parity-wasm and not gated by
 * wasmparser either, so it is accepted on its own.
 *
 * Net effect, `DEFAULT_WASM_FEATURES`: MVP + mutable globals (not switchable) +
 * extended-const; everything else rejected. Turning a `Semantics` switch on in
 * Substrate does not un-reject the instructions (parity-wasm still fails first),
 * so the executor should keep these defaults whatever its semantics say.
 */

/** Switches for post-MVP proposals, `true` = accepted. */
export interface WasmFeatures {
  /** Sign-extension operators (0xC0–0xC4). */
  signExtension: boolean;
  /** Non-trapping float-to-int conversions (0xFC 0–7). */
  saturatingFloatToInt: boolean;
  /** Multi-value: multiple results, block types by type index. */
  multiValue: boolean;
  /** Bulk memory: 0xFC 8–14, passive/declarative segments. */
  bulkMemory: boolean;
  /** Reference types: funcref/externref values, ref.*, table.*, typed select, several tables. */
  referenceTypes: boolean;
  /** Fixed-width SIMD (0xFD prefix, v128). */
  simd: boolean;
  /** Threads: shared memories, atomics (0xFE prefix). */
  threads: boolean;
  /** Tail calls (return_call, return_call_indirect). */
  tailCall: boolean;
  /** Exception handling (try/catch/throw…, tag section). */
  exceptionHandling: boolean;
  /** More than one memory, memory indices in memory instructions. */
  multiMemory: boolean;
  /** 64-bit memories. */
  memory64: boolean;
  /** Extended constant expressions (i32/i64 add, sub, mul). */
  extendedConst: boolean;
}

/** A feature name as reported in errors: a `WasmFeatures` key, or a proposal swx never accepts. */
export type FeatureName = keyof WasmFeatures | 'functionReferences' | 'gc';

/** What a Substrate node accepts (see the module comment for the sources). */
export const DEFAULT_WASM_FEATURES: Readonly<WasmFeatures> = Object.freeze({
  signExtension: false,
  saturatingFloatToInt: false,
  multiValue: false,
  bulkMemory: false,
  referenceTypes: false,
  simd: false,
  threads: false,
  tailCall: false,
  exceptionHandling: false,
  multiMemory: false,
  memory64: false,
  extendedConst: true,
});

/** Human-readable proposal names used in error messages. */
export const FEATURE_TITLES: Readonly<Record<FeatureName, string>> = Object.freeze({
  signExtension: 'sign-extension operators',
  saturatingFloatToInt: 'non-trapping float-to-int conversions',
  multiValue: 'multi-value',
  bulkMemory: 'bulk memory operations',
  referenceTypes: 'reference types',
  simd: 'SIMD',
  threads: 'threads',
  tailCall: 'tail calls',
  exceptionHandling: 'exception handling',
  multiMemory: 'multiple memories',
  memory64: '64-bit memory',
  extendedConst: 'extended constant expressions',
  functionReferences: 'typed function references',
  gc: 'garbage collection',
});

/** Is `feature` enabled in `features`? (`functionReferences` and `gc` never are.) */
export function featureEnabled(features: WasmFeatures, feature: FeatureName): boolean {
  return feature !== 'functionReferences' && feature !== 'gc' && features[feature];
}
