import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { toHexRaw } from '../../src/base/bytes.js';
import { isSwxError } from '../../src/base/errors.js';
import { decodeNode, encodeNode, type ChildRef, type TrieNode } from '../../src/trie/index.js';
import { fill, hex } from './support.js';

const nibbles = (...n: number[]): Uint8Array => new Uint8Array(n);
const inline = (h: string): ChildRef => ({ kind: 'inline', node: hex(h) });
const children = (set: Record<number, ChildRef>): Array<ChildRef | undefined> =>
  Array.from({ length: 16 }, (_, i) => set[i]);

function roundTrip(node: TrieNode, expectedHex: string): void {
  const enc = encodeNode(node);
  assert.equal(toHexRaw(enc), expectedHex);
  assert.deepEqual(encodeNode(decodeNode(enc)), enc);
}

describe('trie node codec', () => {
  it('should encode the empty node as 00', () => {
    roundTrip({ kind: 'empty' }, '00');
  });

  it('should encode a leaf with an even partial key (smoldot vector {aa: bb})', () => {
    roundTrip({ kind: 'leaf', partial: nibbles(0xa, 0xa), value: { kind: 'inline', value: hex('bb') } }, '42aa04bb');
  });

  it('should pad an odd partial key with a leading zero nibble', () => {
    roundTrip({ kind: 'leaf', partial: nibbles(3, 1, 4), value: { kind: 'inline', value: hex('ff') } }, '43031404ff');
  });

  it('should encode the smoldot two-leaf branch {4819: fe, 1314: ff}', () => {
    const node: TrieNode = {
      kind: 'branch',
      partial: nibbles(),
      value: undefined,
      children: children({ 1: inline('43031404ff'), 4: inline('43081904fe') }),
    };
    roundTrip(node, '80120014430314' + '04ff' + '14430819' + '04fe');
  });

  it('should encode a branch with an inline value before its children', () => {
    const node: TrieNode = {
      kind: 'branch',
      partial: nibbles(6),
      value: { kind: 'inline', value: hex('0102') },
      children: children({ 15: { kind: 'hash', hash: fill(32, 0xab) } }),
    };
    roundTrip(node, 'c1' + '06' + '0080' + '080102' + '80' + 'ab'.repeat(32));
  });

  it('should encode V1 hashed values without a length prefix (headers 001 / 0001)', () => {
    roundTrip({ kind: 'leaf', partial: nibbles(1, 2), value: { kind: 'hashed', hash: fill(32, 7) } }, '22' + '12' + '07'.repeat(32));
    roundTrip(
      { kind: 'branch', partial: nibbles(1), value: { kind: 'hashed', hash: fill(32, 7) }, children: children({ 0: inline('4000') }) },
      '11' + '01' + '0100' + '07'.repeat(32) + '08' + '4000',
    );
  });

  describe('partial-key length escape', () => {
    // [nibble count, expected header bytes] per header kind (sp-trie `size_and_prefix_iterator`).
    const leafCases: Array<[number, string]> = [
      [0, '40'],
      [62, '7e'],
      [63, '7f00'],
      [64, '7f01'],
      [63 + 254, '7ffe'],
      [63 + 255, '7fff00'],
      [63 + 256, '7fff01'],
      [63 + 255 * 2, '7fffff00'],
    ];
    for (const [n, header] of leafCases) {
      it(`should write a leaf header for ${n} nibbles as ${header}`, () => {
        const enc = encodeNode({ kind: 'leaf', partial: new Uint8Array(n).fill(5), value: { kind: 'inline', value: hex('') } });
        assert.equal(toHexRaw(enc.subarray(0, header.length / 2)), header);
        assert.equal(enc.length, header.length / 2 + Math.ceil(n / 2) + 1);
        const back = decodeNode(enc);
        assert.equal(back.kind, 'leaf');
        assert.equal(back.kind === 'leaf' && back.partial.length, n);
      });
    }
    it('should saturate at 31 for hashed-value leaves (5 bits) and 15 for hashed-value branches (4 bits)', () => {
      const leaf = (n: number): string => toHexRaw(encodeNode({ kind: 'leaf', partial: new Uint8Array(n), value: { kind: 'hashed', hash: fill(32, 0) } })).slice(0, 4);
      assert.equal(leaf(30), '3e00');
      assert.equal(leaf(31), '3f00');
      assert.equal(leaf(32), '3f01');
      const branch = (n: number): string =>
        toHexRaw(encodeNode({ kind: 'branch', partial: new Uint8Array(n), value: { kind: 'hashed', hash: fill(32, 0) }, children: children({ 0: inline('00') }) })).slice(0, 4);
      assert.equal(branch(14), '1e00');
      assert.equal(branch(15), '1f00');
      assert.equal(branch(16), '1f01');
    });
  });

  describe('decoding', () => {
    it('should treat a 32-byte child reference as a hash and a shorter one as an inline node', () => {
      const node = decodeNode(hex('80' + '0300' + '80' + 'ab'.repeat(32) + '08' + '4000'));
      assert.equal(node.kind, 'branch');
      if (node.kind !== 'branch') return;
      assert.equal(node.children[0]?.kind, 'hash');
      assert.equal(node.children[1]?.kind, 'inline');
    });

    it('should ignore bytes after the node, as sp-trie does', () => {
      assert.deepEqual(decodeNode(hex('42aa04bbffff')), { kind: 'leaf', partial: nibbles(0xa, 0xa), value: { kind: 'inline', value: hex('bb') } });
      assert.deepEqual(decodeNode(hex('0012')), { kind: 'empty' });
    });

    const rejects: Array<[string, string]> = [
      ['', 'empty input'],
      ['01', 'reserved header 0x01 (compact-proof escape)'],
      ['0f', 'reserved header 0x0f'],
      ['41', 'missing partial byte'],
      ['4110', 'non-zero padding nibble'],
      ['42aa', 'missing value'],
      ['42aa08bb', 'truncated value'],
      ['42aa0500', 'non-canonical compact length'],
      ['80', 'missing bitmap'],
      ['800000', 'empty bitmap'],
      ['800100', 'missing child'],
      ['8001000801', 'truncated child'],
      ['22' + '12' + '07'.repeat(31), 'truncated value hash'],
      ['7f', 'missing length continuation'],
      ['7fff', 'unterminated length continuation'],
    ];
    for (const [h, why] of rejects) {
      it(`should reject ${h || '(nothing)'}: ${why}`, () => {
        assert.throws(() => decodeNode(hex(h)), (e) => isSwxError(e, 'INVALID_INPUT'));
      });
    }
  });

  it('should reject a branch without 16 child slots', () => {
    assert.throws(() => encodeNode({ kind: 'branch', partial: nibbles(), value: undefined, children: [] }), (e) => isSwxError(e, 'INVALID_INPUT'));
  });
});
