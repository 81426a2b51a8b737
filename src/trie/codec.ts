/**
 * The sp-trie node codec (polkadot-sdk `substrate/primitives/trie/src/node_codec.rs`,
 * `node_header.rs`): one encoding for both layouts, self-describing
 * (hashed-value nodes have their own headers).
 *
 *   empty   00
 *   leaf    header ‖ partial ‖ value
 *   branch  header ‖ partial ‖ bitmap u16 LE ‖ [value] ‖ child₀ … child₁₅ (present ones)
 *   value   inline: Compact(len) ‖ bytes        hashed (V1): 32-byte hash
 *   child   Compact(len) ‖ (encoded child if < 32 bytes, else its 32-byte hash)
 *
 * Decoding follows the upstream decoder exactly, including what it tolerates
 * (bytes after the node are ignored; a child reference is a hash iff it is
 * exactly 32 bytes long) and what it rejects (headers `0x01`–`0x0F`, non-zero
 * padding nibble, empty bitmap, non-canonical compacts, truncation).
 */
import { SwxError } from '../base/errors.js';
import { EMPTY_NODE, HEADER, NodeBuilder, type HeaderKind } from './builder.js';
import { HASH_LENGTH, NIBBLE_COUNT } from './types.js';

/** A node's value: inline, or (layout V1, values ≥ 33 bytes) the hash of the value. */
export type NodeValue = { kind: 'inline'; value: Uint8Array } | { kind: 'hashed'; hash: Uint8Array };

/** A branch's reference to a child: its hash, or its whole encoding when shorter than 32 bytes. */
export type ChildRef = { kind: 'hash'; hash: Uint8Array } | { kind: 'inline'; node: Uint8Array };

/** A decoded trie node; `partial` holds one nibble (0..15) per byte. */
export type TrieNode =
  | { kind: 'empty' }
  | { kind: 'leaf'; partial: Uint8Array; value: NodeValue }
  | {
      kind: 'branch';
      partial: Uint8Array;
      value: NodeValue | undefined;
      /** Exactly 16 entries, `undefined` where there is no child. */
      children: ReadonlyArray<ChildRef | undefined>;
    };

function bad(message: string): SwxError {
  return new SwxError('INVALID_INPUT', `trie node: ${message}`);
}

function valueHeader(value: NodeValue | undefined, leaf: boolean): HeaderKind {
  if (leaf) return value?.kind === 'hashed' ? HEADER.hashedLeaf : HEADER.leaf;
  if (value === undefined) return HEADER.branchNoValue;
  return value.kind === 'hashed' ? HEADER.hashedBranch : HEADER.branchWithValue;
}

function writeValue(b: NodeBuilder, value: NodeValue): void {
  if (value.kind === 'inline') b.lengthPrefixed(value.value);
  else {
    if (value.hash.length !== HASH_LENGTH) throw bad(`hashed value must be ${HASH_LENGTH} bytes, got ${value.hash.length}`);
    b.bytes(value.hash);
  }
}

/** Writes `node` into `b` (appending). */
export function writeNode(b: NodeBuilder, node: TrieNode): void {
  switch (node.kind) {
    case 'empty':
      b.byte(EMPTY_NODE);
      return;
    case 'leaf':
      b.header(valueHeader(node.value, true), node.partial.length);
      b.partialFromNibbles(node.partial);
      writeValue(b, node.value);
      return;
    case 'branch': {
      if (node.children.length !== NIBBLE_COUNT) throw bad(`branch must list ${NIBBLE_COUNT} children, got ${node.children.length}`);
      b.header(valueHeader(node.value, false), node.partial.length);
      b.partialFromNibbles(node.partial);
      const at = b.bitmapPlaceholder();
      if (node.value !== undefined) writeValue(b, node.value);
      let bitmap = 0;
      for (let i = 0; i < NIBBLE_COUNT; i++) {
        const c = node.children[i];
        if (c === undefined) continue;
        bitmap |= 1 << i;
        if (c.kind === 'hash') {
          if (c.hash.length !== HASH_LENGTH) throw bad(`child hash must be ${HASH_LENGTH} bytes, got ${c.hash.length}`);
          b.lengthPrefixed(c.hash);
        } else b.lengthPrefixed(c.node);
      }
      b.setBitmap(at, bitmap);
      return;
    }
    default: {
      const never: never = node;
      throw bad(`unknown node ${String(never)}`);
    }
  }
}

/** Canonical encoding of a node (sp-trie `NodeCodec::{leaf_node, branch_node_nibbled, empty_node}`). */
export function encodeNode(node: TrieNode): Uint8Array {
  const b = new NodeBuilder(64);
  writeNode(b, node);
  return b.copy();
}

/** Cursor over an encoded node. */
class Input {
  offset = 0;
  constructor(readonly data: Uint8Array) {}

