/**
 * Checks on what a server answers, at the boundary: every hex string, key
 * list and change set is validated before use (and before it is cached), so
 * garbage or an answer about another block is a typed `RPC_BAD_RESPONSE`
 * naming the endpoint and the request, never a wrong value.
 */
import { SwxError } from '../base/errors.js';
import { compareBytes, fromHex, toHex } from '../base/bytes.js';
import { preview } from './json-rpc.js';

const HEX = /^0x(?:[0-9a-fA-F]{2})*$/;

/** Where an answer came from, for messages. */
export interface AnswerOrigin {
  endpoint: string;
  request: string;
}

/** A RPC_BAD_RESPONSE error. */
export function badResponse(o: AnswerOrigin, why: string): SwxError {
  return new SwxError('RPC_BAD_RESPONSE', `${o.endpoint}: bad answer to ${o.request}: ${why}`, { endpoint: o.endpoint, request: o.request });
}

/** `v` as bytes if it is a `0x` hex string of whole bytes. */
export function hexAnswer(o: AnswerOrigin, v: unknown, what: string): Uint8Array {
  if (typeof v !== 'string' || !HEX.test(v)) throw badResponse(o, `${what} is not hex: ${preview(JSON.stringify(v))}`);
  return fromHex(v);
}

/** Hex bytes or null (an absent value). */
export function optHexAnswer(o: AnswerOrigin, v: unknown, what: string): Uint8Array | undefined {
  return v === null ? undefined : hexAnswer(o, v, what);
}

/** A 32-byte hash. */
export function hashAnswer(o: AnswerOrigin, v: unknown, what: string): Uint8Array {
  const b = hexAnswer(o, v, what);
  if (b.length !== 32) throw badResponse(o, `${what} is ${b.length} bytes, expected a 32-byte hash`);
  return b;
}

/** A key page: hex keys, strictly ascending, all after `start`, all under `prefix`, at most `count`. */
export function keyPageAnswer(o: AnswerOrigin, v: unknown, prefix: Uint8Array, start: Uint8Array | undefined, count: number): Uint8Array[] {
  if (!Array.isArray(v)) throw badResponse(o, `expected a list of keys, got ${preview(JSON.stringify(v))}`);
  if (v.length > count) throw badResponse(o, `${v.length} keys for a page of ${count}`);
  const keys = v.map((k, i) => hexAnswer(o, k, `key ${i}`));
  let prev = start;
  for (const k of keys) {
    if (prev !== undefined && compareBytes(k, prev) <= 0) throw badResponse(o, `keys out of order: ${toHex(k)} after ${toHex(prev)}`);
    if (k.length < prefix.length || compareBytes(k.subarray(0, prefix.length), prefix) !== 0) throw badResponse(o, `key ${toHex(k)} is not under the prefix ${toHex(prefix)}`);
    prev = k;
  }
  return keys;
}

/** A `state_queryStorageAt` answer for `keys` at `block`: the values in key order. */
export function changeSetAnswer(o: AnswerOrigin, v: unknown, block: Uint8Array, keys: readonly Uint8Array[]): Array<Uint8Array | undefined> {
  if (!Array.isArray(v) || v.length !== 1 || typeof v[0] !== 'object' || v[0] === null) throw badResponse(o, `expected one change set, got ${preview(JSON.stringify(v))}`);
  const set = v[0] as { block?: unknown; changes?: unknown };
  const at = hashAnswer(o, set.block, 'block');
  if (compareBytes(at, block) !== 0) throw badResponse(o, `answered for block ${toHex(at)}, asked for ${toHex(block)}`);
  if (!Array.isArray(set.changes)) throw badResponse(o, `changes is not a list: ${preview(JSON.stringify(set.changes))}`);
  const byKey = new Map<string, Uint8Array | undefined>();
  for (const c of set.changes as unknown[]) {
    if (!Array.isArray(c) || c.length !== 2) throw badResponse(o, `malformed change ${preview(JSON.stringify(c))}`);
    byKey.set(toHex(hexAnswer(o, c[0], 'changed key')), optHexAnswer(o, c[1], 'value'));
  }
  return keys.map((k) => {
    const h = toHex(k);
    // Substrate lists every key asked for; a key left out is absent.
    return byKey.get(h);
  });
}
