/**
 * `encodeModule`: `WasmModule` → bytes, byte-preserving for what was not edited.
 *
 * Sections are written in `m.sectionOrder` (the order they were decoded in,
 * custom sections included). A standard section that the model no longer
 * differs from is copied verbatim from the source bytes, header included; an
 * edited one is re-encoded canonically. "Unchanged" means: the canonical
 * encoding of the current model equals the canonical encoding of the original
 * payload (for the code section: the same body byte arrays, by identity).
 * A section that now has content but is not in the order is inserted like
 * parity-wasm's `insert_section` does; custom sections not in the order go last.
 * So `encodeModule(decodeModule(b))` is `b`.
 */
import { equalBytes } from '../base/bytes.js';
import { decodeSectionInto, WASM_MAGIC, WASM_VERSION } from './decode.js';
import { emptyModule, SECTION_ORDER } from './module.js';
import { WasmReader } from './reader.js';
import { SectionId } from './sections-decode.js';
import { encodeSectionPayload, sectionHasContent } from './sections-encode.js';
import type { ModuleSource, RawSection, SectionSlot, WasmModule } from './types.js';
import { WasmWriter } from './writer.js';

const STANDARD_IDS: readonly number[] = Object.freeze(
  Object.keys(SECTION_ORDER)
    .map(Number)
    .sort((a, b) => SECTION_ORDER[a]! - SECTION_ORDER[b]!),
);

/** The sections to write, in order (see the module comment). */
export function resolveSectionOrder(m: WasmModule): SectionSlot[] {
  const order: SectionSlot[] = [];
  for (const slot of m.sectionOrder) {
    if (typeof slot === 'number') {
      if (slot === SectionId.start && m.start === undefined) continue;
      if (slot === SectionId.dataCount && m.dataCount === undefined) continue;
      if (!order.includes(slot)) order.push(slot);
    } else if (m.customSections.includes(slot) && !order.includes(slot)) {
      order.push(slot);
    }
  }
  for (const id of STANDARD_IDS) {
    if (order.includes(id) || !sectionHasContent(m, id)) continue;
    const rank = SECTION_ORDER[id]!;
    const pos = order.findIndex((s) => typeof s === 'number' && SECTION_ORDER[s]! > rank);
    if (pos < 0) order.push(id);
    else order.splice(pos, 0, id);
  }
  for (const c of m.customSections) if (!order.includes(c)) order.push(c);
  return order;
}

function standardUnchanged(m: WasmModule, source: ModuleSource, raw: RawSection, current: Uint8Array | undefined): boolean {
  if (raw.id === SectionId.code) {
    if (m.code.length !== source.bodies.length) return false;
    for (let i = 0; i < m.code.length; i++) if (m.code[i]!.bytes !== source.bodies[i]) return false;
    return true;
  }
  const original = emptyModule();
  decodeSectionInto(original, raw.id, new WasmReader(source.bytes, raw.start, raw.end));
  return current !== undefined && equalBytes(current, encodeSectionPayload(original, raw.id));
}

/** Serializes a module (byte-identical to the decoded input where nothing changed). */
export function encodeModule(m: WasmModule): Uint8Array<ArrayBuffer> {
  const source = m.source;
  const w = new WasmWriter(source ? source.bytes.length + 1024 : 4096);
  for (const b of WASM_MAGIC) w.u8(b);
  w.f32bits(WASM_VERSION); // the version is a 4-byte little-endian u32
  for (const slot of resolveSectionOrder(m)) {
    if (typeof slot !== 'number') {
      const raw = source?.customs.find((c) => c.section === slot);
      if (raw !== undefined && raw.name === slot.name && raw.payload === slot.payload) {
        w.bytes(source!.bytes.subarray(raw.headerStart, raw.end));
      } else {
        const body = new WasmWriter(slot.payload.length + 64).name(slot.name).bytes(slot.payload).finish();
        w.u8(SectionId.custom).sized(body);
      }
      continue;
    }
    const raw = source?.sections.find((s) => s.id === slot);
    const current = slot === SectionId.code && raw !== undefined ? undefined : encodeSectionPayload(m, slot);
    if (raw !== undefined && standardUnchanged(m, source!, raw, current)) {
      w.bytes(source!.bytes.subarray(raw.headerStart, raw.end));
    } else {
      w.u8(slot).sized(current ?? encodeSectionPayload(m, slot));
    }
  }
  return w.finish();
}
