/**
 * A transactional key → value map: the building block of the overlay
 * (sp-state-machine `overlayed_changes/changeset.rs`, `OverlayedMap`).
 *
 *   stacks:  key → [value at tx 0, value at tx 1, …]   one entry per layer that wrote the key
 *   dirty:   [keys written in tx 1, keys written in tx 2, …]   one set per open transaction
 *
 *   set(k, v):   first write of k in the current tx → push a new layer; else replace the top layer
 *   rollback():  pop the layers of every key written in the closing tx (drop keys left with none)
 *   commit():    merge each written key's top layer into the layer below, when there is one
 *                (written in the enclosing tx, or committed outside any tx)
 *
 * Writes made while no transaction is open are committed at once (a single
 * bottom layer). A value is a byte array, or `null` for "deleted". A key's
 * presence in the map ("written during this call") is what the storage diff
 * reports, even if the value is unchanged or the delete hit nothing.
 *
 * With a meter, every change of what the map holds is counted in it (key and
 * value bytes plus a fixed charge per key and per layer, see `limits.ts`); a
 * write that would pass the meter's cap throws before changing anything.
 */
import type { KeyStr } from './keys.js';
import { OVERLAY_ENTRY_CHARGE, OVERLAY_LAYER_CHARGE, type ByteMeter } from './limits.js';
import { SortedKeys } from './sorted-keys.js';

/** A value in the overlay: bytes, or null when the key was deleted. */
export type OverlayValue = Uint8Array | null;

/** One changeset with nested transactions. */
export class OverlayedMap {
  private readonly stacks = new Map<KeyStr, OverlayValue[]>();
  private readonly order = new SortedKeys();
  private readonly dirty: Array<Set<KeyStr>> = [];
  /** Keys whose current value may have changed since `takeTouched` (for incremental roots). */
  private touched = new Set<KeyStr>();

  /**
   * A changeset already `depth` transactions deep (upstream `spawn_child`: child tries join open
   * transactions), counting what it holds in `meter` when given.
   */
  constructor(depth = 0, private readonly meter?: ByteMeter) {
    for (let i = 0; i < depth; i++) this.dirty.push(new Set());
  }

  /** Number of open transactions. */
  get depth(): number {
    return this.dirty.length;
  }

  /** Number of keys written. */
  get size(): number {
    return this.stacks.size;
  }

  /** The current value: bytes, null (deleted), or undefined when the key was not written. */
  get(k: KeyStr): OverlayValue | undefined {
    const s = this.stacks.get(k);
    return s === undefined ? undefined : s[s.length - 1]!;
  }

  /** Writes `v` (null deletes) in the current transaction. */
  set(k: KeyStr, v: OverlayValue): void {
    const layers = this.dirty;
    const firstWrite = layers.length > 0 && !layers[layers.length - 1]!.has(k);
    const s = this.stacks.get(k);
    if (this.meter !== undefined) {
      const size = v === null ? 0 : v.length;
      if (s === undefined) this.meter.charge(k.length + OVERLAY_ENTRY_CHARGE + size);
      else if (firstWrite) this.meter.charge(OVERLAY_LAYER_CHARGE + size);
      else this.meter.charge(size - byteLength(s[s.length - 1]!));
    }
    if (firstWrite) layers[layers.length - 1]!.add(k);
    this.touched.add(k);
    if (s === undefined) {
      this.stacks.set(k, [v]);
      this.order.insert(k);
    } else if (firstWrite) {
      s.push(v);
    } else {
      s[s.length - 1] = v;
    }
  }

  /** Deletes the given written keys; returns how many of them held a value (upstream `clear_where`). */
  clearWhere(keys: Iterable<KeyStr>): number {
    const matched = [...keys];
    let count = 0;
    for (const k of matched) {
      if (this.get(k) !== null) count++;
      this.set(k, null);
    }
    return count;
  }

  /** Opens a transaction. */
  start(): void {
    this.dirty.push(new Set());
  }

  /** Discards the innermost transaction's writes; false if none is open. */
  rollback(): boolean {
    const keys = this.dirty.pop();
    if (keys === undefined) return false;
    let freed = 0;
    for (const k of keys) {
      this.touched.add(k);
      const s = this.stacks.get(k)!;
      const v = s.pop()!;
      if (s.length === 0) {
        this.stacks.delete(k);
        this.order.remove(k);
        freed += k.length + OVERLAY_ENTRY_CHARGE + byteLength(v);
      } else {
        freed += OVERLAY_LAYER_CHARGE + byteLength(v);
      }
    }
    this.meter?.charge(-freed);
    return true;
  }

  /** Merges the innermost transaction's writes into the enclosing one; false if none is open. */
  commit(): boolean {
    const keys = this.dirty.pop();
    if (keys === undefined) return false;
    const parent = this.dirty.length > 0 ? this.dirty[this.dirty.length - 1]! : undefined;
    let freed = 0;
    for (const k of keys) {
      const s = this.stacks.get(k)!;
      let hasPredecessor: boolean;
      if (parent !== undefined) {
        hasPredecessor = parent.has(k);
        if (!hasPredecessor) parent.add(k);
      } else {
        hasPredecessor = s.length > 1;
      }
      if (hasPredecessor) {
        const v = s.pop()!;
        freed += OVERLAY_LAYER_CHARGE + byteLength(s[s.length - 1]!);
        s[s.length - 1] = v;
      }
    }
    this.meter?.charge(-freed);
    return true;
  }

  /** The keys written or rolled back since the previous call (and forgets them). */
  takeTouched(): Set<KeyStr> {
    const t = this.touched;
    this.touched = new Set();
    return t;
  }

  /** Written keys strictly after `k`, ascending. */
  keysAfter(k: KeyStr): IterableIterator<KeyStr> {
    return this.order.from(k, true);
  }

  /** Written keys starting with `prefix`, ascending. */
  keysWithPrefix(prefix: KeyStr): IterableIterator<KeyStr> {
    return this.order.withPrefix(prefix);
  }

  /** All written keys, ascending. */
  keys(): IterableIterator<KeyStr> {
    return this.order.all();
  }

  /** All written keys with their current values, ascending. */
  *entries(): IterableIterator<[KeyStr, OverlayValue]> {
    for (const k of this.order.all()) yield [k, this.get(k)!];
  }
}

/** Bytes of an overlay value (a deletion holds none). */
function byteLength(v: OverlayValue): number {
  return v === null ? 0 : v.length;
}
