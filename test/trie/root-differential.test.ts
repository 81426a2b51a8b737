/**
 * Differential test of `trieRoot` against `@acala-network/chopsticks-executor`
 * (`calculate_state_root(entries: [hexKey, hexValue][], trieVersion: 0 | 1)`,
 * Substrate's own sp-trie compiled to Wasm) on seeded random key sets and on
 * the partial-key length boundaries. a 100k-key trie is compared too (`SWX_QUICK=1` skips it).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { toHex } from '../../src/base/bytes.js';
import { trieRoot, type TrieEntry, type TrieVersion } from '../../src/trie/index.js';
import { testHashers } from '../support/fake-context.js';
import { fill, randomEntries, rng, testSeed, withSeed } from './support.js';

const { blake2_256: blake2 } = await testHashers;

type CalculateStateRoot = (entries: Array<[string, string]>, trieVersion: number) => Promise<string>;
const oracle = (await import('@acala-network/chopsticks-executor')) as unknown as { calculate_state_root: CalculateStateRoot };

async function expected(entries: readonly TrieEntry[], version: TrieVersion): Promise<string> {
  return oracle.calculate_state_root(
    entries.map(([k, v]) => [toHex(k), toHex(v)]),
    version,
  );
}

async function check(entries: readonly TrieEntry[], version: TrieVersion, what: string): Promise<void> {
  assert.equal(toHex(trieRoot(entries, version, blake2)), await expected(entries, version), `${what}, V${version}, ${entries.length} keys`);
}

/** The 100k-key comparison runs by default (about 15 s); SWX_QUICK=1 skips it. */
const QUICK = process.env['SWX_QUICK'] === '1';

describe('trieRoot vs chopsticks-executor (sp-trie)', () => {
  it('should agree on seeded random key sets of 0..300 keys, V0 and V1', async () => {
    const seed = testSeed();
    await withSeed(seed, async () => {
      const next = rng(seed);
      for (let round = 0; round < 60; round++) {
        const n = round < 10 ? round : next() % 301;
        const entries = randomEntries(next, n);
        await check(entries, 0, `round ${round}`);
        await check(entries, 1, `round ${round}`);
      }
    });
  });

  it('should agree on partial keys around the header length escapes (63, 63+255 nibbles; 31 and 15 for hashed values)', async () => {
    for (const bytes of [15, 16, 31, 32, 33, 158, 159, 160, 161, 300]) {
      // One key: an even leaf partial of 2·bytes nibbles.
      await check([[fill(bytes, 0x5a), fill(40, 1)]], 0, `single ${bytes}-byte key`);
      await check([[fill(bytes, 0x5a), fill(40, 1)]], 1, `single ${bytes}-byte key`);
      // Keys diverging at the first nibble: odd leaf partials of 2·bytes − 1 nibbles.
      const odd: TrieEntry[] = [
        [fill(bytes, 0x05), fill(10, 2)],
        [fill(bytes, 0x15), fill(40, 3)],
      ];
      await check(odd, 0, `odd ${bytes}-byte keys`);
      await check(odd, 1, `odd ${bytes}-byte keys`);
      // A long common prefix: a branch (with a value, hashed in V1) with a long partial.
      const prefix = fill(bytes, 0x77);
      const withTail = (t: number): Uint8Array => Uint8Array.from([...prefix, t]);
      const branch: TrieEntry[] = [
        [prefix, fill(50, 4)],
        [withTail(0x01), fill(5, 5)],
        [withTail(0xf0), fill(60, 6)],
      ];
      await check(branch, 0, `branch under ${bytes}-byte prefix`);
      await check(branch, 1, `branch under ${bytes}-byte prefix`);
    }
  });

  it('should agree on values around the V1 threshold (32, 33 bytes) in leaves and branches', async () => {
    for (const len of [0, 1, 31, 32, 33, 34, 1000]) {
      const entries: TrieEntry[] = [
        [Uint8Array.of(0x12), fill(len, 7)],
        [Uint8Array.of(0x12, 0x34), fill(len, 8)],
        [Uint8Array.of(0x12, 0x35), fill(3, 9)],
      ];
      await check(entries, 0, `${len}-byte values`);
      await check(entries, 1, `${len}-byte values`);
    }
  });

  it('should agree on 100k random 32-byte keys, V0 and V1', { skip: QUICK ? 'SWX_QUICK=1' : false }, async () => {
    const seed = testSeed();
    await withSeed(seed, async () => {
      const next = rng(seed);
      const map = new Map<string, TrieEntry>();
      while (map.size < 100_000) {
        const k = new Uint8Array(32).map(() => next() & 0xff);
        map.set(toHex(k), [k, new Uint8Array(32 + (next() % 69)).map(() => next() & 0xff)]);
      }
      const entries = [...map.values()].sort((a, b) => (toHex(a[0]) < toHex(b[0]) ? -1 : 1));
      await check(entries, 0, '100k keys');
      await check(entries, 1, '100k keys');
    });
  });
});
