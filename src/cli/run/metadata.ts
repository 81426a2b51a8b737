/** The work of `swx metadata`; its spec (options, help) is commands/metadata.ts. */
import { SwxError } from '../../base/errors.js';
import { toHex } from '../../base/bytes.js';
import type { RuntimeCaller } from '../../executor/index.js';
import { callOn, openTarget, rpcStats, type RuntimeTarget } from '../endpoint.js';
import { createTimings } from '../timings.js';
import { optFlag, optString, type ParsedArgs } from '../args.js';
import type { CliIo } from '../command.js';
import { callOptsOf, inputLimitsOf, printLogs } from '../options.js';
import { writeOutput } from '../output.js';

/** Runs `swx metadata` (spec: commands/metadata.ts). */
export async function runMetadata(args: ParsedArgs, io: CliIo): Promise<void> {
  if (args.positionals.length > 1) throw new SwxError('INVALID_INPUT', `metadata: unexpected argument ${JSON.stringify(args.positionals[1])} (takes RUNTIME)`);
  const timings = createTimings(optFlag(args, 'timings'));
  const { target, caller } = await openTarget(args, inputLimitsOf(args), timings);
  try {
    await run(target, caller);
  } finally {
    await caller.close();
    await target.remote?.close();
    timings.print();
  }

  async function run(target: RuntimeTarget, runtime: RuntimeCaller): Promise<void> {
    const format = optString(args, 'format');
    if (format !== undefined) return decoded(format);
    const res = await callOn(runtime, target, 'Metadata_metadata', new Uint8Array(0), callOptsOf(args));
    timings.mark('first call');
    printLogs(args, io, res.logs);
    const file = optString(args, 'o');
    if (file !== undefined) writeOutput(file, res.output, io);
    if (file === '-') return;
    const summary = { length: res.output.length, blake2_256: toHex(target.code.services.hashers.blake2_256(res.output)), ...(target.remote !== undefined ? { rpc: rpcStats(target.remote) } : {}) };
    if (optFlag(args, 'json')) return io.out(JSON.stringify(summary));
    io.out(`metadata: ${summary.length} bytes, blake2_256 ${summary.blake2_256}${file !== undefined ? `, written to ${file}` : ''}`);

    async function decoded(fmt: string): Promise<void> {
      if (fmt !== 'text' && fmt !== 'json' && fmt !== 'scale') throw new SwxError('INVALID_INPUT', `--format must be text, json or scale (got ${fmt})`);
      // The decoders load only for --format: the plain length-and-hash path never needs them.
      const [{ viewMetadata, formatMetadataText }, { fetchMetadataOf }] = await Promise.all([import('../../metadata/index.js'), import('../metadata-of.js')]);
      const fetched = await fetchMetadataOf(runtime, target.state);
      if (fmt === 'scale') return writeOutput(optString(args, 'o') ?? '-', fetched.bytes, io);
      const pallet = optString(args, 'pallet');
      const view = await viewMetadata(fetched.bytes, pallet !== undefined ? { pallet } : {});
      if (view.kind === 'unsupported') {
        if (fmt === 'json') return io.out(JSON.stringify({ version: view.version, length: view.length, decoded: false, reason: view.reason }));
        return io.out(view.reason);
      }
      io.out(fmt === 'json' ? JSON.stringify(view.metadata) : formatMetadataText(view.metadata, pallet !== undefined ? { pallet } : {}));
    }
  }
}
