/**
 * The overlay of one state machine (sp-state-machine `OverlayedChanges`):
 * the top-trie changeset, one changeset per touched default child trie and
 * the offchain-index changeset, all transacting in lockstep.
 *
 *   start()     every changeset opens a transaction (child changesets created
 *               later join at the current depth)
 *   rollback()  every changeset rolls back; child changesets left empty are dropped
 *   commit()    every changeset commits
 *
 * Client vs runtime transactions: `enterRuntime()` freezes the transactions
 * open at that point; the runtime can only close the ones it opened, and
 * `exitRuntime()` rolls back any it left open.
 *
 * `rootValid` mirrors upstream's `storage_transaction_cache`: set when a
 * storage root was computed, cleared by every write and by rollback (not by
 * start or commit). Child-root queries read it (see `state-machine.ts`).
 *
 * An optional meter counts what all changesets hold together (the overlay cap
 * of `limits.ts`): a write that would pass it throws RUNTIME_MEMORY_LIMIT.
 */
import { SwxError } from '../base/errors.js';
import { OverlayedMap, type OverlayValue } from './changeset.js';
import type { KeyStr } from './keys.js';
import type { ByteMeter } from './limits.js';

/** All pending changes of a state machine. */
export class OverlayedChanges {
  /** Top-trie changes. */
  readonly top: OverlayedMap;
  /** Child-trie changes by unprefixed storage key. */
  readonly children = new Map<KeyStr, OverlayedMap>();
  /** Offchain-index changes (`ext_offchain_index_set/clear`). */
  readonly offchain: OverlayedMap;
  /** A storage root computed since the last write is still valid (upstream `storage_transaction_cache`). */
  rootValid = false;
  private inRuntime = false;
  private clientTransactions = 0;
  /** Child changesets created or dropped (by a rollback) since `takeTouched`. */
  private touchedChildren = new Set<KeyStr>();

  /** An empty overlay; with `meter`, what it holds is counted against the meter's cap. */
  constructor(private readonly meter?: ByteMeter) {
    this.top = new OverlayedMap(0, meter);
    this.offchain = new OverlayedMap(0, meter);
  }

  /** Number of open transactions. */
  get depth(): number {
    return this.top.depth;
  }

  /** Invalidates the cached storage root (upstream `mark_dirty`). */
  markDirty(): void {
    this.rootValid = false;
  }

  /** The child changeset of `sk`, created at the current depth if absent. */
  childChanges(sk: KeyStr): OverlayedMap {
    let c = this.children.get(sk);
    if (c === undefined) {
      c = new OverlayedMap(this.top.depth, this.meter);
      this.children.set(sk, c);
      this.touchedChildren.add(sk);
    }
    return c;
  }

  /** Writes a top-trie value (null deletes). */
  setStorage(k: KeyStr, v: OverlayValue): void {
    this.markDirty();
    this.top.set(k, v);
  }

  /** Writes a child-trie value (null deletes). */
  setChildStorage(sk: KeyStr, k: KeyStr, v: OverlayValue): void {
    this.markDirty();
    this.childChanges(sk).set(k, v);
  }

  /** Deletes every overlay key of the child trie; returns how many held a value. */
  clearChildStorage(sk: KeyStr): number {
    this.markDirty();
    const c = this.childChanges(sk);
    return c.clearWhere(c.keys());
  }

  /** Deletes every overlay top key starting with `prefix`; returns how many held a value. */
  clearPrefix(prefix: KeyStr): number {
    this.markDirty();
    return this.top.clearWhere(this.top.keysWithPrefix(prefix));
  }

  /** Deletes every overlay key of the child trie starting with `prefix`; returns how many held a value. */
  clearChildPrefix(sk: KeyStr, prefix: KeyStr): number {
    this.markDirty();
    const c = this.childChanges(sk);
    return c.clearWhere(c.keysWithPrefix(prefix));
  }

  /**
   * What changed since the previous call (and forgets it): top keys written or
   * rolled back, and child tries whose changeset was created, written, rolled
   * back or dropped.
   */
  takeTouched(): { top: Set<KeyStr>; children: Set<KeyStr> } {
    const children = this.touchedChildren;
    this.touchedChildren = new Set();
    for (const [sk, c] of this.children) if (c.takeTouched().size > 0) children.add(sk);
    return { top: this.top.takeTouched(), children };
  }

  /** Opens a nested transaction. */
  startTransaction(): void {
    this.top.start();
    for (const c of this.children.values()) c.start();
    this.offchain.start();
  }

  private checkClosable(op: string): void {
    if (this.top.depth === 0 || (this.inRuntime && this.top.depth <= this.clientTransactions)) {
      throw new SwxError('STATE_NO_TRANSACTION', `no open storage transaction to ${op}`);
    }
  }

  /** Discards the innermost transaction; throws STATE_NO_TRANSACTION if none (that the runtime may close) is open. */
  rollbackTransaction(): void {
    this.checkClosable('roll back');
    this.markDirty();
    this.top.rollback();
    for (const [sk, c] of this.children) {
      c.rollback();
      if (c.size === 0) {
        this.children.delete(sk);
        this.touchedChildren.add(sk);
      }
    }
    this.offchain.rollback();
  }

  /** Commits the innermost transaction; throws STATE_NO_TRANSACTION if none (that the runtime may close) is open. */
  commitTransaction(): void {
    this.checkClosable('commit');
    this.top.commit();
    for (const c of this.children.values()) c.commit();
    this.offchain.commit();
  }

  /** Before a runtime call: protects the transactions open now from the runtime. */
  enterRuntime(): void {
    if (this.inRuntime) throw new SwxError('INVALID_INPUT', 'state machine is already executing a runtime call');
    this.inRuntime = true;
    this.clientTransactions = this.top.depth;
  }

  /** After a runtime call: rolls back the transactions the runtime left open; returns how many. */
  exitRuntime(): number {
    if (!this.inRuntime) throw new SwxError('INVALID_INPUT', 'state machine is not executing a runtime call');
    const dangling = this.top.depth - this.clientTransactions;
    for (let i = 0; i < dangling; i++) this.rollbackTransaction();
    this.inRuntime = false;
    return dangling;
  }
}
