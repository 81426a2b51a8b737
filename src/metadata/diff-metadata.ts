/**
 * What changed between two runtimes' metadata, by name and by type shape
 * (`shape.ts`), never by type id or raw bytes: pallets, and in each its calls,
 * events, errors, storage items, constants and (V16) view functions; runtime
 * APIs and their methods (when both sides are V15+); the signed extensions.
 * Each changed entry says which aspects changed and whether old clients keep
 * working (`compat.ts`).
 *
 * A transaction signed for the old runtime must not be accepted with another
 * meaning by the new one; the runtime's `transaction_version` tells signers
 * when that may happen. It must be bumped (Substrate's `RuntimeVersion` docs;
 * `subwasm diff` reports the same) when a pallet with calls changes index, a
 * call is removed, a call's index changes, a call's argument types change, or
 * the signed extensions change. Argument renames alone need no bump; a type
 * change whose old encodings still decode is reported as such.
 */
import type { RuntimeMetadata } from './open.js';
import { ShapeHasher } from './shape.js';
import { TypeNamer } from './type-names.js';
import { keyPartTypes } from './decode.js';
import { CompatChecker } from './compat.js';

/** A kept entry that changed: which aspects, and its signature before and after. */
export interface EntryChange {
  name: string;
  /** Aspects that changed: index, args, arg names, fields, type, value, key, hashers, modifier, default, inputs, output. */
  changes: string[];
  /** Whether clients of the old runtime keep working (see `compat.ts`: old ⊑ new for what they send, new ⊑ old for what they read). */
  compatible: boolean;
  from: string;
  to: string;
}
/** Added, removed and changed entries of one kind. */
export interface EntriesDiff {
  added: string[];
  removed: string[];
  changed: EntryChange[];
}
/** Changes inside a pallet present on both sides. */
export interface PalletDiff {
  name: string;
  index?: { from: number; to: number };
  calls: EntriesDiff;
  events: EntriesDiff;
  errors: EntriesDiff;
  storage: EntriesDiff;
  constants: EntriesDiff;
  /** View functions (V16). */
  views: EntriesDiff;
}
/** Changes of a runtime API present on both sides. */
export interface ApiDiff {
  name: string;
  methods: EntriesDiff;
}
/** What `diffMetadata` returns. */
export interface MetadataDiff {
  /** Metadata versions, when they differ. */
  version?: { from: number; to: number };
  pallets: { added: string[]; removed: string[]; changed: PalletDiff[] };
  /** Runtime APIs; null when a side is V14 (no API descriptions). */
  apis: { added: string[]; removed: string[]; changed: ApiDiff[] } | null;
  /** Signed extensions (identifiers in order), when they changed. */
  extensions?: { from: string[]; to: string[] };
  /** Whether `transaction_version` must be bumped, and why. */
  transactionVersionBumpNeeded: boolean;
  reasons: string[];
  /** False when anything a client may rely on was removed, moved, or changed incompatibly (`EntryChange.compatible`). */
  compatible: boolean;
  /** True when nothing differs. */
  identical: boolean;
}

/** One side's comparable view of an entry. */
interface Entry {
  /** Signature for display. */
  sig: string;
  /** Aspect → comparable value. */
  aspects: Record<string, string>;
  /** Types a client sends (call args, key parts, API inputs). */
  sent: number[];
  /** Types a client reads (event/error fields, storage value, constant, API output). */
  read: number[];
}

/** Aspects whose change breaks old clients by itself (beyond what the types say). */
const BREAKING_ASPECTS = new Set(['index', 'hashers']);

/** The per-side helpers. */
interface Side {
  meta: RuntimeMetadata;
  names: TypeNamer;
  shapes: ShapeHasher;
}

function side(meta: RuntimeMetadata): Side {
  return { meta, names: new TypeNamer(meta.unified.lookup), shapes: new ShapeHasher(meta) };
}

type Pallet = RuntimeMetadata['unified']['pallets'][number];

function variantEntries(s: Side, id: number | undefined, kind: 'call' | 'event' | 'error'): Map<string, Entry> {
  const out = new Map<string, Entry>();
  if (id === undefined) return out;
  const def = s.names.entry(id)?.def;
  if (def?.tag !== 'variant') return out;
  for (const v of def.value) {
    const fields = v.fields.map((f) => (f.name !== undefined ? `${f.name}: ${s.names.name(f.type)}` : s.names.name(f.type))).join(', ');
    const types = s.shapes.ofTypes(v.fields.map((f) => f.type));
    const named = s.shapes.ofFields(v.fields);
    const aspects: Record<string, string> =
      kind === 'call' ? { index: String(v.index), args: types, 'arg names': named } : { index: String(v.index), fields: named };
    const ids = v.fields.map((f) => f.type);
    out.set(v.name, { sig: `${v.index}: ${v.name}(${fields})`, aspects, sent: kind === 'call' ? ids : [], read: kind === 'call' ? [] : ids });
  }
  return out;
}

