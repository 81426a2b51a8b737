import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { toHexRaw, utf8 } from '../../src/base/bytes.js';
import { isSwxError } from '../../src/base/errors.js';
import { EMPTY_TRIE_ROOT_BLAKE2, emptyTrieRoot, orderedTrieRoot, trieRoot, trieRootUnsorted, type TrieEntry, type TrieVersion } from '../../src/trie/index.js';
import { testHashers } from '../support/fake-context.js';
import { e, fill, hex } from './support.js';

const { blake2_256: blake2, keccak_256: keccak } = await testHashers;

// Reference §6 vectors: smoldot's published ones and ones derived with trie_ref.py.
const VECTORS: Array<{ name: string; entries: TrieEntry[]; version: TrieVersion; keccak?: boolean; root: string }> = [
  { name: 'empty trie', entries: [], version: 0, root: '03170a2e7597b7b7e3d84c05391d139a62b157e78786d8c082f29dcf4c111314' },
  { name: 'empty trie (keccak)', entries: [], version: 0, keccak: true, root: 'bc36789e7a1e281436464229828f817d6612f7b477d66591ff96a9e064bcc98a' },
  { name: 'V0 {foo: bar, foobar: baz}', entries: [e('foo', 'bar'), e('foobar', 'baz')], version: 0, root: 'a61820b5fba9b01aee10b5bbd84aea80b8230318c5e8ca14b9a4940c76e09815' },
  { name: 'V0 {foo: bar, foobar: baz} (keccak)', entries: [e('foo', 'bar'), e('foobar', 'baz')], version: 0, keccak: true, root: '6d0d2e042cc02579d5e6f8226c245617a434a2a5f86fec418e4776c42ccd8b91' },
  {
    name: 'V1 {anotheritem, bar, barfoo}',
    entries: [e('anotheritem', 'anothervalue'), e('bar', 'foo'), e('barfoo', 'hello')],
    version: 1,
    root: '441807c345ca7adf88bd21ab1b3cbadb15616abb89167eb9fe285dd5cecd04c8',
  },
  {
    name: 'V1 {anotheritem, bar, barfoo} (keccak)',
    entries: [e('anotheritem', 'anothervalue'), e('bar', 'foo'), e('barfoo', 'hello')],
    version: 1,
    keccak: true,
    root: 'a3b6653a715d611319273aaaa7e1d4bb9d03e6155c81c426d4be3167f2000441',
  },
  { name: '{abcd: hello world} V0', entries: [e('abcd', 'hello world')], version: 0, root: '7ab18659d3b2789ef2400d107104c7d4fb93d06d9ab6a8b641a5de7c3fecc851' },
  { name: '{abcd: hello world} V1', entries: [e('abcd', 'hello world')], version: 1, root: '7ab18659d3b2789ef2400d107104c7d4fb93d06d9ab6a8b641a5de7c3fecc851' },
  { name: 'single leaf {aa: bb}', entries: [e(hex('aa'), hex('bb'))], version: 0, root: '7139093dc8fdc285c49416f80974ef722e770117d1626dcc7390406ba745b133' },
  { name: 'two inline leaves {1314: ff, 4819: fe}', entries: [e(hex('1314'), hex('ff')), e(hex('4819'), hex('fe'))], version: 0, root: '5a97575091d0944570d42cd246c87f097972b725deda4eb13f535087c63d7422' },
  { name: '32-byte value V0', entries: [e('k', fill(32, 1))], version: 0, root: '238e34dbb84a3824c8902d85ca8c388734f16435764e7d08e5eed1f2a335ba35' },
  { name: '32-byte value V1 (below threshold: inline)', entries: [e('k', fill(32, 1))], version: 1, root: '238e34dbb84a3824c8902d85ca8c388734f16435764e7d08e5eed1f2a335ba35' },
  { name: '33-byte value V0', entries: [e('k', fill(33, 1))], version: 0, root: '4dd38d8bfd52048e2fd5531dda9cceeae07806792d4b2b843d5288b14cd4a4bf' },
  { name: '33-byte value V1 (hashed)', entries: [e('k', fill(33, 1))], version: 1, root: 'e68ccc42ec9d9f1f4379afd18477164b7aa1445cd720b75a8131a89e0bdd8170' },
  {
    name: 'branch with value, odd nibbles V0',
    entries: [e('a', fill(40, 2)), e('ab', fill(10, 3)), e('ac', fill(33, 4))],
    version: 0,
    root: 'fa364b0943b6e0562ee100e5444d1ce50d25c62fa5b88dfaed2e4636b7b5679b',
  },
  {
    name: 'branch with value, odd nibbles V1',
    entries: [e('a', fill(40, 2)), e('ab', fill(10, 3)), e('ac', fill(33, 4))],
    version: 1,
    root: '9b83f6fa1b024113cd8e119d306e14ccd572bcc77c428f3017d1eefb4893b11c',
  },
];

