/**
 * Folding extended constant expressions. Substrate accepts extended-const
 * (parity-wasm reads any constant expression, wasmtime 36 enables the proposal
 * by default) but Node 20's V8 does not validate it without a flag. Since
 * Substrate refuses global imports, such an expression can only combine
 * constants, so it folds to a single `i32.const` / `i64.const` with the same
 * (wrapping) value. Mutates the module; returns how many expressions it folded.
 */
import { evalConstExpr } from './const-expr.js';
import type { ConstExpr, WasmModule } from './types.js';

function fold(e: ConstExpr): ConstExpr | undefined {
  if (e.op !== 'sequence') return undefined;
  const v = evalConstExpr(e);
  if (v === undefined) return undefined;
  return typeof v === 'number' ? { op: 'i32.const', value: v } : { op: 'i64.const', value: v };
}

/** Replaces every foldable multi-instruction constant expression by its value. */
export function foldConstExpressions(m: WasmModule): number {
  let n = 0;
  for (const g of m.globals) {
    const f = fold(g.init);
    if (f) (g.init = f), n++;
  }
  for (const s of m.elements) {
    const f = s.offset && fold(s.offset);
    if (f) (s.offset = f), n++;
  }
  for (const d of m.data) {
    const f = d.offset && fold(d.offset);
    if (f) (d.offset = f), n++;
  }
  return n;
}
