/**
 * Storage roots of random states against an independent implementation:
 * `@acala-network/chopsticks-executor`'s `calculate_state_root` (smoldot's trie,
 * compiled to Wasm), layouts V0 and V1. Each state is split between a backend
 * and an overlay (sets, overwrites, deletes) so the root goes through the
 * state machine's merge and incremental cache.
 *
 * Seeded (`SWX_SEED` to replay; the seed is printed). Sizes up to 2 000 keys by
 * default; `SWX_SLOW=1` adds 100 000.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calculate_state_root } from '@acala-network/chopsticks-executor';
import { compareBytes, toHex } from '../../src/base/bytes.js';
import { InMemoryBackend } from '../../src/state/backend.js';
import { trieRoot } from '../../src/trie/index.js';
import { hashersP, machine, prng, randomBytes } from './helpers.js';

const SLOW = process.env['SWX_SLOW'] === '1';
const SIZES = SLOW ? [0, 1, 2, 3, 5, 17, 100, 2000, 100_000] : [0, 1, 2, 3, 5, 17, 100, 2000];

/** A random key: a shared-prefix family (to make branches and extensions) plus random tail. */
function randomKey(rnd: () => number): Uint8Array {
  const families = [new Uint8Array(0), new Uint8Array([0x26, 0xaa]), new Uint8Array([0x26, 0xaa, 0x39, 0x4e]), new Uint8Array([0xff])];
  const head = families[Math.floor(rnd() * families.length)]!;
  const tail = randomBytes(rnd, Math.floor(rnd() * 40));
  const k = new Uint8Array(head.length + tail.length);
  k.set(head);
  k.set(tail, head.length);
  return k;
}

/** A random value around the V1 inline threshold (32/33 bytes) or longer. */
function randomValue(rnd: () => number): Uint8Array {
  const lens = [0, 1, 31, 32, 33, 34, 64, 200];
  return randomBytes(rnd, rnd() < 0.5 ? lens[Math.floor(rnd() * lens.length)]! : Math.floor(rnd() * 80));
}

test('storage roots of random states equal chopsticks-executor roots, V0 and V1', async (t) => {
  const seed = Number(process.env['SWX_SEED'] ?? Date.now() % 1_000_000);
  t.diagnostic(`seed ${seed} (replay with SWX_SEED=${seed})`);
  const rnd = prng(seed);
  const h = await hashersP;
  for (const n of SIZES) {
    const final = new Map<string, [Uint8Array, Uint8Array]>();
    const backendPairs: Array<[Uint8Array, Uint8Array]> = [];
    const overlayOps: Array<[Uint8Array, Uint8Array | null]> = [];
    while (final.size < n) {
      const k = randomKey(rnd);
      const hk = toHex(k);
      if (final.has(hk)) continue;
      const v = randomValue(rnd);
      final.set(hk, [k, v]);
      const r = rnd();
      if (r < 0.5) backendPairs.push([k, v]);
      else if (r < 0.75) overlayOps.push([k, v]);
      else {
        backendPairs.push([k, randomValue(rnd)]);
        overlayOps.push([k, v]);
      }
    }
    // Keys deleted again: in the backend, or written then cleared in the overlay.
    for (let i = 0; i < Math.ceil(n / 10); i++) {
      const k = randomKey(rnd);
      if (final.has(toHex(k))) continue;
      if (rnd() < 0.5) backendPairs.push([k, randomValue(rnd)]);
      else overlayOps.push([k, randomValue(rnd)]);
      overlayOps.push([k, null]);
    }
    const sorted = [...final.values()].sort((x, y) => compareBytes(x[0], y[0]));
    const hexEntries = sorted.map(([k, v]) => [toHex(k), toHex(v)]);
    for (const version of [0, 1] as const) {
      const expected = (await calculate_state_root(hexEntries, version)) as string;
      const sm = await machine(InMemoryBackend.fromEntries(backendPairs));
      for (const [k, v] of overlayOps) {
        if (v === null) sm.clear(k);
        else sm.set(k, v);
      }
      assert.equal(toHex(sm.storageRoot(version)), expected, `seed ${seed}: ${n} keys, V${version} (state machine)`);
      assert.equal(toHex(trieRoot(sorted, version, h.blake2_256)), expected, `seed ${seed}: ${n} keys, V${version} (trieRoot)`);
    }
  }
});
