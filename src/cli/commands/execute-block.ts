/**
 * `swx execute-block`: `Core_execute_block` of a block on its parent state —
 * a local STATE, or (`--endpoint`) the state a node serves: with `--block FILE`
 * at `--at` (the parent), or without it the block `--at` itself, fetched and
 * executed on its parent's state. The runtime checks the state root; a remote
 * state runs in a worker, and its root is the header's, which the runtime
 * checked against the state it computed.
 */
import { SwxError } from '../../base/errors.js';
import { toHex } from '../../base/bytes.js';
import { executeBlock, type BlockInput } from '../../executor/index.js';
import { decodeHeader, encodeBlock, encodeHeader, withoutSeal } from '../../state/index.js';
import { RpcStateBackend, fetchBlock } from '../../rpc/index.js';
import { optFlag, optString, type ParsedArgs } from '../args.js';
import type { CliIo, CommandSpec } from '../command.js';
import { loadStateInput } from '../load.js';
import { readInputFile } from '../io.js';
import { parseBlockJson } from '../block-json.js';
import { ENDPOINT_OPTIONS, callOn, chainCode, isolatedFor, openEndpoint, progressPrinter, rpcStats } from '../endpoint.js';
import { JSON_OPTION, RUNTIME_OPTIONS, callLimitsOf, callOptsOf, inputLimitsOf, printLogs, semanticsOpts } from '../options.js';

/** Executes `block` on a served state in a worker; the root is the header's (checked by the runtime). */
async function executeRemote(args: ParsedArgs, io: CliIo, state: RpcStateBackend, block: BlockInput): Promise<Uint8Array> {
  const code = await chainCode(state);
  const runtime = await isolatedFor(args, code);
  try {
    const res = await callOn(runtime, { code, state, remote: state, rest: [] }, 'Core_execute_block', encodeBlock(block.header, block.extrinsics), callOptsOf(args));
    printLogs(args, io, res.logs);
  } finally {
    await runtime.close();
  }
  return decodeHeader(block.header).stateRoot;
}

/** Block `remote.block` itself and its parent's state (same client and cache). */
async function blockAndParent(remote: RpcStateBackend, args: ParsedArgs, io: CliIo): Promise<{ block: BlockInput; parent: RpcStateBackend }> {
  const check = optFlag(args, 'no-header-check') ? { checkHeaderHash: false } : {};
  const { createHashers } = await import('../../base/hashing.js');
  const fetched = await fetchBlock(remote.client, await createHashers(), remote.block, check);
  const header = decodeHeader(fetched.header);
  const parent = await RpcStateBackend.on(remote.client, remote.cache, { at: toHex(header.parentHash), ...check, progress: progressPrinter(io, 'reading the parent state for the storage root') });
  return { block: { header: encodeHeader(withoutSeal(header)), extrinsics: fetched.extrinsics }, parent };
}

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
  async run(args, io) {
    const statePath = optString(args, 'state');
    const blockPath = optString(args, 'block');
    const remote = await openEndpoint(args, io);
    try {
      let stateRoot: Uint8Array;
      if (remote !== undefined) {
        if (statePath !== undefined) throw new SwxError('INVALID_INPUT', 'execute-block: give --state STATE or --endpoint URL, not both');
        if (blockPath !== undefined) {
          stateRoot = await executeRemote(args, io, remote, parseBlockJson(readInputFile(blockPath, inputLimitsOf(args)), blockPath));
        } else {
          const { block, parent } = await blockAndParent(remote, args, io);
          stateRoot = await executeRemote(args, io, parent, block);
        }
      } else {
        if (statePath === undefined) throw new SwxError('INVALID_INPUT', 'execute-block: missing --state STATE (or --endpoint URL)');
        if (blockPath === undefined) throw new SwxError('INVALID_INPUT', 'execute-block: missing --block BLOCK.json');
        const state = loadStateInput(statePath, inputLimitsOf(args));
        const block = parseBlockJson(readInputFile(blockPath, inputLimitsOf(args)), blockPath);
        const res = await executeBlock(state, block, { ...semanticsOpts(args), ...callLimitsOf(args) });
        printLogs(args, io, res.call.logs);
        stateRoot = res.stateRoot;
      }
      const result = { ok: true, stateRoot: toHex(stateRoot), ...(remote !== undefined ? { rpc: rpcStats(remote) } : {}) };
      if (optFlag(args, 'json')) return io.out(JSON.stringify(result));
      io.out(`block executed; state root ${result.stateRoot}`);
    } finally {
      await remote?.close();
    }
  },
};
