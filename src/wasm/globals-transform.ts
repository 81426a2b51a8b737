/**
 * Exporting the mutable globals, so a host can snapshot and restore them
 * between calls (Substrate 2022 `RuntimeBlob::expose_mutable_globals`, which
 * called `export_mutable_globals(module, "exported_internal_global")` of
 * pwasm-utils / wasm-instrument `src/export_globals.rs`).
 *
 * Upstream naming, kept exactly: the k-th *mutable* defined global (k counts
 * mutable globals only, from 0) is exported as `exported_internal_global_k`,
 * pointing at its index in the global index space (imported globals first).
 */
import { importCount, insertSection } from './module.js';
import { SectionId } from './sections-decode.js';
import type { WasmModule } from './types.js';

/** Prefix of the export names (Substrate's `expose_mutable_globals`). */
export const EXPORTED_GLOBAL_PREFIX = 'exported_internal_global';

/** Exports every mutable defined global (mutates `m`); returns the new export names in global order. */
export function exposeMutableGlobals(m: WasmModule): string[] {
  const imported = importCount(m, 'global');
  const names: string[] = [];
  insertSection(m, SectionId.export);
  m.globals.forEach((g, i) => {
    if (!g.mutable) return;
    const name = `${EXPORTED_GLOBAL_PREFIX}_${names.length}`;
    m.exports.push({ name, kind: 'global', index: imported + i });
    names.push(name);
  });
  return names;
}
