/**
 * Encoding shapes of types, for comparing two runtimes by type rather than by
 * type id or bytes. Type ids are positions in one registry and change between
 * builds; what a client must know is whether the SCALE encoding (and the
 * field and variant names it maps to) of an item stayed the same.
 *
 * The shape of a type is a 64-bit hash (xxhash64, substrate-bindings' `h64`)
 * of its definition with children replaced by their shapes:
 *
 *   primitive  "p:u32"          compact   "c:" shape(inner)
 *   sequence   "s:" shape       array     "a:len:" shape
 *   tuple      "t:" shapes…     composite "r:" name=shape…
 *   variant    "v:" index.name(name=shape…)…
 *   bitSequence "b:" store, order path (Lsb0 / Msb0)
 *
 * Paths (Rust names) are left out: renaming a type without changing its
 * encoding is no change. Two exceptions keep diffs readable: the outer call
 * enum (`RuntimeCall`, reached from `Utility.batch` and alike) is one fixed
 * leaf (each pallet's calls are compared on their own), so a change in one
 * pallet's calls does not mark every call that takes a call as changed; and a
 * type reached again inside itself (recursive types) is the back-reference
 * "^n" to the ancestor n levels up.
 */
import { utf8 } from '../base/bytes.js';
import type { RuntimeMetadata } from './open.js';
import type { V14Lookup } from './papi.js';

type LookupType = V14Lookup[number];

/** Computes and memoizes the shapes of one registry's types. */
export class ShapeHasher {
  private readonly byId = new Map<number, LookupType>();
  private readonly memo = new Map<number, string>();
  private readonly stack: number[] = [];
  private readonly h64: (b: Uint8Array) => bigint;
  private readonly callId: number | null;

  constructor(meta: RuntimeMetadata) {
    for (const t of meta.unified.lookup) this.byId.set(t.id, t);
    this.h64 = (b) => meta.papi.bindings.h64(b);
    this.callId = meta.lookup.call;
  }

  /** The shape of type `id` (hex of a 64-bit hash). */
  of(id: number): string {
    return this.visit(id).shape;
  }

  /** The shape of a list of named fields (call arguments, event fields, API inputs). */
  ofFields(fields: ReadonlyArray<{ name?: string | undefined; type: number }>): string {
    return this.hash('f:' + fields.map((f) => `${f.name ?? ''}=${this.of(f.type)}`).join(','));
  }

  /** The shape of the encoding only (field names left out). */
  ofTypes(types: readonly number[]): string {
    return this.hash('f:' + types.map((t) => this.of(t)).join(','));
  }

  private hash(s: string): string {
    return this.h64(utf8(s)).toString(16).padStart(16, '0');
  }

  /** Returns the shape and the shallowest stack depth a back-reference in it points at. */
  private visit(id: number): { shape: string; minRef: number } {
    const hit = this.memo.get(id);
    if (hit !== undefined) return { shape: hit, minRef: Infinity };
    const onStack = this.stack.lastIndexOf(id);
    if (onStack >= 0) return { shape: `^${this.stack.length - onStack}`, minRef: onStack };
    const t = this.byId.get(id);
    if (t === undefined) return { shape: `?${id}`, minRef: Infinity };
    if (id === this.callId) {
      const s = this.hash('call');
      this.memo.set(id, s);
      return { shape: s, minRef: Infinity };
    }
    const depth = this.stack.length;
    this.stack.push(id);
    let minRef = Infinity;
    const sub = (i: number): string => {
      const r = this.visit(i);
      if (r.minRef < minRef) minRef = r.minRef;
      return r.shape;
    };
    let text: string;
    const def = t.def;
    switch (def.tag) {
      case 'primitive':
        text = `p:${def.value.tag}`;
        break;
      case 'compact':
        text = `c:${sub(def.value)}`;
        break;
      case 'sequence':
        text = `s:${sub(def.value)}`;
        break;
      case 'array':
        text = `a:${def.value.len}:${sub(def.value.type)}`;
        break;
      case 'tuple':
        text = `t:${def.value.map(sub).join(',')}`;
        break;
      case 'bitSequence':
        // Lsb0 and Msb0 are both field-less structs: only their path tells them apart.
        text = `b:${sub(def.value.bitStoreType)},${this.byId.get(def.value.bitOrderType)?.path.join('::') ?? '?'}`;
        break;
      case 'composite':
        text = `r:${def.value.map((f) => `${f.name ?? ''}=${sub(f.type)}`).join(',')}`;
        break;
      case 'variant':
        text = `v:${def.value.map((v) => `${v.index}.${v.name}(${v.fields.map((f) => `${f.name ?? ''}=${sub(f.type)}`).join(',')})`).join(',')}`;
        break;
    }
    this.stack.pop();
    const shape = this.hash(text);
    if (minRef >= depth) this.memo.set(id, shape);
    return { shape, minRef: minRef >= depth ? Infinity : minRef };
  }
}
