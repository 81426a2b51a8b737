import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ModuleBuilder } from '../../src/wasm/builder.js';
import { decodeModule } from '../../src/wasm/decode.js';
import { customSection, findExport, funcType, functionTypeIndices } from '../../src/wasm/module.js';
import { WasmWriter } from '../../src/wasm/writer.js';
import { readCorpus, skipUnlessCorpus } from '../support/corpus.js';
import { corpusRuntimes, expectSwxError } from './wasm-test-utils.js';

const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
const mod = (...sections: number[][]): Uint8Array => Uint8Array.from([...HEADER, ...sections.flat()]);

describe('decodeModule', () => {
  it('should decode every section of a built module', () => {
    const b = new ModuleBuilder();
    const log = b.importFunc('env', 'log', ['i32'], []);
    b.importMemory('env', 'memory', 2, 10);
    b.table(4);
    b.global('i64', true, 7n, 'g');
    const f = b.func(['i32'], ['i32'], [['local.get', 0], ['call', log], ['local.get', 0]], { export: 'id', locals: [{ count: 2, type: 'f64' }] });
    b.elem(1, [f, log]);
    b.data(8, 'hi');
    b.start(f);
    b.custom('note', 'x');
    const m = decodeModule(b.build());
    assert.deepEqual(m.types.map((t) => [t.params, t.results]), [[['i32'], []], [['i32'], ['i32']]]);
    assert.deepEqual(m.imports.map((i) => [i.module, i.name, i.desc.kind]), [['env', 'log', 'func'], ['env', 'memory', 'memory']]);
    const mem = m.imports[1]!.desc;
    assert.ok(mem.kind === 'memory' && mem.limits.min === 2 && mem.limits.max === 10);
    assert.deepEqual(m.functions, [1]);
    assert.equal(m.tables[0]!.limits.min, 4);
    assert.deepEqual(m.globals[0]!.init, { op: 'i64.const', value: 7n });
    assert.equal(findExport(m, 'id')?.index, 1);
    assert.equal(findExport(m, 'g')?.kind, 'global');
    assert.equal(m.start, 1);
    assert.deepEqual(m.elements[0]!.funcs, [1, 0]);
    assert.deepEqual(m.elements[0]!.offset, { op: 'i32.const', value: 1 });
    assert.deepEqual([...m.data[0]!.bytes], [0x68, 0x69]);
    assert.deepEqual(m.data[0]!.offset, { op: 'i32.const', value: 8 });
    assert.equal(customSection(m, 'note')?.payload[0], 0x78);
    assert.deepEqual(funcType(m, 0), m.types[0]);
    assert.deepEqual(funcType(m, 1), m.types[1]);
    assert.deepEqual(functionTypeIndices(m), [0, 1]);
  });

  it('should not keep a reference to the caller buffer', () => {
    const bytes = new ModuleBuilder().custom('c', 'abc').build();
    const m = decodeModule(bytes);
    bytes.fill(0);
    assert.equal(new TextDecoder().decode(m.customSections[0]!.payload), 'abc');
  });

  it('should keep custom sections in order, wherever they are', () => {
    const custom = (name: string): number[] => [0x00, name.length + 1, name.length, ...new TextEncoder().encode(name)];
    const m = decodeModule(mod(custom('a'), [0x01, 0x01, 0x00], custom('b'), custom('a')));
    assert.deepEqual(m.customSections.map((c) => c.name), ['a', 'b', 'a']);
    assert.equal(customSection(m, 'a'), m.customSections[0]);
    assert.deepEqual(m.sectionOrder.map((s) => (typeof s === 'number' ? s : s.name)), ['a', 1, 'b', 'a']);
  });

  it('should reject malformed modules with the byte offset', () => {
    const cases: [string, Uint8Array, RegExp, number][] = [
      ['bad magic', Uint8Array.from([0, 0x61, 0x73, 0x6e, 1, 0, 0, 0]), /magic/, 0],
      ['truncated header', Uint8Array.from([0, 0x61, 0x73]), /truncated/, 3],
      ['bad version', Uint8Array.from([0, 0x61, 0x73, 0x6d, 2, 0, 0, 0]), /version 2/, 4],
      ['section past the end', mod([0x01, 0x05, 0x00]), /runs past the end/, 8],
      ['section size mismatch', mod([0x01, 0x02, 0x00, 0x00]), /size mismatch/, 11],
      ['truncated section size', mod([0x01, 0x80]), /unexpected end/, 10],
      ['unknown section id', mod([0x0e, 0x00]), /unknown section id 14/, 8],
      ['out of order', mod([0x03, 0x01, 0x00], [0x01, 0x01, 0x00]), /out of order/, 11],
      ['duplicated', mod([0x01, 0x01, 0x00], [0x01, 0x01, 0x00]), /duplicated/, 11],
      ['bad LEB in a vector', mod([0x01, 0x06, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00]), /too long/, 14],
      ['vector longer than its section', mod([0x03, 0x02, 0x7f, 0x00]), /exceeds the section/, 11],
      ['bad value type', mod([0x01, 0x04, 0x01, 0x60, 0x01, 0x55]), /invalid value type 0x55/, 13],
      ['function without body', mod([0x01, 0x04, 0x01, 0x60, 0x00, 0x00], [0x03, 0x02, 0x01, 0x00]), /inconsistent lengths/, 18],
      ['invalid limits flags', mod([0x05, 0x03, 0x01, 0x08, 0x00]), /limits flags/, 11],
      ['non-constant initializer', mod([0x06, 0x05, 0x01, 0x7f, 0x00, 0x6d, 0x0b]), /non-constant instruction 0x6d/, 13],
    ];
    for (const [what, bytes, message, offset] of cases) {
      const e = expectSwxError(() => decodeModule(bytes), 'WASM_MALFORMED', message);
      assert.equal(e.context.offset, offset, what);
    }
  });

  it('should decode a non-UTF-8 import name as malformed', () => {
    const w = new WasmWriter().u32(1).u32(1).u8(0xff).u32(1).u8(0x61).u8(0x00).u32(0);
    const payload = w.finish();
    expectSwxError(() => decodeModule(mod([0x02, payload.length, ...payload])), 'WASM_MALFORMED', /UTF-8/);
  });

  for (const rel of corpusRuntimes()) {
    it(`should decode ${rel} with a body per function`, { skip: skipUnlessCorpus(rel) }, () => {
      const m = decodeModule(readCorpus(rel));
      assert.equal(m.code.length, m.functions.length);
      assert.ok(m.code.length > 0);
      assert.ok(m.exports.length > 0);
    });
  }
});
