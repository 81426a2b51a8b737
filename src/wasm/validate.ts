/**
 * `validateFeatures`: reject every use of a proposal that `features` does not
 * allow, naming the proposal and the byte offset, the way Substrate's loader
 * (parity-wasm, then wasmtime) would refuse the module (see `features.ts`).
 *
 * It does not re-do the validation V8 performs anyway (types, indices,
 * alignment); it covers what V8 would accept but Substrate refuses, including
 * the encodings parity-wasm reads as fixed bytes: the `call_indirect` table
 * byte and the `memory.size`/`memory.grow` memory byte must be exactly 0x00.
 * Every instruction of every body is decoded, and each body must end with the
 * `end` that closes the function, with nothing after it.
 */
import { constInstrs, isExtendedConstOp } from './const-expr.js';
import type { FeatureName, WasmFeatures } from './features.js';
import { featureEnabled } from './features.js';
import { decodeLocals, InstructionReader } from './instructions.js';
import { malformed } from './reader.js';
import { isPlainMvpBody } from './mvp-scan.js';
import { hasSection } from './module.js';
import { MISC_FEATURE, OP_FEATURE, PREFIX_MISC, PREFIX_SIMD, PREFIX_THREADS } from './opcodes.js';
import { SectionId } from './sections-decode.js';
import type { ConstExpr, FunctionBody, Limits, ValType, WasmModule } from './types.js';
import { BLOCK_EMPTY, blockValType, isValidBlockType, unsupported } from './valtype.js';

function check(features: WasmFeatures, feature: FeatureName, what: string, offset: number | undefined): void {
  if (!featureEnabled(features, feature)) unsupported(feature, what, offset ?? -1);
}

function checkValType(features: WasmFeatures, t: ValType, where: string, offset: number | undefined): void {
  if (t === 'v128') check(features, 'simd', `v128 ${where}`, offset);
  else if (t === 'funcref' || t === 'externref') check(features, 'referenceTypes', `${t} ${where}`, offset);
}

function checkLimits(features: WasmFeatures, l: Limits, what: string, offset: number | undefined): void {
  const at = l.byteOffset ?? offset;
  if (l.shared) check(features, 'threads', `shared ${what}`, at);
  if (l.index64) check(features, 'memory64', `64-bit ${what}`, at);
}

function checkConstExpr(features: WasmFeatures, e: ConstExpr, where: string, offset: number | undefined): void {
  const at = e.op === 'sequence' ? (e.byteOffset ?? offset) : offset;
  for (const i of constInstrs(e)) {
    if (isExtendedConstOp(i.op)) check(features, 'extendedConst', `${i.op} in ${where}`, at);
    else if (i.op === 'ref.null' || i.op === 'ref.func') check(features, 'referenceTypes', `${i.op} in ${where}`, at);
    else if (i.op === 'v128.const') check(features, 'simd', `v128.const in ${where}`, at);
  }
}

function checkBlockType(features: WasmFeatures, it: InstructionReader): void {
  const code = it.a;
  if (code === BLOCK_EMPTY) return;
  if (!isValidBlockType(code)) malformed(`invalid block type ${code}`, it.offset);
  if (code >= 0) check(features, 'multiValue', `${it.name()} with type index ${code}`, it.offset);
  else checkValType(features, blockValType(code)!, `result of ${it.name()}`, it.offset);
}

/** Checks every instruction of one body; returns nothing, throws on the first violation. */
export function validateBody(features: WasmFeatures, body: FunctionBody): void {
  const locals = decodeLocals(body);
  for (const g of locals.groups) checkValType(features, g.type, 'local', body.byteOffset);
  // Plain MVP bodies (all real runtimes) are accepted by a fast byte scan; anything else is decoded.
  if (isPlainMvpBody(body.bytes, locals.codeStart)) return;
  decodeAndCheckBody(features, body, locals.codeStart);
}

