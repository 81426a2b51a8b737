/**
 * Random host calls for the differential test, each one call of a
 * `rtm_ext_*` export of the host-API test runtime with its SCALE input
 * (ChainSafe build ABI: `Vec<u8>` arguments, `Option<u32>` limits, `u32`
 * state versions).
 *
 * An op has a scope, which tells the harness how both executors run it:
 *   pure   no storage (hashing, trie roots, malloc)
 *   top    main-trie storage against the current state
 *   child  one default child trie (`op.child`) against the current state
 *   root   a storage root: computed over the state replayed as writes (see
 *          the harness for why)
 *
 * Keys come from small alphabets so that prefixes, shared nibbles, existing
 * keys and the well-known `:code` / `:child_storage:` keys collide often.
 */
import { concatBytes, toHexRaw, utf8 } from '../../../src/base/bytes.js';
import { encodeCompact } from '../../../src/base/scale.js';
import type { InMemoryBackend } from '../../../src/state/index.js';
import type { Rng } from './rng.js';
import { cryptoOp } from './crypto-ops.js';

/** How the harness runs an op. */
export type OpScope = 'pure' | 'top' | 'child' | 'root';

/** One host call. */
export interface HostOp {
  /** The runtime export, e.g. `rtm_ext_storage_set_version_1`. */
  method: string;
  input: Uint8Array;
  /** A readable form for failure messages. */
  label: string;
  scope: OpScope;
  /** Short kind name (`read`, `clear_prefix`, …) used by the divergence table. */
  kind: string;
  /** Child storage key (child scope, child roots). */
  child?: Uint8Array;
  key?: Uint8Array;
  prefix?: Uint8Array;
  offset?: number;
  /** State version of a `*_root_version_2` storage root (its oracle runtime variant). */
  version?: 0 | 1;
  /** The op removes a key range (clear_prefix, storage_kill): the oracle's first next-key request includes its key. */
  clearsRange?: boolean;
  /** The pairs of a `trie_blake2_256_root` (in input order). */
  pairs?: Array<[Uint8Array, Uint8Array]>;
  /** The requested read length (`read` ops). */
  size?: number;
  /** Layout of a `trie_blake2_256_root` (V0 for version 1). */
  trieVersion?: 0 | 1;
}

/** Child storage keys used (none is a prefix of another, so prefixed keys stay unambiguous). */
export const CHILD_KEYS: readonly Uint8Array[] = [utf8('ca'), utf8('cb'), utf8(':child_storage:default:cc')];

/** Bytes keys are drawn from: shared high/low nibbles, `:` and ASCII. */
const KEY_ALPHABET = [0x00, 0x01, 0x10, 0x3a, 0x61, 0x62, 0xf0, 0xff];

/** Top-trie keys with a meaning to the host: `:code`, the child-storage namespace. */
const SPECIAL_KEYS: readonly Uint8Array[] = [
  new Uint8Array(0),
  utf8(':'),
  utf8(':code'),
  utf8(':child_storage:'),
  utf8(':child_storage:default:'),
  utf8(':child_storage:default:ca'),
  utf8(':child_storage:default:zz'),
  utf8(':child_storage:other'),
];

/** Value lengths: around the 32-byte inline/hash limits of trie nodes and V1 values. */
const VALUE_LENGTHS = [0, 1, 2, 3, 8, 31, 32, 33, 40, 70];

/** SCALE `Vec<u8>`. */
export function vec(b: Uint8Array): Uint8Array {
  return concatBytes(encodeCompact(b.length), b);
}

/** 4 bytes little-endian. */
export function u32(n: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, n >>> 0, true);
  return out;
}

/** SCALE `Option<u32>`. */
function optU32(n: number | undefined): Uint8Array {
  return n === undefined ? Uint8Array.of(0) : concatBytes(Uint8Array.of(1), u32(n));
}

function hx(b: Uint8Array): string {
  return '0x' + toHexRaw(b);
}

/** A random short key, sometimes a special one. */
function randomKey(rng: Rng): Uint8Array {
  if (rng.chance(0.12)) return rng.pick(SPECIAL_KEYS);
  const n = rng.int(4);
  const k = new Uint8Array(n);
  for (let i = 0; i < n; i++) k[i] = rng.pick(KEY_ALPHABET);
  return k;
}

