/**
 * executor — from a runtime blob to call results (sc-executor's counterpart).
 *
 *   loadRuntimeCode(bytes)            decompress, decode, validate, read version sections
 *   createRuntime(code, semantics)    transforms per semantics, compile (V8), resolve host imports,
 *                                     version (sections, else `Core_version`)
 *   runtime.call(method, input, opts) per instantiation strategy: allocate input with the
 *                                     freeing-bump allocator, call `(ptr, len) -> i64`,
 *                                     copy the output, collect storage changes and effects
 *
 * Errors are SwxErrors: preparation errors (bad blob, missing imports) before
 * any call; call errors (trap, panic, host-function failure) carry `method`
 * and, when a host function failed, `hostFunction`.
 */
export { createRuntime, Runtime, callError, DEFAULT_MAX_LOG_LEVEL } from './runtime.js';
export type { CallOpts, CallResult, CreateRuntimeOpts } from './runtime.js';
export { loadRuntimeCode, loadRuntimeCodeSync, embeddedVersionOf } from './runtime-code.js';
export type { RuntimeCode, LoadOpts } from './runtime-code.js';
export { resolveSemantics, DEFAULT_HEAP_ALLOC_PAGES } from './semantics.js';
export type { Semantics, SemanticsOpts, HeapAllocStrategy, InstantiationStrategy } from './semantics.js';
export { prepareModule, snapshotDataSegments, WASM_PAGE_SIZE } from './prepare.js';
export type { PreparedModule, DataSegmentSnapshot } from './prepare.js';
export { resolveImports, buildImportObject, HOST_MODULE } from './imports.js';
export type { ImportPlan, ImportBinding } from './imports.js';
export { RuntimeInstance, HEAP_BASE_EXPORT, MEMORY_EXPORT } from './instance.js';
export { InstanceContext } from './context.js';
export {
  executeBlock,
  genesisInfo,
  callWithState,
  parseBlockJson,
  backendFromStorageJson,
  heapPagesOf,
  runtimeFromState,
  runtimeStateVersion,
  stateForRuntime,
} from './block.js';
export type { BlockInput, ExecuteBlockResult, GenesisInfo, ExecTools } from './block.js';
export { prepareArtifact, createRuntimeFromArtifact, serializeArtifact, ARTIFACT_FORMAT } from './artifact.js';
export { createRuntimeCached, artifactCacheDir, artifactKey, artifactEntryPath, readArtifactEntry, writeArtifactEntry } from './artifact-cache.js';
export type { CachedRuntimeOpts, CacheOutcome, CachePhase } from './artifact-cache.js';
export { IsolatedRuntime } from './isolated.js';
export type { IsolatedRuntimeOpts, IsolatedCallResult } from './isolated.js';
export { RuntimePool } from './pool.js';
export type { RuntimePoolOpts } from './pool.js';
