/**
 * A small instruction encoder: instructions by text name with their immediates,
 * for building bodies in tests and transforms.
 *
 *   code(['local.get', 0], ['i32.const', 1], ['i32.add'], ['end'])
 *   funcBody([{ count: 1, type: 'i64' }], ['local.get', 0], ['end'])
 *
 * Immediates per instruction shape: block types are `'empty'`, a ValType or a
 * type index (default empty); `br_table` takes (labels[], default); memory
 * accesses take (offset = 0, align = natural); memory indices default to 0;
 * `i64.const` takes a bigint or number; `f32.const`/`f64.const` a JS number.
 */
import { SwxError } from '../base/errors.js';
import type { LocalGroup } from './instructions.js';
import { Imm, OPS_BY_NAME } from './opcodes.js';
import type { FunctionBody, RefType, ValType } from './types.js';
import { BLOCK_EMPTY, VALTYPE_BYTE } from './valtype.js';
import { WasmWriter } from './writer.js';

/** An immediate argument. */
export type InstrArg = number | bigint | string | readonly number[] | readonly ValType[] | Uint8Array;

/** An instruction as `[name, ...immediates]`, or already-encoded bytes. */
export type InstrSpec = readonly [string, ...InstrArg[]] | Uint8Array;

function bad(name: string, why: string): never {
  throw new SwxError('INVALID_INPUT', `cannot encode ${name}: ${why}`);
}

function naturalAlign(name: string): number {
  if (/8(_[su])?$/.test(name)) return 0;
  if (/16(_[su])?$/.test(name)) return 1;
  if (/32(_[su])?$/.test(name) || name.startsWith('i32') || name.startsWith('f32')) return 2;
  return 3;
}

function num(name: string, v: InstrArg | undefined, dflt?: number): number {
  if (v === undefined && dflt !== undefined) return dflt;
  if (typeof v !== 'number') bad(name, `expected a number immediate, got ${String(v)}`);
  return v;
}

/** Appends one instruction to `w`. */
export function writeInstr(w: WasmWriter, name: string, args: readonly InstrArg[]): void {
  const enc = OPS_BY_NAME.get(name);
  if (enc === undefined) bad(name, 'unknown instruction name');
  if (enc.prefix !== undefined) w.u8(enc.prefix).u32(enc.code);
  else w.u8(enc.code);
  const [a, b] = args;
  switch (enc.imm) {
    case Imm.NONE:
      return;
    case Imm.BLOCK:
      if (a === undefined || a === 'empty') w.s33(BLOCK_EMPTY);
      else if (typeof a === 'string') w.u8(VALTYPE_BYTE[a as ValType] ?? bad(name, `bad block type ${a}`));
      else w.s33(num(name, a));
      return;
    case Imm.U32:
      w.u32(num(name, a));
      return;
    case Imm.BR_TABLE: {
      if (!Array.isArray(a)) bad(name, 'expected (labels[], default)');
      w.u32(a.length);
      for (const l of a as number[]) w.u32(l);
      w.u32(num(name, b));
      return;
    }
    case Imm.U32X2:
      w.u32(num(name, a, 0)).u32(num(name, b, 0));
      return;
    case Imm.MEMARG:
      w.u32(num(name, b, naturalAlign(name))).u32(num(name, a, 0));
      return;
    case Imm.MEMIDX:
      w.u32(num(name, a, 0));
      return;
    case Imm.I32:
      w.s32(num(name, a));
      return;
    case Imm.I64:
      w.s64(typeof a === 'bigint' ? a : BigInt(num(name, a)));
      return;
    case Imm.F32: {
      const dv = new DataView(new ArrayBuffer(4));
      dv.setFloat32(0, num(name, a), true);
      w.f32bits(dv.getUint32(0, true));
      return;
    }
    case Imm.F64: {
      const dv = new DataView(new ArrayBuffer(8));
      dv.setFloat64(0, num(name, a), true);
      w.f64bits(dv.getBigUint64(0, true));
      return;
    }
    case Imm.SELECT_T: {
      if (!Array.isArray(a)) bad(name, 'expected value types');
      w.u32(a.length);
      for (const t of a as ValType[]) w.u8(VALTYPE_BYTE[t]);
      return;
    }
    case Imm.HEAPTYPE:
      w.u8(VALTYPE_BYTE[(a ?? 'funcref') as RefType]);
      return;
    default:
      if (!(a instanceof Uint8Array)) bad(name, 'expected raw immediate bytes');
      w.bytes(a);
  }
}

/** Encodes one instruction. */
export function instr(name: string, ...args: InstrArg[]): Uint8Array<ArrayBuffer> {
  const w = new WasmWriter(16);
  writeInstr(w, name, args);
  return w.finish();
}

/** Encodes a sequence of instructions. */
export function code(...instrs: InstrSpec[]): Uint8Array<ArrayBuffer> {
  const w = new WasmWriter(64);
  for (const i of instrs) {
    if (i instanceof Uint8Array) w.bytes(i);
    else writeInstr(w, i[0], i.slice(1));
  }
  return w.finish();
}

/** Encodes a body: local declarations then the instruction bytes (which must end with `end`). */
export function encodeFunctionBody(locals: readonly LocalGroup[], instructions: Uint8Array): Uint8Array<ArrayBuffer> {
  const w = new WasmWriter(instructions.length + 8 + locals.length * 2);
  w.u32(locals.length);
  for (const g of locals) w.u32(g.count).u8(VALTYPE_BYTE[g.type]);
  return w.bytes(instructions).finish();
}

/** A function body from locals and instructions (add the final `['end']` yourself). */
export function funcBody(locals: readonly LocalGroup[], ...instrs: InstrSpec[]): FunctionBody {
  return { bytes: encodeFunctionBody(locals, code(...instrs)) };
}
