/**
 * The decoded view of runtime metadata: every pallet with its calls, events,
 * errors, storage items and constants, and (V15+) the runtime APIs, each a
 * named entry with readable type names. This is what `swx metadata --format
 * json` prints; `formatMetadataText` renders the same view for people.
 *
 * Calls, events and errors are variants of one enum type per pallet (the
 * variant index is the on-chain index: a call is encoded as pallet index, call
 * index, arguments). A storage item is plain (one value) or a map with one
 * hasher per key part; its default is the SCALE bytes used when the key is
 * absent (`Default` modifier) or `None` (`Optional`). Constants carry their
 * SCALE bytes, decoded here with the constant's type.
 */
import { isSwxError } from '../base/errors.js';
import { openMetadata, readMetadataHeader, type RuntimeMetadata } from './open.js';
import { findNamed } from './names.js';
import { TypeNamer } from './type-names.js';
import { toJson, type Json } from './values.js';

/** A named, typed field (call argument, event field, API input). */
export interface FieldInfo {
  /** Field name (absent for tuple-like fields). */
  name?: string;
  /** Readable type name. */
  type: string;
}
/** A pallet call. */
export interface CallInfo {
  name: string;
  /** The call index within its pallet. */
  index: number;
  args: FieldInfo[];
  docs?: string[];
}
/** A pallet event. */
export interface EventInfo {
  name: string;
  index: number;
  fields: FieldInfo[];
  docs?: string[];
}
/** A pallet error. */
export interface ErrorInfo {
  name: string;
  index: number;
  fields: FieldInfo[];
  docs?: string[];
}
/** A storage item. */
export interface StorageInfo {
  name: string;
  /** `Optional`: absent reads as None; `Default`: absent reads as `default`. */
  modifier: 'Optional' | 'Default';
  /** Hashers, one per key part (empty for a plain value). */
  hashers: string[];
  /** Key part types, one per hasher. */
  keys: string[];
  /** Value type. */
  value: string;
  /** SCALE bytes of the default value. */
  default: string;
  docs?: string[];
}
/** A pallet constant. */
export interface ConstantInfo {
  name: string;
  type: string;
  /** The decoded value (JSON-safe), or null when it does not decode. */
  value: Json;
  /** The SCALE bytes. */
  hex: string;
  docs?: string[];
}
/** A pallet. */
export interface PalletInfo {
  name: string;
  index: number;
  calls: CallInfo[];
  events: EventInfo[];
  errors: ErrorInfo[];
  storage: StorageInfo[];
  constants: ConstantInfo[];
  /** View functions (V16 only; absent when the pallet has none). */
  views?: ApiMethodInfo[];
  docs?: string[];
}
/** A runtime API method (or a V16 view function). */
export interface ApiMethodInfo {
  name: string;
  inputs: FieldInfo[];
  output: string;
  docs?: string[];
}
/** A runtime API (V15+). */
export interface ApiInfo {
  name: string;
  /** The API's version (V16 metadata only). */
  version?: number;
  methods: ApiMethodInfo[];
  docs?: string[];
}
/** The extrinsic format. */
export interface ExtrinsicInfo {
  /** Extrinsic format versions (e.g. [4], or [4, 5] in V16). */
  versions: number[];
  /** Signed (transaction) extensions, in order. */
  extensions: Array<{ identifier: string; type: string; additionalSigned: string }>;
}
/** Decoded metadata (`swx metadata --format json`). */
export interface DecodedMetadata {
  version: 14 | 15 | 16;
  pallets: PalletInfo[];
  /** Runtime APIs; empty for V14, which does not describe them. */
  apis: ApiInfo[];
  extrinsic: ExtrinsicInfo;
  /** The chain's SS58 prefix (System.SS58Prefix), if declared. */
  ss58Prefix?: number;
}

/** Options of `decodeMetadata`. */
export interface DecodeMetadataOpts {
  /** Include doc comments (default false: they are most of the size). */
  docs?: boolean;
  /** Only this pallet (by name, case-insensitive). */
  pallet?: string;
}

/** Hasher names as FRAME spells them (`StorageHasher` variants). */
const HASHER_NAMES: Record<string, string> = {
  Blake2128: 'Blake2_128',
  Blake2256: 'Blake2_256',
  Blake2128Concat: 'Blake2_128Concat',
  Twox128: 'Twox128',
  Twox256: 'Twox256',
  Twox64Concat: 'Twox64Concat',
  Identity: 'Identity',
};

/** FRAME's `StorageEntryModifier` by index. */
const MODIFIERS = ['Optional', 'Default'] as const;

/** The decoded view of metadata (bytes as returned by `Metadata_metadata`, or an opened handle). */
export async function decodeMetadata(input: Uint8Array | RuntimeMetadata, opts: DecodeMetadataOpts = {}): Promise<DecodedMetadata> {
  const meta = input instanceof Uint8Array ? await openMetadata(input) : input;
  return describeMetadata(meta, opts);
}

