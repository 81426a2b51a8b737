/**
 * `swx … --timings`: how long each phase of a command took, on stderr.
 *
 *   process start   node's own start, up to the first line of bin.js
 *   imports         loading the command's modules
 *   read … compile  reading the input, then the artifact cache or
 *                   decompress / decode / validate / hash / prepare / compile
 *   first call      instantiating and running the first runtime call
 *
 * The executable records its first two points as Performance marks
 * (`swx:start`, `swx:imports`; the latter again once the command's own
 * modules are loaded), so they need no plumbing; the rest are marks made by
 * the command as each phase ends.
 */
import { performance } from 'node:perf_hooks';

/** Mark set by bin.js on its first line. */
export const START_MARK = 'swx:start';
/** Mark set by bin.js once the CLI is loaded, and again once the command's implementation is (command.ts `lazyRun`): the last one counts. */
export const IMPORTS_MARK = 'swx:imports';

/** A phase and its duration in milliseconds. */
export interface Phase {
  name: string;
  ms: number;
}

/** Phase times of one command. */
export interface Timings {
  /** Ends the phase `name` now (a no-op when timings are off). */
  mark(name: string): void;
  /** The phases so far. */
  phases(): Phase[];
  /** Writes the phases to stderr, one per line, then the total (a no-op when off). */
  print(): void;
}

function markTime(name: string): number | undefined {
  const entries = performance.getEntriesByName(name, 'mark');
  return entries.length > 0 ? entries[entries.length - 1]!.startTime : undefined;
}

/** Timings that record when `enabled`, starting from the executable's marks when present. */
export function createTimings(enabled: boolean): Timings {
  const phases: Phase[] = [];
  let last = performance.now();
  if (enabled) {
    const start = markTime(START_MARK);
    const imports = markTime(IMPORTS_MARK);
    if (start !== undefined) phases.push({ name: 'process start', ms: start });
    if (start !== undefined && imports !== undefined) phases.push({ name: 'imports', ms: imports - start });
    if (imports !== undefined) last = imports;
  }
  return {
    mark(name) {
      if (!enabled) return;
      const now = performance.now();
      phases.push({ name, ms: now - last });
      last = now;
    },
    phases: () => phases.slice(),
    print() {
      if (!enabled) return;
      const width = Math.max(...phases.map((p) => p.name.length), 5);
      const lines = phases.map((p) => `swx timings: ${p.name.padEnd(width)} ${p.ms.toFixed(1).padStart(8)} ms`);
      lines.push(`swx timings: ${'total'.padEnd(width)} ${performance.now().toFixed(1).padStart(8)} ms (rss peak ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB)`);
      process.stderr.write(`${lines.join('\n')}\n`);
    },
  };
}
