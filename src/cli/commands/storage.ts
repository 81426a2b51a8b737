/**
 * `swx storage`: a storage item by pallet and name, decoded with the
 * metadata of the state's own runtime (`:code`): one value when every key
 * part is given, else the entries of the map under the given parts (paged).
 */
import { lazyRun, type CommandSpec } from '../command.js';
import { ENDPOINT_OPTIONS, INPUT_OPTION, JSON_OPTION, STORAGE_LIST_LIMIT } from '../option-specs.js';

export const STORAGE_COMMAND: CommandSpec = {
  name: 'storage',
  summary: 'a storage item by name (Pallet.Item [KEYS…]), decoded; a map without all keys lists its entries',
  args: [{ name: 'STATE' }, { name: 'ITEM', optional: true }, { name: 'KEYS', optional: true, variadic: true }],
  options: [
    { name: 'limit', value: 'N', help: `entries listed at most (default ${STORAGE_LIST_LIMIT})` },
    { name: 'start-after', value: 'KEY', help: 'continue a listing after this storage key (the "next" of an earlier page)' },
    { name: 'raw', help: 'print the SCALE value as hex' },
    JSON_OPTION,
    INPUT_OPTION,
    ...ENDPOINT_OPTIONS,
    { name: 'timeout', value: 'MS', help: 'stop the whole command after MS milliseconds: exit 1' },
  ],
  timed: true,
  details: 'KEYS are text: SS58 or hex accounts, numbers, hex bytes, JSON for structs and enums.',
  examples: [
    'swx storage chain-spec.json System.Account 5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY',
    'swx storage chain-spec.json System.Account --limit 5 --json',
    'swx storage chain-spec.json Balances.TotalIssuance --raw',
    'swx storage --endpoint ws://127.0.0.1:9944 System.Account 5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY',
  ],
  run: lazyRun(() => import('../run/storage.js'), (m) => m.runStorage),
};
