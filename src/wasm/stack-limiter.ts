/**
 * Deterministic stack-depth metering: a port of the behaviour of wasm-instrument
 * 0.4 `inject_stack_limiter` (`src/stack_limiter/mod.rs`, `thunk.rs`), which
 * Substrate runs when `Semantics.deterministic_stack_limit` is set (PVF
 * execution, logical limit 65536). Mutates the module.
 *
 *   1. Append a global `(mut i32) (i32.const 0)`, the stack height G. Its index
 *      is its position among the *defined* globals (upstream ignores imported
 *      globals; Substrate refuses global imports anyway).
 *   2. cost(f) for every function (`stack-height.ts`; imports cost 0).
 *   3. In every original body, each `call f` with cost(f) > 0 becomes
 *        global.get G; i32.const cost; i32.add; global.set G
 *        global.get G; i32.const LIMIT; i32.gt_u; if unreachable end
 *        call f
 *        global.get G; i32.const cost; i32.sub; global.set G
 *      (`call_indirect` is not wrapped: its targets are reached via thunks).
 *   4. Every function with cost > 0 that is exported, in an element segment or
 *      the start function gets a thunk, in ascending original index: same
 *      signature (an existing equal type is reused), body
 *      `local.get 0..n-1; <instrumented call f>; end`, no locals. Exports,
 *      element entries and the start section are redirected to the thunks.
 *   5. Like parity-wasm's module builder (`builder::from_module(..).build()`),
 *      the section order becomes: the non-empty standard sections in canonical
 *      order, then every other section (custom sections, data count) in
 *      reverse order. Empty standard sections disappear.
 *
 * Run it before any other rewrite that adds locals or instructions (such as
 * NaN canonicalization): Substrate computes the costs on the original code.
 */
import { SwxError } from '../base/errors.js';
import { decodeLocals, InstructionReader } from './instructions.js';
import { funcType, SECTION_ORDER } from './module.js';
import { SectionId } from './sections-decode.js';
import { sectionHasContent } from './sections-encode.js';
import { computeStackCosts } from './stack-height.js';
import type { FuncType, SectionSlot, WasmModule } from './types.js';
import { WasmWriter } from './writer.js';

/** Writes the instrumented call sequence (mod.rs `instrument_call!`). */
export function writeInstrumentedCall(w: WasmWriter, callee: number, cost: number, global: number, limit: number): void {
  w.u8(0x23).u32(global).u8(0x41).s32(cost).u8(0x6a).u8(0x24).u32(global);
  w.u8(0x23).u32(global).u8(0x41).s32(limit).u8(0x4b).u8(0x04).u8(0x40).u8(0x00).u8(0x0b);
  w.u8(0x10).u32(callee);
  w.u8(0x23).u32(global).u8(0x41).s32(cost).u8(0x6b).u8(0x24).u32(global);
}

function instrumentBody(m: WasmModule, i: number, costs: readonly number[], global: number, limit: number): void {
  const body = m.code[i]!;
  const { codeStart } = decodeLocals(body);
  const it = new InstructionReader(body, codeStart);
  let w: WasmWriter | undefined;
  let copied = 0;
  while (it.next()) {
    if (it.op !== 0x10) continue;
    const cost = costs[it.a];
    if (cost === undefined || cost === 0) continue;
    w ??= new WasmWriter(body.bytes.length + 64);
    w.bytes(body.bytes.subarray(copied, it.start));
    writeInstrumentedCall(w, it.a, cost, global, limit);
    copied = it.end;
  }
  if (w === undefined) return;
  w.bytes(body.bytes.subarray(copied));
  m.code[i] = { bytes: w.finish() };
}

function sameType(a: FuncType, b: FuncType): boolean {
  return (
    a.params.length === b.params.length &&
    a.results.length === b.results.length &&
    a.params.every((p, i) => p === b.params[i]) &&
    a.results.every((r, i) => r === b.results[i])
  );
}

function addThunks(m: WasmModule, costs: readonly number[], global: number, limit: number): void {
  const wanted = new Set<number>();
  const consider = (f: number): void => {
    const cost = costs[f];
    if (cost === undefined) throw new SwxError('WASM_TRANSFORM_FAILED', `cannot inject the stack limiter: function index ${f} isn't found`);
    if (cost !== 0) wanted.add(f);
  };
  for (const e of m.exports) if (e.kind === 'func') consider(e.index);
  for (const s of m.elements) for (const f of s.funcs ?? []) consider(f);
  if (m.start !== undefined) consider(m.start);

  const thunkOf = new Map<number, number>();
  let next = costs.length;
  for (const f of [...wanted].sort((a, b) => a - b)) {
    const sig = funcType(m, f);
    let typeIndex = m.types.findIndex((t) => sameType(t, sig));
    if (typeIndex < 0) {
      typeIndex = m.types.length;
      m.types.push({ params: [...sig.params], results: [...sig.results] });
    }
    const w = new WasmWriter(64);
    w.u8(0); // no locals
    for (let p = 0; p < sig.params.length; p++) w.u8(0x20).u32(p);
    writeInstrumentedCall(w, f, costs[f]!, global, limit);
    w.u8(0x0b);
    m.functions.push(typeIndex);
    m.code.push({ bytes: w.finish() });
    thunkOf.set(f, next++);
  }
  const fix = (f: number): number => thunkOf.get(f) ?? f;
  for (const e of m.exports) if (e.kind === 'func') e.index = fix(e.index);
  for (const s of m.elements) if (s.funcs) s.funcs = s.funcs.map(fix);
  if (m.start !== undefined) m.start = fix(m.start);
}

function parityBuilderLayout(m: WasmModule): SectionSlot[] {
  const standard = Object.keys(SECTION_ORDER)
    .map(Number)
    .filter((id) => id !== SectionId.dataCount && id !== SectionId.tag && sectionHasContent(m, id))
    .sort((a, b) => SECTION_ORDER[a]! - SECTION_ORDER[b]!);
  const others = m.sectionOrder.filter((s) => typeof s !== 'number' || s === SectionId.dataCount || s === SectionId.tag);
  for (const id of [SectionId.dataCount, SectionId.tag]) {
    if (!others.includes(id) && sectionHasContent(m, id)) others.push(id);
  }
  return [...standard, ...others.reverse()];
}

/** Injects the deterministic stack limiter (see the module comment); `stackLimit` is a u32. */
export function injectStackLimiter(m: WasmModule, stackLimit: number): void {
  if (!Number.isInteger(stackLimit) || stackLimit < 0 || stackLimit > 0xffffffff) {
    throw new SwxError('INVALID_INPUT', `stack limit must be a u32, got ${stackLimit}`);
  }
  m.globals.push({ type: 'i32', mutable: true, init: { op: 'i32.const', value: 0 } });
  const global = m.globals.length - 1;
  const costs = computeStackCosts(m);
  for (let i = 0; i < m.code.length; i++) instrumentBody(m, i, costs, global, stackLimit);
  addThunks(m, costs, global, stackLimit);
  m.sectionOrder = parityBuilderLayout(m);
}
