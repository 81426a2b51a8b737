/**
 * Encoders for the payload of each standard section from the decoded model
 * (the inverse of `sections-decode.ts`, always in canonical LEB128 form).
 */
import { invariant } from '../base/errors.js';
import { writeConstExpr } from './const-expr.js';
import { SectionId } from './sections-decode.js';
import type { ElementSegment, Limits, TableType, WasmModule } from './types.js';
import { VALTYPE_BYTE } from './valtype.js';
import { WasmWriter } from './writer.js';

const EXPORT_KIND_BYTE = Object.freeze({ func: 0, table: 1, memory: 2, global: 3, tag: 4 });

function writeLimits(w: WasmWriter, l: Limits): void {
  const hasMax = l.max !== undefined;
  w.u8((hasMax ? 1 : 0) | (l.shared ? 2 : 0) | (l.index64 ? 4 : 0));
  if (l.index64) {
    w.u64(l.min);
    if (hasMax) w.u64(l.max!);
  } else {
    w.u32(l.min);
    if (hasMax) w.u32(l.max!);
  }
}

function writeTableType(w: WasmWriter, t: TableType): void {
  w.u8(VALTYPE_BYTE[t.elemType]);
  writeLimits(w, t.limits);
}

function writeElement(w: WasmWriter, s: ElementSegment): void {
  const f = s.flags;
  invariant(f >= 0 && f <= 7, 'element segment flags are 0..7');
  invariant((f & 4) !== 0 ? s.exprs !== undefined : s.funcs !== undefined, 'element segment items match its flags');
  w.u32(f);
  if ((f & 1) === 0) {
    if (f & 2) w.u32(s.tableIndex);
    invariant(s.offset !== undefined, 'active element segment has an offset');
    writeConstExpr(w, s.offset);
  }
  if (f & 4) {
    if (f & 3) w.u8(VALTYPE_BYTE[s.elemType]);
    w.u32(s.exprs!.length);
    for (const e of s.exprs!) writeConstExpr(w, e);
  } else {
    if (f & 3) w.u8(0x00);
    w.u32(s.funcs!.length);
    for (const i of s.funcs!) w.u32(i);
  }
}

/** Encodes the payload of standard section `id` from `m`. */
export function encodeSectionPayload(m: WasmModule, id: number): Uint8Array {
  const w = new WasmWriter(1024);
  switch (id) {
    case SectionId.type:
      w.u32(m.types.length);
      for (const t of m.types) {
        w.u8(0x60).u32(t.params.length);
        for (const p of t.params) w.u8(VALTYPE_BYTE[p]);
        w.u32(t.results.length);
        for (const r of t.results) w.u8(VALTYPE_BYTE[r]);
      }
      break;
    case SectionId.import:
      w.u32(m.imports.length);
      for (const i of m.imports) {
        w.name(i.module).name(i.name);
        const d = i.desc;
        if (d.kind === 'func') w.u8(0).u32(d.typeIndex);
        else if (d.kind === 'table') writeTableType(w.u8(1), d.table);
        else if (d.kind === 'memory') writeLimits(w.u8(2), d.limits);
        else if (d.kind === 'global') w.u8(3).u8(VALTYPE_BYTE[d.type]).u8(d.mutable ? 1 : 0);
        else w.u8(4).u8(0).u32(d.typeIndex);
      }
      break;
    case SectionId.function:
      w.u32(m.functions.length);
      for (const t of m.functions) w.u32(t);
      break;
    case SectionId.table:
      w.u32(m.tables.length);
      for (const t of m.tables) writeTableType(w, t);
      break;
    case SectionId.memory:
      w.u32(m.memories.length);
      for (const l of m.memories) writeLimits(w, l);
      break;
    case SectionId.global:
      w.u32(m.globals.length);
      for (const g of m.globals) {
        w.u8(VALTYPE_BYTE[g.type]).u8(g.mutable ? 1 : 0);
        writeConstExpr(w, g.init);
      }
      break;
    case SectionId.export:
      w.u32(m.exports.length);
      for (const e of m.exports) w.name(e.name).u8(EXPORT_KIND_BYTE[e.kind]).u32(e.index);
      break;
    case SectionId.start:
      invariant(m.start !== undefined, 'start section has a function');
      w.u32(m.start);
      break;
    case SectionId.element:
      w.u32(m.elements.length);
      for (const s of m.elements) writeElement(w, s);
      break;
    case SectionId.dataCount:
      invariant(m.dataCount !== undefined, 'data count section has a count');
      w.u32(m.dataCount);
      break;
    case SectionId.code:
      w.u32(m.code.length);
      for (const b of m.code) w.sized(b.bytes);
      break;
    case SectionId.data:
      w.u32(m.data.length);
      for (const d of m.data) {
        invariant(d.flags >= 0 && d.flags <= 2, 'data segment flags are 0..2');
        w.u32(d.flags);
        if (d.flags === 2) w.u32(d.memoryIndex);
        if (d.flags !== 1) {
          invariant(d.offset !== undefined, 'active data segment has an offset');
          writeConstExpr(w, d.offset);
        }
        w.sized(d.bytes);
      }
      break;
    case SectionId.tag:
      w.u32(m.tags.length);
      for (const t of m.tags) w.u8(0).u32(t);
      break;
    default:
      invariant(false, `section id ${id} is a standard section`);
  }
  return w.finish();
}

/** Does `m` have anything to put in standard section `id`? */
export function sectionHasContent(m: WasmModule, id: number): boolean {
  switch (id) {
    case SectionId.type:
      return m.types.length > 0;
    case SectionId.import:
      return m.imports.length > 0;
    case SectionId.function:
      return m.functions.length > 0;
    case SectionId.table:
      return m.tables.length > 0;
    case SectionId.memory:
      return m.memories.length > 0;
    case SectionId.global:
      return m.globals.length > 0;
    case SectionId.export:
      return m.exports.length > 0;
    case SectionId.start:
      return m.start !== undefined;
    case SectionId.element:
      return m.elements.length > 0;
    case SectionId.dataCount:
      return m.dataCount !== undefined;
    case SectionId.code:
      return m.code.length > 0;
    case SectionId.data:
      return m.data.length > 0;
    case SectionId.tag:
      return m.tags.length > 0;
    default:
      return false;
  }
}