/** Metadata decoded, or the reason it is not (a version before V14). */
export type MetadataView =
  | { kind: 'decoded'; metadata: DecodedMetadata }
  | { kind: 'unsupported'; version: number; length: number; reason: string };

/** Like `decodeMetadata`, but a version before V14 is a result (version, size, one-line reason), not an error. */
export async function viewMetadata(bytes: Uint8Array, opts: DecodeMetadataOpts = {}): Promise<MetadataView> {
  try {
    return { kind: 'decoded', metadata: await decodeMetadata(bytes, opts) };
  } catch (e) {
    if (!isSwxError(e, 'METADATA_UNSUPPORTED_VERSION')) throw e;
    const h = readMetadataHeader(bytes);
    return { kind: 'unsupported', version: h.version, length: h.length, reason: e.message };
  }
}

/** The decoded view of an opened handle (synchronous). */
export function describeMetadata(meta: RuntimeMetadata, opts: DecodeMetadataOpts = {}): DecodedMetadata {
  const u = meta.unified;
  const names = new TypeNamer(u.lookup);
  const docs = (d: string[]): { docs?: string[] } => (opts.docs === true ? { docs: d } : {});
  const field = (f: { name?: string | undefined; type: number }): FieldInfo => (f.name !== undefined ? { name: f.name, type: names.name(f.type) } : { type: names.name(f.type) });
  const variants = (id: number | undefined): Array<{ name: string; index: number; fields: FieldInfo[]; docs: string[] }> => {
    if (id === undefined) return [];
    const def = names.entry(id)?.def;
    if (def?.tag !== 'variant') return [];
    return def.value.map((v) => ({ name: v.name, index: v.index, fields: v.fields.map(field), docs: v.docs }));
  };
  const only = opts.pallet !== undefined ? findNamed(u.pallets, (p) => p.name, opts.pallet, 'pallet', 'the metadata') : undefined;
  const pallets: PalletInfo[] = [];
  for (const p of u.pallets) {
    if (only !== undefined && p !== only) continue;
    const storage: StorageInfo[] = (p.storage?.items ?? []).map((s) => {
      let hashers: string[] = [];
      let keys: string[] = [];
      let value: number;
      if (s.type.tag === 'plain') value = s.type.value;
      else {
        const m = s.type.value;
        hashers = m.hashers.map((h) => HASHER_NAMES[h.tag] ?? h.tag);
        keys = keyPartTypes(names, m.key, hashers.length).map((id) => names.name(id));
        value = m.value;
      }
      return { name: s.name, modifier: MODIFIERS[s.modifier] ?? 'Default', hashers, keys, value: names.name(value), default: s.fallback, ...docs(s.docs) };
    });
    const constants: ConstantInfo[] = p.constants.map((c) => {
      let value: Json = null;
      try {
        value = toJson(meta.builder.buildConstant(p.name, c.name).dec(c.value));
      } catch {
        value = null;
      }
      return { name: c.name, type: names.name(c.type), value, hex: c.value, ...docs(c.docs) };
    });
    const views = p.viewFns.map((v) => ({ name: v.name, inputs: v.inputs.map(field), output: names.name(v.output), ...docs(v.docs) }));
    pallets.push({
      name: p.name,
      index: p.index,
      calls: variants(p.calls?.type).map((v) => ({ name: v.name, index: v.index, args: v.fields, ...docs(v.docs) })),
      events: variants(p.events?.type).map((v) => ({ name: v.name, index: v.index, fields: v.fields, ...docs(v.docs) })),
      errors: variants(p.errors?.type).map((v) => ({ name: v.name, index: v.index, fields: v.fields, ...docs(v.docs) })),
      storage,
      constants,
      ...(views.length > 0 ? { views } : {}),
      ...docs(p.docs),
    });
  }
  const apis: ApiInfo[] = u.apis.map((a) => ({
    name: a.name,
    ...('version' in a && typeof a.version === 'number' ? { version: a.version } : {}),
    methods: a.methods.map((m) => ({ name: m.name, inputs: m.inputs.map(field), output: names.name(m.output), ...docs(m.docs) })),
    ...docs(a.docs),
  }));
  const extrinsic: ExtrinsicInfo = {
    versions: [...u.extrinsic.version],
    extensions: Object.values(u.extrinsic.extensions).map((x) => ({ identifier: x.identifier, type: names.name(x.type), additionalSigned: names.name(x.additionalSigned) })),
  };
  const out: DecodedMetadata = { version: meta.version, pallets, apis, extrinsic };
  if (meta.ss58Prefix !== undefined) out.ss58Prefix = meta.ss58Prefix;
  return out;
}

/** The type ids of a map's key parts: the key itself for one hasher, else its tuple items. */
export function keyPartTypes(names: TypeNamer, keyId: number, parts: number): number[] {
  if (parts <= 1) return [keyId];
  const def = names.entry(keyId)?.def;
  if (def?.tag === 'tuple' && def.value.length === parts) return [...def.value];
  if (def?.tag === 'array' && def.value.len === parts) return new Array<number>(parts).fill(def.value.type);
  return [keyId];
}