/** Item counts where the Compact prefix of a SCALE list changes size (1→2→4→5 bytes) and their neighbours. */
const LIST_COUNTS = [0, 1, 63, 64, 16383, 16384, 0x3fffffff, 0x40000000, 0xffffffff];

/** Leading bytes that are not canonical Compact<u32> encodings. */
const NON_CANONICAL_PREFIXES: readonly Uint8Array[] = [Uint8Array.of(0x01, 0x00), Uint8Array.of(0x02, 0, 0, 0), Uint8Array.of(0x03, 1, 0, 0, 0), Uint8Array.of(0x07, 0, 0, 0, 0, 1)];

/** A random value; now and then a SCALE-list-like one (what `append` extends). */
export function randomValue(rng: Rng): Uint8Array {
  if (rng.chance(0.06)) {
    const head = rng.chance(0.75) ? encodeCompact(rng.pick(LIST_COUNTS)) : rng.pick(NON_CANONICAL_PREFIXES);
    return concatBytes(head, rng.bytes(rng.int(4)));
  }
  return rng.bytes(rng.pick(VALUE_LENGTHS));
}

/** A key of `existing` half of the time, else a random one. */
function someKey(rng: Rng, existing: readonly Uint8Array[]): Uint8Array {
  return existing.length > 0 && rng.chance(0.5) ? rng.pick(existing) : randomKey(rng);
}

/** A prefix of an existing key (possibly empty or whole), or a random key. */
function somePrefix(rng: Rng, existing: readonly Uint8Array[]): Uint8Array {
  if (existing.length > 0 && rng.chance(0.7)) {
    const k = rng.pick(existing);
    return k.subarray(0, rng.int(k.length + 1));
  }
  return randomKey(rng);
}

/** A random limit for the `*_version_2/3` removals: none, or 0..3. */
function someLimit(rng: Rng): number | undefined {
  return rng.chance(0.4) ? undefined : rng.int(4);
}

const ST = (name: string, v = 1): string => `rtm_ext_storage_${name}_version_${v}`;
const CH = (name: string, v = 1): string => `rtm_ext_default_child_storage_${name}_version_${v}`;

/** The hashing exports. */
const HASHES = ['keccak_256', 'sha2_256', 'blake2_128', 'blake2_256', 'twox_256', 'twox_128', 'twox_64'];

function topOp(rng: Rng, keys: readonly Uint8Array[]): HostOp {
  const kind = rng.weighted<string>([
    [4, 'set'],
    [2, 'get'],
    [2, 'read'],
    [1, 'clear'],
    [1, 'exists'],
    [1, 'clear_prefix'],
    [1, 'clear_prefix_v2'],
    [2, 'append'],
    [2, 'next_key'],
  ]);
  const key = kind.startsWith('clear_prefix') ? somePrefix(rng, keys) : someKey(rng, keys);
  switch (kind) {
    case 'set': {
      const v = randomValue(rng);
      return { method: ST('set'), input: concatBytes(vec(key), vec(v)), label: `set(${hx(key)}, ${hx(v)})`, scope: 'top', kind, key };
    }
    case 'append': {
      const item = rng.chance(0.8) ? vec(randomValue(rng)) : randomValue(rng);
      return { method: ST('append'), input: concatBytes(vec(key), vec(item)), label: `append(${hx(key)}, ${hx(item)})`, scope: 'top', kind, key };
    }
    case 'read': {
      const offset = rng.int(12);
      const size = rng.int(12);
      return {
        method: ST('read'),
        input: concatBytes(vec(key), u32(offset), u32(size)),
        label: `read(${hx(key)}, offset ${offset}, size ${size})`,
        scope: 'top',
        kind,
        key,
        offset,
        size,
      };
    }
    case 'clear_prefix':
      return { method: ST('clear_prefix'), input: vec(key), label: `clear_prefix(${hx(key)})`, scope: 'top', kind, prefix: key, clearsRange: true };
    case 'clear_prefix_v2': {
      const limit = someLimit(rng);
      return {
        method: ST('clear_prefix', 2),
        input: concatBytes(vec(key), optU32(limit)),
        label: `clear_prefix_v2(${hx(key)}, limit ${String(limit)})`,
        scope: 'top',
        kind,
        prefix: key,
        clearsRange: true,
      };
    }
    default:
      return { method: ST(kind), input: vec(key), label: `${kind}(${hx(key)})`, scope: 'top', kind, key };
  }
}

