/** `swx info`: a summary of a runtime blob. */
import { createRuntime, createServices } from '../../executor/index.js';
import { optFlag } from '../args.js';
import type { CommandSpec } from '../command.js';
import { loadRuntimeInput } from '../load.js';
import { describeCode } from '../info.js';
import { JSON_OPTION, RUNTIME_OPTIONS, inputLimitsOf, semanticsOpts } from '../options.js';

/** Error codes meaning the module cannot be instantiated at all. */
const UNINSTANTIABLE = /^(BLOB_|WASM_|RUNTIME_INSTANTIATION_FAILED$|RUNTIME_COMPILE_FAILED$)/;

export const INFO_COMMAND: CommandSpec = {
  name: 'info',
  summary: 'size, compression, hashes, version, APIs, imports, memory, heap base',
  args: [{ name: 'RUNTIME' }],
  options: [JSON_OPTION, ...RUNTIME_OPTIONS],
  examples: ['swx info runtime.compact.compressed.wasm', 'swx info chain-spec.json --json'],
  timed: true,
  async run(args, io) {
    const input = loadRuntimeInput(args.positionals[0]!, await createServices(), inputLimitsOf(args));
    const runtime = await createRuntime(input.code, { ...semanticsOpts(args), allowMissingImports: true });
    // A blob that cannot even be instantiated is not a runtime: its cause, not a summary.
    const cause = runtime.versionError;
    if (runtime.version === undefined && cause !== undefined && UNINSTANTIABLE.test(cause.code)) throw cause;
    const summary = describeCode(input.code, runtime);
    if (optFlag(args, 'json')) return io.out(JSON.stringify(summary));
    io.out(summary.text);
  },
};
