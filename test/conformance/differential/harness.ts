/**
 * One differential sequence: a random initial state, then random host calls,
 * each run by swx and by the oracle (chopsticks-executor / smoldot) from the
 * same committed state.
 *
 *   state₀ = random entries (committed: child roots in the top trie)
 *   for each op:
 *     swx:    StateMachine(stateᵢ) ─call─► output, diff, stateᵢ₊₁ = toBackend(V0)
 *     oracle: one-call task, callbacks over stateᵢ ─► output, diff, stateᵢ ⊕ diff
 *     compare outputs, diffs and states (top without `:child_storage:` keys, child tries)
 *
 * One call per task: smoldot's clear_prefix / storage_kill do not remove keys
 * written earlier in the same task (runtime_call.rs, "must clear keys from
 * overlay as well"), so each call starts from a committed state and nothing is
 * pending in the oracle's diff. Each op starts from the state swx committed,
 * so one mismatch does not cascade.
 *
 * Storage roots are the exception: the oracle answers its root calculator's
 * questions about the backend with "nothing" (task.rs: `ClosestDescendant-
 * MerkleValue` → `resume_unknown`, `NextKey` with `branch_nodes` → None), so
 * a root only covers the task's own writes. For a root op both sides
 * therefore start from an empty backend with the whole state replayed as
 * writes, then take the root. Without child tries the oracle replays in one
 * task (smoldot's host root path); with child tries it cannot (task.rs
 * forwards only the main-trie diff from one call to the next), so the oracle
 * value comes from smoldot's trie calculator (`calculate_state_root`) over the
 * same replayed state: child roots first, then the top trie holding them.
 *
 * Ops hit by a known divergence (the test file's table) are not sent to the
 * oracle; instead swx's result is checked against Substrate's behaviour.
 */
import { toHexRaw } from '../../../src/base/bytes.js';
import type { Runtime } from '../../../src/executor/index.js';
import type { TrieHasher } from '../../../src/trie/index.js';
import { InMemoryBackend, StateMachine, type StorageDiff } from '../../../src/state/index.js';
import {
  applyOracleDiff,
  calculatorChildRoot,
  calculatorStorageRoot,
  comparableState,
  DEFAULT_CHILD_PREFIX_HEX,
  emptyOracleState,
  oracleStateOf,
  replayCalls,
  runOracle,
  type OracleResult,
  type OracleScope,
  type OracleState,
} from './chopsticks.js';
import { randomInitialEntries, randomOp, vec, type HostOp } from './ops.js';
import { Rng } from './rng.js';

/** What swx did for one op. */
export type SwxOutcome = { kind: 'ok'; output: Uint8Array; after: InMemoryBackend; diff: StorageDiff } | { kind: 'error'; message: string };

/** A known Substrate/oracle difference: ops it covers skip the oracle and check swx against Substrate. */
export interface KnownDivergence {
  id: string;
  /** Which side does what Substrate does. */
  substrateSide: 'swx';
  /** What differs and why. */
  reason: string;
  applies(op: HostOp, before: InMemoryBackend): boolean;
  /** Throws (or rejects) unless swx's outcome is Substrate's. */
  checkSubstrate(op: HostOp, swx: SwxOutcome, before: InMemoryBackend): void | Promise<void>;
}

/** Everything a sequence needs. */
export interface DifferentialContext {
  runtime: Runtime;
  hash: TrieHasher;
  /** Oracle blobs by state version (dummy version sections appended). */
  oracleWasm: Readonly<Record<0 | 1, string>>;
  divergences: readonly KnownDivergence[];
  /** Ops per sequence. */
  length: number;
}

/** A difference the table does not explain. */
export interface Mismatch {
  seed: number;
  step: number;
  op: string;
  what: string;
  /** The ops of the sequence up to and including the failing one. */
  history: string[];
}