function childOp(rng: Rng, child: Uint8Array, keys: readonly Uint8Array[]): HostOp {
  const kind = rng.weighted<string>([
    [4, 'set'],
    [2, 'get'],
    [2, 'read'],
    [1, 'clear'],
    [1, 'exists'],
    [1, 'clear_prefix'],
    [1, 'clear_prefix_v2'],
    [0.4, 'storage_kill'],
    [0.4, 'storage_kill_v2'],
    [0.4, 'storage_kill_v3'],
    [2, 'next_key'],
  ]);
  const c = vec(child);
  const tag = `child ${hx(child)}`;
  const base = { scope: 'child' as const, kind: `child_${kind}`, child };
  switch (kind) {
    case 'set': {
      // Child keys written are never empty: `:child_storage:default:` ++ child is also the child's root key in the top trie.
      let key = someKey(rng, keys);
      if (key.length === 0) key = Uint8Array.of(0x61);
      const v = randomValue(rng);
      return { ...base, method: CH('set'), input: concatBytes(c, vec(key), vec(v)), label: `${tag} set(${hx(key)}, ${hx(v)})`, key };
    }
    case 'read': {
      const key = someKey(rng, keys);
      const offset = rng.int(12);
      const size = rng.int(12);
      return {
        ...base,
        method: CH('read'),
        input: concatBytes(c, vec(key), u32(offset), u32(size)),
        label: `${tag} read(${hx(key)}, offset ${offset}, size ${size})`,
        key,
        offset,
        size,
      };
    }
    case 'clear_prefix': {
      const prefix = somePrefix(rng, keys);
      return { ...base, method: CH('clear_prefix'), input: concatBytes(c, vec(prefix)), label: `${tag} clear_prefix(${hx(prefix)})`, prefix, clearsRange: true };
    }
    case 'clear_prefix_v2': {
      const prefix = somePrefix(rng, keys);
      const limit = someLimit(rng);
      return {
        ...base,
        method: CH('clear_prefix', 2),
        input: concatBytes(c, vec(prefix), optU32(limit)),
        label: `${tag} clear_prefix_v2(${hx(prefix)}, limit ${String(limit)})`,
        prefix,
        clearsRange: true,
      };
    }
    case 'storage_kill':
      return { ...base, method: CH('storage_kill'), input: c, label: `${tag} storage_kill()`, clearsRange: true };
    case 'storage_kill_v2':
    case 'storage_kill_v3': {
      const v = kind === 'storage_kill_v2' ? 2 : 3;
      const limit = someLimit(rng);
      return { ...base, method: CH('storage_kill', v), input: concatBytes(c, optU32(limit)), label: `${tag} storage_kill_v${v}(limit ${String(limit)})`, clearsRange: true };
    }
    default: {
      const key = someKey(rng, keys);
      return { ...base, method: CH(kind), input: concatBytes(c, vec(key)), label: `${tag} ${kind}(${hx(key)})`, key };
    }
  }
}

function rootOp(rng: Rng): HostOp {
  const kind = rng.pick(['root', 'root_v2', 'child_root', 'child_root_v2']);
  const version: 0 | 1 = kind.endsWith('_v2') && rng.chance(0.5) ? 1 : 0;
  const child = rng.pick(CHILD_KEYS);
  switch (kind) {
    case 'root':
      return { method: ST('root'), input: new Uint8Array(0), label: 'storage_root()', scope: 'root', kind, version: 0 };
    case 'root_v2':
      return { method: ST('root', 2), input: u32(version), label: `storage_root_v2(V${version})`, scope: 'root', kind, version };
    case 'child_root':
      return { method: CH('root'), input: vec(child), label: `child ${hx(child)} root()`, scope: 'root', kind, child, version: 0 };
    default:
      return { method: CH('root', 2), input: concatBytes(vec(child), u32(version)), label: `child ${hx(child)} root_v2(V${version})`, scope: 'root', kind, child, version };
  }
}

