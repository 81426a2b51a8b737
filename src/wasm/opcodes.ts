/**
 * Opcode tables: for every opcode byte (and the 0xFC / 0xFD / 0xFE sub-opcodes)
 * its text name, the shape of its immediates and the proposal that introduced
 * it. Sources: the core spec §5.4 (MVP), and the proposals' binary-format
 * overviews (sign-extension-ops, nontrapping-float-to-int, bulk-memory,
 * reference-types, simd, threads, tail-call, exception-handling,
 * function-references, gc).
 */
import type { FeatureName } from './features.js';

/** Shapes of instruction immediates (how many bytes follow the opcode). */
export const Imm = Object.freeze({
  /** No immediate. */
  NONE: 0,
  /** A block type (s33). */
  BLOCK: 1,
  /** One u32 (label, function, local, global, table, tag, data or element index). */
  U32: 2,
  /** br_table: vec(u32) then u32. */
  BR_TABLE: 3,
  /** Two u32 (call_indirect type+table, memory.init, table.init, *.copy). */
  U32X2: 4,
  /** memarg: align u32 (bit 6 = memory index follows) then offset u64. */
  MEMARG: 5,
  /** A memory index (a 0x00 byte in the MVP encoding). */
  MEMIDX: 6,
  /** s32 constant. */
  I32: 7,
  /** s64 constant. */
  I64: 8,
  /** 4 raw bytes. */
  F32: 9,
  /** 8 raw bytes. */
  F64: 10,
  /** Typed select: vec(valtype). */
  SELECT_T: 11,
  /** A heap type (ref.null). */
  HEAPTYPE: 12,
  /** 16 raw bytes (v128.const, i8x16.shuffle). */
  V128: 13,
  /** memarg then a lane byte. */
  MEMARG_LANE: 14,
  /** A lane byte. */
  LANE: 15,
  /** try_table: block type then vec(catch clause). */
  TRY_TABLE: 16,
  /** One zero byte (atomic.fence). */
  BYTE: 17,
  /** Not an opcode. */
  UNKNOWN: 255,
});

/** Prefix byte of the "misc" opcodes (saturating truncation, bulk memory, table ops). */
export const PREFIX_MISC = 0xfc;
/** Prefix byte of the SIMD opcodes. */
export const PREFIX_SIMD = 0xfd;
/** Prefix byte of the threads (atomic) opcodes. */
export const PREFIX_THREADS = 0xfe;
/** Prefix byte of the GC opcodes. */
export const PREFIX_GC = 0xfb;

interface OpDef {
  code: number;
  name: string;
  imm: number;
  feature?: FeatureName;
}

const MVP_NUMERIC =
  'i32.eqz i32.eq i32.ne i32.lt_s i32.lt_u i32.gt_s i32.gt_u i32.le_s i32.le_u i32.ge_s i32.ge_u ' +
  'i64.eqz i64.eq i64.ne i64.lt_s i64.lt_u i64.gt_s i64.gt_u i64.le_s i64.le_u i64.ge_s i64.ge_u ' +
  'f32.eq f32.ne f32.lt f32.gt f32.le f32.ge f64.eq f64.ne f64.lt f64.gt f64.le f64.ge ' +
  'i32.clz i32.ctz i32.popcnt i32.add i32.sub i32.mul i32.div_s i32.div_u i32.rem_s i32.rem_u ' +
  'i32.and i32.or i32.xor i32.shl i32.shr_s i32.shr_u i32.rotl i32.rotr ' +
  'i64.clz i64.ctz i64.popcnt i64.add i64.sub i64.mul i64.div_s i64.div_u i64.rem_s i64.rem_u ' +
  'i64.and i64.or i64.xor i64.shl i64.shr_s i64.shr_u i64.rotl i64.rotr ' +
  'f32.abs f32.neg f32.ceil f32.floor f32.trunc f32.nearest f32.sqrt ' +
  'f32.add f32.sub f32.mul f32.div f32.min f32.max f32.copysign ' +
  'f64.abs f64.neg f64.ceil f64.floor f64.trunc f64.nearest f64.sqrt ' +
  'f64.add f64.sub f64.mul f64.div f64.min f64.max f64.copysign ' +
  'i32.wrap_i64 i32.trunc_f32_s i32.trunc_f32_u i32.trunc_f64_s i32.trunc_f64_u ' +
  'i64.extend_i32_s i64.extend_i32_u i64.trunc_f32_s i64.trunc_f32_u i64.trunc_f64_s i64.trunc_f64_u ' +
  'f32.convert_i32_s f32.convert_i32_u f32.convert_i64_s f32.convert_i64_u f32.demote_f64 ' +
  'f64.convert_i32_s f64.convert_i32_u f64.convert_i64_s f64.convert_i64_u f64.promote_f32 ' +
  'i32.reinterpret_f32 i64.reinterpret_f64 f32.reinterpret_i32 f64.reinterpret_i64';

