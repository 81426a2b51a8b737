/** The work of `swx version`; its spec (options, help) is commands/version.ts. */
import { SwxError } from '../../base/errors.js';
import { runtimeVersionToJson } from '../../blob/index.js';
import { Runtime, createRuntime } from '../../executor/index.js';
import { createTimings } from '../timings.js';
import { optFlag, type ParsedArgs } from '../args.js';
import type { CliIo } from '../command.js';
import { openTarget } from '../endpoint.js';
import { inputLimitsOf, semanticsOpts } from '../options.js';

/** Runs `swx version` (spec: commands/version.ts). */
export async function runVersion(args: ParsedArgs, io: CliIo): Promise<void> {
  if (args.positionals.length > 1) throw new SwxError('INVALID_INPUT', `version: unexpected argument ${JSON.stringify(args.positionals[1])} (takes RUNTIME)`);
  const timings = createTimings(optFlag(args, 'timings'));
  const { target, caller } = await openTarget(args, inputLimitsOf(args), timings);
  await target.remote?.close(); // the version is the code's: no state needed
  const runtime = caller instanceof Runtime ? caller : await createRuntime(target.code, semanticsOpts(args));
  await caller.close();
  timings.mark('version');
  timings.print();
  if (runtime.version === undefined) {
    // The real cause first (what `swx call … Core_version` says), unless it is just the missing export.
    const cause = runtime.versionError;
    if (cause !== undefined && cause.code !== 'EXPORT_NOT_FOUND') throw cause;
    throw new SwxError('EXPORT_NOT_FOUND', 'runtime has no version: no runtime_version section and no Core_version export', { method: 'Core_version' });
  }
  const v = runtimeVersionToJson(runtime.version);
  if (optFlag(args, 'json')) return io.out(JSON.stringify(v));
  io.out(`${v.specName}/${v.implName} spec ${v.specVersion} impl ${v.implVersion} authoring ${v.authoringVersion} tx ${v.transactionVersion} state V${v.stateVersion}`);
  for (const [id, n] of v.apis) io.out(`  ${id} v${n}`);
}
