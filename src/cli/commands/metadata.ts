/**
 * `swx metadata`: the runtime's metadata. Without `--format`, the length and
 * blake2-256 of `Metadata_metadata`'s raw output (or its bytes with `-o`);
 * with `--format text|json|scale`, the highest decodable version, decoded
 * (pallets with calls, events, errors, storage, constants; runtime APIs).
 */
import { lazyRun, type CommandSpec } from '../command.js';
import { ENDPOINT_OPTIONS, JSON_OPTION, RUNTIME_OPTIONS } from '../option-specs.js';

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
  run: lazyRun(() => import('../run/metadata.js'), (m) => m.runMetadata),
};
