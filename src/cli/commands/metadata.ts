/** `swx metadata`: the runtime's `Metadata_metadata` output. */
import { toHex } from '../../base/bytes.js';
import { createRuntime, createServices } from '../../executor/index.js';
import { optFlag, optString } from '../args.js';
import type { CommandSpec } from '../command.js';
import { loadRuntimeInput } from '../load.js';
import { JSON_OPTION, RUNTIME_OPTIONS, callOptsOf, printLogs, semanticsOpts } from '../options.js';
import { writeOutput } from '../output.js';

export const METADATA_COMMAND: CommandSpec = {
  name: 'metadata',
  summary: 'Metadata_metadata: its length and blake2-256, or the bytes (-o)',
  args: [{ name: 'RUNTIME' }],
  options: [{ name: 'o', short: 'o', value: 'FILE', help: "write the raw output bytes to FILE ('-': stdout)" }, JSON_OPTION, ...RUNTIME_OPTIONS],
  examples: ['swx metadata runtime.wasm --json', 'swx metadata chain-spec.json -o metadata.scale'],
  timed: true,
  async run(args, io) {
    const services = await createServices();
    const input = loadRuntimeInput(args.positionals[0]!, services);
    const runtime = await createRuntime(input.code, semanticsOpts(args));
    const res = await runtime.call('Metadata_metadata', new Uint8Array(0), { ...callOptsOf(args), ...(input.state !== undefined ? { state: input.state } : {}) });
    printLogs(args, io, res.logs);
    const file = optString(args, 'o');
    if (file !== undefined) writeOutput(file, res.output, io);
    if (file === '-') return;
    const summary = { length: res.output.length, blake2_256: toHex(services.hashers.blake2_256(res.output)) };
    if (optFlag(args, 'json')) return io.out(JSON.stringify(summary));
    io.out(`metadata: ${summary.length} bytes, blake2_256 ${summary.blake2_256}${file !== undefined ? `, written to ${file}` : ''}`);
  },
};
