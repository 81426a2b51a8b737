/**
 * Decoders for the payload of each standard section (spec §5.5.2–§5.5.16),
 * accepting the encodings of the post-MVP proposals too (so that the feature
 * validator, not the decoder, is the one naming what is unsupported).
 */
import { readConstExpr } from './const-expr.js';
import type { WasmReader } from './reader.js';
import type {
  DataSegment,
  ElementSegment,
  Export,
  ExportKind,
  FuncType,
  FunctionBody,
  Global,
  Import,
  ImportDesc,
  Limits,
  TableType,
  ValType,
} from './types.js';
import { readRefType, readValType, unsupported } from './valtype.js';

/** Standard section ids (spec §5.5.2). */
export const SectionId = Object.freeze({
  custom: 0,
  type: 1,
  import: 2,
  function: 3,
  table: 4,
  memory: 5,
  global: 6,
  export: 7,
  start: 8,
  element: 9,
  code: 10,
  data: 11,
  dataCount: 12,
  tag: 13,
});

function vec<T>(r: WasmReader, item: (r: WasmReader) => T): T[] {
  const n = r.u32();
  // every item takes at least one byte: a bigger count is malformed, not an allocation request
  if (n > r.end - r.pos) r.fail(`vector length ${n} exceeds the section`);
  const out: T[] = new Array<T>(n);
  for (let i = 0; i < n; i++) out[i] = item(r);
  return out;
}

function valTypes(r: WasmReader): ValType[] {
  return vec(r, readValType);
}

/** Function types: `0x60 vec(valtype) vec(valtype)`. */
export function readTypeSection(r: WasmReader): FuncType[] {
  return vec(r, (r) => {
    const at = r.pos;
    const form = r.u8();
    if (form !== 0x60) {
      if (form >= 0x4e && form <= 0x5f) unsupported('gc', `composite type 0x${form.toString(16)}`, r.offset(at));
      r.fail(`invalid function type form 0x${form.toString(16)}`, at);
    }
    const params = valTypes(r);
    const results = valTypes(r);
    return { params, results, byteOffset: r.offset(at) };
  });
}

/** Limits: flags (bit 0 max, bit 1 shared, bit 2 64-bit) then min [max]. */
export function readLimits(r: WasmReader): Limits {
  const at = r.pos;
  const flags = r.u8();
  if (flags > 7) r.fail(`invalid limits flags 0x${flags.toString(16)}`, at);
  const index64 = (flags & 4) !== 0;
  const min = index64 ? r.u64() : r.u32();
  const limits: Limits = { min, byteOffset: r.offset(at) };
  if (flags & 1) limits.max = index64 ? r.u64() : r.u32();
  if (flags & 2) limits.shared = true;
  if (index64) limits.index64 = true;
  return limits;
}

function readTableType(r: WasmReader): TableType {
  const at = r.pos;
  if (r.bytes[r.pos] === 0x40) unsupported('functionReferences', 'table with an initialiser', r.offset(at));
  const elemType = readRefType(r);
  return { elemType, limits: readLimits(r), byteOffset: r.offset(at) };
}

function readMutability(r: WasmReader): boolean {
  const at = r.pos;
  const m = r.u8();
  if (m > 1) r.fail(`invalid global mutability ${m}`, at);
  return m === 1;
}

/** Imports: module name, field name, kind-tagged description. */
export function readImportSection(r: WasmReader): Import[] {
  return vec(r, (r) => {
    const at = r.pos;
    const module = r.name();
    const name = r.name();
    const kindAt = r.pos;
    const kind = r.u8();
    let desc: ImportDesc;
    switch (kind) {
      case 0:
        desc = { kind: 'func', typeIndex: r.u32() };
        break;
      case 1:
        desc = { kind: 'table', table: readTableType(r) };
        break;
      case 2:
        desc = { kind: 'memory', limits: readLimits(r) };
        break;
      case 3: {
        const type = readValType(r);
        desc = { kind: 'global', type, mutable: readMutability(r) };
        break;
      }
      case 4:
        if (r.u8() !== 0) r.fail('invalid tag attribute', r.pos - 1);
        desc = { kind: 'tag', typeIndex: r.u32() };
        break;
      default:
        return r.fail(`invalid import kind ${kind}`, kindAt);
    }
    return { module, name, desc, byteOffset: r.offset(at) };
  });
}

