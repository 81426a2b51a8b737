/**
 * An ordered set of binary-string keys with cheap insertion: a list of
 * sorted chunks (each at most `MAX_CHUNK` keys), located by binary search on
 * the chunks' last keys. Insert and remove move at most one chunk's worth of
 * pointers, so building an overlay of n keys costs O(n log n) instead of the
 * O(n²) of one big sorted array.
 *
 * Iterators read the chunks live: do not insert or remove while iterating.
 */
import type { KeyStr } from './keys.js';

/** Largest chunk before it is split in two (a speed knob, not a limit). */
const MAX_CHUNK = 512;

/** Index of the first element of the sorted `arr` that is `>= k` (`> k` when `strict`). */
export function lowerBound(arr: readonly KeyStr[], k: KeyStr, strict: boolean): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const m = arr[mid]!;
    if (m < k || (strict && m === k)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A sorted set of key strings. */
export class SortedKeys {
  private chunks: KeyStr[][] = [];
  private count = 0;

  /** Number of keys. */
  get size(): number {
    return this.count;
  }

  /** Index of the first chunk holding a key `>= k` (`> k` if strict); `chunks.length` if none. */
  private chunkFor(k: KeyStr, strict: boolean): number {
    const chunks = this.chunks;
    let lo = 0;
    let hi = chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = chunks[mid]!;
      const last = c[c.length - 1]!;
      if (last < k || (strict && last === k)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Adds `k`; returns false if it was already present. */
  insert(k: KeyStr): boolean {
    const chunks = this.chunks;
    if (chunks.length === 0) {
      chunks.push([k]);
      this.count = 1;
      return true;
    }
    let c = this.chunkFor(k, false);
    if (c === chunks.length) c--;
    const chunk = chunks[c]!;
    const i = lowerBound(chunk, k, false);
    if (chunk[i] === k) return false;
    chunk.splice(i, 0, k);
    this.count++;
    if (chunk.length > MAX_CHUNK) chunks.splice(c + 1, 0, chunk.splice(chunk.length >>> 1));
    return true;
  }

  /** Removes `k`; returns false if it was absent. */
  remove(k: KeyStr): boolean {
    const c = this.chunkFor(k, false);
    const chunk = this.chunks[c];
    if (chunk === undefined) return false;
    const i = lowerBound(chunk, k, false);
    if (chunk[i] !== k) return false;
    chunk.splice(i, 1);
    this.count--;
    if (chunk.length === 0) this.chunks.splice(c, 1);
    return true;
  }

  /** Keys `>= k` (`> k` when `strict`), ascending. */
  *from(k: KeyStr, strict: boolean): IterableIterator<KeyStr> {
    const chunks = this.chunks;
    let c = this.chunkFor(k, strict);
    if (c === chunks.length) return;
    let i = lowerBound(chunks[c]!, k, strict);
    for (; c < chunks.length; c++, i = 0) {
      const chunk = chunks[c]!;
      for (; i < chunk.length; i++) yield chunk[i]!;
    }
  }

  /** Keys starting with `prefix`, ascending. */
  *withPrefix(prefix: KeyStr): IterableIterator<KeyStr> {
    for (const k of this.from(prefix, false)) {
      if (!k.startsWith(prefix)) return;
      yield k;
    }
  }

  /** All keys, ascending. */
  *all(): IterableIterator<KeyStr> {
    for (const chunk of this.chunks) yield* chunk;
  }
}
