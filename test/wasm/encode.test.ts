import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { equalBytes } from '../../src/base/bytes.js';
import { ModuleBuilder } from '../../src/wasm/builder.js';
import { decodeModule } from '../../src/wasm/decode.js';
import { encodeModule } from '../../src/wasm/encode.js';
import { SectionId } from '../../src/wasm/sections-decode.js';
import { readCorpus, skipUnlessCorpus } from '../support/corpus.js';
import { corpusRuntimes, indexOfBytes } from './wasm-test-utils.js';

const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

function sectionIds(bytes: Uint8Array): number[] {
  return decodeModule(bytes).sectionOrder.map((s) => (typeof s === 'number' ? s : 0));
}

describe('encodeModule', () => {
  for (const rel of corpusRuntimes()) {
    it(`should reproduce ${rel} byte for byte`, { skip: skipUnlessCorpus(rel) }, () => {
      const bytes = readCorpus(rel);
      assert.ok(equalBytes(encodeModule(decodeModule(bytes)), bytes));
    });
  }

  it('should copy non-canonical encodings of untouched sections verbatim', () => {
    // type section whose size and count use padded LEB128s
    const bytes = Uint8Array.from([...HEADER, 0x01, 0x86, 0x80, 0x80, 0x80, 0x00, 0x81, 0x80, 0x00, 0x60, 0x00, 0x00]);
    const m = decodeModule(bytes);
    assert.equal(m.types.length, 1);
    assert.ok(equalBytes(encodeModule(m), bytes));
    m.types.push({ params: ['i32'], results: [] });
    assert.deepEqual([...encodeModule(m)], [...HEADER, 0x01, 0x08, 0x02, 0x60, 0x00, 0x00, 0x60, 0x01, 0x7f, 0x00]);
  });

  it('should re-encode only the sections that changed', () => {
    const b = new ModuleBuilder();
    b.memory(1, 2, 'memory');
    b.func([], ['i32'], [['i32.const', 42]], { export: 'f' });
    b.data(0, 'abc');
    b.custom('keep', 'payload');
    const original = b.build();
    const m = decodeModule(original);
    m.exports.push({ name: 'g', kind: 'func', index: 0 });
    const out = encodeModule(m);
    const d = decodeModule(out);
    assert.deepEqual(d.exports.map((e) => e.name), ['memory', 'f', 'g']);
    // code, data and the custom section are copied
    for (const id of [SectionId.code, SectionId.data]) {
      const raw = m.source!.sections.find((s) => s.id === id)!;
      assert.ok(indexOfBytes(out, [...original.subarray(raw.headerStart, raw.end)]) > 0);
    }
    assert.equal(new TextDecoder().decode(d.customSections[0]!.payload), 'payload');
  });

  it('should treat a replaced function body as a change of the code section', () => {
    const b = new ModuleBuilder();
    b.func([], ['i32'], [['i32.const', 1]], { export: 'f' });
    const m = decodeModule(b.build());
    const other = new ModuleBuilder();
    other.func([], ['i32'], [['i32.const', 2]], { export: 'f' });
    m.code[0] = { bytes: decodeModule(other.build()).code[0]!.bytes.slice() };
    const f = new WebAssembly.Instance(new WebAssembly.Module(encodeModule(m))).exports['f'] as () => number;
    assert.equal(f(), 2);
  });

  it('should insert a new section before the next standard section, after custom sections', () => {
    const b = new ModuleBuilder();
    b.func([], [], [], { export: 'f' });
    b.custom('tail', 'x');
    const m = decodeModule(b.build());
    m.memories.push({ min: 1 });
    m.customSections.push({ name: 'new', payload: Uint8Array.of(1) });
    const out = encodeModule(m);
    assert.deepEqual(sectionIds(out), [SectionId.type, SectionId.function, SectionId.memory, SectionId.export, SectionId.code, 0, 0]);
    assert.deepEqual(decodeModule(out).customSections.map((c) => c.name), ['tail', 'new']);
  });

  it('should keep an empty section that was present, and drop removed custom sections', () => {
    const bytes = Uint8Array.from([...HEADER, 0x00, 0x02, 0x01, 0x63, 0x02, 0x01, 0x00]);
    const m = decodeModule(bytes);
    m.customSections = [];
    assert.deepEqual([...encodeModule(m)], [...HEADER, 0x02, 0x01, 0x00]);
  });

  it('should build modules that V8 accepts', () => {
    const b = new ModuleBuilder();
    b.func(['i32', 'i32'], ['i32'], [['local.get', 0], ['local.get', 1], ['i32.add']], { export: 'add' });
    const add = new WebAssembly.Instance(new WebAssembly.Module(b.build())).exports['add'] as (a: number, b: number) => number;
    assert.equal(add(2, 3), 5);
  });
});
