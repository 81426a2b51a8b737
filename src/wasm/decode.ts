/**
 * `decodeModule`: bytes → `WasmModule` (spec §5.5).
 *
 *   module  = magic "\0asm" · version 1 (u32 LE) · section*
 *   section = id:u8 · size:u32 · payload[size]
 *
 * Standard sections must appear at most once and in order (custom sections
 * anywhere); the function and code sections must have the same length.
 * Function bodies and data bytes stay views of (a private copy of) the input,
 * so decoding is one pass over section headers and entries.
 */
import { SECTION_ORDER, emptyModule } from './module.js';
import { malformed, WasmReader } from './reader.js';
import {
  SectionId,
  readCodeSection,
  readDataSection,
  readElementSection,
  readExportSection,
  readFunctionSection,
  readGlobalSection,
  readImportSection,
  readMemorySection,
  readTableSection,
  readTagSection,
  readTypeSection,
} from './sections-decode.js';
import type { ModuleSource, WasmModule } from './types.js';

/** The 4-byte magic number `\0asm`. */
export const WASM_MAGIC: readonly number[] = Object.freeze([0x00, 0x61, 0x73, 0x6d]);
/** The only binary format version (spec §5.5.16). */
export const WASM_VERSION = 1;

/** Decodes the payload of standard section `id` from `r` into `m`. */
export function decodeSectionInto(m: WasmModule, id: number, r: WasmReader): void {
  switch (id) {
    case SectionId.type:
      m.types = readTypeSection(r);
      break;
    case SectionId.import:
      m.imports = readImportSection(r);
      break;
    case SectionId.function:
      m.functions = readFunctionSection(r);
      break;
    case SectionId.table:
      m.tables = readTableSection(r);
      break;
    case SectionId.memory:
      m.memories = readMemorySection(r);
      break;
    case SectionId.global:
      m.globals = readGlobalSection(r);
      break;
    case SectionId.export:
      m.exports = readExportSection(r);
      break;
    case SectionId.start:
      m.start = r.u32();
      break;
    case SectionId.element:
      m.elements = readElementSection(r);
      break;
    case SectionId.dataCount:
      m.dataCount = r.u32();
      break;
    case SectionId.code:
      m.code = readCodeSection(r);
      break;
    case SectionId.data:
      m.data = readDataSection(r);
      break;
    case SectionId.tag:
      m.tags = readTagSection(r);
      break;
    default:
      r.fail(`unknown section id ${id}`);
  }
  if (r.pos !== r.end) r.fail('section size mismatch');
}

/** Parses a binary module; throws WASM_MALFORMED (with the byte offset) on malformed input. */
export function decodeModule(input: Uint8Array): WasmModule {
  const bytes = input.slice();
  if (bytes.length < 8) malformed('truncated module header', bytes.length);
  for (let i = 0; i < 4; i++) if (bytes[i] !== WASM_MAGIC[i]) malformed('bad magic number (not a wasm module)', 0);
  const version = bytes[4]! | (bytes[5]! << 8) | (bytes[6]! << 16) | (bytes[7]! << 24);
  if (version !== WASM_VERSION) malformed(`unsupported binary version ${version >>> 0}`, 4);

  const m = emptyModule();
  const source: ModuleSource = { bytes, sections: [], customs: [], bodies: [] };
  m.source = source;
  const r = new WasmReader(bytes, 8);
  let lastOrder = 0;
  while (!r.atEnd()) {
    const idAt = r.pos;
    const id = r.u8();
    const size = r.u32();
    const start = r.pos;
    if (size > r.end - start) r.fail(`section ${id} (size ${size}) runs past the end of the module`, idAt);
    const end = start + size;
    const sr = new WasmReader(bytes, start, end);
    if (id === SectionId.custom) {
      const name = sr.name();
      const payload = bytes.subarray(sr.pos, end);
      const custom = { name, payload, byteOffset: idAt };
      m.customSections.push(custom);
      m.sectionOrder.push(custom);
      source.customs.push({ id, headerStart: idAt, start, end, section: custom, name, payload });
    } else {
      const order = SECTION_ORDER[id];
      if (order === undefined) r.fail(`unknown section id ${id}`, idAt);
      if (order <= lastOrder) r.fail(`section ${id} is duplicated or out of order`, idAt);
      lastOrder = order;
      decodeSectionInto(m, id, sr);
      m.sectionOrder.push(id);
      source.sections.push({ id, headerStart: idAt, start, end });
    }
    r.pos = end;
  }
  if (m.functions.length !== m.code.length) {
    malformed(`function and code sections have inconsistent lengths (${m.functions.length} vs ${m.code.length})`, bytes.length);
  }
  source.bodies = m.code.map((b) => b.bytes);
  return m;
}
