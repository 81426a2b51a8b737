/**
 * NaN canonicalization, as wasmtime does with `cranelift_nan_canonicalization`
 * (Substrate turns it on for PVF execution). Cranelift's pass
 * (`cranelift/codegen/src/nan_canonicalization.rs`, `is_fp_arith`) rewrites the
 * result of ceil, floor, nearest, sqrt, trunc, fdemote, fpromote, fadd, fdiv,
 * fmax, fmin, fmul, fsub and fma: if it is a NaN it becomes the canonical NaN
 * 0x7FC00000 (f32) / 0x7FF8000000000000 (f64). Sign-bit operations (abs, neg,
 * copysign), loads, constants and reinterpretations are left alone.
 *
 * In Wasm terms, after each f32/f64 add, sub, mul, div, min, max, sqrt, ceil,
 * floor, trunc, nearest, f32.demote_f64 and f64.promote_f32 this inserts
 * (with a scratch local s of the result type, appended to the locals):
 *
 *   local.tee s; f32.const nan:0x7fc00000; local.get s; local.get s; f32.eq; select
 *
 * i.e. `s == s ? s : canonical`. Mutates the module. Run it after the stack
 * limiter (the extra locals and instructions must not change stack costs).
 */
import { decodeLocals, InstructionReader } from './instructions.js';
import { encodeFunctionBody } from './encode-instr.js';
import { functionTypeIndices } from './module.js';
import type { WasmModule } from './types.js';
import { WasmWriter } from './writer.js';

/** Bit pattern of the canonical f32 NaN (cranelift `CANON_32BIT_NAN`). */
export const CANONICAL_NAN_F32 = 0x7fc00000;
/** Bit pattern of the canonical f64 NaN (cranelift `CANON_64BIT_NAN`). */
export const CANONICAL_NAN_F64 = 0x7ff8000000000000n;

const F32_NAN_OPS = new Set([0x8d, 0x8e, 0x8f, 0x90, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0xb6]);
const F64_NAN_OPS = new Set([0x9b, 0x9c, 0x9d, 0x9e, 0x9f, 0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xbb]);

/** Does opcode `op` (unprefixed) produce a result that NaN canonicalization rewrites? 32 / 64 / 0. */
export function nanResultWidth(op: number): 32 | 64 | 0 {
  return F32_NAN_OPS.has(op) ? 32 : F64_NAN_OPS.has(op) ? 64 : 0;
}

function writeCanonicalize(w: WasmWriter, width: 32 | 64, scratch: number): void {
  w.u8(0x22).u32(scratch);
  if (width === 32) w.u8(0x43).f32bits(CANONICAL_NAN_F32);
  else w.u8(0x44).f64bits(CANONICAL_NAN_F64);
  w.u8(0x20).u32(scratch).u8(0x20).u32(scratch);
  w.u8(width === 32 ? 0x5b : 0x61); // f32.eq / f64.eq
  w.u8(0x1b); // select
}

/** Canonicalizes NaN results of floating-point arithmetic in every body (see the module comment). */
export function canonicalizeNans(m: WasmModule): void {
  const types = functionTypeIndices(m);
  const firstDefined = types.length - m.code.length;
  for (let i = 0; i < m.code.length; i++) {
    const body = m.code[i]!;
    const locals = decodeLocals(body);
    const it = new InstructionReader(body, locals.codeStart);
    let uses32 = false;
    let uses64 = false;
    while (it.next()) {
      const width = nanResultWidth(it.op);
      if (width === 32) uses32 = true;
      else if (width === 64) uses64 = true;
    }
    if (!uses32 && !uses64) continue;
    const params = m.types[types[firstDefined + i]!]?.params.length ?? 0;
    const scratch32 = params + locals.count;
    const scratch64 = scratch32 + (uses32 ? 1 : 0);
    const groups = [...locals.groups];
    if (uses32) groups.push({ count: 1, type: 'f32' });
    if (uses64) groups.push({ count: 1, type: 'f64' });

    const w = new WasmWriter(body.bytes.length + 64);
    const code = body.bytes;
    const again = new InstructionReader(body, locals.codeStart);
    let copied = locals.codeStart;
    while (again.next()) {
      const width = nanResultWidth(again.op);
      if (width === 0) continue;
      w.bytes(code.subarray(copied, again.end));
      writeCanonicalize(w, width, width === 32 ? scratch32 : scratch64);
      copied = again.end;
    }
    w.bytes(code.subarray(copied));
    m.code[i] = { bytes: encodeFunctionBody(groups, w.finish()) };
  }
}
