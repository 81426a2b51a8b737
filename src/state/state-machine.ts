/**
 * `StateMachine`: the Externalities of runtime calls over a backend plus an
 * overlay (sp-state-machine `Ext`). Reads see the overlay first, then the
 * backend; writes only touch the overlay. Lifecycle:
 *
 *   const sm = new StateMachine(backend, { hash: hashers.blake2_256 });
 *   sm.enterRuntime(); …runtime call using sm…; sm.exitRuntime();   // per call, same overlay
 *   sm.diff()                 // what the calls changed
 *   sm.toBackend(version)     // backend ⊕ changes, for the next block
 *
 * Upstream behaviours kept on purpose:
 * - `set`/`clear` of a top key starting with `:child_storage:` are ignored
 *   (`place_storage` refuses them); `append` is not checked.
 * - `clearPrefix` with a prefix that starts with, or is a prefix of,
 *   `:child_storage:` (the empty prefix included) does nothing and reports zeros.
 * - Bounded removal (`limit_remove_from_backend`): every overlay key under the
 *   prefix is deleted regardless of the limit; then backend keys from the
 *   cursor on are visited, each visit a loop; a key already deleted in the
 *   overlay is visited but not counted as a backend deletion; on reaching the
 *   limit the next backend key becomes the cursor.
 * - `childRoot` writes the child root into the top overlay; after a
 *   `storageRoot` with no write since, it reads that key instead of
 *   recomputing (upstream's `storage_transaction_cache` path), and a top root
 *   still valid is returned as cached whatever version is asked.
 */
import { SwxError } from '../base/errors.js';
import type { TrieHasher } from '../trie/index.js';
import { appendItem } from './append.js';
import type { OverlayValue } from './changeset.js';
import { applyChildChanges, toInMemory, type KeyChange, type StorageDiff } from './diff.js';
import type { Externalities, RemovalResult, StateVersion } from './externalities.js';
import { InMemoryBackend, type StorageBackend } from './backend.js';
import { isChildStorageKey, keyBytes, keyStr, prefixedChildKey, startsWithChildStorageKey, type KeyStr } from './keys.js';
import { ByteMeter, resolveCallLimits, type CallLimits } from './limits.js';
import { OverlayedChanges } from './overlay.js';
import { RootCalculator } from './roots.js';

/** Options of a state machine. */
export interface StateMachineOpts {
  /** The trie hasher (Substrate state: blake2_256). */
  hash: TrieHasher;
  /**
   * Memory caps (default DEFAULT_CALL_LIMITS). The machine enforces `maxOverlayBytes` over
   * everything its overlay holds, across all calls made on it; the other caps are the
   * executor's, resolved here so one object travels with the storage.
   */
  limits?: Partial<CallLimits>;
}

/** Length of a storage root (H256). */
const ROOT_LENGTH = 32;

/** The result of a refused removal. */
function nothingRemoved(): RemovalResult {
  return { cursor: undefined, backend: 0, unique: 0, loops: 0 };
}

function checkVersion(version: StateVersion): void {
  if (version !== 0 && version !== 1) throw new SwxError('INVALID_INPUT', `state version must be 0 or 1, got ${String(version)}`);
}

/** The key string of optional bytes. */
function strOf(bytes: Uint8Array | undefined): KeyStr | undefined {
  return bytes === undefined ? undefined : keyStr(bytes);
}

function changes(entries: Iterable<[KeyStr, OverlayValue]>): KeyChange[] {
  const out: KeyChange[] = [];
  for (const [k, v] of entries) out.push([keyBytes(k), v]);
  return out;
}

/** Externalities over a backend and an overlay of nested transactions. */
export class StateMachine implements Externalities {
  /** The pending changes. */
  readonly overlay: OverlayedChanges;
  /** The memory caps in force (resolved from `opts.limits`). */
  readonly limits: CallLimits;
  /** What the overlay holds, against `limits.maxOverlayBytes`. */
  readonly overlayMeter: ByteMeter;
  private readonly roots: RootCalculator;
  private cachedRoot: Uint8Array | undefined = undefined;
  /** The backend when it is in memory: read by key string, skipping byte conversions. */
  private readonly mem: InMemoryBackend | undefined;

  constructor(
    /** The state the calls start from (never modified). */
    readonly backend: StorageBackend,
    private readonly opts: StateMachineOpts,
  ) {
    this.limits = resolveCallLimits(opts.limits);
    this.overlayMeter = new ByteMeter(this.limits.maxOverlayBytes, 'overlay');
    this.overlay = new OverlayedChanges(this.overlayMeter);
    this.roots = new RootCalculator(backend, opts.hash);
    this.mem = backend instanceof InMemoryBackend ? backend : undefined;
  }

  // ---- calls -------------------------------------------------------------

  /** Before a runtime call (protects transactions opened by the caller). */
  enterRuntime(): void {
    this.overlay.enterRuntime();
  }

