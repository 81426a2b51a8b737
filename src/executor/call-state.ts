/**
 * The state a call runs on, prepared in one place for every caller
 * (in-process, worker, pool), as a node prepares it:
 *
 *   1. child-trie roots: a raw chain spec lists child tries apart and its top
 *      trie lacks their roots (`:child_storage:default:<key>` → root); a node
 *      holds them, so they are added here, in the runtime's layout;
 *   2. heap pages: a node instantiates the runtime with the state's
 *      `:heappages` (sp-state-machine `RuntimeCode::heap_pages`, a u64 LE) as
 *      `HeapAllocStrategy::Static { extra_pages }`, else its default.
 */
import type { Hashers } from '../base/hashing.js';
import type { HeapAllocStrategy } from '../wasm/index.js';
import { stateVersion as stateVersionOf, type RuntimeVersion } from '../blob/index.js';
import { HEAP_PAGES_KEY, keyBytes, keyStr, prefixedChildKey, withChildRoots, type StateVersion, type StorageBackend } from '../state/index.js';
import type { Semantics } from './semantics.js';

/** The state version a runtime declares (V0 when it has no version). */
export function stateVersionOfRuntime(version: RuntimeVersion | undefined): StateVersion {
  return version !== undefined ? stateVersionOf(version) : 0;
}

/** The state with every non-empty child trie's root in its top trie (`state` itself when none is missing). */
export function withMissingChildRoots(state: StorageBackend, version: StateVersion, hashers: Pick<Hashers, 'blake2_256'>): StorageBackend {
  const missing = state.childStorageKeys().some((sk) => state.get(keyBytes(prefixedChildKey(keyStr(sk)))) === undefined);
  return missing ? withChildRoots(state, version, hashers.blake2_256) : state;
}

/**
 * `:heappages` of a state as a node reads it: a SCALE u64 (shorter values do
 * not decode and count as absent, trailing bytes are ignored), then cast to
 * u32 (sc-executor's `extra_pages: heap_pages as _`), so an oversized value
 * wraps rather than being ignored; too many pages then fail the call.
 */
export function heapPagesOf(state: Pick<StorageBackend, 'get'>): number | undefined {
  const v = state.get(HEAP_PAGES_KEY);
  if (v === undefined || v.length < 8) return undefined;
  return new DataView(v.buffer, v.byteOffset, 8).getUint32(0, true);
}

/** The heap strategy a call on `state` runs with under `semantics`. */
export function heapStrategyFor(semantics: Semantics, state: Pick<StorageBackend, 'get'> | undefined): HeapAllocStrategy {
  if (!semantics.heapFromState || state === undefined) return semantics.heapAllocStrategy;
  const pages = heapPagesOf(state);
  return pages !== undefined ? { kind: 'static', extraPages: pages } : semantics.heapAllocStrategy;
}

/** Whether two heap strategies are the same. */
export function sameHeapStrategy(a: HeapAllocStrategy, b: HeapAllocStrategy): boolean {
  if (a.kind === 'static') return b.kind === 'static' && a.extraPages === b.extraPages;
  return b.kind === 'dynamic' && a.maximumPages === b.maximumPages;
}
