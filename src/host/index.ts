/**
 * host — the Polkadot host API: every function a runtime can import from
 * `env`, keyed by exact import name (`ext_<namespace>_<fn>_version_<n>`).
 *
 *   runtime ──call env.ext_storage_get_version_1(key: i64 fat ptr)──► host
 *   host    reads [ptr, ptr+len) from the instance memory, asks Externalities,
 *           SCALE-encodes Option<Vec<u8>>, allocates it with the runtime's
 *           freeing-bump allocator and returns (len << 32) | ptr as i64
 *
 * ABI (sp-runtime-interface): u8/u16/u32/bool → i32; u64 → i64; byte strings
 * and SCALE values → an i64 "fat pointer" (ptr low 32 bits, len high 32);
 * fixed-size arrays → an i32 pointer; results the host creates are allocated
 * (exactly one allocation each, even when empty) and returned by pointer.
 *
 * One file per namespace: storage, child-storage, trie, crypto/, hashing,
 * allocator, logging, misc, panic-handler, offchain, offchain-index,
 * transaction-index, wasm-tracing; `registry.ts` gathers them. Each file
 * spells every import name out literally and reads its arguments through
 * `abi.ts` (one decoder per argument strategy, one HOST_BAD_ARGUMENT shape
 * naming the function and parameter). A host function fails by throwing a
 * SwxError, which traps the call.
 */
export type { HostFunction, HostContext, HostImpl, HeapAccess, ValType, LogLevel, LogEntry, CallEffects } from './types.js';
export { hostFn } from './types.js';
export { HostMemory, packFat, unpackFat } from './memory.js';
export { HostRegistry, createHostRegistry, substrateHostFunctions } from './registry.js';
export type { Keystore, KeyScheme, KeySeed, KeyTypeIdLike } from './keystore.js';
export { InMemoryKeystore, keyTypeId, KEY_TYPE_ID_LEN } from './keystore.js';
export type { OffchainEnv, OffchainHttp, OffchainNetworkState, StorageKind, HttpError, HttpRequestStatus, InMemoryOffchainEnvOpts } from './offchain-env.js';
export { InMemoryOffchainEnv, seededRandom, DEFAULT_PEER_ID } from './offchain-env.js';
