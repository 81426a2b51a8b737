/**
 * `swx storage`: a storage item by pallet and name, decoded with the
 * metadata of the state's own runtime (`:code`): one value when every key
 * part is given, else the entries of the map under the given parts (paged).
 */
import { fromHex } from '../../base/bytes.js';
import { SwxError } from '../../base/errors.js';
import { createRuntime, createServices, loadRuntimeCodeSync } from '../../executor/index.js';
import { CODE_KEY } from '../../state/index.js';
import { readStorage } from '../../metadata/index.js';
import { optFlag, optPositiveInt, optString } from '../args.js';
import type { CommandSpec } from '../command.js';
import { loadStateInput } from '../load.js';
import { ENDPOINT_OPTIONS, isolatedFor, openEndpoint, rpcStats } from '../endpoint.js';
import type { RpcStateBackend } from '../../rpc/index.js';
import { openMetadataOf } from '../metadata-of.js';
import { INPUT_OPTION, JSON_OPTION, inputLimitsOf, semanticsOpts } from '../options.js';

/** Entries listed when `--limit` is not given. */
const DEFAULT_LIMIT = 100;

export const STORAGE_COMMAND: CommandSpec = {
  name: 'storage',
  summary: 'a storage item by name (Pallet.Item [KEYS…]), decoded; a map without all keys lists its entries',
  args: [{ name: 'STATE' }, { name: 'ITEM', optional: true }, { name: 'KEYS', optional: true, variadic: true }],
  options: [
    { name: 'limit', value: 'N', help: `entries listed at most (default ${DEFAULT_LIMIT})` },
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
  async run(args, io) {
    const remote = await openEndpoint(args);
    try {
      await run(remote);
    } finally {
      await remote?.close();
    }

    async function run(remote: RpcStateBackend | undefined): Promise<void> {
      const [statePath, ref, ...keys] = (remote !== undefined ? ['(endpoint)', ...args.positionals] : args.positionals) as [string, string | undefined, ...string[]];
      if (ref === undefined) throw new SwxError('INVALID_INPUT', 'storage: missing argument ITEM (Pallet.Item)');
      const state = remote ?? loadStateInput(statePath, inputLimitsOf(args));
      const blob = await state.get(CODE_KEY);
      if (blob === undefined) throw new SwxError('CHAIN_SPEC_INVALID', `${statePath}: the state has no :code, so no metadata to name its storage`, { path: statePath });
      const code = loadRuntimeCodeSync(blob, await createServices());
      const runtime = remote !== undefined ? await isolatedFor(args, code) : await createRuntime(code, semanticsOpts(args));
      let meta;
      try {
        meta = await openMetadataOf(runtime, state);
      } finally {
        await runtime.close();
      }
      const startAfter = optString(args, 'start-after');
      const read = await readStorage(meta, state, ref, keys, {
        limit: optPositiveInt(args, 'limit', 'entries') ?? DEFAULT_LIMIT,
        ...(startAfter !== undefined ? { startAfter: fromHex(startAfter, '--start-after') } : {}),
      });
      const raw = optFlag(args, 'raw');
      if (optFlag(args, 'json')) return io.out(JSON.stringify(remote !== undefined ? { ...read, rpc: rpcStats(remote) } : read));
      if (read.kind === 'value') return io.out(raw ? (read.raw ?? 'none') : JSON.stringify(read.value, null, 2));
      for (const e of read.entries) io.out(`${JSON.stringify(e.keyArgs)} => ${raw ? e.raw : JSON.stringify(e.value)}`);
      if (read.next !== undefined) io.out(`… more: --start-after ${read.next}`);
    }
  },
};
