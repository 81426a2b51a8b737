/**
 * `swx metadata`: the runtime's metadata. Without `--format`, the length and
 * blake2-256 of `Metadata_metadata`'s raw output (or its bytes with `-o`);
 * with `--format text|json|scale`, the highest decodable version, decoded
 * (pallets with calls, events, errors, storage, constants; runtime APIs).
 */
import { SwxError } from '../../base/errors.js';
import { toHex } from '../../base/bytes.js';
import { viewMetadata, formatMetadataText } from '../../metadata/index.js';
import { fetchMetadataOf } from '../metadata-of.js';
import type { RuntimeCaller } from '../../executor/index.js';
import { ENDPOINT_OPTIONS, callOn, openTarget, rpcStats, type RuntimeTarget } from '../endpoint.js';
import { createTimings } from '../timings.js';
import { optFlag, optString } from '../args.js';
import type { CommandSpec } from '../command.js';
import { JSON_OPTION, RUNTIME_OPTIONS, callOptsOf, inputLimitsOf, printLogs } from '../options.js';
import { writeOutput } from '../output.js';

export const METADATA_COMMAND: CommandSpec = {
  name: 'metadata',
  summary: 'Metadata_metadata: its length and blake2-256, or the bytes (-o)',
  args: [{ name: 'RUNTIME', optional: true }],
  options: [
    { name: 'format', value: 'text|json|scale', help: 'decoded metadata (V14+): text, JSON, or the SCALE bytes of the version decoded' },
    { name: 'pallet', value: 'NAME', help: 'with --format text|json: only this pallet' },
    { name: 'o', short: 'o', value: 'FILE', help: "write the raw output bytes to FILE ('-': stdout)" },
    JSON_OPTION,
    ...RUNTIME_OPTIONS,
    ...ENDPOINT_OPTIONS,
  ],
  examples: [
    'swx metadata runtime.wasm --json',
    'swx metadata chain-spec.json --format text --pallet System',
    'swx metadata runtime.wasm --format json > metadata.json',
    'swx metadata chain-spec.json -o metadata.scale',
    'swx metadata --endpoint wss://rpc.example/ --format text --pallet Balances',
  ],
  timed: true,
  async run(args, io) {
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
  },
};
