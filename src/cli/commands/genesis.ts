/**
 * `swx genesis`: the genesis state root and block hash of a state: a chain
 * spec's raw genesis, or (`--endpoint`) the state a node serves at a block,
 * enumerated whole (progress on stderr) and rooted the same way.
 */
import { lazyRun, type CommandSpec } from '../command.js';
import { ENDPOINT_OPTIONS, INPUT_OPTION, JSON_OPTION } from '../option-specs.js';

export const GENESIS_COMMAND: CommandSpec = {
  name: 'genesis',
  summary: "state root (in the :code runtime's layout) and genesis-style block hash of a raw chain spec or a served state",
  args: [{ name: 'STATE', optional: true }],
  options: [JSON_OPTION, INPUT_OPTION, ...ENDPOINT_OPTIONS],
  examples: ['swx genesis chain-spec.json --json', 'swx genesis --endpoint ws://127.0.0.1:9944 --at 0 --json'],
  run: lazyRun(() => import('../run/genesis.js'), (m) => m.runGenesis),
};
