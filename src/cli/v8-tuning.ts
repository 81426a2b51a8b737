/**
 * V8 settings for a command that runs a runtime once and exits (every
 * `timed` command): set just before it runs, for the whole process (V8 flags
 * are per process, so the `--timeout` worker has them too). The library
 * never sets them: a long-lived embedder wants V8's defaults, which tier hot
 * functions up to TurboFan early for the fastest warm calls.
 *
 * Measured on `swx metadata` (asset-hub-rococo, warm artifact cache,
 * alternating fresh processes, 2 cores; bench/RESULTS.md has the table):
 * with V8's default budget, Metadata_metadata's hot functions are sent to
 * TurboFan during the one call whose result is all the process wants — the
 * background compiles compete with it for the two cores and cost ~8 MB of
 * RSS. A hundredfold budget leaves a short call on Liftoff (first call ~25 ms
 * faster, peak RSS 80 → 72 MB) and still tiers up a function that runs for
 * long (a heavy block). `--liftoff-only` did as well on this call but never
 * tiers up; `--no-wasm-lazy-compilation` made the compile 100 ms slower.
 */
import { setFlagsFromString } from 'node:v8';

/** V8 11.3's `--wasm-tiering-budget` default (bytes executed, roughly, before a function tiers up). */
const V8_DEFAULT_TIERING_BUDGET = 1_800_000;
/** The one-shot budget: a hundred times V8's (chosen by the measurement above). */
const ONE_SHOT_TIERING_BUDGET = 100 * V8_DEFAULT_TIERING_BUDGET;

/** Applies the one-shot settings to this process (before the runtime is compiled). */
export function tuneV8ForOneShot(): void {
  setFlagsFromString(`--wasm-tiering-budget=${ONE_SHOT_TIERING_BUDGET}`);
}