  byte(): number {
    if (this.offset >= this.data.length) throw bad('out of data');
    return this.data[this.offset++]!;
  }

  take(n: number): Uint8Array {
    if (this.offset + n > this.data.length) throw bad('out of data');
    const out = this.data.subarray(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }

  /** parity-scale-codec `Compact<u32>` decoding (rejects non-canonical forms). */
  compactU32(): number {
    const b0 = this.byte();
    switch (b0 & 3) {
      case 0:
        return b0 >> 2;
      case 1: {
        const v = (b0 | (this.byte() << 8)) >> 2;
        if (v < 1 << 6) throw bad('non-canonical compact');
        return v;
      }
      case 2: {
        const v = ((b0 | (this.byte() << 8) | (this.byte() << 16) | (this.byte() << 24)) >>> 0) >>> 2;
        if (v < 1 << 14) throw bad('non-canonical compact');
        return v;
      }
      default: {
        if (b0 >> 2 !== 0) throw bad('compact out of range for u32');
        const v = (this.byte() | (this.byte() << 8) | (this.byte() << 16) | (this.byte() << 24)) >>> 0;
        if (v < 2 ** 30) throw bad('non-canonical compact');
        return v;
      }
    }
  }

  /** Partial-key length after the header byte (sp-trie `node_header::decode_size`). */
  size(first: number, bits: number): number {
    const max = (1 << bits) - 1;
    let n = first & max;
    if (n < max) return n;
    for (;;) {
      const b = this.byte();
      n += b;
      if (b < 255) return n;
    }
  }

  /** `count` nibbles packed with a leading padding nibble when odd (which must be zero). */
  partial(count: number): Uint8Array {
    // Upstream checks one byte is present and the padding before taking the partial.
    if (this.offset >= this.data.length) throw bad('out of data');
    if ((count & 1) === 1 && (this.data[this.offset]! & 0xf0) !== 0) throw bad('bad partial-key padding');
    const bytes = this.take((count + 1) >> 1);
    const out = new Uint8Array(count);
    let i = 0;
    let j = 0;
    if ((count & 1) === 1) out[i++] = bytes[j++]!;
    for (; i < count; i += 2, j++) {
      out[i] = bytes[j]! >> 4;
      out[i + 1] = bytes[j]! & 15;
    }
    return out;
  }

  value(hashed: boolean): NodeValue {
    if (hashed) return { kind: 'hashed', hash: this.take(HASH_LENGTH) };
    return { kind: 'inline', value: this.take(this.compactU32()) };
  }
}

/**
 * Decodes a node. Returned byte fields are views into `bytes`.
 * @throws SwxError `INVALID_INPUT` when the upstream decoder would fail.
 */
export function decodeNode(bytes: Uint8Array): TrieNode {
  const input = new Input(bytes);
  const first = input.byte();
  if (first === EMPTY_NODE) return { kind: 'empty' };
  let leaf: boolean;
  let hashed = false;
  let hasValue = true;
  let count: number;
  switch (first >> 6) {
    case 0b01:
      leaf = true;
      count = input.size(first, HEADER.leaf.bits);
      break;
    case 0b11:
      leaf = false;
      count = input.size(first, HEADER.branchWithValue.bits);
      break;
    case 0b10:
      leaf = false;
      hasValue = false;
      count = input.size(first, HEADER.branchNoValue.bits);
      break;
    default:
      if ((first & 0b1110_0000) === HEADER.hashedLeaf.prefix) {
        leaf = true;
        hashed = true;
        count = input.size(first, HEADER.hashedLeaf.bits);
      } else if ((first & 0b1111_0000) === HEADER.hashedBranch.prefix) {
        leaf = false;
        hashed = true;
        count = input.size(first, HEADER.hashedBranch.bits);
      } else throw bad(`unallowed header 0x${first.toString(16).padStart(2, '0')}`);
  }
  const partial = input.partial(count);
  if (leaf) return { kind: 'leaf', partial, value: input.value(hashed) };
  const bm = input.take(2);
  const bitmap = bm[0]! | (bm[1]! << 8);
  if (bitmap === 0) throw bad('branch bitmap without a child');
  const value = hasValue ? input.value(hashed) : undefined;
  const children: Array<ChildRef | undefined> = new Array<ChildRef | undefined>(NIBBLE_COUNT).fill(undefined);
  for (let i = 0; i < NIBBLE_COUNT; i++) {
    if ((bitmap & (1 << i)) === 0) continue;
    const len = input.compactU32();
    const data = input.take(len);
    children[i] = len === HASH_LENGTH ? { kind: 'hash', hash: data } : { kind: 'inline', node: data };
  }
  return { kind: 'branch', partial, value, children };
}
