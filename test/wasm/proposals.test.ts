/**
 * The decoder and encoder must handle the binary encodings of the post-MVP
 * proposals (so the validator, not the decoder, names what is unsupported).
 * wabt writes the reference module.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import wabtInit from 'wabt';
import { equalBytes } from '../../src/base/bytes.js';
import { decodeModule } from '../../src/wasm/decode.js';
import { encodeModule } from '../../src/wasm/encode.js';
import { DEFAULT_WASM_FEATURES } from '../../src/wasm/features.js';
import { validateFeatures } from '../../src/wasm/validate.js';
import { ALL_ON } from './validate-cases.js';
import { expectSwxError } from './wasm-test-utils.js';

const wabt = await wabtInit();

const EVERYTHING = `
(module
  (type $t (func (param i32) (result i32 i32)))
  (import "env" "mem" (memory 1 2 shared))
  (table $t0 2 funcref)
  (table $t1 1 externref)
  (tag $e (param i32))
  (global $g (mut i32) (i32.add (i32.const 1) (i32.const 2)))
  (func $f (type $t) (local v128)
    local.get 0 i32.extend8_s drop
    i32.const 0 i32.atomic.load drop
    v128.const i32x4 1 2 3 4 v128.const i32x4 5 6 7 8
    i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15
    local.set 1
    f32.const 1 i32.trunc_sat_f32_s drop
    i32.const 0 i32.const 0 i32.const 0 memory.fill
    i32.const 0 i32.const 0 i32.const 0 memory.init 0
    data.drop 0
    table.size $t1 drop
    block (result i32 i32) local.get 0 local.get 0 end)
  (func $h (param i32)
    try
      local.get 0
      throw $e
    catch $e
      drop
    end
    ref.null extern drop
    local.get 0 return_call $h)
  (elem declare func $f)
  (elem (table $t1) (i32.const 0) externref (ref.null extern))
  (data "passive")
  (data (i32.const 8) "active")
  (export "f" (func $f))
  (export "e" (tag $e)))`;

function wat(src: string): Uint8Array {
  const features = {
    mutable_globals: true, sat_float_to_int: true, sign_extension: true, multi_value: true, bulk_memory: true,
    reference_types: true, simd: true, threads: true, tail_call: true, exceptions: true, extended_const: true,
  };
  const m = wabt.parseWat('everything.wat', src, features);
  try {
    return new Uint8Array(m.toBinary({}).buffer);
  } finally {
    m.destroy();
  }
}

describe('post-MVP encodings', () => {
  const bytes = wat(EVERYTHING);

  it('should round-trip a module using every proposal, verbatim and when re-encoded from the model', () => {
    assert.ok(equalBytes(encodeModule(decodeModule(bytes)), bytes));
    const m = decodeModule(bytes);
    m.source = undefined;
    assert.ok(equalBytes(encodeModule(m), bytes), 'canonical encoding equals wabt output');
    assert.deepEqual(m.elements.map((e) => [e.flags, e.mode, e.tableIndex, e.elemType]), [
      [3, 'declarative', 0, 'funcref'],
      [6, 'active', 1, 'externref'],
    ]);
    assert.deepEqual(m.data.map((d) => d.mode), ['passive', 'active']);
    assert.deepEqual(m.tags, [1]);
  });

  it('should accept it with every feature on and reject it by default', () => {
    validateFeatures(decodeModule(bytes), ALL_ON);
    expectSwxError(() => validateFeatures(decodeModule(bytes), DEFAULT_WASM_FEATURES), 'WASM_UNSUPPORTED_FEATURE', /^multi-value/);
  });
});
