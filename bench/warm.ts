/**
 * Warm calls: `Metadata_metadata` and `Core_version` on a runtime that is
 * already loaded and compiled.
 *
 *   swx pooled:   one instance reused, reset between calls (memory image restored)
 *   swx recreate: a new instance per call
 *   peer run_task: the peer cannot keep a prepared runtime, so every call is
 *                 a `run_task`: parse + prepare the blob, then interpret the call
 *   peer marginal: (time of a run_task with 1 + K calls − time with 1 call) / K,
 *                 i.e. the peer's cost of the call itself, preparation excluded
 *                 (K = 8 for Metadata_metadata, 100 for the much cheaper Core_version)
 */
import { performance } from 'node:perf_hooks';
import { createRuntime, loadRuntimeCodeSync, type InstantiationStrategy, type Runtime } from '../src/index.js';
import { runsFor, type BenchContext } from './context.js';
import { missingCorpus, readCorpus, runtimePath } from './corpus.js';
import { formatMs, measure, sampleOf, type Sample } from './harness.js';
import { collectGarbage } from './v8-flags.js';
import { emptyCallback } from './peer-storage.js';
import { hex, task, type Peer } from './peer.js';

/** Runtimes measured (corpus names). */
export const WARM_RUNTIMES = ['westend-v9300', 'polkadot-v9160', 'kusama-1020-genesis'] as const;

/** Calls measured. */
export const WARM_METHODS = ['Metadata_metadata', 'Core_version'] as const;

/** Extra calls in the peer's batched task (for its marginal per-call cost): enough to rise above the noise of preparing the blob. */
function batchExtra(method: string): number {
  return method === 'Core_version' ? 100 : 8;
}

const STRATEGIES: readonly InstantiationStrategy[] = ['pooled', 'recreate'];

interface PeerWarm {
  perTask: Sample;
  marginal: Sample;
  output: string | undefined;
  error: string | undefined;
}

/** Times the peer on `method`: one-call tasks and (1 + K)-call tasks, interleaved. */
async function peerWarm(peer: Peer, wasmHex: string, method: string, warmup: number, runs: number): Promise<PeerWarm> {
  const cb = emptyCallback();
  const single = task(wasmHex, [[method, []]]);
  const extra = batchExtra(method);
  const batch = task(wasmHex, Array.from({ length: 1 + extra }, (): [string, string[]] => [method, []]));
  const perTask: number[] = [];
  const marginal: number[] = [];
  let output: string | undefined;
  let error: string | undefined;
  for (let i = 0; i < warmup + runs; i++) {
    collectGarbage();
    const t0 = performance.now();
    const r1 = await peer.runTask(single, cb);
    const t1 = performance.now();
    collectGarbage();
    const t2 = performance.now();
    const rk = await peer.runTask(batch, cb);
    const t3 = performance.now();
    if (r1.kind === 'ok') output = r1.call.result;
    else error = r1.error;
    if (rk.kind === 'error') error = rk.error;
    if (i >= warmup) {
      perTask.push(t1 - t0);
      marginal.push(Math.max(0, (t3 - t2 - (t1 - t0)) / extra));
    }
  }
  return { perTask: sampleOf(perTask), marginal: sampleOf(marginal), output, error };
}

/** Runs the warm-call benchmark. */
export async function benchWarm(ctx: BenchContext): Promise<void> {
  for (const name of WARM_RUNTIMES) {
    const missing = missingCorpus(runtimePath(name));
    if (missing !== undefined) {
      ctx.results.skipped.push({ bench: `warm calls ${name}`, reason: missing });
      continue;
    }
    const bytes = readCorpus(runtimePath(name));
    const code = loadRuntimeCodeSync(bytes, ctx);
    const runtimes = new Map<InstantiationStrategy, Runtime>();
    for (const s of STRATEGIES) runtimes.set(s, await createRuntime(code, { instantiationStrategy: s }));
    const wasmHex = hex(bytes);
    for (const method of WARM_METHODS) {
      const heavy = method === 'Metadata_metadata';
      const opts = heavy
        ? { warmup: runsFor(ctx, 5, 3), runs: runsFor(ctx, 30, 8) }
        : { warmup: runsFor(ctx, 10, 5), runs: runsFor(ctx, 200, 30) };
      const swx = new Map<InstantiationStrategy, Sample>();
      let swxOutput: Uint8Array = new Uint8Array(0);
      for (const [s, rt] of runtimes) {
        swx.set(
          s,
          await measure(async () => {
            swxOutput = (await rt.call(method, new Uint8Array(0), { maxLogLevel: 0 })).output;
          }, opts),
        );
      }
      const swxOut = hex(swxOutput);
      const pooled = swx.get('pooled') as Sample;
      const recreate = swx.get('recreate') as Sample;
      const subject = `${method} · ${name}`;
      const peer = ctx.peer;
      if (peer === undefined) {
        ctx.results.rows.push({ bench: 'warm call', subject, swxLabel: 'call, pooled', swx: pooled });
        ctx.results.rows.push({ bench: 'warm call', subject, swxLabel: 'call, recreate', swx: recreate });
        continue;
      }
      const p = await peerWarm(peer, wasmHex, method, 1, runsFor(ctx, 6, 2));
      if (p.error !== undefined) ctx.results.notes.push(`warm ${subject}: peer failed: ${p.error}`);
      const common = { bench: 'warm call', subject, peerFailed: p.error !== undefined, sameResult: p.output === swxOut };
      ctx.results.rows.push({ ...common, swxLabel: 'call, pooled', swx: pooled, peerLabel: 'run_task (1 call)', peer: p.perTask });
      ctx.results.rows.push({ ...common, swxLabel: 'call, recreate', swx: recreate, peerLabel: 'run_task (1 call)', peer: p.perTask });
      ctx.results.rows.push({ ...common, swxLabel: 'call, pooled', swx: pooled, peerLabel: `marginal call (task of ${1 + batchExtra(method)} calls)`, peer: p.marginal });
      ctx.log(`warm ${subject}: swx pooled ${formatMs(pooled.median)}, recreate ${formatMs(recreate.median)}, peer task ${formatMs(p.perTask.median)}, peer marginal ${formatMs(p.marginal.median)}`);
    }
  }
}
