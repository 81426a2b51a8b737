/** `swx execute-block`: `Core_execute_block` of a block on its parent state. */
import { SwxError } from '../../base/errors.js';
import { toHex } from '../../base/bytes.js';
import { executeBlock } from '../../executor/index.js';
import { optFlag, optString } from '../args.js';
import type { CommandSpec } from '../command.js';
import { loadStateInput } from '../load.js';
import { readInputFile } from '../io.js';
import { parseBlockJson } from '../block-json.js';
import { JSON_OPTION, RUNTIME_OPTIONS, callLimitsOf, inputLimitsOf, printLogs, semanticsOpts } from '../options.js';

export const EXECUTE_BLOCK_COMMAND: CommandSpec = {
  name: 'execute-block',
  summary: 'execute a block on its parent state; the runtime checks the state root',
  args: [],
  options: [
    { name: 'state', value: 'STATE', help: 'the parent state (its :code is the runtime)' },
    { name: 'block', value: 'BLOCK', help: 'BLOCK.json: {header, extrinsics}, or chain_getBlock\'s result' },
    JSON_OPTION,
    ...RUNTIME_OPTIONS,
  ],
  details: 'A failing block exits 1 with the runtime\'s message; the parent state is never modified.',
  examples: ['swx execute-block --state kusama.json --block kusama-block-1.json --json'],
  timed: true,
  async run(args, io) {
    const statePath = optString(args, 'state');
    const blockPath = optString(args, 'block');
    if (statePath === undefined) throw new SwxError('INVALID_INPUT', 'execute-block: missing --state STATE');
    if (blockPath === undefined) throw new SwxError('INVALID_INPUT', 'execute-block: missing --block BLOCK.json');
    const state = loadStateInput(statePath, inputLimitsOf(args));
    const block = parseBlockJson(readInputFile(blockPath, inputLimitsOf(args)), blockPath);
    const res = await executeBlock(state, block, { ...semanticsOpts(args), ...callLimitsOf(args) });
    printLogs(args, io, res.call.logs);
    const result = { ok: true, stateRoot: toHex(res.stateRoot) };
    if (optFlag(args, 'json')) return io.out(JSON.stringify(result));
    io.out(`block executed; state root ${result.stateRoot}`);
  },
};