  /** After a runtime call: rolls back the transactions it left open; returns how many. */
  exitRuntime(): number {
    return this.overlay.exitRuntime();
  }

  // ---- top trie ----------------------------------------------------------

  get(key: Uint8Array): Uint8Array | undefined {
    const k = keyStr(key);
    const o = this.overlay.top.get(k);
    if (o !== undefined) return o ?? undefined;
    return this.mem !== undefined ? this.mem.top.get(k) : this.backend.get(key);
  }

  exists(key: Uint8Array): boolean {
    return this.get(key) !== undefined;
  }

  set(key: Uint8Array, value: Uint8Array): void {
    const k = keyStr(key);
    if (isChildStorageKey(k)) return;
    this.overlay.setStorage(k, value.slice());
  }

  clear(key: Uint8Array): void {
    const k = keyStr(key);
    if (isChildStorageKey(k)) return;
    this.overlay.setStorage(k, null);
  }

  nextKey(key: Uint8Array): Uint8Array | undefined {
    const k = keyStr(key);
    const mem = this.mem;
    const backendNext =
      mem !== undefined ? (x: KeyStr) => mem.top.nextKey(x) : (x: KeyStr) => strOf(this.backend.nextKey(keyBytes(x)));
    return this.mergedNext(k, this.overlay.top.keysAfter(k), (o) => this.overlay.top.get(o)!, backendNext);
  }

  clearPrefix(prefix: Uint8Array, limit: number | undefined, cursor: Uint8Array | undefined): RemovalResult {
    const p = keyStr(prefix);
    if (startsWithChildStorageKey(p)) return nothingRemoved();
    const fromOverlay = this.overlay.clearPrefix(p);
    return this.removeFromBackend(undefined, prefix, limit, cursor, fromOverlay);
  }

  append(key: Uint8Array, item: Uint8Array): void {
    const k = keyStr(key);
    const o = this.overlay.top.get(k);
    const current = o === undefined ? this.backend.get(key) : (o ?? undefined);
    this.overlay.setStorage(k, appendItem(current, item));
  }

  storageRoot(version: StateVersion): Uint8Array {
    checkVersion(version);
    if (this.overlay.rootValid && this.cachedRoot !== undefined) return this.cachedRoot;
    const root = this.roots.topRoot(this.overlay, version);
    this.cachedRoot = root;
    this.overlay.rootValid = true;
    return root;
  }

  // ---- child tries -------------------------------------------------------

  childGet(storageKey: Uint8Array, key: Uint8Array): Uint8Array | undefined {
    const sk = keyStr(storageKey);
    const k = keyStr(key);
    const o = this.overlay.children.get(sk)?.get(k);
    if (o !== undefined) return o ?? undefined;
    return this.mem !== undefined ? this.mem.children.get(sk)?.get(k) : this.backend.childGet(storageKey, key);
  }

  childExists(storageKey: Uint8Array, key: Uint8Array): boolean {
    return this.childGet(storageKey, key) !== undefined;
  }

  childSet(storageKey: Uint8Array, key: Uint8Array, value: Uint8Array): void {
    this.overlay.setChildStorage(keyStr(storageKey), keyStr(key), value.slice());
  }

  childClear(storageKey: Uint8Array, key: Uint8Array): void {
    this.overlay.setChildStorage(keyStr(storageKey), keyStr(key), null);
  }

  childNextKey(storageKey: Uint8Array, key: Uint8Array): Uint8Array | undefined {
    const k = keyStr(key);
    const sk = keyStr(storageKey);
    const changes = this.overlay.children.get(sk);
    const after = changes === undefined ? [][Symbol.iterator]() : changes.keysAfter(k);
    const store = this.mem?.children.get(sk);
    const backendNext =
      this.mem !== undefined
        ? (x: KeyStr) => store?.nextKey(x)
        : (x: KeyStr) => strOf(this.backend.childNextKey(storageKey, keyBytes(x)));
    return this.mergedNext(k, after, (o) => changes!.get(o)!, backendNext);
  }

  childKill(storageKey: Uint8Array, limit: number | undefined, cursor: Uint8Array | undefined): RemovalResult {
    const fromOverlay = this.overlay.clearChildStorage(keyStr(storageKey));
    return this.removeFromBackend(storageKey, new Uint8Array(0), limit, cursor, fromOverlay);
  }

  childClearPrefix(storageKey: Uint8Array, prefix: Uint8Array, limit: number | undefined, cursor: Uint8Array | undefined): RemovalResult {
    const fromOverlay = this.overlay.clearChildPrefix(keyStr(storageKey), keyStr(prefix));
    return this.removeFromBackend(storageKey, prefix, limit, cursor, fromOverlay);
  }

