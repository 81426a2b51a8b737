/**
 * rpc — live chains: the state of a running chain, read over JSON-RPC.
 *
 *   RpcClient (client.ts)          JSON-RPC over WebSocket (`ws`, pipelined) or HTTP (batch arrays),
 *                                  retries with backoff, typed failures, request/byte counters
 *   RpcStateBackend (state-backend.ts)
 *                                  an AsyncStorageBackend at one block: batched reads, key pages,
 *                                  whole-state enumeration, access patterns prefetched, read proofs
 *   StateCache (cache.ts, lmdb-cache.ts)
 *                                  immutable facts (values, key links, headers, trie nodes, patterns)
 *                                  in memory or in LMDB under $SWX_CACHE_DIR / ~/.cache/swx
 *   chain.ts                       block hashes, headers and blocks, checked against their hash
 *
 * A runtime reads such a state from a worker (executor/isolated.ts), which
 * blocks on each read while the main thread fetches:
 *
 *   const state = await RpcStateBackend.connect('ws://127.0.0.1:9944', { at: 1234 });
 *   const rt = await IsolatedRuntime.create((await state.get(CODE_KEY))!);
 *   const res = await state.traced(codeHash, 'Core_version', () => rt.call('Core_version', input, { state }));
 *   state.stats;            // { requests, messages, bytesSent, bytesReceived, retries, connections, methods }
 *   await state.close();
 *
 * Failures: RPC_FAILED (unreachable past the retry bound), RPC_BAD_RESPONSE
 * (garbage or an answer about another block), RPC_SERVER_ERROR (a JSON-RPC
 * error object), RPC_UNKNOWN_BLOCK, CACHE_FAILED. Nothing is cached before it
 * is checked.
 */
export { RpcClient, describeRequest, type RpcClientOpts, type RpcStats } from './client.js';
export { RpcStateBackend, MAX_KEYS_PAGE, type RpcStateOpts, type EnumerationProgress } from './state-backend.js';
export { MemoryStateCache, type StateCache, type Lookup, type TrieRef } from './cache.js';
export { LmdbStateCache, defaultCacheDir } from './lmdb-cache.js';
export { resolveBlock, fetchHeader, fetchBlock, headerFromJson, type RemoteBlock, type BlockRef, type HeaderCheck } from './chain.js';
