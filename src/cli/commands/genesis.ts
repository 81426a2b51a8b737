/** `swx genesis`: the genesis state root and block hash of a state. */
import { toHex } from '../../base/bytes.js';
import { genesisInfo } from '../../executor/index.js';
import { optFlag } from '../args.js';
import type { CommandSpec } from '../command.js';
import { loadStateInput } from '../load.js';
import { INPUT_OPTION, JSON_OPTION, inputLimitsOf } from '../options.js';

export const GENESIS_COMMAND: CommandSpec = {
  name: 'genesis',
  summary: 'genesis state root (in the :code runtime\'s layout) and genesis block hash of a raw chain spec',
  args: [{ name: 'STATE' }],
  options: [JSON_OPTION, INPUT_OPTION],
  examples: ['swx genesis chain-spec.json --json'],
  async run(args, io) {
    const info = await genesisInfo(loadStateInput(args.positionals[0]!, inputLimitsOf(args)));
    const result = { stateVersion: info.stateVersion, stateRoot: toHex(info.stateRoot), genesisHash: toHex(info.genesisHash) };
    if (optFlag(args, 'json')) return io.out(JSON.stringify(result));
    io.out(`state version: V${result.stateVersion}\nstate root:    ${result.stateRoot}\ngenesis hash:  ${result.genesisHash}`);
  },
};
