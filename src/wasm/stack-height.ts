/**
 * Stack cost of a function, exactly as wasm-instrument 0.4 computes it
 * (`src/stack_limiter/max_height.rs` and `compute_stack_cost` in
 * `src/stack_limiter/mod.rs`):
 *
 *   cost = Σ declared locals (parameters not counted) + max_height
 *
 * `max_height` comes from an abstract run over the instructions (final `end`
 * included): the value-stack height starts at ACTIVATION_FRAME_COST = 2, and
 * *before* each instruction, if the height exceeds the maximum and the top
 * control frame is not polymorphic, it becomes the maximum. The quirks are
 * kept on purpose, they change costs:
 *   - `else` does nothing (no reset to the frame's start height, and a frame
 *     made polymorphic in the `then` arm stays so in the `else` arm);
 *   - popping n > 0 values when the height equals the top frame's start height
 *     is skipped if the frame is polymorphic, else an error; otherwise the
 *     height drops by n, even below the frame start;
 *   - `end` resets the height to the frame start plus its result count (0/1).
 * Only the MVP (and sign-extension, as with wasm-instrument's `sign_ext`
 * feature) can be measured; saturating truncations are measured as unary
 * conversions (an extension: upstream cannot parse them). Anything else fails.
 */
import { SwxError } from '../base/errors.js';
import { decodeLocals, InstructionReader } from './instructions.js';
import { functionTypeIndices, importCount } from './module.js';
import type { FuncType, WasmModule } from './types.js';
import { BLOCK_EMPTY } from './valtype.js';

/** Value-stack items charged per call on top of the frame (max_height.rs `ACTIVATION_FRAME_COST`). */
export const ACTIVATION_FRAME_COST = 2;

const U32_MAX = 0xffffffff;

function fail(why: string, funcIndex: number, offset?: number): never {
  throw new SwxError('WASM_TRANSFORM_FAILED', `cannot inject the stack limiter: ${why} (function ${funcIndex})`, { funcIndex, offset });
}

/** What the cost computation needs to know about the module. */
export interface CostContext {
  types: readonly FuncType[];
  /** Type index of every function in the index space. */
  funcTypes: readonly number[];
}

/** Builds the context for `functionStackCost` / `computeStackCosts`. */
export function costContext(m: WasmModule): CostContext {
  return { types: m.types, funcTypes: functionTypeIndices(m) };
}

/** Stack cost of defined function number `defined` (index in `m.code`). */
export function functionStackCost(m: WasmModule, ctx: CostContext, defined: number): number {
  const funcIndex = ctx.funcTypes.length - m.code.length + defined;
  const body = m.code[defined];
  const sig = ctx.types[m.functions[defined] ?? -1];
  if (body === undefined || sig === undefined) fail('function body or signature not found', funcIndex);
  const locals = decodeLocals(body);
  if (locals.count > U32_MAX) fail('Overflow in local count', funcIndex);
  const cost = locals.count + maxHeight(ctx, body, locals.codeStart, sig.results.length, funcIndex);
  if (cost > U32_MAX) fail('Overflow in adding locals_count and max_stack_height', funcIndex);
  return cost;
}

/** Stack cost of every function in the index space (imports cost 0). */
export function computeStackCosts(m: WasmModule): number[] {
  const ctx = costContext(m);
  const imported = importCount(m, 'func');
  const costs = new Array<number>(imported).fill(0);
  for (let i = 0; i < m.code.length; i++) costs.push(functionStackCost(m, ctx, i));
  return costs;
}

