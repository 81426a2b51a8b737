/**
 * `swx genesis`: the genesis state root and block hash of a state: a chain
 * spec's raw genesis, or (`--endpoint`) the state a node serves at a block,
 * enumerated whole (progress on stderr) and rooted the same way.
 */
import { SwxError } from '../../base/errors.js';
import { toHex } from '../../base/bytes.js';
import { genesisInfo } from '../../executor/index.js';
import { optFlag } from '../args.js';
import type { CommandSpec } from '../command.js';
import { loadStateInput } from '../load.js';
import { ENDPOINT_OPTIONS, openEndpoint, rpcStats, servedState } from '../endpoint.js';
import { INPUT_OPTION, JSON_OPTION, inputLimitsOf } from '../options.js';

export const GENESIS_COMMAND: CommandSpec = {
  name: 'genesis',
  summary: "state root (in the :code runtime's layout) and genesis-style block hash of a raw chain spec or a served state",
  args: [{ name: 'STATE', optional: true }],
  options: [JSON_OPTION, INPUT_OPTION, ...ENDPOINT_OPTIONS],
  examples: ['swx genesis chain-spec.json --json', 'swx genesis --endpoint ws://127.0.0.1:9944 --at 0 --json'],
  async run(args, io) {
    const remote = await openEndpoint(args);
    try {
      const path = args.positionals[0];
      if (remote === undefined && path === undefined) throw new SwxError('INVALID_INPUT', 'genesis: missing argument STATE (or --endpoint URL)');
      const state = remote !== undefined ? await servedState(remote, io) : loadStateInput(path!, inputLimitsOf(args));
      const info = await genesisInfo(state);
      const result = {
        stateVersion: info.stateVersion,
        stateRoot: toHex(info.stateRoot),
        genesisHash: toHex(info.genesisHash),
        ...(remote !== undefined ? { rpc: rpcStats(remote) } : {}),
      };
      if (optFlag(args, 'json')) return io.out(JSON.stringify(result));
      io.out(`state version: V${result.stateVersion}\nstate root:    ${result.stateRoot}\ngenesis hash:  ${result.genesisHash}`);
    } finally {
      await remote?.close();
    }
  },
};
