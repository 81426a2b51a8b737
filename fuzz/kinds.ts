/** The fuzz case kinds, by name (the order `npm run fuzz` runs them in). */
import { fuzzKind, type FuzzKind } from './harness.js';
import { BLOB_KIND } from './blobs.js';
import { WASM_KIND } from './modules.js';
import { HOSTCALL_KIND } from './host-calls.js';
import { SPEC_KIND } from './specs.js';

/** Every kind. */
export const KINDS: readonly FuzzKind[] = [fuzzKind(BLOB_KIND), fuzzKind(WASM_KIND), fuzzKind(HOSTCALL_KIND), fuzzKind(SPEC_KIND)];