function maxHeight(ctx: CostContext, body: { bytes: Uint8Array; byteOffset?: number }, codeStart: number, funcArity: number, funcIndex: number): number {
  const start: number[] = [0];
  const endArity: number[] = [funcArity];
  const branchArity: number[] = [funcArity];
  const poly: boolean[] = [false];
  let depth = 1;
  let height = ACTIVATION_FRAME_COST;
  let max = 0;
  const it = new InstructionReader(body, codeStart);

  const frame = (rel: number): number => {
    if (depth === 0) fail('control stack is empty', funcIndex, it.offset);
    const idx = depth - 1 - rel;
    if (idx < 0) fail('control stack out-of-bounds', funcIndex, it.offset);
    return idx;
  };
  const pop = (n: number): void => {
    if (n === 0) return;
    const top = frame(0);
    if (height === start[top]) {
      if (poly[top]) return;
      fail('trying to pop more values than pushed', funcIndex, it.offset);
    }
    if (height < n) fail('stack underflow', funcIndex, it.offset);
    height -= n;
  };
  const push = (n: number): void => {
    height += n;
    if (height > U32_MAX) fail('stack overflow', funcIndex, it.offset);
  };
  const unreachable = (): void => {
    if (depth === 0) fail('stack must be non-empty', funcIndex, it.offset);
    poly[depth - 1] = true;
  };
  const callType = (t: FuncType | undefined, what: string): void => {
    if (t === undefined) fail(what, funcIndex, it.offset);
    pop(t.params.length);
    push(t.results.length);
  };

  while (it.next()) {
    if (height > max && !poly[frame(0)]) max = height;
    const op = it.op;
    if (op >= 0x45 && op <= 0xc4) {
      // numeric: comparisons and binary ops pop 2 push 1; eqz, unary, conversions, sign-ext pop 1 push 1
      const binary =
        (op >= 0x46 && op <= 0x4f) || (op >= 0x51 && op <= 0x66) || (op >= 0x6a && op <= 0x78) ||
        (op >= 0x7c && op <= 0x8a) || (op >= 0x92 && op <= 0x98) || (op >= 0xa0 && op <= 0xa6);
      pop(binary ? 2 : 1);
      push(1);
      continue;
    }
    if (op >= 0x28 && op <= 0x35) {
      pop(1);
      push(1);
      continue;
    }
    if (op >= 0x36 && op <= 0x3e) {
      pop(2);
      continue;
    }
    switch (op) {
      case 0x00:
        unreachable();
        break;
      case 0x01:
      case 0x05:
        break;
      case 0x02:
      case 0x03:
      case 0x04: {
        if (it.a >= 0) fail('multi-value block types are not supported', funcIndex, it.offset);
        const end = it.a === BLOCK_EMPTY ? 0 : 1;
        if (op === 0x04) pop(1);
        start[depth] = height;
        endArity[depth] = end;
        branchArity[depth] = op === 0x03 ? 0 : end;
        poly[depth] = false;
        depth++;
        break;
      }
      case 0x0b: {
        if (depth === 0) fail('stack must be non-empty', funcIndex, it.offset);
        depth--;
        height = start[depth]!;
        push(endArity[depth]!);
        break;
      }
      case 0x0c:
        pop(branchArity[frame(it.a)]!);
        unreachable();
        break;
      case 0x0d: {
        const arity = branchArity[frame(it.a)]!;
        pop(arity);
        pop(1);
        push(arity);
        break;
      }
      case 0x0e: {
        const labels = it.brTableLabels();
        const arity = branchArity[frame(labels[labels.length - 1]!)]!;
        for (let i = 0; i < labels.length - 1; i++) {
          if (branchArity[frame(labels[i]!)] !== arity) fail('Arity of all jump-targets must be equal', funcIndex, it.offset);
        }
        pop(arity);
        unreachable();
        break;
      }
      case 0x0f:
        pop(funcArity);
        unreachable();
        break;
      case 0x10: {
        const t = ctx.funcTypes[it.a];
        callType(t === undefined ? undefined : ctx.types[t], 'Function at the specified index is not defined');
        break;
      }
      case 0x11: {
        const t = ctx.types[it.a];
        if (t === undefined) fail('Type not found', funcIndex, it.offset);
        pop(1);
        callType(t, 'Type not found');
        break;
      }
      case 0x1a:
      case 0x21:
      case 0x24:
        pop(1);
        break;
      case 0x1b:
        pop(2);
        pop(1);
        push(1);
        break;
      case 0x20:
      case 0x23:
      case 0x3f:
      case 0x41:
      case 0x42:
      case 0x43:
      case 0x44:
        push(1);
        break;
      case 0x22:
      case 0x40:
        pop(1);
        push(1);
        break;
      case 0xfc:
        if (it.sub > 7) fail(`${it.name()} is not supported (MVP instructions only)`, funcIndex, it.offset);
        pop(1);
        push(1);
        break;
      default:
        fail(`${it.name()} is not supported (MVP instructions only)`, funcIndex, it.offset);
    }
  }
  return max;
}
