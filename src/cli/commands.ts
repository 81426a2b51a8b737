/**
 * The `swx` sub-commands. Each reads its inputs, runs the executor and prints
 * either a human summary or, with `--json`, one JSON object on stdout.
 */
import { writeFileSync } from 'node:fs';
import { SwxError } from '../base/errors.js';
import { fromHex, toHex } from '../base/bytes.js';
import { runtimeVersionToJson, compress as compressBlob } from '../blob/index.js';
import type { ParsedArgs } from './args.js';
import { optFlag, optString } from './args.js';
import { readInputFile } from './io.js';
import { loadRuntimeInput, loadStateInput, openRuntimeInput, openTools, runtimeOpts, type Tools } from './load.js';
import { createTimings } from './timings.js';
import { describeCode } from './info.js';
import { runDemo } from './demo.js';
import { HOSTAPI_COMMAND } from './hostapi.js';
import { createRuntime, callWithState, executeBlock, genesisInfo, parseBlockJson, IsolatedRuntime } from '../executor/index.js';

/** A sub-command. */
export interface Command {
  valued: ReadonlySet<string>;
  flags: ReadonlySet<string>;
  run(args: ParsedArgs, out: (s: string) => void): Promise<void>;
}

const RUNTIME_OPTS = ['strategy', 'heap-pages'];
const RUNTIME_FLAGS = ['json', 'allow-missing-imports', 'no-cache', 'timings'];

function need(args: ParsedArgs, i: number, what: string): string {
  const v = args.positionals[i];
  if (v === undefined) throw new SwxError('INVALID_INPUT', `missing argument ${what}`);
  return v;
}

function json(out: (s: string) => void, v: unknown): void {
  out(JSON.stringify(v));
}

async function version(args: ParsedArgs, out: (s: string) => void): Promise<void> {
  const timings = createTimings(optFlag(args, 'timings'));
  const tools = await openTools();
  const { runtime } = await openRuntimeInput(need(args, 0, 'RUNTIME'), args, tools, timings);
  timings.print();
  if (runtime.version === undefined) {
    throw new SwxError('EXPORT_NOT_FOUND', 'runtime has no version: no runtime_version section and Core_version failed', { method: 'Core_version' });
  }
  const v = runtimeVersionToJson(runtime.version);
  if (optFlag(args, 'json')) return json(out, v);
  out(`${v.specName}/${v.implName} spec ${v.specVersion} impl ${v.implVersion} authoring ${v.authoringVersion} tx ${v.transactionVersion} state V${v.stateVersion}`);
  for (const [id, n] of v.apis) out(`  ${id} v${n}`);
}

async function metadata(args: ParsedArgs, out: (s: string) => void): Promise<void> {
  const timings = createTimings(optFlag(args, 'timings'));
  const tools = await openTools();
  timings.mark('tools');
  const { runtime, state } = await openRuntimeInput(need(args, 0, 'RUNTIME'), args, tools, timings);
  const res = await callWithState(runtime, 'Metadata_metadata', new Uint8Array(0), state, tools);
  timings.mark('instantiate + first call');
  timings.print();
  const file = optString(args, 'o');
  if (file !== undefined) writeFileSync(file, res.output);
  const summary = { length: res.output.length, blake2_256: toHex(tools.hashers.blake2_256(res.output)) };
  if (optFlag(args, 'json')) return json(out, summary);
  out(`metadata: ${summary.length} bytes, blake2_256 ${summary.blake2_256}${file !== undefined ? `, written to ${file}` : ''}`);
}

async function call(args: ParsedArgs, out: (s: string) => void): Promise<void> {
  const tools = await openTools();
  const input = loadRuntimeInput(need(args, 0, 'RUNTIME'), tools);
  const method = need(args, 1, 'METHOD');
  const data = args.positionals[2] !== undefined ? fromHex(args.positionals[2], 'INPUT_HEX') : new Uint8Array(0);
  const statePath = optString(args, 'state');
  const state = statePath !== undefined ? loadStateInput(statePath, tools) : input.state;
  const timeout = optString(args, 'timeout');
  let res: { output: Uint8Array; storageChanges: ReadonlyArray<readonly [Uint8Array, Uint8Array | null]>; logs: ReadonlyArray<{ level: number; target: string; message: string }> };
  if (timeout !== undefined) {
    // A time limit needs the runtime in a worker thread, which can be stopped.
    if (!/^\d+$/.test(timeout)) throw new SwxError('INVALID_INPUT', `--timeout must be a number of milliseconds (got ${timeout})`);
    const { hashers: _h, decompressor: _d, hostFunctions: _f, ...semantics } = runtimeOpts(args, tools, state);
    const isolated = await IsolatedRuntime.create(input.code.original, { ...semantics, timeoutMs: Number(timeout) });
    try {
      res = await isolated.call(method, data, state !== undefined ? { state } : {});
    } finally {
      await isolated.close();
    }
  } else {
    const runtime = await createRuntime(input.code, runtimeOpts(args, tools, state));
    res = await callWithState(runtime, method, data, state, tools);
  }
  const result = {
    output: toHex(res.output),
    storageChanges: res.storageChanges.map(([k, v]) => [toHex(k), v === null ? null : toHex(v)]),
    logs: res.logs.map((l) => ({ level: l.level, target: l.target, message: l.message })),
  };
  if (optFlag(args, 'json')) return json(out, result);
  out(`output: ${result.output}`);
  out(`storage changes: ${result.storageChanges.length}`);
  for (const [k, v] of result.storageChanges) out(`  ${k} = ${v ?? '(cleared)'}`);
  for (const l of result.logs) out(`  log[${l.level}] ${l.target}: ${l.message}`);
}

