/**
 * Preparing a runtime for compilation (sc-executor `prepare_blob_for_compilation`),
 * in Substrate's order:
 *   1. deterministic stack limit → `injectStackLimiter` (PVF only),
 *   2. instance reuse → export every mutable global (so it can be restored),
 *   3. memory import → memory export,
 *   4. memory limits from the heap-allocation strategy (and `maxMemorySize`),
 * plus NaN canonicalization (done by cranelift in Substrate, by a transform here)
 * and folding of extended-const expressions (accepted by wasmtime, not by V8 in Node 20).
 * The result is the exact bytes V8 compiles, so it can serve as an artifact.
 */
import { SwxError } from '../base/errors.js';
import { MAX_WASM_PAGES, WASM_PAGE_SIZE } from '../base/constants.js';
import {
  canonicalizeNans,
  convertMemoryImportToExport,
  decodeModule,
  encodeModule,
  exposeMutableGlobals,
  foldConstExpressions,
  injectStackLimiter,
  setupMemory,
  type WasmModule,
} from '../wasm/index.js';
import type { Semantics } from './semantics.js';
import { snapshotDataSegments, strategySpec, type DataSegmentSnapshot } from './strategies.js';


/** What import resolution reads of a module: its imports and the function types they name. */
export type ModuleImports = Pick<WasmModule, 'imports' | 'types'>;

/**
 * A module transformed for compilation. The decoded module is not kept (it
 * is many times the size of its bytes): only its imports, and the data
 * segments on demand.
 */
export interface PreparedModule {
  /** The bytes handed to V8. */
  bytes: Uint8Array;
  /** The imports of the prepared module and the types they use. */
  imports: ModuleImports;
  /** Active data segments for legacy instance reuse (computed on each call; throws as `snapshotDataSegments`). */
  dataSegments(): DataSegmentSnapshot[];
  /** Export names of the mutable globals, in global order (empty for `recreate`). */
  exposedGlobals: string[];
  /** Memory limits after the heap strategy, in pages. */
  memory: { min: number; max: number | undefined };
}

/** Applies the transforms `semantics` asks for to a fresh decode of `wasm`. */
export function prepareModule(wasm: Uint8Array, semantics: Semantics): PreparedModule {
  // The wasm transforms mutate the module they are given: work on a fresh decode.
  const m = decodeModule(wasm);
  if (semantics.deterministicStackLimit !== undefined) injectStackLimiter(m, semantics.deterministicStackLimit.logicalMax);
  let exposedGlobals: string[] = [];
  if (strategySpec(semantics.instantiationStrategy).reuses) exposedGlobals = exposeMutableGlobals(m);
  convertMemoryImportToExport(m);
  setupMemory(m, semantics.heapAllocStrategy);
  const mem = m.memories[0];
  if (mem === undefined) throw new SwxError('BLOB_NO_MEMORY', 'runtime has no linear memory');
  if (semantics.maxMemorySize !== undefined) {
    const cap = Math.min(MAX_WASM_PAGES, Math.floor(semantics.maxMemorySize / WASM_PAGE_SIZE));
    if (mem.min > cap) {
      throw new SwxError('BLOB_MEMORY_TOO_SMALL', `runtime needs ${mem.min} pages of memory but maxMemorySize allows ${cap}`, { pages: mem.min, cap });
    }
    mem.max = mem.max === undefined ? cap : Math.min(mem.max, cap);
  }
  if (semantics.canonicalizeNans) canonicalizeNans(m);
  // Substrate (wasmtime) accepts extended-const expressions, Node 20's V8 does not: fold them to constants.
  foldConstExpressions(m);
  const bytes = encodeModule(m);
  const data = m.data;
  return {
    bytes,
    imports: { imports: m.imports, types: m.types },
    dataSegments: () => snapshotDataSegments({ data }),
    exposedGlobals,
    memory: { min: mem.min, max: mem.max },
  };
}
