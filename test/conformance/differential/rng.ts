/**
 * A small seeded PRNG (mulberry32) for the differential test: the same seed
 * gives the same sequence on every machine, so a failure prints its seed and
 * can be replayed with `SWX_DIFF_SEED=<seed> SWX_DIFF_SEQUENCES=1`.
 */

/** Deterministic random numbers from a 32-bit seed. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A uniform u32. */
  u32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A uniform integer in `[0, n)`. */
  int(n: number): number {
    return Math.floor((this.u32() / 0x1_0000_0000) * n);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.u32() / 0x1_0000_0000 < p;
  }

  /** A uniform element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  /** An element chosen by weight (`[weight, item]` pairs). */
  weighted<T>(items: ReadonlyArray<readonly [number, T]>): T {
    let total = 0;
    for (const [w] of items) total += w;
    let r = (this.u32() / 0x1_0000_0000) * total;
    for (const [w, item] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1]![1];
  }

  /** `n` uniform bytes. */
  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = this.u32() & 0xff;
    return out;
  }
}
