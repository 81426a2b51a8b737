/**
 * Constant expressions (spec §3.3.10, §5.4.9): the initial values of globals
 * and the offsets of active segments. MVP allows one `*.const` or `global.get`;
 * reference types add `ref.null` / `ref.func`; extended-const adds i32/i64
 * `add`, `sub`, `mul`. Anything else before the final `end` is rejected as
 * malformed (Substrate's parity-wasm would parse it, wasmtime then rejects it).
 */
import { WasmReader } from './reader.js';
import type { ConstExpr, ConstInstr } from './types.js';
import { readRefType } from './valtype.js';
import { VALTYPE_BYTE } from './valtype.js';
import type { WasmWriter } from './writer.js';

const EXTENDED: Readonly<Record<number, ConstInstr['op']>> = Object.freeze({
  0x6a: 'i32.add',
  0x6b: 'i32.sub',
  0x6c: 'i32.mul',
  0x7c: 'i64.add',
  0x7d: 'i64.sub',
  0x7e: 'i64.mul',
});

const EXTENDED_CODE: Readonly<Record<string, number>> = Object.freeze(
  Object.fromEntries(Object.entries(EXTENDED).map(([code, op]) => [op, Number(code)])),
);

/** Is `op` one of the extended-const arithmetic instructions? */
export function isExtendedConstOp(op: ConstInstr['op']): boolean {
  return EXTENDED_CODE[op] !== undefined;
}

function readConstInstr(r: WasmReader, op: number, at: number): ConstInstr {
  switch (op) {
    case 0x41:
      return { op: 'i32.const', value: r.s32() };
    case 0x42:
      return { op: 'i64.const', value: r.s64() };
    case 0x43:
      return { op: 'f32.const', bits: r.f32bits() };
    case 0x44:
      return { op: 'f64.const', bits: r.f64bits() };
    case 0x23:
      return { op: 'global.get', index: r.u32() };
    case 0xd0:
      return { op: 'ref.null', type: readRefType(r) };
    case 0xd2:
      return { op: 'ref.func', index: r.u32() };
    case 0xfd: {
      const sub = r.u32();
      if (sub !== 12) r.fail(`non-constant instruction simd.${sub} in constant expression`, at);
      return { op: 'v128.const', bytes: r.bytesView(16).slice() };
    }
    default: {
      const ext = EXTENDED[op];
      if (ext === undefined) r.fail(`non-constant instruction 0x${op.toString(16)} in constant expression`, at);
      return { op: ext } as ConstInstr;
    }
  }
}

/** Reads a constant expression up to and including its `end`. */
export function readConstExpr(r: WasmReader): ConstExpr {
  const start = r.pos;
  const instrs: ConstInstr[] = [];
  for (;;) {
    const at = r.pos;
    const op = r.u8();
    if (op === 0x0b) break;
    instrs.push(readConstInstr(r, op, at));
  }
  return instrs.length === 1 ? instrs[0]! : { op: 'sequence', instrs, byteOffset: r.offset(start) };
}

/** The instructions of a constant expression. */
export function constInstrs(e: ConstExpr): readonly ConstInstr[] {
  return e.op === 'sequence' ? e.instrs : [e];
}

function writeConstInstr(w: WasmWriter, i: ConstInstr): void {
  switch (i.op) {
    case 'i32.const':
      w.u8(0x41).s32(i.value);
      return;
    case 'i64.const':
      w.u8(0x42).s64(i.value);
      return;
    case 'f32.const':
      w.u8(0x43).f32bits(i.bits);
      return;
    case 'f64.const':
      w.u8(0x44).f64bits(i.bits);
      return;
    case 'v128.const':
      w.u8(0xfd).u32(12).bytes(i.bytes);
      return;
    case 'global.get':
      w.u8(0x23).u32(i.index);
      return;
    case 'ref.null':
      w.u8(0xd0).u8(VALTYPE_BYTE[i.type]);
      return;
    case 'ref.func':
      w.u8(0xd2).u32(i.index);
      return;
    default:
      w.u8(EXTENDED_CODE[i.op]!);
  }
}

/** Writes a constant expression followed by `end`. */
export function writeConstExpr(w: WasmWriter, e: ConstExpr): void {
  for (const i of constInstrs(e)) writeConstInstr(w, i);
  w.u8(0x0b);
}

/**
 * Evaluates an expression made only of `i32.const`/`i64.const` and the
 * extended-const arithmetic (wrapping, as in Wasm). Returns undefined if it
 * reads a global or a reference, or is not a well-formed stack program.
 */
export function evalConstExpr(e: ConstExpr): number | bigint | undefined {
  const stack: (number | bigint)[] = [];
  for (const i of constInstrs(e)) {
    if (i.op === 'i32.const' || i.op === 'i64.const') {
      stack.push(i.value);
      continue;
    }
    if (!isExtendedConstOp(i.op) || stack.length < 2) return undefined;
    const y = stack.pop()!;
    const x = stack.pop()!;
    const is64 = i.op.startsWith('i64');
    if (typeof x !== (is64 ? 'bigint' : 'number') || typeof y !== typeof x) return undefined;
    const kind = i.op.slice(4);
    if (is64) {
      const a = x as bigint;
      const b = y as bigint;
      stack.push(BigInt.asIntN(64, kind === 'add' ? a + b : kind === 'sub' ? a - b : a * b));
    } else {
      const a = x as number;
      const b = y as number;
      stack.push(kind === 'add' ? (a + b) | 0 : kind === 'sub' ? (a - b) | 0 : Math.imul(a, b));
    }
  }
  return stack.length === 1 ? stack[0] : undefined;
}

/** The value of an `i32.const` (or foldable extended-const) expression, else undefined. */
export function constExprI32(e: ConstExpr): number | undefined {
  const v = evalConstExpr(e);
  return typeof v === 'number' ? v : undefined;
}
