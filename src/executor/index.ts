/**
 * executor — from a runtime blob to call results (sc-executor's counterpart).
 *
 *   loadRuntimeCode(bytes)            decompress, decode, validate, read version sections
 *   createRuntime(code, semantics)    transforms per semantics, compile (V8), resolve host imports,
 *                                     version (sections, else `Core_version`)
 *   runtime.call(method, input, opts) per instantiation strategy (strategies.ts): allocate input with the
 *                                     freeing-bump allocator, call `(ptr, len) -> i64`,
 *                                     copy the output, collect storage changes and effects
 *
 * Every caller — `Runtime` (this thread), `IsolatedRuntime` (a worker),
 * `RuntimePool` (N workers) — meets one `RuntimeCaller` contract (caller.ts):
 * the worker runs the same `Runtime.call`, and the state a call sees is
 * prepared in one place (call-state.ts). Hashers and the zstd decompressor
 * are one `Services` object owned by the `RuntimeCode` (services.ts).
 *
 * Errors are SwxErrors: preparation errors (bad blob, missing imports) before
 * any call; call errors (trap, panic, host-function failure) carry `method`
 * and, when a host function failed, `hostFunction`.
 */
export type { RuntimeCaller, CallOpts, CallResult } from './caller.js';
export { DEFAULT_MAX_LOG_LEVEL } from './caller.js';
export { createRuntime, runtimeFromPrepared, Runtime, callError } from './runtime.js';
export type { LocalCallResult } from './runtime.js';
export { createServices } from './services.js';
export type { Services } from './services.js';
export { loadRuntimeCode, loadRuntimeCodeSync, embeddedVersionOf } from './runtime-code.js';
export type { RuntimeCode, LoadOpts } from './runtime-code.js';
export { resolveSemantics, DEFAULT_HEAP_ALLOC_PAGES } from './semantics.js';
export type { Semantics, SemanticsOpts, HeapAllocStrategy, InstantiationStrategy } from './semantics.js';
export { INSTANTIATION_STRATEGIES, STRATEGY_NAMES, DEFAULT_INSTANTIATION_STRATEGY, parseStrategy, strategySpec, snapshotDataSegments } from './strategies.js';
export type { StrategySpec, DataSegmentSnapshot } from './strategies.js';
export { heapPagesOf, heapStrategyFor, stateVersionOfRuntime, withMissingChildRoots } from './call-state.js';
export { prepareModule } from './prepare.js';
export type { PreparedModule } from './prepare.js';
export { resolveImports, buildImportObject, HOST_MODULE } from './imports.js';
export type { ImportPlan, ImportBinding } from './imports.js';
export { RuntimeInstance, HEAP_BASE_EXPORT, MEMORY_EXPORT } from './instance.js';
export { InstanceContext } from './context.js';
export { executeBlock, runtimeFromState } from './block.js';
export type { BlockInput, ExecuteBlockResult, StateRuntimeOpts } from './block.js';
export { genesisInfo } from './genesis.js';
export type { GenesisInfo } from './genesis.js';
export { prepareArtifact, createRuntimeFromArtifact, ARTIFACT_FORMAT } from './artifact.js';
export { serializeArtifact } from './artifact.js';
export { createRuntimeCached, artifactCacheDir, artifactKey, artifactEntryPath, readArtifactEntry, writeArtifactEntry } from './artifact-cache.js';
export type { CachedRuntimeOpts, CacheOutcome, CachePhase } from './artifact-cache.js';
export { IsolatedRuntime } from './isolated.js';
export type { IsolatedRuntimeOpts } from './isolated.js';
export { RuntimePool } from './pool.js';
export type { RuntimePoolOpts } from './pool.js';
