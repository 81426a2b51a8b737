/** `swx hostapi`: the W3F host-API conformance adapter (src/w3f), its options turned into a request. */
import { lazyRun, type CommandSpec } from '../command.js';
import { HOSTAPI_RUNTIME_ENV } from '../../w3f/runtime-env.js';

export const HOSTAPI_SPEC: CommandSpec = {
  name: 'hostapi',
  summary: 'the W3F host-API conformance adapter (prints what the reference adapter prints; exit 95: unsupported)',
  args: [{ name: 'SUITE', optional: true, variadic: true }],
  options: [
    { name: 'function', value: 'F', help: 'host-API case F (host-api suite)' },
    { name: 'input', value: 'A,B,…', help: "the case's arguments, comma-separated UTF-8" },
    { name: 'runtime', value: 'PATH', help: `the conformance runtime hostapi_runtime.wasm (default: $${HOSTAPI_RUNTIME_ENV})` },
    { name: 'environment', value: 'ENV', help: 'accepted and ignored (wasmi|wasmtime in the reference)' },
    { name: 'state-file', value: 'F', help: 'state-trie suite: the YAML key/value file' },
    { name: 'keys-in-hex', help: 'state-trie suite: keys are hex' },
    { name: 'values-in-hex', help: 'state-trie suite: values are hex' },
  ],
  details: 'SUITE: host-api (default) or state-trie trie-root|insert-and-delete.',
  examples: [
    'swx hostapi --function ext_storage_read_version_1 --input key,value,2,3 --runtime hostapi_runtime.wasm',
    'swx hostapi state-trie trie-root --keys-in-hex --state-file 10000_node.yaml',
  ],
  run: lazyRun(() => import('../run/hostapi.js'), (m) => m.runHostapi),
};
