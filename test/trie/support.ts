/**
 * Helpers shared by the trie tests: a seeded PRNG, random key/value sets and
 * hex shorthands. Random tests take their seed from `SWX_SEED` when set and
 * put it in every failure message.
 */
import { compareBytes, fromHex, toHexRaw, utf8 } from '../../src/base/bytes.js';
import type { TrieEntry } from '../../src/trie/index.js';

/** xorshift32: a tiny deterministic PRNG returning uint32s. */
export function rng(seed: number): () => number {
  let s = seed >>> 0 || 0x9e3779b9;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
}

/** The seed for a random test: `SWX_SEED` or a fresh one. */
export function testSeed(): number {
  const env = process.env['SWX_SEED'];
  return env !== undefined ? Number(env) >>> 0 : (Math.random() * 2 ** 32) >>> 0;
}

/** Runs `body`, prefixing any failure with the seed that reproduces it. */
export async function withSeed(seed: number, body: () => void | Promise<void>): Promise<void> {
  try {
    await body();
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new Error(`[reproduce with SWX_SEED=${seed}] ${msg}`, { cause: e });
  }
}

/** `len` random bytes. */
export function randomBytes(next: () => number, len: number): Uint8Array {
  const out = new Uint8Array(len);
  for (let i = 0; i < len; i++) out[i] = next() & 0xff;
  return out;
}

/**
 * A random key/value set of `n` keys, sorted and unique. Keys mix shapes that
 * exercise the trie: short keys sharing prefixes (branches with values, odd
 * partials), 32-byte keys, and long keys under common prefixes (storage-map
 * style); values are 0–100 bytes (so both sides of the V1 threshold).
 */
export function randomEntries(next: () => number, n: number): TrieEntry[] {
  const prefixes = [new Uint8Array(0), randomBytes(next, 16), randomBytes(next, 32)];
  const map = new Map<string, TrieEntry>();
  while (map.size < n) {
    let key: Uint8Array;
    switch (next() % 4) {
      case 0:
        key = randomBytes(next, next() % 3);
        key.forEach((_, i) => (key[i] = key[i]! & 0x13)); // few distinct bytes ⇒ shared prefixes
        break;
      case 1:
        key = randomBytes(next, 32);
        break;
      default: {
        const p = prefixes[next() % prefixes.length]!;
        const tail = randomBytes(next, next() % 40);
        key = new Uint8Array(p.length + tail.length);
        key.set(p);
        key.set(tail, p.length);
      }
    }
    const value = randomBytes(next, next() % 101);
    map.set(toHexRaw(key), [key, value]);
  }
  return [...map.values()].sort((a, b) => compareBytes(a[0], b[0]));
}

/** UTF-8 entry shorthand. */
export function e(key: string | Uint8Array, value: string | Uint8Array): TrieEntry {
  return [typeof key === 'string' ? utf8(key) : key, typeof value === 'string' ? utf8(value) : value];
}

/** Hex (with or without 0x) to bytes. */
export const hex = (s: string): Uint8Array => fromHex(s);

/** `n` copies of byte `b`. */
export const fill = (n: number, b: number): Uint8Array => new Uint8Array(n).fill(b);