/** The full check of a body's instructions from `codeStart` (exported for tests of the fast scan). */
export function decodeAndCheckBody(features: WasmFeatures, body: FunctionBody, codeStart: number): void {
  const it = new InstructionReader(body, codeStart);
  const bytes = body.bytes;
  let depth = 1;
  while (it.next()) {
    if (depth === 0) malformed('instructions after the end of the function', it.offset);
    const op = it.op;
    let feature: FeatureName | undefined;
    if (op === PREFIX_MISC) feature = MISC_FEATURE[it.sub];
    else if (op === PREFIX_SIMD) feature = 'simd';
    else if (op === PREFIX_THREADS) feature = 'threads';
    else feature = OP_FEATURE[op];
    if (feature !== undefined && !featureEnabled(features, feature)) unsupported(feature, it.name(), it.offset);
    if (op >= 0x28 && op <= 0x3e) {
      if (it.a & 0x40) check(features, 'multiMemory', `memory index in ${it.name()}`, it.offset);
      continue;
    }
    switch (op) {
      case 0x02:
      case 0x03:
      case 0x04:
      case 0x06:
      case 0x1f:
        depth++;
        checkBlockType(features, it);
        break;
      case 0x0b:
      case 0x18:
        depth--;
        break;
      case 0x11:
      case 0x13:
        if (bytes[it.bPos] !== 0x00) check(features, 'referenceTypes', `${it.name()} table index ${it.b} (expected a 0x00 byte)`, it.offset);
        break;
      case 0x3f:
      case 0x40:
        if (bytes[it.immStart] !== 0x00) check(features, 'multiMemory', `${it.name()} memory index ${it.a} (expected a 0x00 byte)`, it.offset);
        break;
      case PREFIX_MISC:
        if ((it.sub === 8 || it.sub === 11) && (it.sub === 8 ? it.b : it.a) !== 0) {
          check(features, 'multiMemory', `memory index in ${it.name()}`, it.offset);
        }
        if (it.sub === 10 && (it.a !== 0 || it.b !== 0)) check(features, 'multiMemory', `memory index in ${it.name()}`, it.offset);
        break;
      default:
        break;
    }
  }
  if (depth !== 0) malformed('function body does not end with `end`', (body.byteOffset ?? 0) + bytes.length);
}

/** Throws WASM_UNSUPPORTED_FEATURE on the first use of a proposal `features` rejects. */
export function validateFeatures(m: WasmModule, features: WasmFeatures): void {
  for (const t of m.types) {
    if (t.results.length > 1) check(features, 'multiValue', `function type with ${t.results.length} results`, t.byteOffset);
    for (const p of t.params) checkValType(features, p, 'parameter', t.byteOffset);
    for (const r of t.results) checkValType(features, r, 'result', t.byteOffset);
  }
  let tables = 0;
  let memories = 0;
  for (const i of m.imports) {
    const d = i.desc;
    const at = i.byteOffset;
    if (d.kind === 'table') {
      tables++;
      if (d.table.elemType === 'externref') check(features, 'referenceTypes', 'externref table import', at);
      checkLimits(features, d.table.limits, 'table import', at);
    } else if (d.kind === 'memory') {
      memories++;
      checkLimits(features, d.limits, 'memory import', at);
    } else if (d.kind === 'global') {
      checkValType(features, d.type, 'global import', at);
    } else if (d.kind === 'tag') {
      check(features, 'exceptionHandling', `tag import ${i.module}.${i.name}`, at);
    }
    if (tables > 1) check(features, 'referenceTypes', 'more than one table', at);
    if (memories > 1) check(features, 'multiMemory', 'more than one memory', at);
  }
  for (const t of m.tables) {
    if (++tables > 1) check(features, 'referenceTypes', 'more than one table', t.byteOffset);
    if (t.elemType === 'externref') check(features, 'referenceTypes', 'externref table', t.byteOffset);
    checkLimits(features, t.limits, 'table', t.byteOffset);
  }
  for (const l of m.memories) {
    if (++memories > 1) check(features, 'multiMemory', 'more than one memory', l.byteOffset);
    checkLimits(features, l, 'memory', l.byteOffset);
  }
  if (m.tags.length > 0 || hasSection(m, SectionId.tag)) {
    check(features, 'exceptionHandling', 'tag section', m.source?.sections.find((s) => s.id === SectionId.tag)?.headerStart);
  }
  for (const g of m.globals) {
    checkValType(features, g.type, 'global', g.byteOffset);
    checkConstExpr(features, g.init, 'global initialiser', g.byteOffset);
  }
  for (const e of m.exports) if (e.kind === 'tag') check(features, 'exceptionHandling', `tag export ${e.name}`, e.byteOffset);
  for (const s of m.elements) {
    const at = s.byteOffset;
    if (s.flags & 4) check(features, 'referenceTypes', 'element segment of expressions', at);
    if (s.mode !== 'active') check(features, 'bulkMemory', `${s.mode} element segment`, at);
    if (s.flags === 2) check(features, 'bulkMemory', 'element segment with an explicit table index', at);
    if (s.tableIndex !== 0) check(features, 'referenceTypes', `element segment for table ${s.tableIndex}`, at);
    if (s.elemType !== 'funcref') check(features, 'referenceTypes', `${s.elemType} element segment`, at);
    if (s.offset !== undefined) checkConstExpr(features, s.offset, 'element segment offset', at);
    for (const e of s.exprs ?? []) checkConstExpr(features, e, 'element segment item', at);
  }
  for (const d of m.data) {
    const at = d.byteOffset;
    if (d.mode === 'passive') check(features, 'bulkMemory', 'passive data segment', at);
    if (d.memoryIndex !== 0) check(features, 'multiMemory', `data segment for memory ${d.memoryIndex}`, at);
    if (d.flags === 2) check(features, 'bulkMemory', 'data segment with an explicit memory index', at);
    if (d.offset !== undefined) checkConstExpr(features, d.offset, 'data segment offset', at);
  }
  for (const body of m.code) validateBody(features, body);
}