  childRoot(storageKey: Uint8Array, version: StateVersion): Uint8Array {
    checkVersion(version);
    const sk = keyStr(storageKey);
    const pk = prefixedChildKey(sk);
    if (this.overlay.rootValid) {
      const o = this.overlay.top.get(pk);
      return this.decodeRoot(o !== undefined ? o : this.backend.get(keyBytes(pk)));
    }
    const changes = this.overlay.children.get(sk);
    if (changes === undefined) return this.decodeRoot(this.backend.get(keyBytes(pk)));
    const { root, empty } = this.roots.childRoot(storageKey, changes.entries(), version);
    this.overlay.setStorage(pk, empty ? null : root);
    return root;
  }

  // ---- transactions and offchain index ------------------------------------

  startTransaction(): void {
    this.overlay.startTransaction();
  }

  commitTransaction(): void {
    this.overlay.commitTransaction();
  }

  rollbackTransaction(): void {
    this.overlay.rollbackTransaction();
  }

  offchainIndexSet(key: Uint8Array, value: Uint8Array): void {
    this.overlay.offchain.set(keyStr(key), value.slice());
  }

  offchainIndexClear(key: Uint8Array): void {
    this.overlay.offchain.set(keyStr(key), null);
  }

  // ---- results -----------------------------------------------------------

  /** The changes as seen by the current transaction (values shared: do not mutate). */
  diff(): StorageDiff {
    const children = [...this.overlay.children.keys()].sort().map((sk) => [keyBytes(sk), changes(this.overlay.children.get(sk)!.entries())] as const);
    return {
      top: changes(this.overlay.top.entries()),
      children,
      offchainIndex: changes(this.overlay.offchain.entries()),
    };
  }

  /**
   * A new in-memory backend holding backend ⊕ changes, with the changed child
   * roots (layout `version`) in the top trie; the backend also receives this
   * machine's root cache, so its next storage root costs only its own changes.
   * Throws if transactions are still open.
   */
  toBackend(version: StateVersion): InMemoryBackend {
    checkVersion(version);
    if (this.overlay.depth !== 0) throw new SwxError('INVALID_INPUT', `cannot build a backend with ${this.overlay.depth} storage transaction(s) open`);
    const base = toInMemory(this.backend);
    const { stores, rootWrites } = applyChildChanges(
      base,
      [...this.overlay.children].map(([sk, c]) => [sk, [...c.entries()]] as const),
      version,
      this.opts.hash,
    );
    const delta = new Map<KeyStr, OverlayValue>(this.overlay.top.entries());
    for (const [k, v] of rootWrites) delta.set(k, v);
    const next = new InMemoryBackend(base.top.apply(delta), stores);
    next.adoptRootCache(version, this.roots.releaseCache(this.overlay, version));
    return next;
  }

  // ---- internals ---------------------------------------------------------

  /** A stored child root as upstream decodes it (H256 from the first 32 bytes), else the empty root. */
  private decodeRoot(v: OverlayValue | undefined): Uint8Array {
    if (v === undefined || v === null || v.length < ROOT_LENGTH) return this.roots.emptyRoot;
    return v.slice(0, ROOT_LENGTH);
  }

  /** sp-state-machine `next_storage_key`: merges the overlay keys after `k` with the backend's next keys. */
  private mergedNext(
    k: KeyStr,
    overlayAfter: Iterator<KeyStr>,
    overlayValue: (o: KeyStr) => OverlayValue,
    backendNext: (x: KeyStr) => KeyStr | undefined,
  ): Uint8Array | undefined {
    let nb = backendNext(k);
    for (let it = overlayAfter.next(); !it.done; it = overlayAfter.next()) {
      const o = it.value;
      if (nb !== undefined && nb < o) return keyBytes(nb);
      if (overlayValue(o) !== null) return keyBytes(o);
      if (nb === o) nb = backendNext(o);
    }
    return nb === undefined ? undefined : keyBytes(nb);
  }

  /** sp-state-machine `limit_remove_from_backend`, then the result with `fromOverlay` added to `unique`. */
  private removeFromBackend(
    storageKey: Uint8Array | undefined,
    prefix: Uint8Array,
    limit: number | undefined,
    startAt: Uint8Array | undefined,
    fromOverlay: number,
  ): RemovalResult {
    const sk = storageKey === undefined ? undefined : keyStr(storageKey);
    const keys = storageKey === undefined ? this.backend.keys(prefix, startAt) : this.backend.childKeys(storageKey, prefix, startAt);
    let deleted = 0;
    let loops = 0;
    let cursor: Uint8Array | undefined = undefined;
    for (const key of keys) {
      if (limit !== undefined && loops === limit) {
        cursor = key;
        break;
      }
      const k = keyStr(key);
      const o = sk === undefined ? this.overlay.top.get(k) : this.overlay.children.get(sk)?.get(k);
      if (o !== null) {
        if (sk === undefined) this.overlay.setStorage(k, null);
        else this.overlay.setChildStorage(sk, k, null);
        deleted++;
      }
      loops++;
    }
    return { cursor, backend: deleted, unique: (fromOverlay + deleted) >>> 0, loops };
  }
}
