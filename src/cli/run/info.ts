/** The work of `swx info`; its spec (options, help) is commands/info.ts. */
import { createRuntime, createServices } from '../../executor/index.js';
import { optFlag, type ParsedArgs } from '../args.js';
import type { CliIo } from '../command.js';
import { loadRuntimeInput } from '../load.js';
import { describeCode } from '../info.js';
import { inputLimitsOf, semanticsOpts } from '../options.js';

/** Error codes meaning the module cannot be instantiated at all. */
const UNINSTANTIABLE = /^(BLOB_|WASM_|RUNTIME_INSTANTIATION_FAILED$|RUNTIME_COMPILE_FAILED$)/;

/** Runs `swx info` (spec: commands/info.ts). */
export async function runInfo(args: ParsedArgs, io: CliIo): Promise<void> {
  const input = loadRuntimeInput(args.positionals[0]!, await createServices(), inputLimitsOf(args));
  const runtime = await createRuntime(input.code, { ...semanticsOpts(args), allowMissingImports: true });
  // A blob that cannot even be instantiated is not a runtime: its cause, not a summary.
  const cause = runtime.versionError;
  if (runtime.version === undefined && cause !== undefined && UNINSTANTIABLE.test(cause.code)) throw cause;
  const summary = describeCode(input.code, runtime);
  if (optFlag(args, 'json')) return io.out(JSON.stringify(summary));
  io.out(summary.text);
}