const LOADS_STORES =
  'i32.load i64.load f32.load f64.load i32.load8_s i32.load8_u i32.load16_s i32.load16_u ' +
  'i64.load8_s i64.load8_u i64.load16_s i64.load16_u i64.load32_s i64.load32_u ' +
  'i32.store i64.store f32.store f64.store i32.store8 i32.store16 i64.store8 i64.store16 i64.store32';

function singleByteOps(): OpDef[] {
  const I = Imm;
  const defs: OpDef[] = [
    { code: 0x00, name: 'unreachable', imm: I.NONE },
    { code: 0x01, name: 'nop', imm: I.NONE },
    { code: 0x02, name: 'block', imm: I.BLOCK },
    { code: 0x03, name: 'loop', imm: I.BLOCK },
    { code: 0x04, name: 'if', imm: I.BLOCK },
    { code: 0x05, name: 'else', imm: I.NONE },
    { code: 0x06, name: 'try', imm: I.BLOCK, feature: 'exceptionHandling' },
    { code: 0x07, name: 'catch', imm: I.U32, feature: 'exceptionHandling' },
    { code: 0x08, name: 'throw', imm: I.U32, feature: 'exceptionHandling' },
    { code: 0x09, name: 'rethrow', imm: I.U32, feature: 'exceptionHandling' },
    { code: 0x0a, name: 'throw_ref', imm: I.NONE, feature: 'exceptionHandling' },
    { code: 0x0b, name: 'end', imm: I.NONE },
    { code: 0x0c, name: 'br', imm: I.U32 },
    { code: 0x0d, name: 'br_if', imm: I.U32 },
    { code: 0x0e, name: 'br_table', imm: I.BR_TABLE },
    { code: 0x0f, name: 'return', imm: I.NONE },
    { code: 0x10, name: 'call', imm: I.U32 },
    { code: 0x11, name: 'call_indirect', imm: I.U32X2 },
    { code: 0x12, name: 'return_call', imm: I.U32, feature: 'tailCall' },
    { code: 0x13, name: 'return_call_indirect', imm: I.U32X2, feature: 'tailCall' },
    { code: 0x14, name: 'call_ref', imm: I.U32, feature: 'functionReferences' },
    { code: 0x15, name: 'return_call_ref', imm: I.U32, feature: 'functionReferences' },
    { code: 0x18, name: 'delegate', imm: I.U32, feature: 'exceptionHandling' },
    { code: 0x19, name: 'catch_all', imm: I.NONE, feature: 'exceptionHandling' },
    { code: 0x1a, name: 'drop', imm: I.NONE },
    { code: 0x1b, name: 'select', imm: I.NONE },
    { code: 0x1c, name: 'select_t', imm: I.SELECT_T, feature: 'referenceTypes' }, // text: `select (result t)`
    { code: 0x1f, name: 'try_table', imm: I.TRY_TABLE, feature: 'exceptionHandling' },
    { code: 0x20, name: 'local.get', imm: I.U32 },
    { code: 0x21, name: 'local.set', imm: I.U32 },
    { code: 0x22, name: 'local.tee', imm: I.U32 },
    { code: 0x23, name: 'global.get', imm: I.U32 },
    { code: 0x24, name: 'global.set', imm: I.U32 },
    { code: 0x25, name: 'table.get', imm: I.U32, feature: 'referenceTypes' },
    { code: 0x26, name: 'table.set', imm: I.U32, feature: 'referenceTypes' },
    { code: 0x3f, name: 'memory.size', imm: I.MEMIDX },
    { code: 0x40, name: 'memory.grow', imm: I.MEMIDX },
    { code: 0x41, name: 'i32.const', imm: I.I32 },
    { code: 0x42, name: 'i64.const', imm: I.I64 },
    { code: 0x43, name: 'f32.const', imm: I.F32 },
    { code: 0x44, name: 'f64.const', imm: I.F64 },
    { code: 0xd0, name: 'ref.null', imm: I.HEAPTYPE, feature: 'referenceTypes' },
    { code: 0xd1, name: 'ref.is_null', imm: I.NONE, feature: 'referenceTypes' },
    { code: 0xd2, name: 'ref.func', imm: I.U32, feature: 'referenceTypes' },
    { code: 0xd3, name: 'ref.as_non_null', imm: I.NONE, feature: 'functionReferences' },
    { code: 0xd4, name: 'br_on_null', imm: I.U32, feature: 'functionReferences' },
    { code: 0xd5, name: 'ref.eq', imm: I.NONE, feature: 'gc' },
    { code: 0xd6, name: 'br_on_non_null', imm: I.U32, feature: 'functionReferences' },
  ];
  LOADS_STORES.split(' ').forEach((name, i) => defs.push({ code: 0x28 + i, name, imm: I.MEMARG }));
  MVP_NUMERIC.split(' ').forEach((name, i) => defs.push({ code: 0x45 + i, name, imm: I.NONE }));
  'i32.extend8_s i32.extend16_s i64.extend8_s i64.extend16_s i64.extend32_s'
    .split(' ')
    .forEach((name, i) => defs.push({ code: 0xc0 + i, name, imm: I.NONE, feature: 'signExtension' }));
  return defs;
}

