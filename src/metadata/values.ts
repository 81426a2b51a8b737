/**
 * Between the values polkadot-api's dynamic codecs use and JSON.
 *
 * Decoded values become JSON-safe (`toJson`): bigints as decimal strings,
 * byte vectors as 0x-hex, enums as `{ type, value }` (polkadot-api's shape;
 * a unit variant has no `value`), `Result` as `{ success, value }`, `Option`
 * as the value or null, accounts as SS58 with the chain's prefix.
 *
 * Arguments given as text (`fromText`) or JSON (`fromJson`) are shaped for
 * the codec of a type: numbers up to 32 bits as numbers, wider ones as
 * bigints (decimal or 0x text accepted), accounts as SS58 or 0x-hex public
 * keys, bytes as 0x-hex (or plain UTF-8 text for `Vec<u8>`), enums as
 * `"Variant"`, `{ "type": "Variant", "value": … }` or `{ "Variant": … }`,
 * structs as objects, tuples and sequences as arrays, options as null or
 * the value.
 */
import { SwxError } from '../base/errors.js';
import { toHex, fromHex } from '../base/bytes.js';
import type { LookupEntry, Papi } from './papi.js';
import { errText } from './open.js';

/** A JSON value. */
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Converts a decoded value to JSON-safe data. */
export function toJson(v: unknown): Json {
  if (v === undefined || v === null) return null;
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Uint8Array) return toHex(v);
  if (Array.isArray(v)) return v.map(toJson);
  if (typeof v === 'object') {
    const out: { [k: string]: Json } = {};
    const keys = Object.keys(v);
    const isUnitVariant = keys.length === 2 && keys.includes('type') && (v as { value?: unknown }).value === undefined;
    for (const [k, x] of Object.entries(v)) {
      if (isUnitVariant && k === 'value') continue;
      out[k] = toJson(x);
    }
    return out;
  }
  return String(v);
}

/** Where an argument conversion failed, for the error message. */
function bad(what: string, path: string, got: unknown): SwxError {
  const shown = typeof got === 'string' ? JSON.stringify(got) : JSON.stringify(got, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
  return new SwxError('METADATA_BAD_ARGUMENT', `${path}: expected ${what}, got ${shown ?? String(got)}`, { path });
}

/** Types whose command-line text is taken as is rather than parsed as JSON. */
function isTextual(e: LookupEntry): boolean {
  switch (e.type) {
    case 'primitive':
    case 'compact':
    case 'AccountId32':
    case 'AccountId20':
      return true;
    case 'sequence':
    case 'array':
      return e.value.type === 'primitive' && e.value.value === 'u8';
    default:
      return false;
  }
}

/** A command-line argument for a value of type `e` (JSON unless the type takes plain text). */
export function fromText(papi: Papi, e: LookupEntry, text: string, path: string, ss58Prefix: number | undefined): unknown {
  if (isTextual(e)) return fromJson(papi, e, text, path, ss58Prefix);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return fromJson(papi, e, json, path, ss58Prefix);
}

const SMALL_INTS = new Set(['u8', 'u16', 'u32', 'i8', 'i16', 'i32']);

function toInteger(v: unknown, path: string, what: string): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' && Number.isSafeInteger(v)) return BigInt(v);
  if (typeof v === 'string' && /^(-?\d+|0x[0-9a-fA-F]+)$/.test(v.trim())) return BigInt(v.trim());
  throw bad(what, path, v);
}

function bytesOf(v: unknown, path: string, what: string, allowText: boolean): Uint8Array {
  if (v instanceof Uint8Array) return v;
  if (Array.isArray(v) && v.every((x) => typeof x === 'number' && x >= 0 && x < 256)) return Uint8Array.from(v as number[]);
  if (typeof v === 'string') {
    if (/^0x([0-9a-fA-F]{2})*$/.test(v)) return fromHex(v, path);
    if (allowText) return new TextEncoder().encode(v);
  }
  throw bad(what, path, v);
}

