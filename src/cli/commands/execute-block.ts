/**
 * `swx execute-block`: `Core_execute_block` of a block on its parent state —
 * a local STATE, or (`--endpoint`) the state a node serves: with `--block FILE`
 * at `--at` (the parent), or without it the block `--at` itself, fetched and
 * executed on its parent's state. The runtime checks the state root; a remote
 * state runs in a worker, and its root is the header's, which the runtime
 * checked against the state it computed.
 */
import { lazyRun, type CommandSpec } from '../command.js';
import { ENDPOINT_OPTIONS, JSON_OPTION, RUNTIME_OPTIONS } from '../option-specs.js';

export const EXECUTE_BLOCK_COMMAND: CommandSpec = {
  name: 'execute-block',
  summary: 'execute a block on its parent state; the runtime checks the state root',
  args: [],
  options: [
    { name: 'state', value: 'STATE', help: 'the parent state (its :code is the runtime)' },
    { name: 'block', value: 'BLOCK', help: "BLOCK.json: {header, extrinsics}, or chain_getBlock's result" },
    JSON_OPTION,
    ...RUNTIME_OPTIONS,
    ...ENDPOINT_OPTIONS,
  ],
  details: "A failing block exits 1 with the runtime's message; the parent state is never modified.",
  examples: [
    'swx execute-block --state kusama.json --block kusama-block-1.json --json',
    'swx execute-block --endpoint ws://127.0.0.1:9944 --at 1234 --json        # block 1234 on its parent state',
    'swx execute-block --endpoint ws://127.0.0.1:9944 --at 0 --block next.json  # a block file on block 0',
  ],
  timed: true,
  run: lazyRun(() => import('../run/execute-block.js'), (m) => m.runExecuteBlock),
};
