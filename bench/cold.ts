/**
 * Cold start: from the runtime's bytes to the output of a first `Core_version`
 * call, per runtime.
 *
 *   swx:  loadRuntimeCodeSync (decode, validate, version sections)
 *         → createRuntime (transforms, WebAssembly.Module, imports)
 *         → call('Core_version') (instantiate, lazy compile of what runs)
 *   peer: hex-encode the blob (its API takes hex) → run_task([['Core_version', []]])
 *         (parse, validate and prepare for wasmi, then interpret)
 *
 * V8's native module cache is off (v8-flags.ts), so each swx run compiles anew.
 */
import { performance } from 'node:perf_hooks';
import { createRuntime, loadRuntimeCodeSync } from '../src/index.js';
import { runsFor, type BenchContext } from './context.js';
import { missingCorpus, readCorpus, runtimePath } from './corpus.js';
import { formatMs, measure, median } from './harness.js';
import { emptyCallback } from './peer-storage.js';
import { hex, task } from './peer.js';

/** Runtimes measured (corpus names). */
export const COLD_RUNTIMES = ['westend-v9300', 'polkadot-v9160', 'asset-hub-rococo-genesis', 'kusama-1020-genesis'] as const;

/** Runs the cold-start benchmark. */
export async function benchCold(ctx: BenchContext): Promise<void> {
  const opts = { warmup: 1, runs: runsFor(ctx, 8, 2), gcEach: true };
  for (const name of COLD_RUNTIMES) {
    const missing = missingCorpus(runtimePath(name));
    if (missing !== undefined) {
      ctx.results.skipped.push({ bench: `cold start ${name}`, reason: missing });
      continue;
    }
    const bytes = readCorpus(runtimePath(name));
    const phases = { load: [] as number[], create: [] as number[], call: [] as number[] };
    let swxOutput: Uint8Array = new Uint8Array(0);
    const swx = await measure(async () => {
      const t0 = performance.now();
      const code = loadRuntimeCodeSync(bytes, ctx);
      const t1 = performance.now();
      const rt = await createRuntime(code, { instantiationStrategy: 'pooled' });
      const t2 = performance.now();
      const res = await rt.call('Core_version', new Uint8Array(0), { maxLogLevel: 0 });
      phases.load.push(t1 - t0);
      phases.create.push(t2 - t1);
      phases.call.push(performance.now() - t2);
      swxOutput = res.output;
    }, opts);
    const swxOut = hex(swxOutput);
    const timed = (xs: number[]): number => median(xs.slice(opts.warmup));
    ctx.results.notes.push(
      `cold ${name}: swx phases (medians) load ${formatMs(timed(phases.load))} · prepare+compile ${formatMs(timed(phases.create))} · first Core_version ${formatMs(timed(phases.call))}`,
    );
    const peer = ctx.peer;
    if (peer === undefined) {
      ctx.results.rows.push({ bench: 'cold start', subject: name, swxLabel: 'load + createRuntime + Core_version', swx });
      continue;
    }
    let peerOut: string | undefined;
    let peerError: string | undefined;
    const cb = emptyCallback();
    const peerSample = await measure(async () => {
      const res = await peer.runTask(task(hex(bytes), [['Core_version', []]]), cb);
      if (res.kind === 'ok') peerOut = res.call.result;
      else peerError = res.error;
    }, opts);
    if (peerError !== undefined) ctx.results.notes.push(`cold ${name}: peer failed: ${peerError}`);
    ctx.results.rows.push({
      bench: 'cold start',
      subject: name,
      swxLabel: 'load + createRuntime + Core_version',
      swx,
      peerLabel: 'hex + run_task(Core_version)',
      peer: peerSample,
      peerFailed: peerError !== undefined,
      sameResult: peerOut === swxOut,
    });
    ctx.log(`cold ${name}: swx ${formatMs(swx.median)}, peer ${formatMs(peerSample.median)}`);
  }
}
