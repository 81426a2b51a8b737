/**
 * Kusama block 1 executed through an endpoint: chopsticks (the test suite's
 * launcher, test/support/chopsticks.ts) serves the Kusama genesis; swx runs
 * `Core_execute_block` in an IsolatedRuntime whose state is an
 * RpcStateBackend over WebSocket. Cold: an empty cache folder each run (every
 * read and the enumeration for the state root go over the wire); cached: the
 * folder the cold run filled (zero requests). Requests and bytes are noted.
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
  const rt = await IsolatedRuntime.create(local.get(CODE_KEY)!, { timeoutMs: 120_000 });
  const block = fromHex((JSON.parse(new TextDecoder().decode(readCorpus('blocks/kusama-block-1.json'))) as { block_for_Core_execute_block: string }).block_for_Core_execute_block);
  try {
    const run = async (dir: string): Promise<{ ms: number; stats: RpcStats }> => {
      const t0 = performance.now();
      const state = await RpcStateBackend.connect(server.ws, { at: CHOPSTICKS_GENESIS, checkHeaderHash: false, cacheDir: dir });
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
    ctx.log('endpoint: Kusama block 1 cold');
    const cold: number[] = [];
    let coldStats: RpcStats | undefined;
    let filled = '';
    for (let i = 0; i < runsFor(ctx, 3, 1); i++) {
      filled = fresh();
      const r = await run(filled);
      cold.push(r.ms);
      coldStats = r.stats;
    }
    ctx.log('endpoint: Kusama block 1 cached');
    const warm: number[] = [];
    let warmStats: RpcStats | undefined;
    for (let i = 0; i < runsFor(ctx, 10, 3); i++) {
      const r = await run(filled);
      warm.push(r.ms);
      warmStats = r.stats;
    }
    const localTimes: number[] = [];
    for (let i = 0; i < runsFor(ctx, 10, 3); i++) {
      const t0 = performance.now();
      await rt.call('Core_execute_block', block, { state: local });
      localTimes.push(performance.now() - t0);
    }
    const subject = 'Kusama block 1 via chopsticks (ws)';
    ctx.results.rows.push({ bench: 'endpoint', subject, swxLabel: 'cold: empty cache (reads + enumeration for the root)', swx: sampleOf(cold) });
    ctx.results.rows.push({ bench: 'endpoint', subject, swxLabel: 'cached: second run, same cache folder', swx: sampleOf(warm) });
    ctx.results.rows.push({ bench: 'endpoint', subject, swxLabel: 'local chain spec state (IsolatedRuntime, for scale)', swx: sampleOf(localTimes) });
    ctx.results.notes.push(`endpoint: Kusama block 1 cold: ${statsText(coldStats!)}; cached: ${statsText(warmStats!)}`);
  } finally {
    await rt.close();
    await server.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}
