/**
 * The services a runtime needs besides its semantics: the hashers (host
 * hashing functions, storage roots, code hashes) and the zstd decompressor
 * (`ext_misc_runtime_version` of compressed blobs). One object, created once
 * by default and owned by the `RuntimeCode` it was loaded with, so that every
 * runtime, call, block and genesis computation of that code shares it and no
 * caller has to thread it through options.
 */
import { createHashers, type Hashers } from '../base/hashing.js';
import { createDecompressor, type Decompressor } from '../blob/index.js';

/** Shared, stateless-to-the-caller resources of the executor. */
export interface Services {
  readonly hashers: Hashers;
  readonly decompressor: Decompressor;
}

/** Creates the services (one asynchronous initialisation of each Wasm-backed library). */
export async function createServices(): Promise<Services> {
  const [hashers, decompressor] = await Promise.all([createHashers(), createDecompressor()]);
  return { hashers, decompressor };
}
