/**
 * Readable type names from the metadata's type registry (scale-info
 * `PortableRegistry`), as a runtime developer writes them in Rust:
 *
 *   primitive      u8 … u256, i8 … i256, bool, char, str
 *   compact        Compact<u128>
 *   sequence       Vec<u8>, Vec<AccountId32>
 *   array          [u8; 32]
 *   tuple          (u32, AccountId32), () for the unit type
 *   composite /    the last segment of the type's path with its generic
 *   variant        parameters: AccountInfo<u32, AccountData<u128>>,
 *                  Option<H256>, Result<(), DispatchError>
 *   bitSequence    BitVec<u8, Lsb0>
 *
 * A composite or variant without a path (rare: anonymous structs) renders
 * its fields. Names are a view, not an identity: two types with one name may
 * differ (diffs compare shapes through checksums, not these names).
 */
import type { V14Lookup } from './papi.js';

type LookupType = V14Lookup[number];

/** Nesting beyond which a name is cut with `…` (self-referential generics). */
const MAX_NAME_DEPTH = 12;

/** Renders type ids of one registry as names (memoized per id). */
export class TypeNamer {
  private readonly byId = new Map<number, LookupType>();
  private readonly cache = new Map<number, string>();

  constructor(lookup: V14Lookup) {
    for (const t of lookup) this.byId.set(t.id, t);
  }

  /** The readable name of type `id`. */
  name(id: number): string {
    const hit = this.cache.get(id);
    if (hit !== undefined) return hit;
    const s = this.render(id, 0);
    this.cache.set(id, s);
    return s;
  }

  /** The registry entry of type `id`, if any. */
  entry(id: number): LookupType | undefined {
    return this.byId.get(id);
  }

  private render(id: number, depth: number): string {
    const t = this.byId.get(id);
    if (t === undefined) return `<unknown type ${id}>`;
    if (depth > MAX_NAME_DEPTH) return '…';
    const sub = (i: number): string => this.render(i, depth + 1);
    const def = t.def;
    switch (def.tag) {
      case 'primitive':
        return def.value.tag;
      case 'compact':
        return `Compact<${sub(def.value)}>`;
      case 'sequence':
        return `Vec<${sub(def.value)}>`;
      case 'array':
        return `[${sub(def.value.type)}; ${def.value.len}]`;
      case 'tuple':
        return `(${def.value.map(sub).join(', ')})`;
      case 'bitSequence':
        return `BitVec<${sub(def.value.bitStoreType)}, ${sub(def.value.bitOrderType)}>`;
      case 'composite':
      case 'variant': {
        const last = t.path[t.path.length - 1];
        if (last !== undefined) {
          const params = t.params.filter((p) => p.type !== undefined).map((p) => sub(p.type!));
          return params.length > 0 ? `${last}<${params.join(', ')}>` : last;
        }
        if (def.tag === 'composite') {
          const named = def.value.every((f) => f.name !== undefined);
          const parts = def.value.map((f) => (named ? `${f.name}: ${sub(f.type)}` : sub(f.type)));
          return named ? `{ ${parts.join(', ')} }` : `(${parts.join(', ')})`;
        }
        return def.value.map((v) => v.name).join(' | ');
      }
    }
  }
}