function storageEntries(s: Side, p: Pallet): Map<string, Entry> {
  const out = new Map<string, Entry>();
  for (const it of p.storage?.items ?? []) {
    const modifier = it.modifier === 0 ? 'Optional' : 'Default';
    if (it.type.tag === 'plain') {
      out.set(it.name, { sig: `${it.name}: ${s.names.name(it.type.value)} [${modifier}]`, aspects: { type: s.shapes.of(it.type.value), key: '', hashers: '', modifier, default: it.fallback }, sent: [], read: [it.type.value] });
    } else {
      const m = it.type.value;
      const keys = keyPartTypes(s.names, m.key, m.hashers.length);
      const hashers = m.hashers.map((h) => h.tag);
      const keyText = keys.map((k, i) => `${hashers[i] ?? '?'}(${s.names.name(k)})`).join(', ');
      out.set(it.name, {
        sig: `${it.name}: map ${keyText} => ${s.names.name(m.value)} [${modifier}]`,
        aspects: { type: s.shapes.of(m.value), key: s.shapes.ofTypes(keys), hashers: hashers.join(','), modifier, default: it.fallback },
        sent: keys,
        read: [m.value],
      });
    }
  }
  return out;
}

function constantEntries(s: Side, p: Pallet): Map<string, Entry> {
  const out = new Map<string, Entry>();
  for (const c of p.constants) out.set(c.name, { sig: `${c.name}: ${s.names.name(c.type)} = ${c.value.length > 66 ? c.value.slice(0, 64) + '…' : c.value}`, aspects: { type: s.shapes.of(c.type), value: c.value }, sent: [], read: [c.type] });
  return out;
}

function apiMethodEntries(s: Side, api: { methods: ReadonlyArray<{ name: string; inputs: Array<{ name: string; type: number }>; output: number }> }): Map<string, Entry> {
  const out = new Map<string, Entry>();
  for (const m of api.methods) {
    const inputs = m.inputs.map((i) => `${i.name}: ${s.names.name(i.type)}`).join(', ');
    out.set(m.name, { sig: `${m.name}(${inputs}) -> ${s.names.name(m.output)}`, aspects: { inputs: s.shapes.ofFields(m.inputs), output: s.shapes.of(m.output) }, sent: m.inputs.map((i) => i.type), read: [m.output] });
  }
  return out;
}

function compareEntries(a: Map<string, Entry>, b: Map<string, Entry>, compat: CompatChecker): EntriesDiff {
  const added = [...b.keys()].filter((k) => !a.has(k));
  const removed = [...a.keys()].filter((k) => !b.has(k));
  const changed: EntryChange[] = [];
  for (const [name, ea] of a) {
    const eb = b.get(name);
    if (eb === undefined) continue;
    let changes = Object.keys(ea.aspects).filter((k) => ea.aspects[k] !== eb.aspects[k]);
    // Argument types changed implies their named shape changed too: report the stronger one only.
    if (changes.includes('args')) changes = changes.filter((k) => k !== 'arg names');
    if (changes.length === 0) continue;
    const compatible = !changes.some((k) => BREAKING_ASPECTS.has(k)) && compat.allOldFitNew(ea.sent, eb.sent) && compat.allNewFitOld(ea.read, eb.read);
    changed.push({ name, changes, compatible, from: ea.sig, to: eb.sig });
  }
  return { added, removed, changed };
}

function isEmpty(d: EntriesDiff): boolean {
  return d.added.length === 0 && d.removed.length === 0 && d.changed.length === 0;
}

