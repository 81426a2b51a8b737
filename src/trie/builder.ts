/**
 * A growable byte buffer that writes trie node encodings. One instance is
 * reused for every node of a root computation (reset between nodes), so the
 * hot path allocates nothing but the hashes and the short inline references.
 */
import { ScaleWriter } from '../base/scale.js';
import { nibbleAt } from './nibbles.js';

/** Node-encoding header prefixes (sp-trie `trie_constants`) with the number of low bits left for the partial-key length. */
export const HEADER = {
  /** `01` + 6 bits: leaf, inline value. */
  leaf: { prefix: 0b0100_0000, bits: 6 },
  /** `10` + 6 bits: branch without value. */
  branchNoValue: { prefix: 0b1000_0000, bits: 6 },
  /** `11` + 6 bits: branch with inline value. */
  branchWithValue: { prefix: 0b1100_0000, bits: 6 },
  /** `001` + 5 bits: leaf whose value is stored as its hash (layout V1). */
  hashedLeaf: { prefix: 0b0010_0000, bits: 5 },
  /** `0001` + 4 bits: branch whose value is stored as its hash (layout V1). */
  hashedBranch: { prefix: 0b0001_0000, bits: 4 },
} as const;

/** A node header kind. */
export type HeaderKind = (typeof HEADER)[keyof typeof HEADER];

/** The encoding of the empty trie (sp-trie `EMPTY_TRIE`). */
export const EMPTY_NODE = 0x00;

/** The SCALE writer (base) with the primitives of the sp-trie node codec. */
export class NodeBuilder extends ScaleWriter {
  constructor(capacity = 1024) {
    super(capacity);
  }

  /** A view of the written bytes, valid until the next write or reset. */
  view(): Uint8Array {
    return this.finish();
  }

  byte(b: number): void {
    this.u8(b);
  }

  bytes(b: Uint8Array): void {
    this.raw(b);
  }

  /**
   * Header byte(s): `prefix | min(n, max)` with `max = 2^bits − 1`; when
   * `n ≥ max`, the rest `n − max` follows as 255-bytes while ≥ 255, then one
   * final byte < 255 (sp-trie `node_header::size_and_prefix_iterator`).
   */
  header(kind: HeaderKind, nibbleCount: number): void {
    const max = (1 << kind.bits) - 1;
    if (nibbleCount < max) {
      this.byte(kind.prefix | nibbleCount);
      return;
    }
    this.byte(kind.prefix | max);
    let rest = nibbleCount - max;
    while (rest >= 255) {
      this.byte(255);
      rest -= 255;
    }
    this.byte(rest);
  }

  /** Partial key = nibbles `[start, end)` of byte string `key`: odd count ⇒ first byte `0x0N`, then packed pairs. */
  partialFromKey(key: Uint8Array, start: number, end: number): void {
    let i = start;
    if (((end - start) & 1) === 1) this.byte(nibbleAt(key, i++));
    if ((i & 1) === 0) {
      this.bytes(key.subarray(i >> 1, end >> 1));
      return;
    }
    this.reserve((end - i) >> 1);
    for (; i < end; i += 2) this.buf[this.length++] = (nibbleAt(key, i) << 4) | nibbleAt(key, i + 1);
  }

  /** Partial key from an owned nibble array. */
  partialFromNibbles(nibbles: Uint8Array): void {
    let i = 0;
    const n = nibbles.length;
    this.reserve((n + 1) >> 1);
    if ((n & 1) === 1) this.buf[this.length++] = nibbles[i++]!;
    for (; i < n; i += 2) this.buf[this.length++] = (nibbles[i]! << 4) | nibbles[i + 1]!;
  }

  /** Reserves the 2-byte child bitmap and returns its offset (fill with `setBitmap`). */
  bitmapPlaceholder(): number {
    const at = this.length;
    this.reserve(2);
    this.length += 2;
    return at;
  }

  /** Writes the child bitmap (u16 LE, bit i = child i present) at `at`. */
  setBitmap(at: number, bitmap: number): void {
    this.buf[at] = bitmap & 0xff;
    this.buf[at + 1] = bitmap >>> 8;
  }

  /** A child reference or inline value: `Compact(len) ‖ bytes`. */
  lengthPrefixed(b: Uint8Array): void {
    this.compact(b.length);
    this.bytes(b);
  }
}
