/**
 * Shared helpers of the state tests: text keys, small backends, a seeded PRNG.
 */
import { fromHex, toHex, utf8 } from '../../src/base/bytes.js';
import { createHashers } from '../../src/base/hashing.js';
import { InMemoryBackend, type StorageBackend } from '../../src/state/backend.js';
import { StateMachine } from '../../src/state/state-machine.js';

/** UTF-8 bytes of a string (shorthand). */
export const b = utf8;

/** Bytes from a number list (shorthand). */
export function u8(...xs: number[]): Uint8Array {
  return new Uint8Array(xs);
}

/** Hex of a value or "none" (readable assertion messages). */
export function hx(v: Uint8Array | undefined | null): string {
  return v === undefined || v === null ? 'none' : toHex(v);
}

/** Hashers for the state tests (created once per test file). */
export const hashersP = createHashers();

/** A backend from text keys/values: top, and children by storage key. */
export function textBackend(top: Record<string, string>, children: Record<string, Record<string, string>> = {}): InMemoryBackend {
  const pairs = (o: Record<string, string>): Array<[Uint8Array, Uint8Array]> => Object.entries(o).map(([k, v]) => [b(k), b(v)]);
  return InMemoryBackend.fromEntries(
    pairs(top),
    Object.entries(children).map(([sk, o]) => [b(sk), pairs(o)] as const),
  );
}

/** A backend from byte keys given as number lists (upstream tests use `vec![10]`-style keys). */
export function numBackend(top: Array<[number[], number[]]>, children: Array<[string, Array<[number[], number[]]>]> = []): InMemoryBackend {
  const pairs = (xs: Array<[number[], number[]]>): Array<[Uint8Array, Uint8Array]> => xs.map(([k, v]) => [new Uint8Array(k), new Uint8Array(v)]);
  return InMemoryBackend.fromEntries(
    pairs(top),
    children.map(([sk, xs]) => [b(sk), pairs(xs)] as const),
  );
}

/** A state machine over `backend` with blake2-256. */
export async function machine(backend: StorageBackend = InMemoryBackend.empty()): Promise<StateMachine> {
  const h = await hashersP;
  return new StateMachine(backend, { hash: h.blake2_256 });
}

/** Deterministic PRNG (mulberry32); print the seed so failures can be replayed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random bytes of length `n` from `rnd`. */
export function randomBytes(rnd: () => number, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(rnd() * 256);
  return out;
}

/** Hex → bytes (shorthand). */
export const h = (s: string): Uint8Array => fromHex(s);
