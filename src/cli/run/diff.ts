/** The work of `swx diff`; its spec (options, help) is commands/diff.ts. */
import { createRuntime, createServices, type Services } from '../../executor/index.js';
import { diffRuntimes, formatDiffText, openMetadata, readMetadataHeader, SUPPORTED_METADATA_VERSIONS, type RuntimeSide } from '../../metadata/index.js';
import { optFlag, type ParsedArgs } from '../args.js';
import type { CliIo } from '../command.js';
import { loadRuntimeInput } from '../load.js';
import { fetchMetadataOf } from '../metadata-of.js';
import { inputLimitsOf, semanticsOpts } from '../options.js';

/** ANSI colours of added, removed and changed lines. */
const COLOURS: Record<string, number> = { '+': 32, '-': 31, '~': 33 };

async function sideOf(path: string, args: ParsedArgs, services: Services): Promise<RuntimeSide> {
  const input = loadRuntimeInput(path, services, inputLimitsOf(args));
  const runtime = await createRuntime(input.code, { ...semanticsOpts(args), allowMissingImports: true });
  const { bytes } = await fetchMetadataOf(runtime, input.state);
  const version = readMetadataHeader(bytes).version;
  const side: RuntimeSide = SUPPORTED_METADATA_VERSIONS.includes(version) ? { metadata: await openMetadata(bytes) } : { metadataVersion: version };
  if (runtime.version !== undefined) side.version = runtime.version;
  return side;
}

/** Runs `swx diff` (spec: commands/diff.ts). */
export async function runDiff(args: ParsedArgs, io: CliIo): Promise<void> {
  const services = await createServices();
  const [a, b] = [await sideOf(args.positionals[0]!, args, services), await sideOf(args.positionals[1]!, args, services)];
  const d = diffRuntimes(a, b, { hashers: services.hashers });
  if (optFlag(args, 'json')) return io.out(JSON.stringify(d));
  const text = formatDiffText(d);
  io.out(io.colour === true ? text.replace(/^(\s*)([+~-])( .*)$/gm, (_, sp: string, mark: string, rest: string) => `${sp}\x1b[${COLOURS[mark]}m${mark}${rest}\x1b[0m`) : text);
}
