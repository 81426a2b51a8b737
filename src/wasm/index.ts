/**
 * wasm — read, check and rewrite WebAssembly modules the way Substrate's
 * executor prepares a runtime, without any general-purpose optimizer in between.
 *
 * ```
 *  bytes ─decodeModule─► WasmModule ─validateFeatures(m, DEFAULT_WASM_FEATURES)─► ok | WASM_UNSUPPORTED_FEATURE
 *                             │
 *                             ├─ injectStackLimiter(m, limit)      PVF only (deterministic_stack_limit), first
 *                             ├─ convertMemoryImportToExport(m)    always
 *                             ├─ setupMemory(m, heapStrategy)      always
 *                             ├─ exposeMutableGlobals(m)           if instances are reused (2022 pass)
 *                             ├─ foldConstExpressions(m)           so V8 accepts extended-const
 *                             └─ canonicalizeNans(m)               PVF only, last (adds locals)
 *                             ▼
 *                        encodeModule(m) ─► bytes for `new WebAssembly.Module`
 * ```
 *
 * Binary format (spec §5.5): `\0asm`, version 1, then sections `id:u8 size:u32
 * payload`. Standard sections appear at most once, in order; custom sections
 * (id 0) anywhere. The decoder keeps function bodies as raw bytes (walked on
 * demand with `InstructionReader`), and `encodeModule` copies every section the
 * transforms did not touch byte for byte, so `encodeModule(decodeModule(b))`
 * is `b`. Transforms mutate the module they are given.
 *
 * Accepted proposals (`DEFAULT_WASM_FEATURES`): MVP + mutable globals +
 * extended-const, nothing else — sign-extension included is *rejected*.
 * Sources (details in `features.ts`): polkadot-sdk `runtime_blob.rs` parses
 * every blob with parity-wasm 0.45 through wasm-instrument 0.4, whose only
 * proposal feature (`sign_ext`) nothing in polkadot-sdk enables (root and
 * `substrate/client/executor/common/Cargo.toml`); issue polkadot-sdk#15 (open)
 * and #1755 (`UnknownOpcode(192)`) confirm sign-ext runtimes are refused.
 * wasmtime (`substrate/client/executor/wasmtime/src/runtime.rs`) is configured
 * with reference types, SIMD, bulk memory, multi-value off (`Semantics`, false
 * at every call site) and multi-memory, threads, memory64 off; it keeps its
 * default extended-const, which parity-wasm lets through in constant
 * expressions.
 *
 * Upstream quirks kept on purpose: stack costs start at 2 and keep the `else`
 * quirk; the stack-height global index ignores imported globals; after the
 * stack limiter, custom sections move to the end in reverse order (parity-wasm
 * module builder); mutable globals are exported as `exported_internal_global_<k>`
 * with k counting mutable globals only (wasm-instrument `export_mutable_globals`).
 */
export type {
  ConstExpr,
  ConstInstr,
  CustomSection,
  DataSegment,
  ElementSegment,
  Export,
  ExportKind,
  FuncType,
  FunctionBody,
  Global,
  Import,
  ImportDesc,
  Limits,
  ModuleSource,
  RawCustom,
  RawSection,
  RefType,
  SectionSlot,
  TableType,
  ValType,
  WasmModule,
} from './types.js';
export { decodeModule, WASM_MAGIC, WASM_VERSION } from './decode.js';
export { encodeModule, resolveSectionOrder } from './encode.js';
export {
  customSection,
  emptyModule,
  findExport,
  functionTypeIndices,
  funcType,
  hasSection,
  importCount,
  insertSection,
  SECTION_ORDER,
} from './module.js';
export { SectionId } from './sections-decode.js';
export { constExprI32, constInstrs, evalConstExpr } from './const-expr.js';
export type { DecodedFunctionBody, DecodedInstruction, DecodedLocals, LocalGroup } from './instructions.js';
export { decodeFunctionBody, decodeInstructions, decodeLocals, InstructionReader, opcodeLabel } from './instructions.js';
export type { InstrArg, InstrSpec } from './encode-instr.js';
export { code, encodeFunctionBody, funcBody, instr } from './encode-instr.js';
export type { FeatureName, WasmFeatures } from './features.js';
export { DEFAULT_WASM_FEATURES, FEATURE_TITLES, featureEnabled } from './features.js';
export { validateBody, validateFeatures } from './validate.js';
export type { HeapAllocStrategy } from './memory-transforms.js';
export { convertMemoryImportToExport, setupMemory } from './memory-transforms.js';
export { EXPORTED_GLOBAL_PREFIX, exposeMutableGlobals } from './globals-transform.js';
export { ACTIVATION_FRAME_COST, computeStackCosts } from './stack-height.js';
export { injectStackLimiter } from './stack-limiter.js';
export { canonicalizeNans, CANONICAL_NAN_F32, CANONICAL_NAN_F64 } from './nan-canonicalization.js';
export { foldConstExpressions } from './const-fold.js';
export type { FuncOpts } from './builder.js';
export { ModuleBuilder } from './builder.js';
export { WasmReader } from './reader.js';
export { WasmWriter } from './writer.js';
