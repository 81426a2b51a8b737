/** `swx version`: the runtime's version (its `runtime_version` section, else `Core_version`). */
import { SwxError } from '../../base/errors.js';
import { runtimeVersionToJson } from '../../blob/index.js';
import { Runtime, createRuntime } from '../../executor/index.js';
import { createTimings } from '../timings.js';
import { optFlag } from '../args.js';
import type { CommandSpec } from '../command.js';
import { ENDPOINT_OPTIONS, openTarget } from '../endpoint.js';
import { JSON_OPTION, RUNTIME_OPTIONS, inputLimitsOf, semanticsOpts } from '../options.js';

export const VERSION_COMMAND: CommandSpec = {
  name: 'version',
  summary: 'the runtime version: spec and impl names and versions, APIs, transaction and state versions',
  args: [{ name: 'RUNTIME', optional: true }],
  options: [JSON_OPTION, ...RUNTIME_OPTIONS, ...ENDPOINT_OPTIONS],
  examples: ['swx version runtime.compact.compressed.wasm', 'swx version chain-spec.json --json', 'swx version --endpoint ws://127.0.0.1:9944 --at 100'],
  timed: true,
  async run(args, io) {
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
  },
};
