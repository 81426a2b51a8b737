import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ModuleBuilder } from '../../src/wasm/builder.js';
import { decodeModule } from '../../src/wasm/decode.js';
import { encodeModule } from '../../src/wasm/encode.js';
import { decodeInstructions, decodeLocals } from '../../src/wasm/instructions.js';
import { canonicalizeNans } from '../../src/wasm/nan-canonicalization.js';
import { computeStackCosts } from '../../src/wasm/stack-height.js';

type Op = (a: number, b: number) => number | bigint;

function arithmetic(): Uint8Array<ArrayBuffer> {
  const b = new ModuleBuilder();
  for (const op of ['add', 'sub', 'mul', 'div', 'min', 'max', 'copysign']) {
    b.func(['f32', 'f32'], ['i32'], [['local.get', 0], ['local.get', 1], [`f32.${op}`], ['i32.reinterpret_f32']], { export: `f32_${op}` });
    b.func(['f64', 'f64'], ['i64'], [['local.get', 0], ['local.get', 1], [`f64.${op}`], ['i64.reinterpret_f64']], { export: `f64_${op}` });
  }
  for (const op of ['sqrt', 'ceil', 'floor', 'trunc', 'nearest', 'neg', 'abs']) {
    b.func(['f32', 'f32'], ['i32'], [['local.get', 0], [`f32.${op}`], ['i32.reinterpret_f32']], { export: `f32_${op}` });
    b.func(['f64', 'f64'], ['i64'], [['local.get', 0], [`f64.${op}`], ['i64.reinterpret_f64']], { export: `f64_${op}` });
  }
  b.func(['f64', 'f64'], ['i32'], [['local.get', 0], ['f32.demote_f64'], ['i32.reinterpret_f32']], { export: 'demote' });
  b.func(['f32', 'f32'], ['i64'], [['local.get', 0], ['f64.promote_f32'], ['i64.reinterpret_f64']], { export: 'promote' });
  return b.build();
}

function exportsOf(bytes: Uint8Array<ArrayBuffer>): Record<string, Op> {
  return new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as unknown as Record<string, Op>;
}

const hex32 = (v: number | bigint): string => (Number(v) >>> 0).toString(16);
const hex64 = (v: number | bigint): string => BigInt.asUintN(64, BigInt(v)).toString(16);

describe('canonicalizeNans', () => {
  it('should make f32 0/0 give the bits 7fc00000 on V8 (x86 gives ffc00000 without it)', () => {
    const m = decodeModule(arithmetic());
    canonicalizeNans(m);
    const f = exportsOf(encodeModule(m));
    assert.equal(hex32(f['f32_div']!(0, 0)), '7fc00000');
    assert.equal(hex64(f['f64_div']!(0, 0)), '7ff8000000000000');
  });

  it('should canonicalize every arithmetic result that is a NaN, and nothing else', () => {
    const m = decodeModule(arithmetic());
    canonicalizeNans(m);
    const f = exportsOf(encodeModule(m));
    for (const op of ['add', 'sub', 'mul', 'div', 'min', 'max', 'sqrt', 'ceil', 'floor', 'trunc', 'nearest']) {
      assert.equal(hex32(f[`f32_${op}`]!(NaN, 1)), '7fc00000', `f32.${op}`);
      assert.equal(hex64(f[`f64_${op}`]!(NaN, 1)), '7ff8000000000000', `f64.${op}`);
    }
    assert.equal(hex32(f['demote']!(NaN, 0)), '7fc00000');
    assert.equal(hex64(f['promote']!(NaN, 0)), '7ff8000000000000');
    assert.equal(hex32(f['f32_sqrt']!(-1, 0)), '7fc00000');
    // sign-bit operations are not canonicalized: neg flips the sign of the NaN it is given
    const neg = hex32(f['f32_neg']!(NaN, 0));
    assert.equal(neg.length, 8);
    assert.notEqual(neg, '7fc00000');
    // ordinary values are untouched
    assert.equal(hex32(f['f32_add']!(1.5, 2)), '40600000');
    assert.equal(hex64(f['f64_mul']!(-3, 0.5)), 'bff8000000000000');
  });

  it('should add one scratch local per float width after the existing locals', () => {
    const b = new ModuleBuilder();
    b.func(['f32', 'f64'], ['f64'], [
      ['local.get', 0], ['local.get', 0], ['f32.add'], ['drop'],
      ['local.get', 1], ['local.get', 1], ['f64.add'],
    ], { locals: [{ count: 2, type: 'i32' }] });
    b.func([], ['i32'], [['i32.const', 1]]);
    const m = decodeModule(b.build());
    const untouched = m.code[1];
    canonicalizeNans(m);
    assert.deepEqual(decodeLocals(m.code[0]!).groups, [
      { count: 2, type: 'i32' },
      { count: 1, type: 'f32' },
      { count: 1, type: 'f64' },
    ]);
    const names = decodeInstructions(m.code[0]!).map((i) => i.name);
    assert.deepEqual(names.slice(0, 10), ['local.get', 'local.get', 'f32.add', 'local.tee', 'f32.const', 'local.get', 'local.get', 'f32.eq', 'select', 'drop']);
    assert.equal(m.code[1], untouched, 'bodies without float arithmetic are kept');
    assert.ok(WebAssembly.validate(encodeModule(m)));
  });

  it('should change stack costs, which is why the stack limiter must run first', () => {
    const m = decodeModule(arithmetic());
    const before = computeStackCosts(m);
    canonicalizeNans(m);
    assert.notDeepEqual(computeStackCosts(m), before, 'costs would differ: run the stack limiter first');
  });
});
