import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ModuleBuilder } from '../../src/wasm/builder.js';
import { decodeModule } from '../../src/wasm/decode.js';
import { encodeModule } from '../../src/wasm/encode.js';
import { exposeMutableGlobals } from '../../src/wasm/globals-transform.js';
import { readCorpus, skipUnlessCorpus } from '../support/corpus.js';

describe('exposeMutableGlobals', () => {
  it('should export mutable globals as exported_internal_global_<k>, k counting mutable globals', () => {
    const b = new ModuleBuilder();
    b.importGlobal('env', 'imported', 'i64', false);
    b.global('i32', false, 1);
    const counter = b.global('i32', true, 5);
    b.global('i64', true, 7n);
    b.func(['i32'], [], [['local.get', 0], ['global.set', counter]], { export: 'set' });
    const m = decodeModule(b.build());
    assert.deepEqual(exposeMutableGlobals(m), ['exported_internal_global_0', 'exported_internal_global_1']);
    assert.deepEqual(
      m.exports.slice(1).map((e) => [e.name, e.kind, e.index]),
      [
        ['exported_internal_global_0', 'global', 2],
        ['exported_internal_global_1', 'global', 3],
      ],
    );
    const inst = new WebAssembly.Instance(new WebAssembly.Module(encodeModule(m)), {
      env: { imported: new WebAssembly.Global({ value: 'i64', mutable: false }, 0n) },
    });
    const g0 = inst.exports['exported_internal_global_0'] as WebAssembly.Global;
    const g1 = inst.exports['exported_internal_global_1'] as WebAssembly.Global;
    assert.equal(g0.value, 5);
    assert.equal(g1.value, 7n);
    (inst.exports['set'] as (v: number) => void)(99);
    assert.equal(g0.value, 99, 'reads what the module wrote');
    g0.value = 3;
    assert.equal(g0.value, 3, 'and can be restored');
  });

  it('should create an export section when needed and return nothing without mutable globals', () => {
    const b = new ModuleBuilder();
    b.global('i32', false, 1);
    const m = decodeModule(b.build());
    assert.deepEqual(exposeMutableGlobals(m), []);
    assert.ok(WebAssembly.validate(encodeModule(m)));
  });

  it('should expose the stack pointer of a real runtime', { skip: skipUnlessCorpus('runtimes/polkadot-v9160.wasm.gz') }, () => {
    const m = decodeModule(readCorpus('runtimes/polkadot-v9160.wasm.gz'));
    const mutable = m.globals.filter((g) => g.mutable).length;
    const names = exposeMutableGlobals(m);
    assert.equal(names.length, mutable);
    const exports = WebAssembly.Module.exports(new WebAssembly.Module(encodeModule(m)));
    for (const n of names) assert.ok(exports.some((e) => e.name === n && e.kind === 'global'));
  });
});
