/**
 * Storage by pallet and item name. FRAME places every storage item under
 *
 *   twox128(pallet prefix) ++ twox128(item name) ++ hasher₁(key₁) ++ hasher₂(key₂) …
 *
 * where each key part is SCALE-encoded then hashed with the item's hasher for
 * that part. `Blake2_128Concat`, `Twox64Concat` and `Identity` append the
 * encoded key after the hash (or are it), so keys can be read back from a
 * storage key; `Blake2_128`, `Blake2_256`, `Twox128`, `Twox256` cannot
 * (they decode as the opaque hash, in hex). Giving fewer key parts than the
 * item has yields a prefix: the keys under it are the map's entries.
 *
 * The value is the SCALE encoding of the value type; an absent key reads as
 * the item's default (modifier `Default`) or None (`Optional`).
 * Keys are built and read with polkadot-api's storage codecs.
 */
import { SwxError } from '../base/errors.js';
import { fromHex, startsWith, toHex } from '../base/bytes.js';
import type { RuntimeMetadata } from './open.js';
import { findNamed, splitName } from './names.js';
import { TypeNamer } from './type-names.js';
import { keyPartTypes } from './decode.js';
import { fromJson, fromText, guard, toJson, type Json } from './values.js';

/** A storage item resolved against metadata. */
export interface StorageItem {
  pallet: string;
  item: string;
  /** Key part type ids, one per hasher (empty for a plain value). */
  keyTypes: number[];
  /** `Optional` or `Default`. */
  modifier: 'Optional' | 'Default';
}

/** A storage key built from a name and key parts. */
export interface BuiltStorageKey {
  key: Uint8Array;
  /** True when every key part was given (the key of one value), false for a prefix. */
  complete: boolean;
  pallet: string;
  item: string;
}

/** One entry of a map listing. */
export interface StorageEntry {
  key: string;
  /** The key parts read back from the key (opaque hashes as hex). */
  keyArgs: Json;
  /** The decoded value (null if it does not decode; see `error`). */
  value: Json;
  /** The SCALE bytes as stored. */
  raw: string;
  /** Why the value does not decode, if it does not. */
  error?: string;
}

/** What `listStorageEntries` returns. */
export interface StorageListing {
  prefix: string;
  entries: StorageEntry[];
  /** Set when more entries follow: pass it as `startAfter` to continue. */
  next?: string;
}

/** The reads a listing needs; both the synchronous and asynchronous backends of `state` have them. */
export interface StorageReader {
  get(key: Uint8Array): Uint8Array | undefined | Promise<Uint8Array | undefined>;
  nextKey(key: Uint8Array): Uint8Array | undefined | Promise<Uint8Array | undefined>;
}

/** Resolves `Pallet.Item`. */
export function storageItem(meta: RuntimeMetadata, ref: string): StorageItem {
  const [palletName, itemName] = splitName(ref, 'a storage item');
  const pallet = findNamed(meta.unified.pallets.filter((p) => p.storage !== undefined), (p) => p.name, palletName, 'pallet with storage', 'the metadata');
  const item = findNamed(pallet.storage!.items, (s) => s.name, itemName, 'storage item', pallet.name);
  const names = new TypeNamer(meta.unified.lookup);
  const keyTypes = item.type.tag === 'plain' ? [] : keyPartTypes(names, item.type.value.key, item.type.value.hashers.length);
  return { pallet: pallet.name, item: item.name, keyTypes, modifier: item.modifier === 0 ? 'Optional' : 'Default' };
}

function codecOf(meta: RuntimeMetadata, it: StorageItem): ReturnType<RuntimeMetadata['builder']['buildStorage']> {
  return guard('METADATA_DECODE_FAILED', `building the codec of ${it.pallet}.${it.item}`, () => meta.builder.buildStorage(it.pallet, it.item));
}

/**
 * The storage key of `Pallet.Item` with key parts `args` (command-line text:
 * SS58/hex accounts, numbers, JSON; non-strings are JSON). Fewer parts than
 * the item has give the prefix of the entries under them.
 */