/** Per-sequence counters. */
export interface SequenceStats {
  /** Ops compared with the oracle, by kind. */
  compared: Map<string, number>;
  /** Of those, root ops whose oracle value came from the trie calculator, by kind. */
  calculatorRoots: Map<string, number>;
  /** Ops covered by a known divergence, by id. */
  divergences: Map<string, number>;
  /** Ops that failed on both sides. */
  bothFailed: number;
}

function bump(m: Map<string, number>, k: string): void {
  m.set(k, (m.get(k) ?? 0) + 1);
}

/** A StateMachine over an empty backend holding `state` as writes (sets of `:child_storage:` keys are refused, as upstream). */
function replayed(state: InMemoryBackend, hash: TrieHasher): StateMachine {
  const sm = new StateMachine(InMemoryBackend.empty(), { hash });
  for (const [k, v] of state.entries()) sm.set(k, v);
  for (const sk of state.childStorageKeys()) for (const [k, v] of state.childEntries(sk)) sm.childSet(sk, k, v);
  return sm;
}

/** Runs `op` on swx from `before`. */
export function runSwx(runtime: Runtime, hash: TrieHasher, op: HostOp, before: InMemoryBackend): SwxOutcome {
  const sm = op.scope === 'root' ? replayed(before, hash) : new StateMachine(before, { hash });
  try {
    const res = runtime.callSync(op.method, op.input, { storage: sm });
    const after = op.scope === 'top' || op.scope === 'child' ? sm.toBackend(0) : before;
    return { kind: 'ok', output: res.output, after, diff: sm.diff() };
  } catch (e) {
    return { kind: 'error', message: e instanceof Error ? e.message : String(e) };
  }
}

/** A committed state from random entries (through a StateMachine, so child roots land in the top trie). */
export function initialState(rng: Rng, hash: TrieHasher): InMemoryBackend {
  const { top, children } = randomInitialEntries(rng);
  const sm = new StateMachine(InMemoryBackend.empty(), { hash });
  for (const [k, v] of top) sm.set(k, v);
  for (const [c, entries] of children) for (const [k, v] of entries) sm.childSet(c, k, v);
  return sm.toBackend(0);
}

/** A storage-root op's expected root by smoldot's trie calculator, over the state as swx replays it. */
async function oracleRootByCalculator(op: HostOp, state: OracleState): Promise<Uint8Array> {
  const version = op.version ?? 0;
  if (op.kind === 'child_root' || op.kind === 'child_root_v2') return calculatorChildRoot(state, toHexRaw(op.child!), version);
  return calculatorStorageRoot(state, version);
}

/** `:child_storage:` in hex. */
const CHILD_STORAGE_PREFIX_HEX = toHexRaw(new TextEncoder().encode(':child_storage:'));

/**
 * A diff as comparable text: `key=value|null` in the oracle's flat key space
 * (child keys prefixed), sorted. Left out: top keys under `:child_storage:`
 * (child-root bookkeeping, which differs by design) and, in a child op, the
 * child's empty key (its prefixed form is the child-root key itself).
 */
function diffLines(entries: Iterable<readonly [string, string | null]>, scope: OracleScope): string {
  const childPrefix = scope.kind === 'child' ? DEFAULT_CHILD_PREFIX_HEX + scope.childHex : undefined;
  const lines: string[] = [];
  for (const [k, v] of entries) {
    const child = childPrefix !== undefined && k.startsWith(childPrefix) && k.length > childPrefix.length;
    if (!child && k.startsWith(CHILD_STORAGE_PREFIX_HEX)) continue;
    lines.push(`${k}=${v ?? 'null'}`);
  }
  return lines.sort().join(' ');
}

function swxDiffLines(diff: StorageDiff, scope: OracleScope): string {
  const flat: Array<[string, string | null]> = diff.top.map(([k, v]) => [toHexRaw(k), v === null ? null : toHexRaw(v)]);
  for (const [c, changes] of diff.children) {
    for (const [k, v] of changes) flat.push([DEFAULT_CHILD_PREFIX_HEX + toHexRaw(c) + toHexRaw(k), v === null ? null : toHexRaw(v)]);
  }
  return diffLines(flat, scope);
}

