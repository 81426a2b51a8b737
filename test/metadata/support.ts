/**
 * Loading corpus runtimes and chain specs for the metadata tests: the runtime,
 * a caller for its entry points, and its metadata as `fetchMetadata` gets it.
 */
import { readCorpus } from '../support/corpus.js';
import { createRuntime, loadRuntimeCode } from '../../src/executor/index.js';
import { backendFromChainSpec, CODE_KEY, type StorageBackend } from '../../src/state/index.js';
import type { RuntimeVersion } from '../../src/blob/index.js';
import { fetchMetadata, type FetchedMetadata, type EntryPointCall } from '../../src/metadata/index.js';

/** The corpus runtimes with a `Core_version` (names as in runtimes/index.json). */
export const CORPUS_RUNTIMES = [
  'kusama-1020-genesis',
  'westend-v9300',
  'polkadot-v9160',
  'asset-hub-rococo-genesis',
  'collectives-polkadot-genesis',
  'coretime-kusama-genesis',
  'acala-2100',
] as const;

/** A loaded runtime with a caller and its fetched metadata. */
export interface Loaded {
  version: RuntimeVersion;
  call: EntryPointCall;
  fetched: FetchedMetadata;
  state?: StorageBackend;
}

async function load(code: Uint8Array, state: StorageBackend | undefined): Promise<Loaded> {
  const runtime = await createRuntime(await loadRuntimeCode(code), {});
  const call: EntryPointCall = async (m, i) => (await runtime.call(m, i, state !== undefined ? { state } : {})).output;
  const version = runtime.version!;
  const fetched = await fetchMetadata(call, version);
  return state !== undefined ? { version, call, fetched, state } : { version, call, fetched };
}

/** Loads `runtimes/<name>.wasm.gz`. */
export function loadCorpusRuntime(name: string): Promise<Loaded> {
  return load(readCorpus(`runtimes/${name}.wasm.gz`), undefined);
}

/** Loads a chain spec's genesis state and its `:code`. */
export function loadCorpusChainSpec(file: string): Promise<Loaded> {
  const state = backendFromChainSpec(readCorpus(`chain-specs/${file}`));
  return load(state.get(CODE_KEY)!, state);
}