function pureOp(rng: Rng): HostOp {
  const kind = rng.weighted<string>([
    [3, 'hash'],
    [1, 'trie_root'],
    [1, 'trie_root_v2'],
    [1, 'ordered_root'],
    [1, 'ordered_root_v2'],
    [1, 'malloc'],
  ]);
  const pure = { scope: 'pure' as const, kind };
  switch (kind) {
    case 'hash': {
      const alg = rng.pick(HASHES);
      const data = rng.bytes(rng.int(100));
      return { ...pure, kind: `hash_${alg}`, method: `rtm_ext_hashing_${alg}_version_1`, input: vec(data), label: `${alg}(${hx(data)})` };
    }
    case 'malloc': {
      const data = rng.bytes(rng.int(300));
      return { ...pure, method: 'rtm_ext_allocator_malloc_version_1', input: vec(data), label: `malloc(${data.length} bytes)` };
    }
    case 'trie_root':
    case 'trie_root_v2': {
      const n = rng.int(6);
      const pairs: Array<[Uint8Array, Uint8Array]> = [];
      for (let i = 0; i < n; i++) pairs.push([randomKey(rng), randomValue(rng)]);
      const v2 = kind === 'trie_root_v2';
      const version: 0 | 1 = v2 && rng.chance(0.5) ? 1 : 0;
      return {
        ...pure,
        method: `rtm_ext_trie_blake2_256_root_version_${v2 ? 2 : 1}`,
        input: concatBytes(encodeCompact(n), ...pairs.flatMap(([k, v]) => [vec(k), vec(v)]), v2 ? u32(version) : new Uint8Array(0)),
        label: `${kind}(${pairs.map(([k, v]) => `${hx(k)}: ${hx(v)}`).join(', ')}${v2 ? `; V${version}` : ''})`,
        pairs,
        trieVersion: version,
      };
    }
    default: {
      const n = rng.int(6);
      const values: Uint8Array[] = [];
      for (let i = 0; i < n; i++) values.push(vec(randomValue(rng)));
      const v2 = kind === 'ordered_root_v2';
      const version = rng.int(2);
      return {
        ...pure,
        method: `rtm_ext_trie_blake2_256_ordered_root_version_${v2 ? 2 : 1}`,
        input: concatBytes(encodeCompact(n), ...values, v2 ? u32(version) : new Uint8Array(0)),
        label: `${kind}(${n} values${v2 ? `, V${version}` : ''})`,
      };
    }
  }
}

/** A random op against `state` (keys of the state are favoured). */
export function randomOp(rng: Rng, state: InMemoryBackend): HostOp {
  const scope = rng.weighted<OpScope | 'crypto'>([
    [5, 'top'],
    [4, 'child'],
    [1.2, 'root'],
    [1, 'pure'],
    [0.6, 'crypto'],
  ]);
  switch (scope) {
    case 'crypto':
      return cryptoOp(rng);
    case 'top':
      return topOp(
        rng,
        state.entries().map(([k]) => k),
      );
    case 'child': {
      const child = rng.pick(CHILD_KEYS);
      return childOp(
        rng,
        child,
        state.childEntries(child).map(([k]) => k),
      );
    }
    case 'root':
      return rootOp(rng);
    case 'pure':
      return pureOp(rng);
  }
}

/** A random initial state: a few top entries (sometimes `:code`) and 0–2 child tries. */
export function randomInitialEntries(rng: Rng): { top: Array<[Uint8Array, Uint8Array]>; children: Array<[Uint8Array, Array<[Uint8Array, Uint8Array]>]> } {
  const top: Array<[Uint8Array, Uint8Array]> = [];
  if (rng.chance(0.5)) top.push([utf8(':code'), rng.chance(0.5) ? new Uint8Array(0) : randomValue(rng)]);
  for (let i = rng.int(6); i > 0; i--) top.push([randomKey(rng), randomValue(rng)]);
  const children: Array<[Uint8Array, Array<[Uint8Array, Uint8Array]>]> = [];
  for (const child of CHILD_KEYS) {
    if (!rng.chance(0.35)) continue;
    const entries: Array<[Uint8Array, Uint8Array]> = [];
    for (let i = 1 + rng.int(4); i > 0; i--) {
      const k = randomKey(rng);
      entries.push([k.length === 0 ? Uint8Array.of(0x62) : k, randomValue(rng)]);
    }
    children.push([child, entries]);
  }
  return { top, children };
}