/** Compares two runtimes' metadata (see the module doc for what counts). */
export function diffMetadata(metaA: RuntimeMetadata, metaB: RuntimeMetadata): MetadataDiff {
  const a = side(metaA);
  const b = side(metaB);
  const compat = new CompatChecker(metaA, metaB);
  const reasons: string[] = [];
  let compatible = true;
  const pa = new Map(metaA.unified.pallets.map((p) => [p.name, p]));
  const pb = new Map(metaB.unified.pallets.map((p) => [p.name, p]));
  const addedPallets = [...pb.keys()].filter((k) => !pa.has(k));
  const removedPallets = [...pa.keys()].filter((k) => !pb.has(k));
  for (const name of removedPallets) {
    compatible = false;
    if (pa.get(name)!.calls !== undefined) reasons.push(`pallet ${name} (with calls) removed`);
  }
  const changedPallets: PalletDiff[] = [];
  for (const [name, x] of pa) {
    const y = pb.get(name);
    if (y === undefined) continue;
    const d: PalletDiff = {
      name,
      calls: compareEntries(variantEntries(a, x.calls?.type, 'call'), variantEntries(b, y.calls?.type, 'call'), compat),
      events: compareEntries(variantEntries(a, x.events?.type, 'event'), variantEntries(b, y.events?.type, 'event'), compat),
      errors: compareEntries(variantEntries(a, x.errors?.type, 'error'), variantEntries(b, y.errors?.type, 'error'), compat),
      storage: compareEntries(storageEntries(a, x), storageEntries(b, y), compat),
      constants: compareEntries(constantEntries(a, x), constantEntries(b, y), compat),
      views: compareEntries(apiMethodEntries(a, { methods: x.viewFns }), apiMethodEntries(b, { methods: y.viewFns }), compat),
    };
    if (x.index !== y.index) {
      d.index = { from: x.index, to: y.index };
      if (x.calls !== undefined && y.calls !== undefined) reasons.push(`${name}: pallet index ${x.index} → ${y.index} (it has calls)`);
    }
    for (const c of d.calls.removed) reasons.push(`${name}.${c}: call removed`);
    for (const c of d.calls.changed) {
      if (c.changes.includes('index')) reasons.push(`${name}.${c.name}: call index changed (${c.from} → ${c.to})`);
      if (c.changes.includes('args')) reasons.push(`${name}.${c.name}: argument types changed${c.compatible ? ', old encodings still decode' : ''} (${c.from} → ${c.to})`);
    }
    if (d.calls.removed.length + d.storage.removed.length + d.constants.removed.length > 0) compatible = false;
    if (x.index !== y.index) compatible = false;
    if (d.views.removed.length > 0) compatible = false;
    const kinds = [d.calls, d.events, d.errors, d.storage, d.constants, d.views];
    for (const k of kinds) if (k.changed.some((c) => !c.compatible)) compatible = false;
    if (d.index !== undefined || !kinds.every(isEmpty)) changedPallets.push(d);
  }

  let apis: MetadataDiff['apis'] = null;
  if (metaA.hasApiTypes && metaB.hasApiTypes) {
    const aa = new Map(metaA.unified.apis.map((x) => [x.name, x]));
    const ab = new Map(metaB.unified.apis.map((x) => [x.name, x]));
    const changed: ApiDiff[] = [];
    for (const [name, x] of aa) {
      const y = ab.get(name);
      if (y === undefined) continue;
      const methods = compareEntries(apiMethodEntries(a, x), apiMethodEntries(b, y), compat);
      if (!isEmpty(methods)) changed.push({ name, methods });
      if (methods.removed.length > 0 || methods.changed.some((c) => !c.compatible)) compatible = false;
    }
    apis = { added: [...ab.keys()].filter((k) => !aa.has(k)), removed: [...aa.keys()].filter((k) => !ab.has(k)), changed };
    if (apis.removed.length > 0) compatible = false;
  }

  const ext = (s: Side): string[] => Object.values(s.meta.unified.extrinsic.extensions).map((e) => e.identifier);
  const extShape = (s: Side): string => Object.values(s.meta.unified.extrinsic.extensions).map((e) => `${e.identifier}=${s.shapes.of(e.type)}/${s.shapes.of(e.additionalSigned)}`).join(',');
  const out: MetadataDiff = {
    pallets: { added: addedPallets, removed: removedPallets, changed: changedPallets },
    apis,
    transactionVersionBumpNeeded: false,
    reasons,
    compatible,
    identical: false,
  };
  if (metaA.version !== metaB.version) out.version = { from: metaA.version, to: metaB.version };
  if (extShape(a) !== extShape(b)) {
    out.extensions = { from: ext(a), to: ext(b) };
    reasons.push('signed extensions changed');
    compatible = false;
  }
  out.compatible = compatible;
  out.transactionVersionBumpNeeded = reasons.length > 0;
  out.identical =
    out.version === undefined &&
    addedPallets.length === 0 &&
    removedPallets.length === 0 &&
    changedPallets.length === 0 &&
    out.extensions === undefined &&
    (apis === null ? metaA.unified.apis.length === metaB.unified.apis.length : apis.added.length + apis.removed.length + apis.changed.length === 0);
  return out;
}
