/**
 * state — what a runtime call reads and writes (sp-state-machine).
 *
 *   backend (read-only)        overlay (this call's writes)          result
 *   ───────────────────        ─────────────────────────────         ──────────────────────
 *   InMemoryBackend      ◄──── StateMachine (Externalities) ────►    diff(): sorted changes
 *   from a chain spec,         top / child tries / offchain index    toBackend(v): next state
 *   a block's parent state     nested transactions                   storageRoot(v)
 *
 * Reads look in the overlay first (a key written there, even deleted, hides
 * the backend), then in the backend. Writes go to the overlay only, in the
 * innermost open transaction; rollback discards a transaction's writes,
 * commit folds them into the enclosing one. Transactions the runtime leaves
 * open are rolled back when its call ends (`exitRuntime`).
 *
 * Child tries ("default child storage") live apart from the top trie; the
 * top trie holds each one's root under `:child_storage:default:` ++ its
 * storage key, deleted when the child trie is empty. A storage root first
 * computes the roots of the child tries the overlay touched, writes them in
 * the top delta, then computes the top root (layout V0: values inline; V1:
 * values of ≥ 33 bytes hashed).
 *
 * The storage diff is every key written during the call with its final value
 * (null = cleared), as Substrate's overlay records it: rewrites of the same
 * value and clears of absent keys included, rolled-back writes excluded.
 *
 * Caveat: value backends (in memory, dumps) hold values, not trie nodes, so
 * roots are computed with one layout for all values. A node's state migrated
 * from V0 to V1 keeps old values in V0 encoding until rewritten ("hybrid"
 * state); only `ProofBackend` (a state held as trie nodes, roots through the
 * backend's `rootAfter` hook instead of enumerating it) models that.
 */
export type { Externalities, RemovalResult, StateVersion } from './externalities.js';
export type { StorageBackend } from './backend.js';
export { InMemoryBackend } from './backend.js';
export { SortedStore, type SortedEntries } from './sorted-store.js';
export { backendFromChainSpec, CODE_KEY, HEAP_PAGES_KEY } from './chain-spec.js';
export { backendFromStorageDump, isStorageDump } from './storage-dump.js';
export { OverlayedMap, type OverlayValue } from './changeset.js';
export { OverlayedChanges } from './overlay.js';
export { appendItem, decodeCompactU32Prefix, type CompactPrefix } from './append.js';
export { StateMachine, type StateMachineOpts } from './state-machine.js';
export { ByteMeter, DEFAULT_CALL_LIMITS, checkOutputSize, memoryLimitError, resolveCallLimits, type CallLimits, type LimitKind } from './limits.js';
export { applyDiff, toInMemory, type KeyChange, type StorageDiff } from './diff.js';
export { RootCalculator, mergeEntries, type ChildRoot } from './roots.js';
export { genesisStateRoot, genesisHeader, genesisHash, withChildRoots } from './genesis.js';
export {
  decodeHeader,
  encodeHeader,
  readHeader,
  withoutSeal,
  encodeBlock,
  type Header,
  type DigestItem,
} from './header.js';
export {
  keyStr,
  keyBytes,
  isChildStorageKey,
  startsWithChildStorageKey,
  prefixedChildKey,
  CHILD_STORAGE_KEY_PREFIX,
  DEFAULT_CHILD_STORAGE_KEY_PREFIX,
  type KeyStr,
} from './keys.js';
export { isAsyncBackend, type AsyncStorageBackend } from './async-backend.js';
export { ProofBackend, type ProofBackendOpts, type ProofFetcher } from './proof-backend.js';
