/** The work of `swx call`; its spec (options, help) is commands/call.ts. */
import { SwxError } from '../../base/errors.js';
import { fromHex, toHex } from '../../base/bytes.js';
import { decodeApiResult, encodeApiCall, type Json } from '../../metadata/index.js';
import { openMetadataOf } from '../metadata-of.js';
import type { RuntimeCaller } from '../../executor/index.js';
import { callOn, callerFor, rpcStats, runtimeTarget, type RuntimeTarget } from '../endpoint.js';
import type { KeyChange } from '../../state/index.js';
import { optFlag, type ParsedArgs } from '../args.js';
import type { CliIo } from '../command.js';
import { callOptsOf, inputLimitsOf, printLogs } from '../options.js';

function changesJson(changes: readonly KeyChange[]): Array<[string, string | null]> {
  return changes.map(([k, v]) => [toHex(k), v === null ? null : toHex(v)]);
}

/** Runs `swx call` (spec: commands/call.ts). */
export async function runCall(args: ParsedArgs, io: CliIo): Promise<void> {
  if (!args.options.has('endpoint') && args.positionals.length < 2) throw new SwxError('INVALID_INPUT', 'call: missing argument METHOD (see swx call --help)');
  const target = await runtimeTarget(args, inputLimitsOf(args), io);
  try {
    const runtime = await callerFor(args, target);
    try {
      await run(target, runtime);
    } finally {
      await runtime.close();
    }
  } finally {
    await target.remote?.close();
  }

  async function run(target: RuntimeTarget, runtime: RuntimeCaller): Promise<void> {
    const [ref, ...rest] = target.rest;
    if (ref === undefined) throw new SwxError('INVALID_INPUT', 'call: missing argument METHOD (see swx call --help)');
    const state = target.state;
    let method = ref;
    let data: Uint8Array = new Uint8Array(0);
    let decode: ((output: Uint8Array) => Json) | undefined;
    if (ref.includes('.')) {
      const meta = await openMetadataOf(runtime, state);
      const encoded = encodeApiCall(meta, ref, rest);
      ({ method, input: data } = encoded);
      decode = (output) => decodeApiResult(meta, ref, output);
    } else {
      if (rest.length > 1) throw new SwxError('INVALID_INPUT', `call: ${ref} takes one INPUT_HEX argument (SCALE); for arguments as text use Api.method (got ${rest.length})`);
      if (rest[0] !== undefined) data = fromHex(rest[0], 'INPUT_HEX');
    }
    const res = await callOn(runtime, target, method, data, callOptsOf(args));
    printLogs(args, io, res.logs);
    if (optFlag(args, 'raw')) return io.out(toHex(res.output));
    const result = {
      ...(decode !== undefined ? { result: decode(res.output) } : {}),
      output: toHex(res.output),
      storageChanges: changesJson(res.storageChanges),
      childStorageChanges: res.childStorageChanges.map(([sk, c]) => [toHex(sk), changesJson(c)] as const),
      logs: res.logs.map((l) => ({ level: l.level, target: l.target, message: l.message })),
      ...(target.remote !== undefined ? { rpc: rpcStats(target.remote) } : {}),
    };
    if (optFlag(args, 'json')) return io.out(JSON.stringify(result));
    if (decode !== undefined) io.out(`result: ${JSON.stringify(result.result, null, 2)}`);
    io.out(`output: ${result.output}`);
    io.out(`storage changes: ${result.storageChanges.length}`);
    for (const [k, v] of result.storageChanges) io.out(`  ${k} = ${v ?? '(cleared)'}`);
    for (const [sk, changes] of result.childStorageChanges) {
      io.out(`child trie ${sk}: ${changes.length} changes`);
      for (const [k, v] of changes) io.out(`  ${k} = ${v ?? '(cleared)'}`);
    }
    for (const l of result.logs) io.out(`  log[${l.level}] ${l.target}: ${l.message}`);
  }
}
