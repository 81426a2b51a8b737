/**
 * `swx call`: any runtime entry point, on an optional state; output, storage
 * changes, logs. `Api_method 0x…` takes SCALE hex; `Api.method ARGS…` encodes
 * the arguments from the metadata's runtime API types (V15+) and decodes the result.
 */
import { SwxError } from '../../base/errors.js';
import { fromHex, toHex } from '../../base/bytes.js';
import { decodeApiResult, encodeApiCall, type Json } from '../../metadata/index.js';
import { openMetadataOf } from '../metadata-of.js';
import type { RuntimeCaller } from '../../executor/index.js';
import { ENDPOINT_OPTIONS, callOn, callerFor, rpcStats, runtimeTarget, type RuntimeTarget } from '../endpoint.js';
import type { KeyChange } from '../../state/index.js';
import { optFlag } from '../args.js';
import type { CommandSpec } from '../command.js';
import { JSON_OPTION, RUNTIME_OPTIONS, callOptsOf, inputLimitsOf, printLogs } from '../options.js';

function changesJson(changes: readonly KeyChange[]): Array<[string, string | null]> {
  return changes.map(([k, v]) => [toHex(k), v === null ? null : toHex(v)]);
}

export const CALL_COMMAND: CommandSpec = {
  name: 'call',
  summary: 'call any runtime API; prints output, storage changes, child storage changes, logs',
  args: [{ name: 'RUNTIME' }, { name: 'METHOD', optional: true }, { name: 'ARGS', optional: true, variadic: true }],
  options: [
    { name: 'state', value: 'STATE', help: 'the state to call on (default: the chain spec RUNTIME\'s genesis, else empty)' },
    ...ENDPOINT_OPTIONS,
    { name: 'raw', help: 'print the output as hex only' },
    JSON_OPTION,
    ...RUNTIME_OPTIONS,
  ],
  details: [
    'METHOD is `Api_method` with one SCALE-encoded INPUT_HEX argument, or `Api.method` with the',
    "method's arguments as text (SS58 or hex accounts, numbers, hex bytes, JSON for structs and",
    'enums), encoded from the runtime API types of the metadata (V15+); the result is decoded.',
    'The state is never modified; the changes the call made are printed.',
  ].join('\n'),
  examples: [
    'swx call chain-spec.json AccountNonceApi.account_nonce 5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY',
    'swx call runtime.wasm Core_version --json',
    'swx call Core_version --endpoint ws://127.0.0.1:9944 --at 1234 --json',
    'swx call chain-spec.json AccountNonceApi_account_nonce 0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d',
    'swx call runtime.wasm Core_initialize_block 0x… --state chain-spec.json --log-level debug',
  ],
  timed: true,
  async run(args, io) {
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
  },
};
