import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { foldConstExpressions } from '../../src/wasm/const-fold.js';
import { constExprI32, evalConstExpr, readConstExpr, writeConstExpr } from '../../src/wasm/const-expr.js';
import { decodeModule } from '../../src/wasm/decode.js';
import { encodeModule } from '../../src/wasm/encode.js';
import { emptyModule } from '../../src/wasm/module.js';
import { WasmReader } from '../../src/wasm/reader.js';
import type { ConstExpr } from '../../src/wasm/types.js';
import { WasmWriter } from '../../src/wasm/writer.js';

const seq = (...instrs: Extract<ConstExpr, { op: 'sequence' }>['instrs']): ConstExpr => ({ op: 'sequence', instrs });

describe('constant expressions', () => {
  it('should round-trip every constant instruction', () => {
    const exprs: ConstExpr[] = [
      { op: 'i32.const', value: -7 },
      { op: 'i64.const', value: -(2n ** 63n) },
      { op: 'f32.const', bits: 0x7fc00001 },
      { op: 'f64.const', bits: 0xfff0000000000000n },
      { op: 'global.get', index: 3 },
      { op: 'ref.null', type: 'externref' },
      { op: 'ref.func', index: 9 },
      seq({ op: 'i32.const', value: 1 }, { op: 'i32.const', value: 2 }, { op: 'i32.mul' }),
    ];
    const w = new WasmWriter();
    for (const e of exprs) writeConstExpr(w, e);
    const r = new WasmReader(w.finish());
    for (const e of exprs) {
      const back = readConstExpr(r);
      if (back.op === 'sequence') delete back.byteOffset;
      assert.deepEqual(back, e);
    }
  });

  it('should evaluate extended-const arithmetic with wrapping', () => {
    assert.equal(evalConstExpr(seq({ op: 'i32.const', value: 0x7fffffff }, { op: 'i32.const', value: 1 }, { op: 'i32.add' })), -0x80000000);
    assert.equal(evalConstExpr(seq({ op: 'i64.const', value: 3n }, { op: 'i64.const', value: 5n }, { op: 'i64.sub' })), -2n);
    assert.equal(constExprI32({ op: 'i32.const', value: 1024 }), 1024);
    assert.equal(constExprI32({ op: 'global.get', index: 0 }), undefined);
    assert.equal(evalConstExpr(seq({ op: 'i32.const', value: 1 }, { op: 'i64.const', value: 1n }, { op: 'i32.add' })), undefined);
  });

  it('should fold extended-const initialisers and offsets so that V8 accepts the module', () => {
    const m = emptyModule();
    m.memories.push({ min: 1 });
    m.globals.push({ type: 'i32', mutable: false, init: seq({ op: 'i32.const', value: 1024 }, { op: 'i32.const', value: 16 }, { op: 'i32.add' }) });
    m.exports.push({ name: 'g', kind: 'global', index: 0 });
    m.data.push({
      flags: 0,
      mode: 'active',
      memoryIndex: 0,
      offset: seq({ op: 'i32.const', value: 8 }, { op: 'i32.const', value: 2 }, { op: 'i32.mul' }),
      bytes: Uint8Array.of(42),
    });
    m.exports.push({ name: 'memory', kind: 'memory', index: 0 });
    assert.equal(foldConstExpressions(m), 2);
    assert.deepEqual(m.globals[0]!.init, { op: 'i32.const', value: 1040 });
    const bytes = encodeModule(m);
    const inst = new WebAssembly.Instance(new WebAssembly.Module(bytes));
    assert.equal((inst.exports['g'] as WebAssembly.Global).value, 1040);
    assert.equal(new Uint8Array((inst.exports['memory'] as WebAssembly.Memory).buffer)[16], 42);
    assert.deepEqual(decodeModule(bytes).data[0]!.offset, { op: 'i32.const', value: 16 });
  });
});
