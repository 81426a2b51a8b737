/** What every benchmark gets: shared swx resources, the peer, the run mode, the result sink. */
import type { Decompressor, Hashers } from '../src/index.js';
import type { Peer } from './peer.js';
import type { Results } from './report.js';

/** Shared state of one `npm run bench`. */
export interface BenchContext {
  /** `--quick`: fewer runs and smaller sizes (~30 s in all). */
  readonly quick: boolean;
  readonly hashers: Hashers;
  readonly decompressor: Decompressor;
  /** The peer, or undefined when it is not installed (swx is still measured). */
  readonly peer: Peer | undefined;
  readonly results: Results;
  /** Progress output (one line). */
  log(line: string): void;
}

/** Runs per mode: `full` for the default run, `quick` for `--quick`. */
export function runsFor(ctx: BenchContext, full: number, quick: number): number {
  return ctx.quick ? quick : full;
}
