/**
 * Small queries and layout helpers over a decoded `WasmModule`: index spaces
 * (imports come first), exports and custom sections by name, and where a newly
 * created section goes in the section order.
 */
import { SwxError } from '../base/errors.js';
import { SectionId } from './sections-decode.js';
import type { CustomSection, Export, FuncType, ImportDesc, WasmModule } from './types.js';

/**
 * Position of each standard section id in the required order (spec §5.5.2;
 * the tag section of exception handling sits between memory and global).
 */
export const SECTION_ORDER: Readonly<Record<number, number>> = Object.freeze({
  [SectionId.type]: 1,
  [SectionId.import]: 2,
  [SectionId.function]: 3,
  [SectionId.table]: 4,
  [SectionId.memory]: 5,
  [SectionId.tag]: 6,
  [SectionId.global]: 7,
  [SectionId.export]: 8,
  [SectionId.start]: 9,
  [SectionId.element]: 10,
  [SectionId.dataCount]: 11,
  [SectionId.code]: 12,
  [SectionId.data]: 13,
});

/** A module with no sections. */
export function emptyModule(): WasmModule {
  return {
    types: [],
    imports: [],
    functions: [],
    tables: [],
    memories: [],
    globals: [],
    exports: [],
    start: undefined,
    elements: [],
    dataCount: undefined,
    code: [],
    data: [],
    tags: [],
    customSections: [],
    sectionOrder: [],
    source: undefined,
  };
}

/** Number of imports of the given kind. */
export function importCount(m: WasmModule, kind: ImportDesc['kind']): number {
  let n = 0;
  for (const i of m.imports) if (i.desc.kind === kind) n++;
  return n;
}

/** Type index of every function in the function index space (imports first). */
export function functionTypeIndices(m: WasmModule): number[] {
  const out: number[] = [];
  for (const i of m.imports) if (i.desc.kind === 'func') out.push(i.desc.typeIndex);
  for (const t of m.functions) out.push(t);
  return out;
}

/** Signature of function `funcIndex` (imports counted first). */
export function funcType(m: WasmModule, funcIndex: number): FuncType {
  let n = 0;
  let typeIndex: number | undefined;
  for (const i of m.imports) {
    if (i.desc.kind !== 'func') continue;
    if (n === funcIndex) {
      typeIndex = i.desc.typeIndex;
      break;
    }
    n++;
  }
  typeIndex ??= m.functions[funcIndex - n];
  const t = typeIndex === undefined ? undefined : m.types[typeIndex];
  if (t === undefined) throw new SwxError('WASM_INVALID', `function ${funcIndex} has no type`, { funcIndex });
  return t;
}

/** The export named `name`, if any. */
export function findExport(m: WasmModule, name: string): Export | undefined {
  return m.exports.find((e) => e.name === name);
}

/** The first custom section named `name`, if any. */
export function customSection(m: WasmModule, name: string): CustomSection | undefined {
  return m.customSections.find((c) => c.name === name);
}

/** Is standard section `id` present in the section order? */
export function hasSection(m: WasmModule, id: number): boolean {
  return m.sectionOrder.includes(id);
}

/**
 * Adds standard section `id` to the section order the way parity-wasm's
 * `Module::insert_section` does: before the first standard section that must
 * follow it (custom sections are skipped over), else at the end.
 */
export function insertSection(m: WasmModule, id: number): void {
  if (hasSection(m, id)) return;
  const order = SECTION_ORDER[id]!;
  const pos = m.sectionOrder.findIndex((s) => typeof s === 'number' && SECTION_ORDER[s]! > order);
  if (pos < 0) m.sectionOrder.push(id);
  else m.sectionOrder.splice(pos, 0, id);
}
