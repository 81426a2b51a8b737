import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WasmReader } from '../../src/wasm/reader.js';
import { WasmWriter } from '../../src/wasm/writer.js';
import { expectSwxError } from './wasm-test-utils.js';

const r = (...b: number[]): WasmReader => new WasmReader(Uint8Array.from(b));

describe('WasmReader LEB128', () => {
  it('should decode unsigned values up to 2^32-1', () => {
    assert.equal(r(0x00).u32(), 0);
    assert.equal(r(0xe5, 0x8e, 0x26).u32(), 624485);
    assert.equal(r(0xff, 0xff, 0xff, 0xff, 0x0f).u32(), 0xffffffff);
    assert.equal(r(0x80, 0x80, 0x80, 0x80, 0x00).u32(), 0, 'padded zero is allowed');
  });

  it('should reject an unsigned value that is too long or too large, at the offending byte', () => {
    const tooLong = expectSwxError(() => r(0x80, 0x80, 0x80, 0x80, 0x80, 0x00).u32(), 'WASM_MALFORMED', /too long/);
    assert.equal(tooLong.context.offset, 4);
    const tooLarge = expectSwxError(() => r(0xff, 0xff, 0xff, 0xff, 0x1f).u32(), 'WASM_MALFORMED', /too large/);
    assert.equal(tooLarge.context.offset, 4);
    expectSwxError(() => r(0x80).u32(), 'WASM_MALFORMED', /unexpected end/);
  });

  it('should decode signed 32-bit values and reject bad sign padding', () => {
    assert.equal(r(0x7f).s32(), -1);
    assert.equal(r(0xc0, 0xbb, 0x78).s32(), -123456);
    assert.equal(r(0x80, 0x80, 0x80, 0x80, 0x78).s32(), -2147483648);
    assert.equal(r(0xff, 0xff, 0xff, 0xff, 0x07).s32(), 2147483647);
    expectSwxError(() => r(0xff, 0xff, 0xff, 0xff, 0x0f).s32(), 'WASM_MALFORMED', /too large/);
    expectSwxError(() => r(0x80, 0x80, 0x80, 0x80, 0x70).s32(), 'WASM_MALFORMED', /too large/);
  });

  it('should decode s33 block types and s64 constants', () => {
    assert.equal(r(0x40).s33(), -64);
    assert.equal(r(0x7f).s33(), -1);
    assert.equal(r(0x05).s33(), 5);
    assert.equal(r(0xff, 0xff, 0xff, 0xff, 0x0f).s33(), 0xffffffff);
    assert.equal(r(0x7f).s64(), -1n);
    assert.equal(r(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f).s64(), -(2n ** 63n));
    expectSwxError(() => r(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01).s64(), 'WASM_MALFORMED');
  });

  it('should round-trip through the writer', () => {
    const w = new WasmWriter(4);
    const u = [0, 1, 127, 128, 300, 2 ** 31, 0xffffffff];
    const s = [0, -1, 63, 64, -64, -65, 2 ** 31 - 1, -(2 ** 31)];
    const l = [0n, -1n, 2n ** 63n - 1n, -(2n ** 63n), 1234567890123n];
    for (const v of u) w.u32(v);
    for (const v of s) w.s32(v);
    for (const v of l) w.s64(v);
    w.s33(-64).s33(7).f32bits(0x7fc00000).f64bits(0x7ff8000000000000n);
    const rd = new WasmReader(w.finish());
    for (const v of u) assert.equal(rd.u32(), v);
    for (const v of s) assert.equal(rd.s32(), v);
    for (const v of l) assert.equal(rd.s64(), v);
    assert.equal(rd.s33(), -64);
    assert.equal(rd.s33(), 7);
    assert.equal(rd.f32bits(), 0x7fc00000);
    assert.equal(rd.f64bits(), 0x7ff8000000000000n);
    assert.ok(rd.atEnd());
  });
});

describe('WasmReader names', () => {
  it('should decode UTF-8 names, keeping a leading BOM', () => {
    const w = new WasmWriter().name('memory').name('ümlaut').name('\uFEFFx');
    const rd = new WasmReader(w.finish());
    assert.equal(rd.name(), 'memory');
    assert.equal(rd.name(), 'ümlaut');
    assert.equal(rd.name(), '\uFEFFx');
  });

  it('should reject a name that is not valid UTF-8', () => {
    const e = expectSwxError(() => r(0x02, 0xc3, 0x28).name(), 'WASM_MALFORMED', /UTF-8/);
    assert.equal(e.context.offset, 1);
  });
});
