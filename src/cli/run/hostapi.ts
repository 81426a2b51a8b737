/** The work of `swx hostapi`; its spec (options, help) is commands/hostapi.ts. */
import { runHostApi } from '../../w3f/index.js';
import { optFlag, optString, type ParsedArgs } from '../args.js';
import type { CliIo } from '../command.js';

/** Runs `swx hostapi` (spec: commands/hostapi.ts). */
export async function runHostapi(args: ParsedArgs, io: CliIo): Promise<void> {
  const [fn, input, runtime, stateFile] = ['function', 'input', 'runtime', 'state-file'].map((n) => optString(args, n));
  return runHostApi(
    {
      suite: args.positionals,
      ...(fn !== undefined ? { function: fn } : {}),
      ...(input !== undefined ? { input } : {}),
      ...(runtime !== undefined ? { runtime } : {}),
      ...(stateFile !== undefined ? { stateFile } : {}),
      keysInHex: optFlag(args, 'keys-in-hex'),
      valuesInHex: optFlag(args, 'values-in-hex'),
    },
    io.out,
  );
}
