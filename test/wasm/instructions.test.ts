import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { code, encodeFunctionBody, funcBody, instr } from '../../src/wasm/encode-instr.js';
import { decodeInstructions, decodeLocals, InstructionReader } from '../../src/wasm/instructions.js';
import { expectSwxError } from './wasm-test-utils.js';

describe('instruction encoding', () => {
  it('should encode immediates in their binary form', () => {
    assert.deepEqual([...instr('i32.const', -1)], [0x41, 0x7f]);
    assert.deepEqual([...instr('i64.const', 2n ** 40n)], [0x42, 0x80, 0x80, 0x80, 0x80, 0x80, 0x20]);
    assert.deepEqual([...instr('f32.const', 1)], [0x43, 0x00, 0x00, 0x80, 0x3f]);
    assert.deepEqual([...instr('i64.load', 16)], [0x29, 0x03, 0x10], 'natural alignment by default');
    assert.deepEqual([...instr('i32.load8_u', 0, 0)], [0x2d, 0x00, 0x00]);
    assert.deepEqual([...instr('block')], [0x02, 0x40]);
    assert.deepEqual([...instr('if', 'i32')], [0x04, 0x7f]);
    assert.deepEqual([...instr('br_table', [0, 1], 2)], [0x0e, 0x02, 0x00, 0x01, 0x02]);
    assert.deepEqual([...instr('call_indirect', 3)], [0x11, 0x03, 0x00]);
    assert.deepEqual([...instr('memory.grow')], [0x40, 0x00]);
    assert.deepEqual([...instr('i32.trunc_sat_f64_u')], [0xfc, 0x03]);
    assert.deepEqual([...instr('memory.copy')], [0xfc, 0x0a, 0x00, 0x00]);
    expectSwxError(() => instr('i32.bogus'), 'INVALID_INPUT', /unknown instruction/);
    expectSwxError(() => instr('call'), 'INVALID_INPUT', /number immediate/);
  });

  it('should prefix a body with its local declarations', () => {
    const bytes = encodeFunctionBody([{ count: 2, type: 'i32' }, { count: 1, type: 'f64' }], code(['nop'], ['end']));
    assert.deepEqual([...bytes], [0x02, 0x02, 0x7f, 0x01, 0x7c, 0x01, 0x0b]);
    const locals = decodeLocals({ bytes });
    assert.deepEqual(locals.groups, [{ count: 2, type: 'i32' }, { count: 1, type: 'f64' }]);
    assert.equal(locals.count, 3);
    assert.equal(locals.codeStart, 5);
  });
});

describe('InstructionReader', () => {
  it('should walk every instruction with its immediates and positions', () => {
    const body = funcBody(
      [{ count: 1, type: 'i32' }],
      ['block', 'empty'],
      ['local.get', 0],
      ['br_table', [0, 0, 1], 0],
      ['end'],
      ['i64.const', -5n],
      ['drop'],
      ['i32.const', 300],
      ['i32.load16_s', 8],
      ['call', 129],
      ['end'],
    );
    const it = new InstructionReader({ ...body, byteOffset: 100 });
    const seen: [string, number, number][] = [];
    let i64 = 0n;
    let labels: number[] = [];
    while (it.next()) {
      seen.push([it.name(), it.offset, it.a]);
      if (it.op === 0x42) i64 = it.i64Value();
      if (it.op === 0x0e) labels = it.brTableLabels();
      if (it.op === 0x2e) assert.deepEqual([it.a, it.b], [1, 8]);
    }
    assert.deepEqual(
      seen.map(([n]) => n),
      ['block', 'local.get', 'br_table', 'end', 'i64.const', 'drop', 'i32.const', 'i32.load16_s', 'call', 'end'],
    );
    assert.equal(seen[0]![1], 103, 'offset = body offset + 3-byte locals header');
    assert.equal(seen[0]![2], -64);
    assert.equal(seen[6]![2], 300);
    assert.equal(seen[8]![2], 129);
    assert.equal(i64, -5n);
    assert.deepEqual(labels, [0, 0, 1, 0]);
  });

  it('should list instructions with their bytes', () => {
    const list = decodeInstructions(funcBody([], ['i32.const', 1], ['drop'], ['end']));
    assert.deepEqual(list.map((i) => [i.name, [...i.bytes]]), [['i32.const', [0x41, 0x01]], ['drop', [0x1a]], ['end', [0x0b]]]);
  });

  it('should report a truncated immediate as malformed at its offset', () => {
    const e = expectSwxError(() => decodeInstructions({ bytes: Uint8Array.of(0x00, 0x41, 0x80), byteOffset: 10 }), 'WASM_MALFORMED', /unexpected end/);
    assert.equal(e.context.offset, 13);
  });
});
