/** The work of `swx genesis`; its spec (options, help) is commands/genesis.ts. */
import { SwxError } from '../../base/errors.js';
import { toHex } from '../../base/bytes.js';
import { genesisInfo } from '../../executor/index.js';
import { optFlag, type ParsedArgs } from '../args.js';
import type { CliIo } from '../command.js';
import { loadStateInput } from '../load.js';
import { openEndpoint, rpcStats, servedState } from '../endpoint.js';
import { inputLimitsOf } from '../options.js';

/** Runs `swx genesis` (spec: commands/genesis.ts). */
export async function runGenesis(args: ParsedArgs, io: CliIo): Promise<void> {
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
}