function oracleDiffLines(diff: ReadonlyArray<[string, string | null]>, scope: OracleScope): string {
  return diffLines(diff, scope);
}

function stateText(s: ReturnType<typeof comparableState>): string {
  return JSON.stringify(s);
}

/** Runs sequence `seed`; returns the mismatches found (empty when swx and the oracle agree). */
export async function runSequence(seed: number, ctx: DifferentialContext, stats: SequenceStats): Promise<Mismatch[]> {
  const rng = new Rng(seed);
  let state = initialState(rng, ctx.hash);
  const mismatches: Mismatch[] = [];
  const history: string[] = [];
  for (let step = 0; step < ctx.length; step++) {
    const op = randomOp(rng, state);
    history.push(op.label);
    const fail = (what: string): void => void mismatches.push({ seed, step, op: op.label, what, history: [...history] });
    const swx = runSwx(ctx.runtime, ctx.hash, op, state);
    const divergence = ctx.divergences.find((d) => d.applies(op, state));
    if (divergence !== undefined) {
      bump(stats.divergences, divergence.id);
      try {
        await divergence.checkSubstrate(op, swx, state);
      } catch (e) {
        fail(`swx does not do Substrate's behaviour under known divergence ${divergence.id}: ${e instanceof Error ? e.message : String(e)}`);
      }
      if (swx.kind === 'ok') state = swx.after;
      continue;
    }
    const root = op.scope === 'root';
    const scope: OracleScope = op.scope === 'child' && op.child !== undefined ? { kind: 'child', childHex: toHexRaw(op.child) } : { kind: 'top' };
    const before = oracleStateOf(state);
    let oracle: OracleResult;
    if (root && before.children.size > 0) {
      // run_task cannot replay child tries (see the module doc): smoldot's trie calculator gives the root instead.
      bump(stats.calculatorRoots, op.kind);
      oracle = { kind: 'ok', output: vec(await oracleRootByCalculator(op, before)), diff: [] };
    } else {
      const calls: Array<readonly [string, Uint8Array]> = root ? [...replayCalls(before), [op.method, op.input]] : [[op.method, op.input]];
      const anomalies: string[] = [];
      oracle = await runOracle(ctx.oracleWasm[op.version ?? 0], calls, root ? emptyOracleState() : before, scope, op.clearsRange === true, anomalies);
      if (anomalies.length > 0) fail(`oracle asked outside the op's trie: ${anomalies.join('; ')}`);
    }
    if (swx.kind === 'error' || oracle.kind === 'error') {
      if (swx.kind === 'error' && oracle.kind === 'error') stats.bothFailed++;
      else fail(`swx ${swx.kind === 'error' ? `failed (${swx.message})` : 'succeeded'}, oracle ${oracle.kind === 'error' ? `failed (${oracle.message})` : 'succeeded'}`);
      if (swx.kind === 'ok') state = swx.after;
      continue;
    }
    bump(stats.compared, op.kind);
    if (toHexRaw(swx.output) !== toHexRaw(oracle.output)) fail(`output: swx 0x${toHexRaw(swx.output)}, oracle 0x${toHexRaw(oracle.output)}`);
    if (!root && op.scope !== 'pure') {
      const mine = stateText(comparableState(oracleStateOf(swx.after)));
      const theirs = stateText(comparableState(applyOracleDiff(before, oracle.diff, scope)));
      if (mine !== theirs) fail(`state after: swx ${mine}, oracle ${theirs}`);
      const myDiff = swxDiffLines(swx.diff, scope);
      const theirDiff = oracleDiffLines(oracle.diff, scope);
      if (myDiff !== theirDiff) fail(`storage diff: swx ${myDiff}, oracle ${theirDiff}`);
    }
    state = swx.after;
  }
  return mismatches;
}

/** Fresh counters. */
export function newStats(): SequenceStats {
  return { compared: new Map(), calculatorRoots: new Map(), divergences: new Map(), bothFailed: 0 };
}
