/** `swx call`: any runtime entry point, on an optional state; output, storage changes, logs. */
import { fromHex, toHex } from '../../base/bytes.js';
import { createRuntime, createServices } from '../../executor/index.js';
import type { KeyChange } from '../../state/index.js';
import { optFlag, optString } from '../args.js';
import type { CommandSpec } from '../command.js';
import { loadRuntimeInput, loadStateInput } from '../load.js';
import { JSON_OPTION, RUNTIME_OPTIONS, callOptsOf, printLogs, semanticsOpts } from '../options.js';

function changesJson(changes: readonly KeyChange[]): Array<[string, string | null]> {
  return changes.map(([k, v]) => [toHex(k), v === null ? null : toHex(v)]);
}

export const CALL_COMMAND: CommandSpec = {
  name: 'call',
  summary: 'call any runtime API; prints output, storage changes, child storage changes, logs',
  args: [{ name: 'RUNTIME' }, { name: 'METHOD' }, { name: 'INPUT_HEX', optional: true }],
  options: [{ name: 'state', value: 'STATE', help: 'the state to call on (default: the chain spec RUNTIME\'s genesis, else empty)' }, JSON_OPTION, ...RUNTIME_OPTIONS],
  details: 'The state is never modified; the changes the call made are printed.',
  examples: [
    'swx call runtime.wasm Core_version --json',
    'swx call chain-spec.json AccountNonceApi_account_nonce 0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d',
    'swx call runtime.wasm Core_initialize_block 0x… --state chain-spec.json --log-level debug',
  ],
  timed: true,
  async run(args, io) {
    const input = loadRuntimeInput(args.positionals[0]!, await createServices());
    const method = args.positionals[1]!;
    const data = args.positionals[2] !== undefined ? fromHex(args.positionals[2], 'INPUT_HEX') : new Uint8Array(0);
    const statePath = optString(args, 'state');
    const state = statePath !== undefined ? loadStateInput(statePath) : input.state;
    const runtime = await createRuntime(input.code, semanticsOpts(args));
    const res = await runtime.call(method, data, { ...callOptsOf(args), ...(state !== undefined ? { state } : {}) });
    printLogs(args, io, res.logs);
    const result = {
      output: toHex(res.output),
      storageChanges: changesJson(res.storageChanges),
      childStorageChanges: res.childStorageChanges.map(([sk, c]) => [toHex(sk), changesJson(c)] as const),
      logs: res.logs.map((l) => ({ level: l.level, target: l.target, message: l.message })),
    };
    if (optFlag(args, 'json')) return io.out(JSON.stringify(result));
    io.out(`output: ${result.output}`);
    io.out(`storage changes: ${result.storageChanges.length}`);
    for (const [k, v] of result.storageChanges) io.out(`  ${k} = ${v ?? '(cleared)'}`);
    for (const [sk, changes] of result.childStorageChanges) {
      io.out(`child trie ${sk}: ${changes.length} changes`);
      for (const [k, v] of changes) io.out(`  ${k} = ${v ?? '(cleared)'}`);
    }
    for (const l of result.logs) io.out(`  log[${l.level}] ${l.target}: ${l.message}`);
  },
};
