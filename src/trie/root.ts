/**
 * Root of a whole key/value set in one pass (trie-root `trie_root_no_extension`
 * with the sp-trie `TrieStream`), without building a tree: over the sorted
 * entries, a node is a range of entries sharing a nibble prefix.
 *
 *   node(range, depth):
 *     L = common nibble prefix of first and last key of the range (sorted ⇒ of all)
 *     one entry            ⇒ leaf, partial = key[depth..]
 *     else value = entry whose key is exactly L nibbles long (only the first can be)
 *          children = the rest split by nibble L (contiguous runs), each node(run, L+1)
 *          ⇒ branch, partial = key[depth..L)
 *   ref(node) = encoding if < 32 bytes, else hash(encoding)
 *   root      = hash(encoding of node(all, 0)), or hash(00) when empty
 */
import { SwxError } from '../base/errors.js';
import { compareBytes } from '../base/bytes.js';
import { encodeCompact } from '../base/scale.js';
import { EMPTY_NODE, HEADER, NodeBuilder } from './builder.js';
import { commonNibblePrefix, nibbleAt } from './nibbles.js';
import { HASH_LENGTH, NIBBLE_COUNT, isHashedValue, type TrieHasher, type TrieVersion } from './types.js';

/** A key/value pair. */
export type TrieEntry = readonly [Uint8Array, Uint8Array];

/** blake2_256(0x00), the root of the empty trie with the Substrate hasher. */
export const EMPTY_TRIE_ROOT_BLAKE2: Uint8Array = new Uint8Array([
  0x03, 0x17, 0x0a, 0x2e, 0x75, 0x97, 0xb7, 0xb7, 0xe3, 0xd8, 0x4c, 0x05, 0x39, 0x1d, 0x13, 0x9a, 0x62, 0xb1, 0x57, 0xe7, 0x87, 0x86,
  0xd8, 0xc0, 0x82, 0xf2, 0x9d, 0xcf, 0x4c, 0x11, 0x13, 0x14,
]);

/** Root of the empty trie for `hash` (the hash of the single byte `00`). */
export function emptyTrieRoot(hash: TrieHasher): Uint8Array {
  return hash(new Uint8Array([EMPTY_NODE]));
}

/** Throws unless `entries` are strictly increasing by key. */
export function assertSortedEntries(entries: ReadonlyArray<TrieEntry>, what: string): void {
  for (let i = 1; i < entries.length; i++) {
    if (compareBytes(entries[i - 1]![0], entries[i]![0]) >= 0) {
      throw new SwxError('INVALID_INPUT', `${what}: entries must be sorted by key and duplicate-free (entry ${i})`, { index: i });
    }
  }
}

/** One root computation over sorted entries. */
class RangeEncoder {
  private readonly b = new NodeBuilder(4096);
  constructor(
    private readonly entries: ReadonlyArray<TrieEntry>,
    private readonly version: TrieVersion,
    private readonly hash: TrieHasher,
  ) {}

  /** Child reference of the node over `[lo, hi)` at nibble `depth`. */
  private ref(lo: number, hi: number, depth: number): Uint8Array {
    const enc = this.encode(lo, hi, depth);
    return enc.length < HASH_LENGTH ? enc.slice() : this.hash(enc);
  }

