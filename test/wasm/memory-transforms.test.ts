import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ModuleBuilder } from '../../src/wasm/builder.js';
import { decodeModule } from '../../src/wasm/decode.js';
import { encodeModule } from '../../src/wasm/encode.js';
import { convertMemoryImportToExport, setupMemory } from '../../src/wasm/memory-transforms.js';
import { findExport } from '../../src/wasm/module.js';
import { SectionId } from '../../src/wasm/sections-decode.js';
import type { WasmModule } from '../../src/wasm/types.js';
import { readCorpus, skipUnlessCorpus } from '../support/corpus.js';
import { expectSwxError } from './wasm-test-utils.js';

/** A runtime-like module: imports env.memory (min, max), a host function, exports `run`. */
function importingModule(min: number, max?: number): WasmModule {
  const b = new ModuleBuilder();
  b.importFunc('env', 'ext_log', ['i32'], []);
  b.importMemory('env', 'memory', min, max);
  b.func([], ['i32'], [['memory.size']], { export: 'pages' });
  b.func(['i32'], ['i32'], [['local.get', 0], ['memory.grow']], { export: 'grow' });
  return decodeModule(b.build());
}

function memoryOf(bytes: Uint8Array<ArrayBuffer>): WebAssembly.Memory {
  const inst = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { ext_log: () => undefined } });
  return inst.exports['memory'] as WebAssembly.Memory;
}

describe('convertMemoryImportToExport', () => {
  it('should turn the memory import into memory 0 exported under the import name', () => {
    const m = importingModule(3, 40);
    assert.equal(convertMemoryImportToExport(m), 'memory');
    assert.deepEqual(m.imports.map((i) => i.name), ['ext_log']);
    assert.deepEqual(m.memories, [{ min: 3, max: 40 }]);
    assert.deepEqual(findExport(m, 'memory'), { name: 'memory', kind: 'memory', index: 0 });
    assert.equal(m.exports.at(-1)!.name, 'memory', 'appended last');
    const order = m.sectionOrder.filter((s) => typeof s === 'number');
    assert.ok(order.indexOf(SectionId.memory) === order.indexOf(SectionId.function) + 1);
    const mem = memoryOf(encodeModule(m));
    assert.equal(mem.buffer.byteLength, 3 * 65536);
  });

  it('should do nothing without a memory import', () => {
    const b = new ModuleBuilder();
    b.memory(1);
    const m = decodeModule(b.build());
    assert.equal(convertMemoryImportToExport(m), undefined);
    assert.deepEqual(m.memories.map((l) => l.min), [1]);
  });

  it('should refuse a module with more than one memory', () => {
    const b = new ModuleBuilder();
    b.importMemory('env', 'memory', 1);
    b.memory(1);
    expectSwxError(() => convertMemoryImportToExport(decodeModule(b.build())), 'WASM_TRANSFORM_FAILED', /more than one memory/);
  });

  it('should create the export section when there is none', () => {
    const b = new ModuleBuilder();
    b.importMemory('env', 'mem', 1, 2);
    const m = decodeModule(b.build());
    convertMemoryImportToExport(m);
    assert.equal(new WebAssembly.Module(encodeModule(m)).constructor, WebAssembly.Module);
    assert.deepEqual(WebAssembly.Module.exports(new WebAssembly.Module(encodeModule(m))), [{ name: 'mem', kind: 'memory' }]);
  });
});

describe('setupMemory', () => {
  it('should make a static heap min = max = initial + extra pages', () => {
    const m = importingModule(22, 100);
    convertMemoryImportToExport(m);
    setupMemory(m, { kind: 'static', extraPages: 2048 });
    assert.deepEqual(m.memories, [{ min: 2070, max: 2070 }]);
    const bytes = encodeModule(m);
    const grow = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { ext_log: () => undefined } }).exports['grow'] as (n: number) => number;
    assert.equal(grow(1), -1, 'memory.grow fails at the limit');
    assert.equal(grow(0), 2070);
  });

  it('should cap a dynamic heap initial size at the maximum', () => {
    const cases: [number, number | undefined, number | undefined, { min: number; max?: number }][] = [
      [22, 100, 50, { min: 22, max: 50 }],
      [22, undefined, 10, { min: 10, max: 10 }],
      [22, 30, undefined, { min: 22 }],
    ];
    for (const [initial, max, maximumPages, expected] of cases) {
      const m = importingModule(initial, max);
      convertMemoryImportToExport(m);
      setupMemory(m, maximumPages === undefined ? { kind: 'dynamic' } : { kind: 'dynamic', maximumPages });
      assert.deepEqual(m.memories, [expected]);
    }
  });

  it('should refuse a memory beyond 65536 pages and saturate at u32::MAX first', () => {
    const m = importingModule(1);
    convertMemoryImportToExport(m);
    setupMemory(m, { kind: 'static', extraPages: 65535 });
    assert.deepEqual(m.memories, [{ min: 65536, max: 65536 }]);
    const big = importingModule(10);
    convertMemoryImportToExport(big);
    const e = expectSwxError(() => setupMemory(big, { kind: 'static', extraPages: 0xffffffff }), 'WASM_INVALID', /at most 65536 pages/);
    assert.match(e.message, /min 4294967295/);
    expectSwxError(() => setupMemory(big, { kind: 'static', extraPages: -1 }), 'INVALID_INPUT');
  });

  it('should fail with BLOB_NO_MEMORY when the module defines no memory', () => {
    expectSwxError(() => setupMemory(importingModule(1), { kind: 'static', extraPages: 1 }), 'BLOB_NO_MEMORY', /no memory section/);
  });

  it('should prepare a real runtime as Substrate does', { skip: skipUnlessCorpus('runtimes/westend-v9300.wasm.gz') }, () => {
    const m = decodeModule(readCorpus('runtimes/westend-v9300.wasm.gz'));
    const imported = m.imports.find((i) => i.desc.kind === 'memory');
    assert.ok(imported && imported.desc.kind === 'memory');
    const initial = imported.desc.limits.min;
    convertMemoryImportToExport(m);
    setupMemory(m, { kind: 'static', extraPages: 2048 });
    assert.deepEqual(m.memories, [{ min: initial + 2048, max: initial + 2048 }]);
    const exports = WebAssembly.Module.exports(new WebAssembly.Module(encodeModule(m)));
    assert.ok(exports.some((e) => e.name === 'memory' && e.kind === 'memory'));
  });
});