/** Shapes a JSON value (or text) for the codec of type `e`. */
export function fromJson(papi: Papi, e: LookupEntry, v: unknown, path: string, ss58Prefix: number | undefined): unknown {
  const sub = (x: LookupEntry, y: unknown, p: string): unknown => fromJson(papi, x, y, p, ss58Prefix);
  switch (e.type) {
    case 'primitive': {
      const p = e.value;
      if (p === 'bool') {
        if (v === true || v === 'true') return true;
        if (v === false || v === 'false') return false;
        throw bad('true or false', path, v);
      }
      if (p === 'str' || p === 'char') {
        if (typeof v !== 'string') throw bad('a string', path, v);
        return v;
      }
      const n = toInteger(v, path, `an integer (${p})`);
      return SMALL_INTS.has(p) ? Number(n) : n;
    }
    case 'compact': {
      const n = toInteger(v, path, `an integer (Compact<${e.size}>)`);
      return e.isBig ? n : Number(n);
    }
    case 'void':
      return undefined;
    case 'bitSequence': {
      const bytes = bytesOf(v, path, '0x-hex bytes (bit sequence)', false);
      return { bitsLen: bytes.length * 8, bytes };
    }
    case 'AccountId32': {
      if (typeof v === 'string' && /^0x[0-9a-fA-F]{64}$/.test(v)) return papi.bindings.fromBufferToBase58(ss58Prefix ?? 42)(fromHex(v, path));
      if (typeof v === 'string') {
        const info = papi.bindings.getSs58AddressInfo(v);
        if (info.isValid && info.publicKey.length === 32) return v;
      }
      throw bad('an SS58 address or a 0x-hex 32-byte public key', path, v);
    }
    case 'AccountId20': {
      if (typeof v === 'string' && /^0x[0-9a-fA-F]{40}$/.test(v)) return v;
      throw bad('a 0x-hex 20-byte account', path, v);
    }
    case 'sequence':
      if (e.value.type === 'primitive' && e.value.value === 'u8') return bytesOf(v, path, '0x-hex bytes or text', true);
      if (!Array.isArray(v)) throw bad('a JSON array', path, v);
      return v.map((x, i) => sub(e.value, x, `${path}[${i}]`));
    case 'array': {
      if (e.value.type === 'primitive' && e.value.value === 'u8') {
        const b = bytesOf(v, path, `0x-hex of ${e.len} bytes`, false);
        if (b.length !== e.len) throw bad(`0x-hex of ${e.len} bytes`, path, v);
        return toHex(b);
      }
      if (!Array.isArray(v) || v.length !== e.len) throw bad(`a JSON array of ${e.len} items`, path, v);
      return v.map((x, i) => sub(e.value, x, `${path}[${i}]`));
    }
    case 'tuple':
      if (e.value.length === 1 && !Array.isArray(v)) return [sub(e.value[0]!, v, `${path}[0]`)];
      if (!Array.isArray(v) || v.length !== e.value.length) throw bad(`a JSON array of ${e.value.length} items`, path, v);
      return e.value.map((x, i) => sub(x, v[i], `${path}[${i}]`));
    case 'struct': {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) throw bad(`an object with ${Object.keys(e.value).join(', ')}`, path, v);
      const o = v as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(e.value)) out[k] = sub(x, o[k], `${path}.${k}`);
      return out;
    }
    case 'option':
      return v === null || v === undefined || v === 'null' || v === 'None' ? undefined : sub(e.value, v, path);
    case 'result': {
      const o = (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>;
      if ('success' in o) return { success: o['success'] === true, value: sub(o['success'] === true ? e.value.ok : e.value.ko, o['value'], `${path}.value`) };
      if ('Ok' in o) return { success: true, value: sub(e.value.ok, o['Ok'], `${path}.Ok`) };
      if ('Err' in o) return { success: false, value: sub(e.value.ko, o['Err'], `${path}.Err`) };
      throw bad('{"Ok": …} or {"Err": …}', path, v);
    }
    case 'enum': {
      let name: string;
      let inner: unknown;
      if (typeof v === 'string') name = v;
      else if (typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string') ({ type: name, value: inner } = v as { type: string; value?: unknown });
      else if (typeof v === 'object' && v !== null && Object.keys(v).length === 1) [name, inner] = Object.entries(v)[0]!;
      else throw bad(`a variant of ${Object.keys(e.value).join(' | ')}`, path, v);
      const variant = e.value[name];
      if (variant === undefined) throw bad(`a variant of ${Object.keys(e.value).join(' | ')}`, path, name);
      const p = `${path}.${name}`;
      switch (variant.type) {
        case 'void':
          return { type: name, value: undefined };
        case 'lookupEntry':
          return { type: name, value: sub(variant.value, inner, p) };
        default:
          return { type: name, value: sub({ ...variant, id: -1 } as LookupEntry, inner, p) };
      }
    }
  }
}

/** Runs a codec step, turning the library's errors into `code` with `what` said. */
export function guard<T>(code: 'METADATA_BAD_ARGUMENT' | 'METADATA_DECODE_FAILED', what: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof SwxError) throw e;
    throw new SwxError(code, `${what}: ${errText(e)}`, {}, { cause: e });
  }
}