async function genesis(args: ParsedArgs, out: (s: string) => void): Promise<void> {
  const tools = await openTools();
  const state = loadStateInput(need(args, 0, 'STATE'), tools);
  const info = await genesisInfo(state, tools);
  const result = { stateVersion: info.stateVersion, stateRoot: toHex(info.stateRoot), genesisHash: toHex(info.genesisHash) };
  if (optFlag(args, 'json')) return json(out, result);
  out(`state version: V${result.stateVersion}\nstate root:    ${result.stateRoot}\ngenesis hash:  ${result.genesisHash}`);
}

async function executeBlockCmd(args: ParsedArgs, out: (s: string) => void): Promise<void> {
  const tools = await openTools();
  const statePath = optString(args, 'state');
  const blockPath = optString(args, 'block');
  if (statePath === undefined) throw new SwxError('INVALID_INPUT', 'missing --state STATE');
  if (blockPath === undefined) throw new SwxError('INVALID_INPUT', 'missing --block BLOCK.json');
  const state = loadStateInput(statePath, tools);
  const block = parseBlockJson(readInputFile(blockPath), blockPath);
  const res = await executeBlock(state, block, tools, runtimeOpts(args, tools, state));
  const result = { ok: true, stateRoot: toHex(res.stateRoot) };
  if (optFlag(args, 'json')) return json(out, result);
  out(`block executed; state root ${result.stateRoot}`);
}

async function info(args: ParsedArgs, out: (s: string) => void): Promise<void> {
  const tools = await openTools();
  const path = need(args, 0, 'RUNTIME');
  const input = loadRuntimeInput(path, tools);
  const runtime = await createRuntime(input.code, { ...runtimeOpts(args, tools, input.state), allowMissingImports: true });
  const summary = describeCode(input.code, runtime);
  if (optFlag(args, 'json')) return json(out, summary);
  out(summary.text);
}

async function compress(args: ParsedArgs, out: (s: string) => void): Promise<void> {
  const tools = await openTools();
  const [inPath, outPath] = [need(args, 0, 'IN'), need(args, 1, 'OUT')];
  const raw = tools.decompressor.decompress(readInputFile(inPath)).code;
  const packed = await compressBlob(raw);
  writeFileSync(outPath, packed);
  out(`${inPath}: ${raw.length} bytes -> ${outPath}: ${packed.length} bytes`);
}

async function decompress(args: ParsedArgs, out: (s: string) => void): Promise<void> {
  const tools: Tools = await openTools();
  const [inPath, outPath] = [need(args, 0, 'IN'), need(args, 1, 'OUT')];
  const { code, compressed } = tools.decompressor.decompress(readInputFile(inPath));
  writeFileSync(outPath, code);
  out(`${inPath}: ${compressed ? 'compressed' : 'not compressed'} -> ${outPath}: ${code.length} bytes`);
}

function cmd(valued: string[], flags: string[], run: Command['run']): Command {
  return { valued: new Set(valued), flags: new Set(flags), run };
}

/** The command table. */
export const COMMANDS: ReadonlyMap<string, Command> = new Map<string, Command>([
  ['info', cmd(RUNTIME_OPTS, RUNTIME_FLAGS, info)],
  ['version', cmd(RUNTIME_OPTS, RUNTIME_FLAGS, version)],
  ['metadata', cmd([...RUNTIME_OPTS, 'o'], RUNTIME_FLAGS, metadata)],
  ['call', cmd([...RUNTIME_OPTS, 'state', 'timeout'], RUNTIME_FLAGS, call)],
  ['genesis', cmd([], ['json'], genesis)],
  ['execute-block', cmd([...RUNTIME_OPTS, 'state', 'block'], RUNTIME_FLAGS, executeBlockCmd)],
  ['compress', cmd([], [], compress)],
  ['decompress', cmd([], [], decompress)],
  ['demo', cmd([], ['json'], (args, out) => runDemo(optFlag(args, 'json'), out))],
  ['hostapi', HOSTAPI_COMMAND],
]);

export { USAGE } from './usage.js';
