/**
 * `Core_execute_block` of Kusama block 1 on the Kusama genesis state
 * (runtime: the genesis `:code`, Kusama 1020, trie V0).
 *
 *   swx executeBlock: runtime from `:code` (+ `:heappages`), call, new state root
 *   swx warm call:    the same call on a runtime created beforehand (pooled); the
 *                     runtime's storage_root hashes the whole genesis trie (3.4k keys)
 *   swx warm, cached: the same, on a state whose trie is already hashed (a
 *                     TrieRootCache adopted by the backend, as a node holds its
 *                     parent state's trie): storage_root re-hashes changed paths only
 *   peer:             run_task([['Core_execute_block', [block]]]) with a JsCallback
 *                     serving the genesis map (getStorage / getNextKey)
 *
 * The runtime checks the state root itself at the end of the block. The peer
 * cannot compute it (its callback API answers the trie walk's branch-node
 * requests with "none", chopsticks executor/src/task.rs), so its run panics
 * in that final check: its time covers the whole block but a correct root,
 * and the ratio is a lower bound (shown with ≥).
 */
import { backendFromChainSpec, encodeBlock, executeBlock, runtimeFromState, type InMemoryBackend } from '../src/index.js';
import { parseBlockJson } from '../src/cli/block-json.js';
import { TrieRootCache } from '../src/trie/index.js';
import { runsFor, type BenchContext } from './context.js';
import { missingCorpus, readCorpus } from './corpus.js';
import { formatMs, measure } from './harness.js';
import { storageCallback } from './peer-storage.js';
import { capturingConsole, hex, task } from './peer.js';

/** Corpus inputs. */
const CHAIN_SPEC = 'chain-specs/kusama.json.gz';
const BLOCK = 'blocks/kusama-block-1.json';

/** What the Kusama 1020 runtime panics with when the state root differs (frame-executive final checks). */
const ROOT_MISMATCH_PANIC = 'Storage root must match';

type RawGenesis = { genesis: { raw: { top: Record<string, string>; childrenDefault?: Record<string, Record<string, string>> } } };

/** Runs the block-execution benchmark. */
export async function benchBlock(ctx: BenchContext): Promise<void> {
  const missing = missingCorpus(CHAIN_SPEC, BLOCK);
  if (missing !== undefined) {
    ctx.results.skipped.push({ bench: 'Core_execute_block', reason: missing });
    return;
  }
  const spec = JSON.parse(new TextDecoder().decode(readCorpus(CHAIN_SPEC))) as RawGenesis;
  const block = parseBlockJson(readCorpus(BLOCK), BLOCK);
  const input = encodeBlock(block.header, block.extrinsics);
  const tools = { hashers: ctx.hashers, decompressor: ctx.decompressor };
  let state: InMemoryBackend = backendFromChainSpec(spec);
  const fresh = (): void => {
    state = backendFromChainSpec(spec); // untimed: a state no earlier run touched
  };
  const opts = { warmup: 1, runs: runsFor(ctx, 8, 2), gcEach: true, before: fresh };
  let root = '';
  const full = await measure(async () => {
    root = hex((await executeBlock(state, block, { services: tools })).stateRoot);
  }, opts);
  const runtime = await runtimeFromState(state, { services: tools });
  const warmOpts = { ...opts, warmup: 2, runs: runsFor(ctx, 15, 3) };
  const call = async (): Promise<void> => {
    await runtime.call('Core_execute_block', input, { state, maxLogLevel: 0 });
  };
  const warm = await measure(call, warmOpts);
  const cached = await measure(call, {
    ...warmOpts,
    before: () => {
      fresh();
      const cache = new TrieRootCache(0, ctx.hashers.blake2_256, state.entries());
      cache.root(); // untimed: the parent state's trie, hashed once
      state.adoptRootCache(0, cache);
    },
  });
  ctx.results.notes.push(`Core_execute_block: swx state root after Kusama block 1 = ${root} (the runtime checked it against the header)`);
  const subject = 'Kusama block 1 on genesis';
  const peer = ctx.peer;
  if (peer === undefined) {
    ctx.results.rows.push({ bench: 'Core_execute_block', subject, swxLabel: 'executeBlock (runtime from :code)', swx: full });
    ctx.results.rows.push({ bench: 'Core_execute_block', subject, swxLabel: 'call on a created runtime (hashes the whole genesis trie)', swx: warm });
    ctx.results.rows.push({ bench: 'Core_execute_block', subject, swxLabel: 'call, parent trie already hashed', swx: cached });
    return;
  }
  const top = new Map(Object.entries(spec.genesis.raw.top));
  const children = new Map(Object.entries(spec.genesis.raw.childrenDefault ?? {}).map(([k, m]) => [k, new Map(Object.entries(m))] as const));
  const cb = storageCallback(top, children);
  const codeHex = top.get('0x3a636f6465');
  if (codeHex === undefined) throw new Error(`${CHAIN_SPEC} has no :code`);
  const peerTask = task(codeHex, [['Core_execute_block', [hex(input)]]]);
  let outcome = '';
  let failedAtRootCheck = false;
  const peerSample = await measure(async () => {
    const { value, lines } = await capturingConsole(() => peer.runTask(peerTask, cb));
    if (value.kind === 'ok') {
      outcome = 'ok';
      failedAtRootCheck = false;
    } else {
      failedAtRootCheck = lines.some((l) => l.includes(ROOT_MISMATCH_PANIC));
      outcome = failedAtRootCheck ? `${value.error} after the runtime panicked "${ROOT_MISMATCH_PANIC} that calculated"` : value.error;
    }
  }, { warmup: 1, runs: runsFor(ctx, 8, 2), gcEach: true });
  const peerFailed = outcome !== 'ok';
  if (peerFailed) {
    ctx.results.notes.push(
      `Core_execute_block: peer failed: ${outcome}${failedAtRootCheck ? ' — the final state-root check, i.e. after executing every extrinsic and on_finalize; its callback API cannot serve the trie walk the root needs' : ' — NOT at the final state-root check: its time is not comparable'}`,
    );
  }
  const peerLabel = 'run_task(Core_execute_block) + storage callbacks';
  ctx.results.rows.push({ bench: 'Core_execute_block', subject, swxLabel: 'executeBlock (runtime from :code)', swx: full, peerLabel, peer: peerSample, peerFailed });
  ctx.results.rows.push({ bench: 'Core_execute_block', subject, swxLabel: 'call on a created runtime (hashes the whole genesis trie)', swx: warm, peerLabel, peer: peerSample, peerFailed });
  ctx.results.rows.push({ bench: 'Core_execute_block', subject, swxLabel: 'call, parent trie already hashed', swx: cached, peerLabel, peer: peerSample, peerFailed });
  ctx.log(`block: swx executeBlock ${formatMs(full.median)}, warm ${formatMs(warm.median)}, cached trie ${formatMs(cached.median)}, peer ${formatMs(peerSample.median)} (${outcome})`);
}