  /** Encoding of the node over `[lo, hi)` at `depth`: a view into the builder, valid until the next encode. */
  encode(lo: number, hi: number, depth: number): Uint8Array {
    const entries = this.entries;
    const first = entries[lo]![0];
    if (hi - lo === 1) {
      const b = this.b;
      const value = entries[lo]![1];
      const hashed = isHashedValue(value.length, this.version);
      const end = first.length * 2;
      b.reset();
      b.header(hashed ? HEADER.hashedLeaf : HEADER.leaf, end - depth);
      b.partialFromKey(first, depth, end);
      if (hashed) b.bytes(this.hash(value));
      else b.lengthPrefixed(value);
      return b.view();
    }
    const split = commonNibblePrefix(first, entries[hi - 1]![0], depth);
    let start = lo;
    let value: Uint8Array | undefined;
    if (first.length * 2 === split) {
      value = entries[lo]![1];
      start++;
    }
    // Children first (they reuse the builder), then this node.
    const refs: Array<Uint8Array | undefined> = new Array<Uint8Array | undefined>(NIBBLE_COUNT);
    let bitmap = 0;
    let i = start;
    while (i < hi) {
      const nib = nibbleAt(entries[i]![0], split);
      const j = this.runEnd(i, hi, split, nib);
      refs[nib] = this.ref(i, j, split + 1);
      bitmap |= 1 << nib;
      i = j;
    }
    const b = this.b;
    b.reset();
    const hashed = value !== undefined && isHashedValue(value.length, this.version);
    b.header(value === undefined ? HEADER.branchNoValue : hashed ? HEADER.hashedBranch : HEADER.branchWithValue, split - depth);
    b.partialFromKey(first, depth, split);
    b.setBitmap(b.bitmapPlaceholder(), bitmap);
    if (value !== undefined) {
      if (hashed) b.bytes(this.hash(value));
      else b.lengthPrefixed(value);
    }
    for (let n = 0; n < NIBBLE_COUNT; n++) {
      const r = refs[n];
      if (r !== undefined) b.lengthPrefixed(r);
    }
    return b.view();
  }

  /** First index in `(i, hi)` whose nibble at `at` differs from `nib` (nibbles are non-decreasing there). */
  private runEnd(i: number, hi: number, at: number, nib: number): number {
    const entries = this.entries;
    let lo = i + 1;
    // Short runs are common deep in the trie: scan a few, then binary search.
    const scanEnd = Math.min(hi, lo + 8);
    while (lo < scanEnd) {
      if (nibbleAt(entries[lo]![0], at) !== nib) return lo;
      lo++;
    }
    let h = hi;
    while (lo < h) {
      const mid = (lo + h) >>> 1;
      if (nibbleAt(entries[mid]![0], at) === nib) lo = mid + 1;
      else h = mid;
    }
    return lo;
  }
}

/**
 * Root of a key/value set. `entries` MUST be sorted by key (bytewise) and
 * duplicate-free (checked: throws `INVALID_INPUT`).
 */
export function trieRoot(entries: ReadonlyArray<TrieEntry>, version: TrieVersion, hash: TrieHasher): Uint8Array {
  assertSortedEntries(entries, 'trieRoot');
  if (entries.length === 0) return emptyTrieRoot(hash);
  return hash(new RangeEncoder(entries, version, hash).encode(0, entries.length, 0));
}

/** Sorts entries by key, keeping the last of equal keys (Rust `BTreeMap` collect semantics). */
export function sortEntriesLastWins(entries: Iterable<TrieEntry>): TrieEntry[] {
  const all = Array.from(entries);
  // Array.prototype.sort is stable: equal keys stay in insertion order.
  all.sort((a, b) => compareBytes(a[0], b[0]));
  const out: TrieEntry[] = [];
  for (let i = 0; i < all.length; i++) {
    const next = all[i + 1];
    if (next !== undefined && compareBytes(all[i]![0], next[0]) === 0) continue;
    out.push(all[i]!);
  }
  return out;
}

/** Root of unsorted entries with possible duplicate keys, the last one winning (as `ext_trie_*_root` does). */
export function trieRootUnsorted(entries: Iterable<TrieEntry>, version: TrieVersion, hash: TrieHasher): Uint8Array {
  const sorted = sortEntriesLastWins(entries);
  if (sorted.length === 0) return emptyTrieRoot(hash);
  return hash(new RangeEncoder(sorted, version, hash).encode(0, sorted.length, 0));
}

/** Root of a list: key `i` = SCALE `Compact<u32>(i)` (sp-trie `TrieConfiguration::ordered_trie_root`). */
export function orderedTrieRoot(values: readonly Uint8Array[], version: TrieVersion, hash: TrieHasher): Uint8Array {
  return trieRootUnsorted(
    values.map((v, i): TrieEntry => [encodeCompact(i), v]),
    version,
    hash,
  );
}
