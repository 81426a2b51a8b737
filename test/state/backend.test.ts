import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InMemoryBackend } from '../../src/state/backend.js';
import { backendFromChainSpec } from '../../src/state/chain-spec.js';
import { isSwxError } from '../../src/base/errors.js';
import { decodeUtf8 } from '../../src/base/bytes.js';
import { b, hx, textBackend } from './helpers.js';

const text = (v: Uint8Array | undefined): string | undefined => (v === undefined ? undefined : decodeUtf8(v));

test('InMemoryBackend answers point reads and strictly-greater next keys', () => {
  const be = textBackend({ b: '2', a: '1', ab: '3', c: '4' });
  assert.equal(text(be.get(b('ab'))), '3');
  assert.equal(be.get(b('zz')), undefined);
  assert.equal(text(be.nextKey(b(''))), 'a');
  assert.equal(text(be.nextKey(b('a'))), 'ab');
  assert.equal(text(be.nextKey(b('aa'))), 'ab');
  assert.equal(be.nextKey(b('c')), undefined);
  assert.deepEqual(
    be.entries().map(([k]) => decodeUtf8(k)),
    ['a', 'ab', 'b', 'c'],
  );
});

test('InMemoryBackend iterates keys by prefix from a start key (inclusive)', () => {
  const be = textBackend({ p1: '', p2: '', p3: '', q: '', p: '' });
  const keys = (prefix: string, start?: string): string[] =>
    [...be.keys(b(prefix), start === undefined ? undefined : b(start))].map((k) => decodeUtf8(k)!);
  assert.deepEqual(keys('p'), ['p', 'p1', 'p2', 'p3']);
  assert.deepEqual(keys('p', 'p2'), ['p2', 'p3']);
  assert.deepEqual(keys('p', 'a'), ['p', 'p1', 'p2', 'p3']);
  assert.deepEqual(keys('p', 'q'), []);
  assert.deepEqual(keys(''), ['p', 'p1', 'p2', 'p3', 'q']);
});

test('InMemoryBackend keeps child tries apart, by unprefixed storage key', () => {
  const be = textBackend({ top: 'x' }, { c1: { k1: 'v1', k2: 'v2' }, c2: {} });
  assert.equal(text(be.childGet(b('c1'), b('k2'))), 'v2');
  assert.equal(be.childGet(b('c2'), b('k2')), undefined);
  assert.equal(be.childGet(b('nope'), b('k1')), undefined);
  assert.equal(text(be.childNextKey(b('c1'), b('k1'))), 'k2');
  assert.deepEqual([...be.childKeys(b('c1'), b(''), b('k2'))].map(decodeUtf8), ['k2']);
  assert.deepEqual(be.childStorageKeys().map(decodeUtf8), ['c1', 'c2']);
  assert.equal(be.childEntries(b('nope')).length, 0);
  assert.equal(be.get(b('k1')), undefined);
});

test('InMemoryBackend.fromEntries: later duplicates win', () => {
  const be = InMemoryBackend.fromEntries([
    [b('k'), b('1')],
    [b('k'), b('2')],
  ]);
  assert.equal(text(be.get(b('k'))), '2');
  assert.equal(be.entries().length, 1);
});

test('backendFromChainSpec reads genesis.raw.top and childrenDefault', () => {
  const spec = {
    name: 'x',
    genesis: {
      raw: {
        top: { '0x3a636f6465': '0x0061736d', '0x01': '0x' },
        childrenDefault: { '0xaa': { '0x01': '0x02' } },
      },
    },
  };
  for (const input of [spec, JSON.stringify(spec)]) {
    const be = backendFromChainSpec(input);
    assert.equal(hx(be.get(b(':code'))), '0x0061736d');
    assert.equal(hx(be.get(new Uint8Array([1]))), '0x');
    assert.equal(hx(be.childGet(new Uint8Array([0xaa]), new Uint8Array([1]))), '0x02');
  }
  // childrenDefault is optional
  assert.equal(backendFromChainSpec({ genesis: { raw: { top: {} } } }).entries().length, 0);
});

test('backendFromChainSpec refuses what is not a raw chain spec, saying why', () => {
  const cases: Array<[unknown, RegExp]> = [
    ['{not json', /unparsable JSON/],
    [[1, 2], /not a JSON object/],
    [{ name: 'x' }, /no "genesis"/],
    [{ genesis: { runtimeGenesis: {} } }, /no "raw" object \(found: runtimeGenesis\)/],
    [{ genesis: { raw: { top: [] } } }, /genesis\.raw\.top is not an object/],
    [{ genesis: { raw: { top: { '0x0g': '0x' } } } }, /invalid hex digit/],
    [{ genesis: { raw: { top: { '00': '0x' } } } }, /lacks the 0x prefix/],
    [{ genesis: { raw: { top: { '0x00': 5 } } } }, /not a hex string/],
    [{ genesis: { raw: { top: {}, childrenDefault: { '0x01': 'x' } } } }, /childrenDefault\[0x01\] is not an object/],
  ];
  for (const [input, re] of cases) {
    assert.throws(
      () => backendFromChainSpec(input),
      (e: unknown) => isSwxError(e, 'CHAIN_SPEC_INVALID') && re.test(e.message),
      String(re),
    );
  }
});
