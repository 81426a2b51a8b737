/**
 * `swx call`: any runtime entry point, on an optional state; output, storage
 * changes, logs. `Api_method 0x…` takes SCALE hex; `Api.method ARGS…` encodes
 * the arguments from the metadata's runtime API types (V15+) and decodes the result.
 */
import { lazyRun, type CommandSpec } from '../command.js';
import { ENDPOINT_OPTIONS, JSON_OPTION, RUNTIME_OPTIONS } from '../option-specs.js';

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
  run: lazyRun(() => import('../run/call.js'), (m) => m.runCall),
};
