/**
 * The two memory rewrites Substrate applies before compiling a runtime
 * (`RuntimeBlob::convert_memory_import_into_export` and
 * `RuntimeBlob::setup_memory_according_to_heap_alloc_strategy`,
 * polkadot-sdk `substrate/client/executor/common/src/runtime_blob/runtime_blob.rs`).
 * Both mutate the module in place.
 *
 * Static heap strategy (the node default, extra = 2048 pages or `:heappages`):
 *
 *   memory before:  min = initial, max = anything
 *   memory after:   min = max = initial + extra          (u32 saturating add)
 *
 * Dynamic strategy: min = min(initial, maximum), max = maximum (none if unset).
 * Upstream does not clamp: a result above 65536 pages makes wasmtime refuse
 * the module ("memory size must be at most 65536 pages"); here `setupMemory`
 * throws WASM_INVALID for it right away.
 */
import { SwxError } from '../base/errors.js';
import { hasSection, insertSection } from './module.js';
import { SectionId } from './sections-decode.js';
import type { Limits, WasmModule } from './types.js';
import { MAX_WASM_PAGES } from '../base/constants.js';

/** u32::MAX, the saturation point of the page arithmetic (Rust `u32::saturating_add`). */
const U32_MAX = 0xffffffff;

/** How the heap may grow (sc-executor-common `HeapAllocStrategy`). */
export type HeapAllocStrategy = { kind: 'static'; extraPages: number } | { kind: 'dynamic'; maximumPages?: number };

/**
 * Turns the first memory import into a defined memory with the same limits,
 * exported under the import's field name as memory 0. Does nothing without a
 * memory import. Returns the export name, if a memory was converted.
 */
export function convertMemoryImportToExport(m: WasmModule): string | undefined {
  const index = m.imports.findIndex((i) => i.desc.kind === 'memory');
  if (index < 0) return undefined;
  const imported = m.imports[index]!;
  const total = m.imports.filter((i) => i.desc.kind === 'memory').length + m.memories.length;
  if (total > 1 || hasSection(m, SectionId.memory)) {
    throw new SwxError(
      'WASM_TRANSFORM_FAILED',
      `can't convert a memory import into an export: the module has more than one memory (${total})`,
      { offset: imported.byteOffset },
    );
  }
  if (imported.desc.kind !== 'memory') throw new SwxError('INTERNAL', 'memory import expected');
  const { min, max, shared, index64 } = imported.desc.limits;
  const limits: Limits = { min };
  if (max !== undefined) limits.max = max;
  if (shared) limits.shared = true;
  if (index64) limits.index64 = true;
  m.imports.splice(index, 1);
  m.memories.push(limits);
  insertSection(m, SectionId.memory);
  insertSection(m, SectionId.export);
  m.exports.push({ name: imported.name, kind: 'memory', index: 0 });
  return imported.name;
}

function checkPages(what: string, v: number): void {
  if (!Number.isInteger(v) || v < 0 || v > U32_MAX) {
    throw new SwxError('INVALID_INPUT', `${what} must be an integer in [0, 2^32), got ${v}`);
  }
}

/** Sets the limits of every defined memory according to the heap strategy (see the module comment). */
export function setupMemory(m: WasmModule, strategy: HeapAllocStrategy): void {
  if (m.memories.length === 0) {
    const why = hasSection(m, SectionId.memory) ? 'memory section is empty' : 'no memory section found';
    throw new SwxError('BLOB_NO_MEMORY', why);
  }
  if (strategy.kind === 'static') checkPages('extraPages', strategy.extraPages);
  else if (strategy.maximumPages !== undefined) checkPages('maximumPages', strategy.maximumPages);
  for (let i = 0; i < m.memories.length; i++) {
    const initial = m.memories[i]!.min;
    let limits: Limits;
    if (strategy.kind === 'static') {
      const pages = Math.min(initial + strategy.extraPages, U32_MAX);
      limits = { min: pages, max: pages };
    } else if (strategy.maximumPages !== undefined) {
      limits = { min: Math.min(strategy.maximumPages, initial), max: strategy.maximumPages };
    } else {
      limits = { min: initial };
    }
    if (limits.min > MAX_WASM_PAGES || (limits.max ?? 0) > MAX_WASM_PAGES) {
      throw new SwxError(
        'WASM_INVALID',
        `memory size must be at most ${MAX_WASM_PAGES} pages (4 GiB): got min ${limits.min}, max ${limits.max ?? 'none'}`,
        { initialPages: initial },
      );
    }
    m.memories[i] = limits;
  }
}
