/**
 * `swx diff`: what changed between two runtimes — version fields and APIs;
 * pallets, calls, events, errors, storage items and constants added, removed
 * or changed (by type shape, not bytes); and whether the transaction version
 * should have been bumped.
 */
import { createRuntime, createServices, type Services } from '../../executor/index.js';
import { diffRuntimes, formatDiffText, openMetadata, readMetadataHeader, SUPPORTED_METADATA_VERSIONS, type RuntimeSide } from '../../metadata/index.js';
import { optFlag } from '../args.js';
import type { CommandSpec } from '../command.js';
import { loadRuntimeInput } from '../load.js';
import { fetchMetadataOf } from '../metadata-of.js';
import { INPUT_OPTION, JSON_OPTION, inputLimitsOf, semanticsOpts } from '../options.js';
import type { ParsedArgs } from '../args.js';

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

export const DIFF_COMMAND: CommandSpec = {
  name: 'diff',
  summary: 'what changed between two runtimes, and whether transaction_version should have been bumped',
  args: [{ name: 'A' }, { name: 'B' }],
  options: [JSON_OPTION, INPUT_OPTION],
  details: 'A and B are RUNTIMEs (blobs or chain specs). Types are compared by their encoding, not their ids.',
  examples: ['swx diff old.compact.compressed.wasm new.compact.compressed.wasm', 'swx diff polkadot-v9160.wasm westend-v9300.wasm --json'],
  async run(args, io) {
    const services = await createServices();
    const [a, b] = [await sideOf(args.positionals[0]!, args, services), await sideOf(args.positionals[1]!, args, services)];
    const d = diffRuntimes(a, b, { hashers: services.hashers });
    if (optFlag(args, 'json')) return io.out(JSON.stringify(d));
    const text = formatDiffText(d);
    io.out(io.colour === true ? text.replace(/^(\s*)([+~-])( .*)$/gm, (_, sp: string, mark: string, rest: string) => `${sp}\x1b[${COLOURS[mark]}m${mark}${rest}\x1b[0m`) : text);
  },
};
