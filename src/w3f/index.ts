/**
 * w3f — the W3F host-API conformance adapter (see adapter.ts): a stage after
 * `executor` (it runs the conformance runtime like any other) and before
 * `cli`, which wires `swx hostapi` to `runHostApi`.
 */
export {
  runHostApi,
  createHostApiEnv,
  splitHostApiInput,
  HOSTAPI_HEAP_STRATEGY,
  runHostApiCase,
  HOSTAPI_FUNCTIONS,
  parseStateTrieYaml,
  stateTrieEntries,
  stateTrieRootOutput,
  stateTrieInsertAndDeleteOutput,
} from './adapter.js';
export { HOSTAPI_RUNTIME_ENV } from './runtime-env.js';
export type { HostApiRequest, HostApiEnv, StateTrieYaml, StateTrieEncoding } from './adapter.js';
