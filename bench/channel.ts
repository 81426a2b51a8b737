/**
 * The storage channel between a runtime in a worker and an asynchronous
 * backend on the main thread (executor/remote-backend.ts): the round trip of
 * one read answered from memory, and a Kusama `Core_initialize_block` run
 * through `IsolatedRuntime` on the same state held as a synchronous backend
 * (copied to the worker once) and as an asynchronous one (23 reads over the
 * channel). No peer.
 */
import { MessageChannel, Worker } from 'node:worker_threads';
import { CODE_KEY, backendFromChainSpec } from '../src/state/index.js';
import type { AsyncStorageBackend } from '../src/state/index.js';
import { IsolatedRuntime } from '../src/executor/isolated.js';
import { serveStorageRequests } from '../src/executor/remote-backend.js';
import { fromHex } from '../src/base/bytes.js';
import type { BenchContext } from './context.js';
import { runsFor } from './context.js';
import { missingCorpus, readCorpus } from './corpus.js';
import { measure, sampleOf } from './harness.js';
import type { ChannelBenchRequest } from './channel-worker.js';

function corpusJson<T = unknown>(rel: string): T {
  return JSON.parse(new TextDecoder().decode(readCorpus(rel))) as T;
}

/** Round trips per timed run. */
const TRIPS = 2000;

async function roundTrip(ctx: BenchContext): Promise<void> {
  const worker = new Worker(new URL('./channel-worker.js', import.meta.url));
  const channel = new MessageChannel();
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const value = new Uint8Array(32).fill(7);
  const backend: AsyncStorageBackend = {
    async: true,
    get: async () => value,
    nextKey: async () => undefined,
    childGet: async () => undefined,
    childNextKey: async () => undefined,
  };
  const stop = serveStorageRequests(channel.port1, flag, backend);
  const ask = (m: ChannelBenchRequest, transfer: Transferable[] = []): Promise<number> =>
    new Promise((resolve) => {
      worker.once('message', (ms: number) => resolve(ms));
      worker.postMessage(m, transfer as never);
    });
  try {
    await ask({ port: channel.port2, flag, count: 200 }, [channel.port2]);
    const per: number[] = [];
    for (let i = 0; i < runsFor(ctx, 10, 3); i++) per.push((await ask({ count: TRIPS })) / TRIPS);
    ctx.results.rows.push({ bench: 'storage channel', subject: 'in-memory async backend', swxLabel: `one read round trip (worker ⇄ main, ${TRIPS} per run)`, swx: sampleOf(per) });
  } finally {
    stop();
    channel.port1.close();
    await worker.terminate();
  }
}

async function initializeBlock(ctx: BenchContext): Promise<void> {
  const missing = missingCorpus('chain-specs/kusama.json.gz', 'blocks/kusama-block-1.json');
  if (missing !== undefined) {
    ctx.results.skipped.push({ bench: 'storage channel', reason: missing });
    return;
  }
  const state = backendFromChainSpec(corpusJson('chain-specs/kusama.json.gz'));
  const header = fromHex(corpusJson<{ header_without_seal: string }>('blocks/kusama-block-1.json').header_without_seal);
  let reads = 0;
  const asyncState: AsyncStorageBackend = {
    async: true,
    get: async (k) => (reads++, state.get(k)),
    nextKey: async (k) => (reads++, state.nextKey(k)),
    childGet: async (s, k) => (reads++, state.childGet(s, k)),
    childNextKey: async (s, k) => (reads++, state.childNextKey(s, k)),
  };
  const rt = await IsolatedRuntime.create(state.get(CODE_KEY)!);
  try {
    const opts = { warmup: 2, runs: runsFor(ctx, 10, 3) };
    const local = await measure(() => rt.call('Core_initialize_block', header, { state }), opts);
    reads = 0;
    const remote = await measure(() => rt.call('Core_initialize_block', header, { state: asyncState }), opts);
    const subject = 'Kusama Core_initialize_block (block 1)';
    ctx.results.rows.push({ bench: 'storage channel', subject, swxLabel: 'IsolatedRuntime, state copied to the worker', swx: local });
    ctx.results.rows.push({ bench: 'storage channel', subject, swxLabel: `IsolatedRuntime, async state (${reads / (opts.warmup + opts.runs)} reads over the channel)`, swx: remote });
  } finally {
    await rt.close();
  }
}

/** The storage channel section. */
export async function benchChannel(ctx: BenchContext): Promise<void> {
  ctx.log('storage channel: round trip');
  await roundTrip(ctx);
  ctx.log('storage channel: Core_initialize_block');
  await initializeBlock(ctx);
}
