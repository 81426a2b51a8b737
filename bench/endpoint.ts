/**
 * Kusama block 1 executed through an endpoint: chopsticks (the test suite's
 * launcher, test/support/chopsticks.ts) serves the Kusama genesis; swx runs
 * `Core_execute_block` in an IsolatedRuntime whose state is an
 * RpcStateBackend over WebSocket. Cold: an empty cache folder each run (every
 * read and the enumeration for the state root go over the wire); cached: the
 * folder the cold run filled (zero requests). Requests and bytes are noted.
 * The same again through a node front (test/support/node-front.ts) that
 * serves read proofs: the root then comes from the changed keys' proofs
 * instead of the enumerated state.
 * No peer row: chopsticks itself cannot compute the root through its
 * executor's callbacks.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IsolatedRuntime } from '../src/executor/isolated.js';
import { RpcStateBackend, type RpcStats } from '../src/rpc/index.js';
import { CODE_KEY, backendFromChainSpec } from '../src/state/index.js';
import { fromHex } from '../src/base/bytes.js';
import { chopsticksBin, startChopsticks } from '../test/support/chopsticks.js';
import { startNodeFront } from '../test/support/node-front.js';
import type { BenchContext } from './context.js';
import { runsFor } from './context.js';
import { missingCorpus, readCorpus } from './corpus.js';
import { sampleOf } from './harness.js';

/** chopsticks serves a `--genesis` block under this placeholder hash. */
const CHOPSTICKS_GENESIS = '0x' + '45'.repeat(32);

function statsText(s: RpcStats): string {
  return `${s.requests} requests in ${s.messages} messages, ${(s.bytesReceived / 1024).toFixed(0)} KiB in, ${(s.bytesSent / 1024).toFixed(0)} KiB out`;
}

/** The endpoint section. */
export async function benchEndpoint(ctx: BenchContext): Promise<void> {
  const missing = missingCorpus('chain-specs/kusama.json.gz', 'blocks/kusama-block-1.json') ?? (chopsticksBin() === undefined ? '@acala-network/chopsticks not installed' : undefined);
  if (missing !== undefined) {
    ctx.results.skipped.push({ bench: 'endpoint', reason: missing });
    return;
  }
  // The launcher finds the corpus relative to the working directory, as tests do.
  const server = await startChopsticks('chain-specs/kusama.json.gz');
  const dirs: string[] = [];
  const local = backendFromChainSpec(JSON.parse(new TextDecoder().decode(readCorpus('chain-specs/kusama.json.gz'))) as unknown);
  const front = await startNodeFront(server, local, { version: 0, proofs: true });
  const rt = await IsolatedRuntime.create(local.get(CODE_KEY)!, { timeoutMs: 120_000 });
  const block = fromHex((JSON.parse(new TextDecoder().decode(readCorpus('blocks/kusama-block-1.json'))) as { block_for_Core_execute_block: string }).block_for_Core_execute_block);
  try {
    const run = async (dir: string, url = server.ws): Promise<{ ms: number; stats: RpcStats }> => {
      const t0 = performance.now();
      const state = await RpcStateBackend.connect(url, { at: CHOPSTICKS_GENESIS, checkHeaderHash: false, cacheDir: dir });
      try {
        await rt.call('Core_execute_block', block, { state });
        await state.cache.flush();
        return { ms: performance.now() - t0, stats: { ...state.stats } };
      } finally {
        await state.close();
      }
    };
    const fresh = (): string => {
      const d = mkdtempSync(join(tmpdir(), 'swx-bench-cache-'));
      dirs.push(d);
      return d;
    };
    /** Cold runs (a fresh cache each), then cached runs on the last one's folder. */
    const coldAndCached = async (url: string, what: string): Promise<{ cold: number[]; warm: number[]; coldStats: RpcStats; warmStats: RpcStats }> => {
      ctx.log(`endpoint: Kusama block 1 cold, ${what}`);
      const cold: number[] = [];
      let coldStats: RpcStats | undefined;
      let filled = '';
      for (let i = 0; i < runsFor(ctx, 3, 1); i++) {
        filled = fresh();
        const r = await run(filled, url);
        cold.push(r.ms);
        coldStats = r.stats;
      }
      ctx.log(`endpoint: Kusama block 1 cached, ${what}`);
      const warm: number[] = [];
      let warmStats: RpcStats | undefined;
      for (let i = 0; i < runsFor(ctx, 10, 3); i++) {
        const r = await run(filled, url);
        warm.push(r.ms);
        warmStats = r.stats;
      }
      return { cold, warm, coldStats: coldStats!, warmStats: warmStats! };
    };
    const enumerated = await coldAndCached(server.ws, 'enumeration');
    const proved = await coldAndCached(front.ws, 'read proofs');
    const localTimes: number[] = [];
    for (let i = 0; i < runsFor(ctx, 10, 3); i++) {
      const t0 = performance.now();
      await rt.call('Core_execute_block', block, { state: local });
      localTimes.push(performance.now() - t0);
    }
    const subject = 'Kusama block 1 via chopsticks (ws)';
    ctx.results.rows.push({ bench: 'endpoint', subject, swxLabel: 'cold: empty cache (reads + enumeration for the root)', swx: sampleOf(enumerated.cold) });
    ctx.results.rows.push({ bench: 'endpoint', subject, swxLabel: 'cached: second run, same cache folder', swx: sampleOf(enumerated.warm) });
    const proofSubject = 'Kusama block 1 via a node serving read proofs (ws)';
    ctx.results.rows.push({ bench: 'endpoint', subject: proofSubject, swxLabel: 'cold: empty cache (reads + changed keys\' proofs for the root)', swx: sampleOf(proved.cold) });
    ctx.results.rows.push({ bench: 'endpoint', subject: proofSubject, swxLabel: 'cached: second run, same cache folder', swx: sampleOf(proved.warm) });
    ctx.results.rows.push({ bench: 'endpoint', subject, swxLabel: 'local chain spec state (IsolatedRuntime, for scale)', swx: sampleOf(localTimes) });
    ctx.results.notes.push(`endpoint: Kusama block 1 by enumeration, cold: ${statsText(enumerated.coldStats)}; cached: ${statsText(enumerated.warmStats)}`);
    ctx.results.notes.push(`endpoint: Kusama block 1 by read proofs, cold: ${statsText(proved.coldStats)}; cached: ${statsText(proved.warmStats)}`);
  } finally {
    await rt.close();
    await front.stop();
    await server.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}