/** Type index of each defined function. */
export function readFunctionSection(r: WasmReader): number[] {
  return vec(r, (r) => r.u32());
}

/** Tables. */
export function readTableSection(r: WasmReader): TableType[] {
  return vec(r, readTableType);
}

/** Memories. */
export function readMemorySection(r: WasmReader): Limits[] {
  return vec(r, readLimits);
}

/** Globals: value type, mutability, initialiser. */
export function readGlobalSection(r: WasmReader): Global[] {
  return vec(r, (r) => {
    const at = r.pos;
    const type = readValType(r);
    const mutable = readMutability(r);
    return { type, mutable, init: readConstExpr(r), byteOffset: r.offset(at) };
  });
}

const EXPORT_KINDS: readonly ExportKind[] = ['func', 'table', 'memory', 'global', 'tag'];

/** Exports: name, kind, index. */
export function readExportSection(r: WasmReader): Export[] {
  return vec(r, (r) => {
    const at = r.pos;
    const name = r.name();
    const kindAt = r.pos;
    const kind = EXPORT_KINDS[r.u8()];
    if (kind === undefined) r.fail('invalid export kind', kindAt);
    return { name, kind, index: r.u32(), byteOffset: r.offset(at) };
  });
}

function readElemKind(r: WasmReader): void {
  const at = r.pos;
  if (r.u8() !== 0x00) r.fail('invalid element kind', at);
}

/** Element segments in all eight encodings (flags 0..7). */
export function readElementSection(r: WasmReader): ElementSegment[] {
  return vec(r, (r) => {
    const at = r.pos;
    const flags = r.u32();
    if (flags > 7) r.fail(`invalid element segment flags ${flags}`, at);
    const mode = flags & 1 ? (flags & 2 ? 'declarative' : 'passive') : 'active';
    const tableIndex = flags & 2 && mode === 'active' ? r.u32() : 0;
    const offset = mode === 'active' ? readConstExpr(r) : undefined;
    const seg: ElementSegment = { flags, mode, tableIndex, offset, elemType: 'funcref', byteOffset: r.offset(at) };
    if (flags & 4) {
      if (flags & 3) seg.elemType = readRefType(r);
      seg.exprs = vec(r, readConstExpr);
    } else {
      if (flags & 3) readElemKind(r);
      seg.funcs = vec(r, (r) => r.u32());
    }
    return seg;
  });
}

/** Function bodies, kept as views of the module bytes. */
export function readCodeSection(r: WasmReader): FunctionBody[] {
  return vec(r, (r) => {
    const size = r.u32();
    const start = r.pos;
    return { bytes: r.bytesView(size), byteOffset: r.offset(start) };
  });
}

/** Data segments (flags 0 active memory 0, 1 passive, 2 active with memory index). */
export function readDataSection(r: WasmReader): DataSegment[] {
  return vec(r, (r) => {
    const at = r.pos;
    const flags = r.u32();
    if (flags > 2) r.fail(`invalid data segment flags ${flags}`, at);
    const memoryIndex = flags === 2 ? r.u32() : 0;
    const offset = flags === 1 ? undefined : readConstExpr(r);
    const len = r.u32();
    return { flags, mode: flags === 1 ? 'passive' : 'active', memoryIndex, offset, bytes: r.bytesView(len), byteOffset: r.offset(at) };
  });
}

/** Tags (exception handling): attribute 0 then a type index. */
export function readTagSection(r: WasmReader): number[] {
  return vec(r, (r) => {
    if (r.u8() !== 0) r.fail('invalid tag attribute', r.pos - 1);
    return r.u32();
  });
}
