/**
 * Decoding function bodies on demand (spec §5.4, §5.5.13).
 *
 *   body   = vec(locals) expr          locals = n:u32 t:valtype
 *   expr   = instr* 0x0b
 *
 * `decodeLocals` reads the local declarations; `InstructionReader` then walks
 * the instructions one at a time without allocating: after `next()` its fields
 * hold the opcode, sub-opcode (for the 0xFC/0xFD/0xFE prefixes), the start
 * position and the first immediates. Transforms splice bytes between the
 * positions it reports, so untouched instructions keep their exact encoding.
 */
import { Imm, MISC_IMM, MISC_NAME, OP_IMM, OP_NAME, PREFIX_GC, PREFIX_MISC, PREFIX_SIMD, PREFIX_THREADS, simdImm, threadsImm } from './opcodes.js';
import { WasmReader } from './reader.js';
import type { FunctionBody, ValType } from './types.js';
import { readValType, unsupported } from './valtype.js';

/** `count` locals of type `type`. */
export interface LocalGroup {
  count: number;
  type: ValType;
}

/** The local declarations of a body and where its instructions start. */
export interface DecodedLocals {
  groups: LocalGroup[];
  /** Sum of the group counts. */
  count: number;
  /** Index in `body.bytes` of the first instruction. */
  codeStart: number;
}

/** Reads the local declarations of a function body. */
export function decodeLocals(body: FunctionBody): DecodedLocals {
  const r = new WasmReader(body.bytes, 0, body.bytes.length, body.byteOffset ?? 0);
  const n = r.u32();
  const groups: LocalGroup[] = [];
  let count = 0;
  for (let i = 0; i < n; i++) {
    const at = r.pos;
    const c = r.u32();
    const type = readValType(r);
    count += c;
    if (count > 0xffffffff) r.fail('too many locals', at);
    groups.push({ count: c, type });
  }
  return { groups, count, codeStart: r.pos };
}

/** A non-allocating cursor over the instructions of one function body. */
export class InstructionReader {
  readonly r: WasmReader;
  /** Opcode byte of the current instruction. */
  op = 0;
  /** Sub-opcode for prefixed instructions, else -1. */
  sub = -1;
  /** Position (in the body bytes) of the current instruction. */
  start = 0;
  /** Position of the current instruction's immediates. */
  immStart = 0;
  /** Position of the second immediate (U32X2, MEMARG offset). */
  bPos = 0;
  /** First immediate: index, label, block type, align, count, or i32 constant. */
  a = 0;
  /** Second immediate: table/memory index of a pair, br_table default, memarg offset. */
  b = 0;
  /** Memory index of a memarg (0 unless bit 6 of the alignment is set). */
  c = 0;

  /** Reads instructions of `body` from `from` (default: after the locals) to its end. */
  constructor(body: FunctionBody, from?: number) {
    const bytes = body.bytes;
    this.r = new WasmReader(bytes, from ?? decodeLocals(body).codeStart, bytes.length, body.byteOffset ?? 0);
  }

  /** Position after the current instruction. */
  get end(): number {
    return this.r.pos;
  }

  /** Module byte offset of the current instruction. */
  get offset(): number {
    return this.r.base + this.start;
  }

  /** Decodes the next instruction; false at the end of the body. */
  next(): boolean {
    const r = this.r;
    if (r.pos >= r.end) return false;
    this.start = r.pos;
    const op = r.bytes[r.pos++]!;
    this.op = op;
    let imm: number;
    if (op === PREFIX_MISC) {
      this.sub = r.u32();
      imm = this.sub < MISC_IMM.length ? MISC_IMM[this.sub]! : Imm.UNKNOWN;
    } else if (op === PREFIX_SIMD) {
      this.sub = r.u32();
      imm = simdImm(this.sub);
    } else if (op === PREFIX_THREADS) {
      this.sub = r.u32();
      imm = threadsImm(this.sub);
    } else if (op === PREFIX_GC) {
      unsupported('gc', 'GC instruction (0xfb prefix)', r.offset(this.start));
    } else {
      this.sub = -1;
      imm = OP_IMM[op]!;
    }
    this.immStart = r.pos;
    this.readImmediates(imm);
    return true;
  }

