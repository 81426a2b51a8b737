/**
 * Encoding compatibility between two runtimes' types: does every SCALE
 * encoding of type X (old runtime) decode as type Y (new runtime) to the same
 * value? That is what decides whether a changed item breaks clients:
 *
 *   arguments a client sends (call args, storage keys, API inputs):
 *     compatible when old ⊑ new (what old clients encode is still understood);
 *   values a client reads (events, errors, storage values, constants, API outputs):
 *     compatible when new ⊑ old (old clients can decode what the runtime now produces).
 *
 * X ⊑ Y holds when, with single-field structs and 1-tuples seen through (their
 * encoding is their field's):
 *   primitives     the same primitive
 *   compacts       the inner integer of X no wider than Y's (a compact encodes the value only)
 *   sequences      X's item ⊑ Y's item; arrays also of the same length
 *   tuples, structs  as many fields, each ⊑ by position
 *   enums          each variant of X exists in Y at the same index with the same
 *                  name, and its fields ⊑ (Y may add variants)
 *   bit sequences  same store type and bit order
 * Recursive types are assumed to fit while being compared (coinduction).
 * The outer call enum fits itself: each pallet's calls are compared apart.
 */
import type { RuntimeMetadata } from './open.js';
import type { V14Lookup } from './papi.js';

type LookupType = V14Lookup[number];
type Def = LookupType['def'];

/** Integer widths, for compact widening. */
const WIDTH: Record<string, number> = { u8: 8, u16: 16, u32: 32, u64: 64, u128: 128, u256: 256 };

function index(meta: RuntimeMetadata): Map<number, LookupType> {
  return new Map(meta.unified.lookup.map((t) => [t.id, t]));
}

/** Answers X ⊑ Y for X in the old registry and Y in the new one (memoized per pair). */
export class CompatChecker {
  private readonly a: Map<number, LookupType>;
  private readonly b: Map<number, LookupType>;
  private readonly memo = new Map<string, boolean>();
  private readonly callA: number | null;
  private readonly callB: number | null;

  constructor(oldMeta: RuntimeMetadata, newMeta: RuntimeMetadata) {
    this.a = index(oldMeta);
    this.b = index(newMeta);
    this.callA = oldMeta.lookup.call;
    this.callB = newMeta.lookup.call;
  }

  /** Old-runtime type `x` ⊑ new-runtime type `y`. */
  oldFitsNew(x: number, y: number): boolean {
    return this.fits(this.a, x, this.b, y, this.callA, this.callB);
  }

  /** New-runtime type `y` ⊑ old-runtime type `x`. */
  newFitsOld(x: number, y: number): boolean {
    return this.fits(this.b, y, this.a, x, this.callB, this.callA);
  }

  /** Each old type ⊑ the new type at the same position (same count). */
  allOldFitNew(xs: readonly number[], ys: readonly number[]): boolean {
    return xs.length === ys.length && xs.every((x, i) => this.oldFitsNew(x, ys[i]!));
  }

  /** Each new type ⊑ the old type at the same position (same count). */
  allNewFitOld(xs: readonly number[], ys: readonly number[]): boolean {
    return xs.length === ys.length && xs.every((x, i) => this.newFitsOld(x, ys[i]!));
  }

  /** Sees through single-field structs and 1-tuples. */
  private unwrap(reg: Map<number, LookupType>, id: number): number {
    for (let i = 0; i < 64; i++) {
      const def = reg.get(id)?.def;
      if (def?.tag === 'composite' && def.value.length === 1) id = def.value[0]!.type;
      else if (def?.tag === 'tuple' && def.value.length === 1) id = def.value[0]!;
      else break;
    }
    return id;
  }

  private fits(ra: Map<number, LookupType>, x0: number, rb: Map<number, LookupType>, y0: number, callA: number | null, callB: number | null): boolean {
    const x = this.unwrap(ra, x0);
    const y = this.unwrap(rb, y0);
    if (x === callA && y === callB) return true;
    const key = `${ra === this.a ? 'a' : 'b'}${x}:${y}`;
    const hit = this.memo.get(key);
    if (hit !== undefined) return hit;
    this.memo.set(key, true); // coinductive assumption while comparing
    const tx = ra.get(x);
    const ty = rb.get(y);
    const ok = tx !== undefined && ty !== undefined && this.defFits(ra, tx, rb, ty, callA, callB);
    this.memo.set(key, ok);
    return ok;
  }

  private defFits(ra: Map<number, LookupType>, tx: LookupType, rb: Map<number, LookupType>, ty: LookupType, callA: number | null, callB: number | null): boolean {
    const sub = (x: number, y: number): boolean => this.fits(ra, x, rb, y, callA, callB);
    const all = (xs: readonly number[], ys: readonly number[]): boolean => xs.length === ys.length && xs.every((x, i) => sub(x, ys[i]!));
    const dx: Def = tx.def;
    const dy: Def = ty.def;
    switch (dx.tag) {
      case 'primitive':
        return dy.tag === 'primitive' && dx.value.tag === dy.value.tag;
      case 'compact': {
        if (dy.tag !== 'compact') return false;
        const ix = ra.get(this.unwrap(ra, dx.value))?.def;
        const iy = rb.get(this.unwrap(rb, dy.value))?.def;
        if (ix?.tag === 'primitive' && iy?.tag === 'primitive') return (WIDTH[ix.value.tag] ?? Infinity) <= (WIDTH[iy.value.tag] ?? -1);
        return sub(dx.value, dy.value);
      }
      case 'sequence':
        return dy.tag === 'sequence' && sub(dx.value, dy.value);
      case 'array':
        return dy.tag === 'array' && dx.value.len === dy.value.len && sub(dx.value.type, dy.value.type);
      case 'tuple':
        if (dy.tag === 'tuple') return all(dx.value, dy.value);
        return dy.tag === 'composite' && all(dx.value, dy.value.map((f) => f.type));
      case 'composite':
        if (dy.tag === 'composite') return all(dx.value.map((f) => f.type), dy.value.map((f) => f.type));
        return dy.tag === 'tuple' && all(dx.value.map((f) => f.type), dy.value);
      case 'variant': {
        if (dy.tag !== 'variant') return false;
        const byIndex = new Map(dy.value.map((v) => [v.index, v]));
        return dx.value.every((v) => {
          const w = byIndex.get(v.index);
          return w !== undefined && w.name === v.name && all(v.fields.map((f) => f.type), w.fields.map((f) => f.type));
        });
      }
      case 'bitSequence':
        return (
          dy.tag === 'bitSequence' &&
          sub(dx.value.bitStoreType, dy.value.bitStoreType) &&
          (ra.get(dx.value.bitOrderType)?.path.join('::') ?? '') === (rb.get(dy.value.bitOrderType)?.path.join('::') ?? '')
        );
    }
  }
}
