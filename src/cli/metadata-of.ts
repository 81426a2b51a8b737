/**
 * A runtime's metadata for the commands that speak in pallets, calls and
 * accounts: the highest version the runtime serves that swx decodes (V15+
 * through `Metadata_metadata_at_version` where available, else
 * `Metadata_metadata`), fetched with the same call path as any call.
 */
import type { RuntimeCaller } from '../executor/index.js';
import type { AsyncStorageBackend, StorageBackend } from '../state/index.js';
import { fetchMetadata, openMetadata, type FetchedMetadata, type RuntimeMetadata } from '../metadata/index.js';

/** Fetches the metadata `caller` serves on `state`. */
export function fetchMetadataOf(caller: RuntimeCaller, state: StorageBackend | AsyncStorageBackend | undefined): Promise<FetchedMetadata> {
  const opts = state !== undefined ? { state } : {};
  return fetchMetadata(async (method, input) => (await caller.call(method, input, opts)).output, caller.version);
}

/** Fetches and opens it (V14+, else METADATA_UNSUPPORTED_VERSION). */
export async function openMetadataOf(caller: RuntimeCaller, state: StorageBackend | AsyncStorageBackend | undefined): Promise<RuntimeMetadata> {
  return openMetadata((await fetchMetadataOf(caller, state)).bytes);
}
