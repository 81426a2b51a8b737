/**
 * Timing: warm-up runs, then timed runs; each sample is one run's wall time
 * (`performance.now`, sub-millisecond resolution). A series reports its
 * median (the figure the ratios use) and its minimum (the least-disturbed run).
 */
import { performance } from 'node:perf_hooks';
import { collectGarbage } from './v8-flags.js';

/** Median and minimum of a series of timed runs, in milliseconds. */
export interface Sample {
  median: number;
  min: number;
  /** Number of timed runs. */
  runs: number;
}

/** How to run a series. */
export interface MeasureOpts {
  /** Untimed runs first (JIT tier-up, caches of the measured code). */
  warmup: number;
  /** Timed runs. */
  runs: number;
  /** Collect garbage before every run, not only before the series (for runs of 10 ms and more). */
  gcEach?: boolean;
  /** Untimed work before each run (e.g. a fresh input). */
  before?: () => void;
}

/** Median of numbers (mean of the two middle ones for an even count). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** A Sample from raw run times. */
export function sampleOf(times: readonly number[]): Sample {
  return { median: median(times), min: Math.min(...times), runs: times.length };
}

/** Times `fn` over `opts.warmup` + `opts.runs` runs; returns the timed runs' durations. */
export async function timeRuns(fn: () => unknown, opts: MeasureOpts): Promise<number[]> {
  const times: number[] = [];
  collectGarbage();
  for (let i = 0; i < opts.warmup + opts.runs; i++) {
    opts.before?.();
    if (opts.gcEach === true && i > 0) collectGarbage();
    const t0 = performance.now();
    await fn();
    const dt = performance.now() - t0;
    if (i >= opts.warmup) times.push(dt);
  }
  return times;
}

/** Times `fn` and summarises the timed runs. */
export async function measure(fn: () => unknown, opts: MeasureOpts): Promise<Sample> {
  return sampleOf(await timeRuns(fn, opts));
}

/** Milliseconds as a short string with 3 significant digits (µs below 1 ms). */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms < 1) return `${(ms * 1000).toPrecision(3)} µs`;
  if (ms < 1000) return `${ms.toPrecision(3)} ms`;
  return `${(ms / 1000).toPrecision(3)} s`;
}