function miscOps(): OpDef[] {
  const I = Imm;
  const defs: OpDef[] = [];
  'i32.trunc_sat_f32_s i32.trunc_sat_f32_u i32.trunc_sat_f64_s i32.trunc_sat_f64_u i64.trunc_sat_f32_s i64.trunc_sat_f32_u i64.trunc_sat_f64_s i64.trunc_sat_f64_u'
    .split(' ')
    .forEach((name, i) => defs.push({ code: i, name, imm: I.NONE, feature: 'saturatingFloatToInt' }));
  defs.push(
    { code: 8, name: 'memory.init', imm: I.U32X2, feature: 'bulkMemory' },
    { code: 9, name: 'data.drop', imm: I.U32, feature: 'bulkMemory' },
    { code: 10, name: 'memory.copy', imm: I.U32X2, feature: 'bulkMemory' },
    { code: 11, name: 'memory.fill', imm: I.U32, feature: 'bulkMemory' },
    { code: 12, name: 'table.init', imm: I.U32X2, feature: 'bulkMemory' },
    { code: 13, name: 'elem.drop', imm: I.U32, feature: 'bulkMemory' },
    { code: 14, name: 'table.copy', imm: I.U32X2, feature: 'bulkMemory' },
    { code: 15, name: 'table.grow', imm: I.U32, feature: 'referenceTypes' },
    { code: 16, name: 'table.size', imm: I.U32, feature: 'referenceTypes' },
    { code: 17, name: 'table.fill', imm: I.U32, feature: 'referenceTypes' },
  );
  return defs;
}

function table<T>(size: number, fill: T, defs: OpDef[], pick: (d: OpDef) => T): T[] {
  const t = new Array<T>(size).fill(fill);
  for (const d of defs) t[d.code] = pick(d);
  return t;
}

const SINGLE = singleByteOps();
const MISC = miscOps();

/** Immediate shape of each single-byte opcode (`Imm.UNKNOWN` if none; prefixes are handled apart). */
export const OP_IMM: Readonly<Uint8Array> = Uint8Array.from(table(256, Imm.UNKNOWN as number, SINGLE, (d) => d.imm));
/** Text name of each single-byte opcode. */
export const OP_NAME: readonly (string | undefined)[] = Object.freeze(table<string | undefined>(256, undefined, SINGLE, (d) => d.name));
/** Proposal of each single-byte opcode (undefined = MVP). */
export const OP_FEATURE: readonly (FeatureName | undefined)[] = Object.freeze(
  table<FeatureName | undefined>(256, undefined, SINGLE, (d) => d.feature),
);
/** Immediate shape of each 0xFC sub-opcode. */
export const MISC_IMM: Readonly<Uint8Array> = Uint8Array.from(table(18, Imm.UNKNOWN as number, MISC, (d) => d.imm));
/** Text name of each 0xFC sub-opcode. */
export const MISC_NAME: readonly string[] = Object.freeze(MISC.map((d) => d.name));
/** Proposal of each 0xFC sub-opcode. */
export const MISC_FEATURE: readonly FeatureName[] = Object.freeze(MISC.map((d) => d.feature ?? 'bulkMemory'));

/** Immediate shape of a SIMD (0xFD) sub-opcode. */
export function simdImm(sub: number): number {
  if (sub <= 11 || sub === 92 || sub === 93) return Imm.MEMARG;
  if (sub === 12 || sub === 13) return Imm.V128;
  if (sub >= 21 && sub <= 34) return Imm.LANE;
  if (sub >= 84 && sub <= 91) return Imm.MEMARG_LANE;
  return sub <= 0x113 ? Imm.NONE : Imm.UNKNOWN;
}

/** Immediate shape of a threads (0xFE) sub-opcode. */
export function threadsImm(sub: number): number {
  if (sub === 3) return Imm.BYTE;
  return sub <= 2 || (sub >= 0x10 && sub <= 0x4e) ? Imm.MEMARG : Imm.UNKNOWN;
}

/** Encoding of a named instruction: optional prefix byte, opcode, immediate shape. */
export interface OpEncoding {
  prefix: number | undefined;
  code: number;
  imm: number;
}

/** Instructions by text name (MVP, sign-ext, 0xFC ops, reference types, tail calls, …). */
export const OPS_BY_NAME: ReadonlyMap<string, OpEncoding> = new Map<string, OpEncoding>([
  ...SINGLE.map((d): [string, OpEncoding] => [d.name, { prefix: undefined, code: d.code, imm: d.imm }]),
  ...MISC.map((d): [string, OpEncoding] => [d.name, { prefix: PREFIX_MISC, code: d.code, imm: d.imm }]),
]);
