import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ModuleBuilder } from '../../src/wasm/builder.js';
import { decodeModule } from '../../src/wasm/decode.js';
import { DEFAULT_WASM_FEATURES } from '../../src/wasm/features.js';
import { validateFeatures } from '../../src/wasm/validate.js';
import { expectSwxError } from './wasm-test-utils.js';

describe('ModuleBuilder', () => {
  it('should build a module whose export writes memory and a mutable global', () => {
    const b = new ModuleBuilder();
    const log = b.importFunc('env', 'ext_log', ['i32'], []);
    b.memory(1, undefined, 'memory');
    const g = b.global('i32', true, 0, 'counter');
    b.func(['i32'], ['i32'], [
      ['i32.const', 64], ['local.get', 0], ['i32.store8'],
      ['global.get', g], ['i32.const', 1], ['i32.add'], ['global.set', g],
      ['local.get', 0], ['call', log],
      ['global.get', g],
    ], { export: 'run' });
    b.data(16, 'hello');
    b.custom('runtime_version', Uint8Array.of(1, 2, 3));
    const bytes = b.build();
    validateFeatures(decodeModule(bytes), DEFAULT_WASM_FEATURES);
    const logged: number[] = [];
    const inst = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { ext_log: (v: number) => void logged.push(v) } });
    const run = inst.exports['run'] as (v: number) => number;
    assert.equal(run(7), 1);
    assert.equal(run(9), 2);
    assert.deepEqual(logged, [7, 9]);
    const mem = new Uint8Array((inst.exports['memory'] as WebAssembly.Memory).buffer);
    assert.equal(mem[64], 9);
    assert.equal(new TextDecoder().decode(mem.subarray(16, 21)), 'hello');
    assert.equal((inst.exports['counter'] as WebAssembly.Global).value, 2);
    assert.deepEqual(WebAssembly.Module.customSections(new WebAssembly.Module(bytes), 'runtime_version').map((s) => [...new Uint8Array(s)]), [[1, 2, 3]]);
  });

  it('should reuse identical function types', () => {
    const b = new ModuleBuilder();
    b.func([], [], []);
    b.func([], [], []);
    b.func(['i32'], [], []);
    assert.equal(b.module.types.length, 2);
  });

  it('should refuse imports declared after functions', () => {
    const b = new ModuleBuilder();
    b.func([], [], []);
    expectSwxError(() => b.importFunc('env', 'late', [], []), 'INVALID_INPUT', /before functions/);
  });
});
