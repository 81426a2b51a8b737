/**
 * `--endpoint URL [--at HASH|NUMBER]`: a live chain's state as STATE, read
 * over JSON-RPC (src/rpc) into a runtime running in a worker (a state behind
 * promises needs one), with the persistent cache unless `--no-cache`. With an
 * endpoint, RUNTIME may be left out: it is then the chain's `:code` at that
 * block. `--json` outputs gain `rpc: {requests, bytesReceived, …}`.
 */
import { existsSync } from 'node:fs';
import { SwxError } from '../base/errors.js';
import { CODE_KEY, InMemoryBackend, type StorageBackend } from '../state/index.js';
import { IsolatedRuntime, createRuntime, createRuntimeCached, createServices, loadRuntimeCodeSync, type CallOpts, type CallResult, type RuntimeCaller, type RuntimeCode } from '../executor/index.js';
import { RpcStateBackend } from '../rpc/index.js';
import { optFlag, optString, type ParsedArgs } from './args.js';
import type { CliIo } from './command.js';
import { semanticsOpts } from './options.js';
import { loadRuntimeInput, loadStateInput, readRuntimeBlob, type InputLimits } from './load.js';
import type { Timings } from './timings.js';

/** The live-chain options (data in option-specs.ts, which command specs import without this file). */
export { ENDPOINT_OPTIONS } from './option-specs.js';

/** `--at` as the RPC layer takes it. */
function atOf(args: ParsedArgs): string | number | undefined {
  const at = optString(args, 'at');
  if (at === undefined) return undefined;
  if (/^\d+$/.test(at)) return Number(at);
  if (/^0x[0-9a-fA-F]{64}$/.test(at)) return at.toLowerCase();
  throw new SwxError('INVALID_INPUT', `--at must be a block number or a 0x-prefixed 32-byte hash (got ${at})`);
}

/**
 * Connects to `--endpoint`, if given. With `io`, an enumeration of the state
 * that a call needs (a storage root where the node serves no read proofs)
 * shows its progress on stderr.
 */
