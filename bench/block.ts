/**
 * `Core_execute_block` of Kusama block 1 on the Kusama genesis state
 * (runtime: the genesis `:code`, Kusama 1020, trie V0).
 *
 *   swx executeBlock: runtime from `:code` (+ `:heappages`), call, new state root
 *   swx warm call:    the same call on a runtime created beforehand (pooled)
 *   peer:             run_task([['Core_execute_block', [block]]]) with a JsCallback
 *                     serving the genesis map (getStorage / getNextKey)
 *
 * The runtime checks the state root itself at the end of the block. The peer
 * cannot compute it (its callback API answers the trie walk's branch-node
 * requests with "none", chopsticks executor/src/task.rs), so its run panics
 * in that final check: its time covers the whole block but a correct root,
 * and the ratio is a lower bound (shown with ≥).
 */
import { backendFromChainSpec, encodeBlock, executeBlock, parseBlockJson, runtimeFromState, toHex, type InMemoryBackend } from '../src/index.js';
import { runsFor, type BenchContext } from './context.js';
import { missingCorpus, readCorpus } from './corpus.js';
import { formatMs, measure } from './harness.js';
import { storageCallback } from './peer-storage.js';
import { capturingConsole, task } from './peer.js';

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
  const opts = { warmup: 1, runs: runsFor(ctx, 5, 2), gcEach: true, before: fresh };
  let root = '';
  const full = await measure(async () => {
    root = toHex((await executeBlock(state, block, tools)).stateRoot);
  }, opts);
  const runtime = await runtimeFromState(state, tools);
  const warm = await measure(async () => {
    await runtime.call('Core_execute_block', input, { state, maxLogLevel: 0 });
  }, { ...opts, warmup: 2, runs: runsFor(ctx, 10, 3) });
  ctx.results.notes.push(`Core_execute_block: swx state root after Kusama block 1 = ${root} (the runtime checked it against the header)`);
  const subject = 'Kusama block 1 on genesis';
  const peer = ctx.peer;
  if (peer === undefined) {
    ctx.results.rows.push({ bench: 'Core_execute_block', subject, swxLabel: 'executeBlock (runtime from :code)', swx: full });
    ctx.results.rows.push({ bench: 'Core_execute_block', subject, swxLabel: 'call on a created runtime', swx: warm });
    return;
  }
  const top = new Map(Object.entries(spec.genesis.raw.top));
  const children = new Map(Object.entries(spec.genesis.raw.childrenDefault ?? {}).map(([k, m]) => [k, new Map(Object.entries(m))] as const));
  const cb = storageCallback(top, children);
  const codeHex = top.get('0x3a636f6465');
  if (codeHex === undefined) throw new Error(`${CHAIN_SPEC} has no :code`);
  const peerTask = task(codeHex, [['Core_execute_block', [toHex(input)]]]);
  let outcome = '';
  let failedAtRootCheck = false;
  const peerSample = await measure(async () => {
    const { value, lines } = await capturingConsole(() => peer.runTask(peerTask, cb));
    if (value.kind === 'ok') {
      outcome = 'ok';
      failedAtRootCheck = false;
    } else {
      failedAtRootCheck = lines.some((l) => l.includes(ROOT_MISMATCH_PANIC));
      outcome = `${value.error}${failedAtRootCheck ? ` (runtime panic: ${ROOT_MISMATCH_PANIC.toLowerCase()} that calculated)` : ''}`;
    }
  }, { warmup: 1, runs: runsFor(ctx, 5, 2), gcEach: true });
  const peerFailed = outcome !== 'ok';
  if (peerFailed) {
    ctx.results.notes.push(
      `Core_execute_block: peer failed: ${outcome}${failedAtRootCheck ? ' — the final state-root check, i.e. after executing every extrinsic and on_finalize; its callback API cannot serve the trie walk the root needs' : ' — NOT at the final state-root check: its time is not comparable'}`,
    );
  }
  const peerLabel = 'run_task(Core_execute_block) + storage callbacks';
  ctx.results.rows.push({ bench: 'Core_execute_block', subject, swxLabel: 'executeBlock (runtime from :code)', swx: full, peerLabel, peer: peerSample, peerFailed });
  ctx.results.rows.push({ bench: 'Core_execute_block', subject, swxLabel: 'call on a created runtime (pooled)', swx: warm, peerLabel, peer: peerSample, peerFailed });
  ctx.log(`block: swx executeBlock ${formatMs(full.median)}, warm ${formatMs(warm.median)}, peer ${formatMs(peerSample.median)} (${outcome})`);
}