describe('trieRoot', () => {
  for (const v of VECTORS) {
    it(`should compute the reference root: ${v.name}`, () => {
      assert.equal(toHexRaw(trieRoot(v.entries, v.version, v.keccak === true ? keccak : blake2)), v.root);
    });
  }

  it('should export blake2_256(00) as the empty root', () => {
    assert.deepEqual(EMPTY_TRIE_ROOT_BLAKE2, blake2(hex('00')));
    assert.deepEqual(emptyTrieRoot(blake2), EMPTY_TRIE_ROOT_BLAKE2);
  });

  it('should hash the root node even when its encoding is shorter than 32 bytes', () => {
    assert.deepEqual(trieRoot([e(hex('aa'), hex('bb'))], 0, blake2), blake2(hex('42aa04bb')));
  });

  it('should accept the empty key (value at the root branch)', () => {
    const root = trieRoot([e(hex(''), hex('01')), e(hex('10'), hex('02'))], 0, blake2);
    // Root: branch (no partial) with value 01 and child 1 = leaf "0" → 02.
    assert.deepEqual(root, blake2(hex('c0' + '0200' + '0401' + '10' + '41' + '00' + '0402')));
  });

  it('should reject unsorted or duplicate entries', () => {
    assert.throws(() => trieRoot([e('b', '1'), e('a', '2')], 0, blake2), (err) => isSwxError(err, 'INVALID_INPUT'));
    assert.throws(() => trieRoot([e('a', '1'), e('a', '2')], 0, blake2), (err) => isSwxError(err, 'INVALID_INPUT'));
  });

  it('should not modify its input', () => {
    const entries = [e('foo', 'bar'), e('foobar', fill(50, 9))];
    const copy = entries.map(([k, v]) => [k.slice(), v.slice()]);
    trieRoot(entries, 1, blake2);
    assert.deepEqual(entries, copy);
  });
});

describe('trieRootUnsorted', () => {
  it('should sort the input and keep the last of duplicate keys (BTreeMap collect)', () => {
    const sorted = trieRoot([e('a', '3'), e('b', '2')], 0, blake2);
    assert.deepEqual(trieRootUnsorted([e('b', '2'), e('a', '1'), e('a', '3')], 0, blake2), sorted);
    assert.notDeepEqual(trieRootUnsorted([e('b', '2'), e('a', '3'), e('a', '1')], 0, blake2), sorted);
  });

  it('should give the empty root for no entries', () => {
    assert.deepEqual(trieRootUnsorted([], 1, blake2), EMPTY_TRIE_ROOT_BLAKE2);
  });
});

describe('orderedTrieRoot', () => {
  it('should compute the reference ordered roots', () => {
    assert.deepEqual(orderedTrieRoot([], 0, blake2), EMPTY_TRIE_ROOT_BLAKE2);
    assert.equal(toHexRaw(orderedTrieRoot([utf8('a'), utf8('b')], 0, blake2)), 'dd1a365bd089909c83bbeb1dee5573f809330c9ea74fa5f526c6713cf18c54c8');
    assert.equal(toHexRaw(orderedTrieRoot([fill(40, 0)], 0, blake2)), '4de448f8d93d7f089965d79e7b40b717345434cfbb9732ab310c0cacedade1eb');
    assert.equal(toHexRaw(orderedTrieRoot([fill(40, 0)], 1, blake2)), 'f955a91663e0936312c2155937d8dfed75aa25213171bc0c11b0d4bd73546fad');
  });

  it('should key value i by SCALE Compact<u32>(i), including two-byte compacts past 63', () => {
    const values = Array.from({ length: 70 }, (_, i) => utf8(`v${i}`));
    const byHand = values.map((v, i): TrieEntry => [i < 64 ? new Uint8Array([i << 2]) : new Uint8Array([((i << 2) | 1) & 0xff, i >> 6]), v]);
    assert.deepEqual(orderedTrieRoot(values, 0, blake2), trieRootUnsorted(byHand, 0, blake2));
  });
});
