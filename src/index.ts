/**
 * swx — run Substrate/Polkadot runtimes on V8 with Substrate's exact semantics.
 *
 *   bytes ──► loadRuntimeCode ──► createRuntime ──► runtime.call(method, input, {state})
 *             decompress,          transforms,        allocator-exact call ABI, host API,
 *             validate, version    compile, imports   storage changes and effects
 *
 * The public API: the executor, the state (backends, chain specs, genesis),
 * the runtime-version codec, keystore and offchain environments, and errors.
 */
export {
  createRuntime,
  loadRuntimeCode,
  loadRuntimeCodeSync,
  Runtime,
  resolveSemantics,
  executeBlock,
  genesisInfo,
  heapPagesOf,
  runtimeFromState,
  createServices,
  DEFAULT_HEAP_ALLOC_PAGES,
  INSTANTIATION_STRATEGIES,
  STRATEGY_NAMES,
} from './executor/index.js';
export type {
  CallOpts,
  CallResult,
  LocalCallResult,
  RuntimeCaller,
  Services,
  StateRuntimeOpts,
  RuntimeCode,
  Semantics,
  SemanticsOpts,
  HeapAllocStrategy,
  InstantiationStrategy,
  BlockInput,
  ExecuteBlockResult,
  GenesisInfo,
} from './executor/index.js';
export {
  InMemoryBackend,
  StateMachine,
  backendFromChainSpec,
  backendFromStorageDump,
  CODE_KEY,
  HEAP_PAGES_KEY,
  genesisStateRoot,
  genesisHash,
  encodeBlock,
  decodeHeader,
  encodeHeader,
} from './state/index.js';
export type { StorageBackend, Externalities, StateVersion, StorageDiff, KeyChange, Header } from './state/index.js';
export {
  decodeRuntimeVersion,
  encodeRuntimeVersion,
  runtimeVersionToJson,
  createDecompressor,
  compress,
  CODE_BLOB_BOMB_LIMIT,
} from './blob/index.js';
export type { RuntimeVersion, Decompressor } from './blob/index.js';
export { trieRoot, orderedTrieRoot } from './trie/index.js';
export { createHashers } from './base/hashing.js';
export type { Hashers } from './base/hashing.js';
export { SwxError, InternalError, isSwxError } from './base/errors.js';
export type { SwxErrorCode, SwxErrorContext } from './base/errors.js';
export { toHex, fromHex } from './base/bytes.js';
export type { Keystore, KeyScheme, KeySeed, OffchainEnv, HostFunction, HostContext, LogEntry } from './host/index.js';
export { InMemoryKeystore, InMemoryOffchainEnv, keyTypeId, hostFn, substrateHostFunctions } from './host/index.js';
export { IsolatedRuntime, RuntimePool, prepareArtifact, createRuntimeFromArtifact } from './executor/index.js';
export type { IsolatedRuntimeOpts, RuntimePoolOpts } from './executor/index.js';
export { createRuntimeCached, artifactCacheDir } from './executor/index.js';
export type { CachedRuntimeOpts, CacheOutcome } from './executor/index.js';
export { isAsyncBackend, DEFAULT_CALL_LIMITS } from './state/index.js';
export type { CallLimits } from './state/index.js';
export { RpcStateBackend, RpcClient, LmdbStateCache, MemoryStateCache, defaultCacheDir } from './rpc/index.js';
export type { RpcStateOpts, RpcClientOpts, RpcStats } from './rpc/index.js';
export type { AsyncStorageBackend } from './state/index.js';
