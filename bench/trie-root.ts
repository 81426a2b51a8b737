/**
 * Storage root of N random key/value pairs (blake2-256 trie, layouts V0/V1).
 *
 *   swx trieRoot:          entries already sorted by key (what a sorted store holds)
 *   swx trieRootUnsorted:  entries in random order (sorting included)
 *   peer calculate_state_root: the same entries as hex pairs in random order (the
 *                          form its API takes; the hex is built beforehand, untimed)
 *
 * Keys are 32 random bytes (like hashed storage keys), values 1..64 random
 * bytes (so V1 hashes the values longer than 32 bytes). Data comes from a
 * seeded generator (seed printed) so every run hashes the same tries.
 */
import { trieRoot } from '../src/index.js';
import { compareBytes } from '../src/base/bytes.js';
import { trieRootUnsorted, type TrieEntry } from '../src/trie/index.js';
import { runsFor, type BenchContext } from './context.js';
import { formatMs, measure, type MeasureOpts } from './harness.js';
import { hex } from './peer.js';

/** Seed of the entry generator. */
export const TRIE_SEED = 0x5357_5831;

/** mulberry32: a small seeded 32-bit generator (deterministic test data only). */
function generator(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

function randomBytes(next: () => number, len: number): Uint8Array {
  const out = new Uint8Array(len);
  for (let i = 0; i < len; i += 4) {
    const r = next();
    for (let j = 0; j < 4 && i + j < len; j++) out[i + j] = (r >>> (8 * j)) & 0xff;
  }
  return out;
}

/** `n` random entries (random order) from `seed`. */
export function randomEntries(n: number, seed: number): TrieEntry[] {
  const next = generator(seed);
  const out: TrieEntry[] = [];
  for (let i = 0; i < n; i++) out.push([randomBytes(next, 32), randomBytes(next, 1 + (next() % 64))]);
  return out;
}

/** One case: size, layout, runs. */
interface TrieCase {
  n: number;
  version: 0 | 1;
  opts: MeasureOpts;
}

function cases(ctx: BenchContext): TrieCase[] {
  const small = { warmup: 3, runs: runsFor(ctx, 20, 5) };
  const mid = { warmup: 1, runs: runsFor(ctx, 8, 2), gcEach: true };
  const large = { warmup: 1, runs: 4, gcEach: true };
  const out: TrieCase[] = [
    { n: 1_000, version: 0, opts: small },
    { n: 10_000, version: 0, opts: mid },
    { n: 10_000, version: 1, opts: mid },
  ];
  if (!ctx.quick) out.push({ n: 100_000, version: 0, opts: large });
  return out;
}

/** Runs the storage-root benchmark. */
export async function benchTrieRoot(ctx: BenchContext): Promise<void> {
  const blake2 = ctx.hashers.blake2_256;
  ctx.results.notes.push(`storage root: entries from seed 0x${TRIE_SEED.toString(16)} (32-byte keys, 1..64-byte values)`);
  for (const c of cases(ctx)) {
    const entries = randomEntries(c.n, TRIE_SEED + c.n);
    const sorted = [...entries].sort((a, b) => compareBytes(a[0], b[0]));
    let swxRoot = '';
    const swxSorted = await measure(() => {
      swxRoot = hex(trieRoot(sorted, c.version, blake2));
    }, c.opts);
    let unsortedRoot = '';
    const swxUnsorted = await measure(() => {
      unsortedRoot = hex(trieRootUnsorted(entries, c.version, blake2));
    }, c.opts);
    const subject = `${c.n.toLocaleString('en-US')} keys · V${c.version}`;
    const peer = ctx.peer;
    if (peer === undefined) {
      ctx.results.rows.push({ bench: 'storage root', subject, swxLabel: 'trieRoot (sorted input)', swx: swxSorted });
      ctx.results.rows.push({ bench: 'storage root', subject, swxLabel: 'trieRootUnsorted', swx: swxUnsorted });
      continue;
    }
    const hexEntries = entries.map(([k, v]): [string, string] => [hex(k), hex(v)]);
    let peerRoot = '';
    const peerSample = await measure(async () => {
      peerRoot = await peer.calculateStateRoot(hexEntries, c.version);
    }, c.opts);
    const peerLabel = 'calculate_state_root (hex, unsorted)';
    ctx.results.rows.push({ bench: 'storage root', subject, swxLabel: 'trieRoot (sorted input)', swx: swxSorted, peerLabel, peer: peerSample, sameResult: peerRoot === swxRoot });
    ctx.results.rows.push({ bench: 'storage root', subject, swxLabel: 'trieRootUnsorted', swx: swxUnsorted, peerLabel, peer: peerSample, sameResult: peerRoot === unsortedRoot });
    ctx.log(`storage root ${subject}: swx ${formatMs(swxSorted.median)} / unsorted ${formatMs(swxUnsorted.median)}, peer ${formatMs(peerSample.median)}`);
  }
}