  private readImmediates(imm: number): void {
    const r = this.r;
    switch (imm) {
      case Imm.NONE:
        return;
      case Imm.U32:
        this.a = r.u32();
        return;
      case Imm.MEMARG:
        this.readMemarg();
        return;
      case Imm.I32:
        this.a = r.s32();
        return;
      case Imm.BLOCK:
        this.a = r.s33();
        return;
      case Imm.I64:
        r.skipLeb(10);
        return;
      case Imm.U32X2:
        this.a = r.u32();
        this.bPos = r.pos;
        this.b = r.u32();
        return;
      case Imm.MEMIDX:
        this.a = r.u32();
        return;
      case Imm.F32:
        r.take(4);
        return;
      case Imm.F64:
        r.take(8);
        return;
      case Imm.BR_TABLE: {
        const n = r.u32();
        for (let i = 0; i < n; i++) r.u32();
        this.a = n;
        this.b = r.u32();
        return;
      }
      case Imm.SELECT_T: {
        const n = r.u32();
        for (let i = 0; i < n; i++) readValType(r);
        this.a = n;
        return;
      }
      case Imm.HEAPTYPE:
        this.a = r.s33();
        return;
      case Imm.V128:
        r.take(16);
        return;
      case Imm.MEMARG_LANE:
        this.readMemarg();
        r.u8();
        return;
      case Imm.LANE:
      case Imm.BYTE:
        this.a = r.u8();
        return;
      case Imm.TRY_TABLE: {
        this.a = r.s33();
        const n = r.u32();
        for (let i = 0; i < n; i++) {
          const kind = r.u8();
          if (kind > 3) r.fail(`invalid try_table catch kind ${kind}`, r.pos - 1);
          if (kind < 2) r.u32();
          r.u32();
        }
        return;
      }
      default:
        r.fail(`unknown opcode ${opcodeLabel(this.op, this.sub)}`, this.start);
    }
  }

  private readMemarg(): void {
    const r = this.r;
    this.a = r.u32();
    this.c = this.a & 0x40 ? r.u32() : 0;
    this.bPos = r.pos;
    const p = r.pos;
    if (p < r.end && r.bytes[p]! < 0x80) {
      this.b = r.bytes[p]!;
      r.pos = p + 1;
    } else {
      this.b = r.u64();
    }
  }

  /** Label indices of the current `br_table` (targets, then the default last). */
  brTableLabels(): number[] {
    const r = new WasmReader(this.r.bytes, this.immStart, this.r.end, this.r.base);
    const n = r.u32();
    const out: number[] = [];
    for (let i = 0; i <= n; i++) out.push(r.u32());
    return out;
  }

  /** Value of the current `i64.const`. */
  i64Value(): bigint {
    return new WasmReader(this.r.bytes, this.immStart, this.r.end, this.r.base).s64();
  }

  /** Text name of the current instruction. */
  name(): string {
    return opcodeLabel(this.op, this.sub);
  }
}

/** Text name of an opcode (`simd.N` / `atomic.N` for the SIMD and threads prefixes). */
export function opcodeLabel(op: number, sub: number): string {
  if (op === PREFIX_MISC) return MISC_NAME[sub] ?? `0xfc ${sub}`;
  if (op === PREFIX_SIMD) return `simd.${sub}`;
  if (op === PREFIX_THREADS) return `atomic.${sub}`;
  return OP_NAME[op] ?? `0x${op.toString(16).padStart(2, '0')}`;
}

/** One decoded instruction, for inspection and tests. */
export interface DecodedInstruction {
  name: string;
  /** Module byte offset. */
  offset: number;
  /** The instruction's bytes (a view into the body). */
  bytes: Uint8Array;
}

/** Lists the instructions of a body (allocates; use `InstructionReader` on hot paths). */
export function decodeInstructions(body: FunctionBody): DecodedInstruction[] {
  return decodeFunctionBody(body).instructions;
}

/** A fully decoded body: its locals and its instructions. */
export interface DecodedFunctionBody extends DecodedLocals {
  instructions: DecodedInstruction[];
}

/** Decodes a body's locals and every instruction (allocates; for inspection and tests). */
export function decodeFunctionBody(body: FunctionBody): DecodedFunctionBody {
  const locals = decodeLocals(body);
  const it = new InstructionReader(body, locals.codeStart);
  const instructions: DecodedInstruction[] = [];
  while (it.next()) instructions.push({ name: it.name(), offset: it.offset, bytes: body.bytes.subarray(it.start, it.end) });
  return { ...locals, instructions };
}