export async function openEndpoint(args: ParsedArgs, io?: CliIo): Promise<RpcStateBackend | undefined> {
  const url = optString(args, 'endpoint');
  if (url === undefined) {
    for (const o of ['at', 'no-header-check']) if (args.options.has(o)) throw new SwxError('INVALID_INPUT', `--${o} needs --endpoint URL`);
    return undefined;
  }
  if (!/^(wss?|https?):\/\//.test(url)) throw new SwxError('INVALID_INPUT', `--endpoint must be a ws://, wss://, http:// or https:// URL (got ${url})`);
  const at = atOf(args);
  return RpcStateBackend.connect(url, {
    cache: !optFlag(args, 'no-cache'),
    ...(at !== undefined ? { at } : {}),
    ...(optFlag(args, 'no-header-check') ? { checkHeaderHash: false } : {}),
    ...(io !== undefined ? { progress: progressPrinter(io, 'reading the state for the storage root') } : {}),
  });
}

/**
 * With an endpoint, whether the first positional argument is a RUNTIME file
 * (else it is the next argument and the runtime is the chain's `:code`).
 */
export function runtimeGiven(args: ParsedArgs): boolean {
  const first = args.positionals[0];
  return first !== undefined && (first === '-' || existsSync(first));
}

/** The chain's `:code` at the endpoint's block. */
export async function chainCode(remote: RpcStateBackend): Promise<RuntimeCode> {
  const blob = await remote.get(CODE_KEY);
  if (blob === undefined) throw new SwxError('CHAIN_SPEC_INVALID', 'the served state has no :code');
  return loadRuntimeCodeSync(blob, await createServices());
}

/** A worker running `code` for calls on the remote state (closed by the caller). */
export function isolatedFor(args: ParsedArgs, code: RuntimeCode): Promise<IsolatedRuntime> {
  return IsolatedRuntime.create(code.original, semanticsOpts(args));
}

/** The request counters for `--json` outputs. */
export function rpcStats(remote: RpcStateBackend): Record<string, unknown> {
  return { ...remote.stats, methods: { ...remote.stats.methods } };
}

/** The whole served state in memory (top trie and child tries), progress on stderr. */
export async function servedState(remote: RpcStateBackend, io: CliIo): Promise<InMemoryBackend> {
  const top = await remote.entries(progressPrinter(io, 'reading the state'));
  const children = await Promise.all((await remote.childStorageKeys()).map(async (sk) => [sk, await remote.childEntries(sk)] as const));
  return InMemoryBackend.fromEntries(top, children);
}

/** Prints progress of a long enumeration on stderr (at most every second). */
export function progressPrinter(io: CliIo, what: string): (p: { keys: number; fetchedKeys: number }) => void {
  const start = Date.now();
  let last = start;
  return (p) => {
    const now = Date.now();
    if (now - last < 1000) return;
    last = now;
    io.err(`swx: ${what}: ${p.keys} keys (${p.fetchedKeys} fetched) in ${((now - start) / 1000).toFixed(0)} s`);
  };
}

/** What a command runs: the runtime code, the state (local or remote), and the positional arguments after RUNTIME. */
export interface RuntimeTarget {
  code: RuntimeCode;
  state: StorageBackend | RpcStateBackend | undefined;
  remote: RpcStateBackend | undefined;
  rest: string[];
}

/**
 * The RUNTIME (first positional, or the chain's `:code` with an endpoint when
 * no runtime file is given) and the state (`--state`, `--endpoint`, or a chain
 * spec RUNTIME's genesis). The caller closes `remote`.
 */
export async function runtimeTarget(args: ParsedArgs, limits: InputLimits, io?: CliIo): Promise<RuntimeTarget> {
  const remote = await openEndpoint(args, io);
  try {
    const statePath = optString(args, 'state');
    if (remote !== undefined && statePath !== undefined) throw new SwxError('INVALID_INPUT', 'give --state STATE or --endpoint URL, not both');
    if (remote !== undefined && !runtimeGiven(args)) return { code: await chainCode(remote), state: remote, remote, rest: args.positionals };
    const first = args.positionals[0];
    if (first === undefined) throw new SwxError('INVALID_INPUT', 'missing argument RUNTIME');
    const input = loadRuntimeInput(first, await createServices(), limits);
    const state = remote ?? (statePath !== undefined ? loadStateInput(statePath, limits) : input.state);
    return { code: input.code, state, remote, rest: args.positionals.slice(1) };
  } catch (e) {
    await remote?.close();
    throw e;
  }
}

/**
 * The target and its caller. A local RUNTIME goes through the artifact cache
 * (unless `--no-cache`): a runtime seen before is not decompressed, decoded,
 * validated or transformed again. Phases are marked on `timings`.
 */
export async function openTarget(args: ParsedArgs, limits: InputLimits, timings: Timings): Promise<{ target: RuntimeTarget; caller: RuntimeCaller }> {
  if (args.options.has('endpoint') || args.options.has('state')) {
    const target = await runtimeTarget(args, limits);
    return { target, caller: await callerFor(args, target) };
  }
  const first = args.positionals[0];
  if (first === undefined) throw new SwxError('INVALID_INPUT', 'missing argument RUNTIME');
  const { blob, state } = readRuntimeBlob(first, limits);
  timings.mark('read');
  const { runtime } = await createRuntimeCached(blob, { ...semanticsOpts(args), cache: !optFlag(args, 'no-cache'), mark: (p) => timings.mark(p) });
  return { target: { code: runtime.code, state, remote: undefined, rest: args.positionals.slice(1) }, caller: runtime };
}

/** The caller for a target: a worker for a remote state, else this thread. */
export async function callerFor(args: ParsedArgs, target: RuntimeTarget): Promise<RuntimeCaller> {
  return target.remote !== undefined ? isolatedFor(args, target.code) : createRuntime(target.code, semanticsOpts(args));
}

/** Runs `method` on the target, recording and prefetching its access pattern on a remote state. */
export function callOn(caller: RuntimeCaller, target: RuntimeTarget, method: string, input: Uint8Array, opts: CallOpts = {}): Promise<CallResult> {
  const state = target.state;
  const run = (): Promise<CallResult> => caller.call(method, input, { ...opts, ...(state !== undefined ? { state } : {}) });
  return target.remote !== undefined ? target.remote.traced(target.code.hash, method, run) : run();
}