export function storageKey(meta: RuntimeMetadata, ref: string, args: ReadonlyArray<string | Json> = []): BuiltStorageKey {
  const it = storageItem(meta, ref);
  if (args.length > it.keyTypes.length) {
    const names = new TypeNamer(meta.unified.lookup);
    const sig = it.keyTypes.length === 0 ? 'is a plain value (no key)' : `takes ${it.keyTypes.length} key part(s): ${it.keyTypes.map((t) => names.name(t)).join(', ')}`;
    throw new SwxError('METADATA_BAD_ARGUMENT', `${it.pallet}.${it.item} ${sig}; got ${args.length}`, { name: ref });
  }
  const values = args.map((a, i) => {
    const entry = meta.lookup(it.keyTypes[i]!);
    const path = `${it.pallet}.${it.item} key ${i + 1}`;
    return typeof a === 'string' ? fromText(meta.papi, entry, a, path, meta.ss58Prefix) : fromJson(meta.papi, entry, a, path, meta.ss58Prefix);
  });
  const codec = codecOf(meta, it);
  const hex = guard('METADATA_BAD_ARGUMENT', `encoding the key of ${it.pallet}.${it.item}`, () => codec.keys.enc(...values));
  return { key: fromHex(hex), complete: args.length === it.keyTypes.length, pallet: it.pallet, item: it.item };
}

/** Decodes a value of `Pallet.Item`; `undefined` (absent) reads as the default, or null for an Optional item. */
export function decodeStorageValue(meta: RuntimeMetadata, ref: string, value: Uint8Array | undefined): Json {
  const it = storageItem(meta, ref);
  const codec = codecOf(meta, it);
  if (value === undefined) return it.modifier === 'Default' ? toJson(codec.fallback) : null;
  return guard('METADATA_DECODE_FAILED', `decoding a value of ${it.pallet}.${it.item} (${value.length} bytes)`, () => {
    const v: unknown = codec.value.dec(value);
    const used = codec.value.enc(v).length;
    if (used !== value.length) throw new Error(`${value.length - used} bytes left over`);
    return toJson(v);
  });
}

/** Reads the key parts back from a full storage key of `Pallet.Item` (opaque hashes as hex). */
export function decodeStorageKey(meta: RuntimeMetadata, ref: string, key: Uint8Array): Json {
  const it = storageItem(meta, ref);
  const codec = codecOf(meta, it);
  return guard('METADATA_DECODE_FAILED', `decoding a key of ${it.pallet}.${it.item}`, () => toJson(codec.keys.dec(toHex(key))));
}

/** Options of `listStorageEntries`. */
export interface ListStorageOpts {
  /** Stop after this many entries (default: all). */
  limit?: number;
  /** Continue after this key (the `next` of an earlier listing). */
  startAfter?: Uint8Array;
}

/** Lists the entries of a map under `Pallet.Item` and the given leading key parts, in key order. */
export async function listStorageEntries(meta: RuntimeMetadata, state: StorageReader, ref: string, args: ReadonlyArray<string | Json> = [], opts: ListStorageOpts = {}): Promise<StorageListing> {
  const { key: prefix, complete } = storageKey(meta, ref, args);
  const it = storageItem(meta, ref);
  if (complete) {
    throw new SwxError('METADATA_BAD_ARGUMENT', `${it.pallet}.${it.item} with ${args.length} key part(s) is one value, not a map to list`, { name: ref });
  }
  const limit = opts.limit ?? Number.POSITIVE_INFINITY;
  const entries: StorageEntry[] = [];
  let cursor = opts.startAfter !== undefined && startsWith(opts.startAfter, prefix) ? opts.startAfter : prefix;
  for (;;) {
    const k = await state.nextKey(cursor);
    if (k === undefined || !startsWith(k, prefix)) return { prefix: toHex(prefix), entries };
    if (entries.length >= limit) return { prefix: toHex(prefix), entries, next: toHex(cursor) };
    const raw = await state.get(k);
    const entry: StorageEntry = { key: toHex(k), keyArgs: null, value: null, raw: raw === undefined ? '0x' : toHex(raw) };
    try {
      entry.keyArgs = decodeStorageKey(meta, ref, k);
      entry.value = decodeStorageValue(meta, ref, raw);
    } catch (e) {
      entry.error = e instanceof Error ? e.message : String(e);
    }
    entries.push(entry);
    cursor = k;
  }
}

/** What `readStorage` returns: one value, or a listing when key parts are missing. */
export type StorageRead =
  | { kind: 'value'; key: string; value: Json; raw: string | null }
  | ({ kind: 'entries' } & StorageListing);

/** Reads `Pallet.Item` with key parts: the decoded value when the key is complete, else the entries under it. */
export async function readStorage(meta: RuntimeMetadata, state: StorageReader, ref: string, args: ReadonlyArray<string | Json> = [], opts: ListStorageOpts = {}): Promise<StorageRead> {
  const built = storageKey(meta, ref, args);
  if (!built.complete) return { kind: 'entries', ...(await listStorageEntries(meta, state, ref, args, opts)) };
  const raw = await state.get(built.key);
  return { kind: 'value', key: toHex(built.key), value: decodeStorageValue(meta, ref, raw), raw: raw === undefined ? null : toHex(raw) };
}
