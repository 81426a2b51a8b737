/** The work of `swx execute-block`; its spec (options, help) is commands/execute-block.ts. */
import { SwxError } from '../../base/errors.js';
import { toHex } from '../../base/bytes.js';
import { executeBlock, type BlockInput } from '../../executor/index.js';
import { decodeHeader, encodeBlock, encodeHeader, withoutSeal } from '../../state/index.js';
import { RpcStateBackend, fetchBlock } from '../../rpc/index.js';
import { optFlag, optString, type ParsedArgs } from '../args.js';
import type { CliIo } from '../command.js';
import { loadStateInput } from '../load.js';
import { readInputFile } from '../io.js';
import { parseBlockJson } from '../block-json.js';
import { callOn, chainCode, isolatedFor, openEndpoint, progressPrinter, rpcStats } from '../endpoint.js';
import { callLimitsOf, callOptsOf, inputLimitsOf, printLogs, semanticsOpts } from '../options.js';

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

/** Runs `swx execute-block` (spec: commands/execute-block.ts). */
export async function runExecuteBlock(args: ParsedArgs, io: CliIo): Promise<void> {
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
}
