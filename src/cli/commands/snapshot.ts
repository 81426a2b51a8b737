/**
 * `swx snapshot`: a served state written to a file usable offline as STATE
 * (a storage dump `{mainTrie, childTries}`): the whole state at `--at`, or
 * with `--for METHOD [INPUT_HEX]` only what that call read (each key it read,
 * each key a `next_key` answered, and `:code`), enough to replay that call.
 */
import { lazyRun, type CommandSpec } from '../command.js';
import { ENDPOINT_OPTIONS, JSON_OPTION, RUNTIME_OPTIONS } from '../option-specs.js';

export const SNAPSHOT_COMMAND: CommandSpec = {
  name: 'snapshot',
  summary: "a live chain's state at a block, written as a storage dump usable offline as STATE",
  args: [],
  options: [
    { name: 'o', short: 'o', value: 'FILE', help: "where to write the dump ('-': stdout)" },
    { name: 'for', value: 'METHOD', help: 'only what this call reads (with --input); default: the whole state' },
    { name: 'input', value: 'HEX', help: "with --for: the call's SCALE input" },
    JSON_OPTION,
    ...RUNTIME_OPTIONS,
    ...ENDPOINT_OPTIONS,
  ],
  details: 'The dump is {"mainTrie": {key: value}, "childTries": {child key: {key: value}}}, sorted, hex.',
  examples: [
    'swx snapshot --endpoint ws://127.0.0.1:9944 --at 1234 -o state.json',
    'swx snapshot --endpoint ws://127.0.0.1:9944 --for AccountNonceApi_account_nonce --input 0xd435… -o nonce-state.json',
  ],
  timed: true,
  run: lazyRun(() => import('../run/snapshot.js'), (m) => m.runSnapshot),
};
