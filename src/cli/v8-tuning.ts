/**
 * V8 settings for a command that runs a runtime once and exits (every
 * `timed` command): set just before it runs, for the whole process (V8 flags
 * are per process, so the `--timeout` worker has them too). The library
 * never sets them: a long-lived embedder wants V8's defaults, which tier hot
 * functions up to TurboFan early for the fastest warm calls.
 *
 * Measured on `swx metadata RUNTIME --json` (asset-hub-rococo, warm
 * artifact cache; medians of 15 alternating fresh processes on 2 loaded
 * cores, Node 20.20.2 / V8 11.3; wall · CPU · peak RSS · first call):
 *
 *   V8 defaults                     492 ms · 440 ms · 80 MB · 113 ms
 *   --wasm-tiering-budget ×100      408 ms · 380 ms · 72 MB ·  88 ms   kept
 *   --liftoff-only                  446 ms · 400 ms · 72 MB ·  92 ms   never tiers up, even a long call
 *   --no-wasm-tier-up               503 ms · 470 ms · 80 MB · 129 ms   (dynamic tiering goes on)
 *   --wasm-lazy-validation          498 ms · 460 ms · 80 MB · 109 ms   compile 28 → 19 ms, but a bad
 *                                                                      function would fail at its call
 *   --no-wasm-lazy-compilation      647 ms · 560 ms · 88 MB ·  86 ms   compile 28 → 142 ms
 *
 * With V8's budget, Metadata_metadata's hot functions are sent to TurboFan
 * during the one call whose result is all the process wants: the background
 * compiles compete with it for the cores and hold ~8 MB. A hundredfold
 * budget leaves a short call on Liftoff and still tiers up a function that
 * runs for long (a heavy block). Without the cache: 641 → 597 ms; `swx
 * version`: 365 → 340 ms.
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
