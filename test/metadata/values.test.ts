/**
 * Command-line text and JSON shaped for polkadot-api's codecs, and decoded
 * values made JSON-safe. The type entries are metadata-builders' lookup
 * entries, written out.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isSwxError } from '../../src/base/errors.js';
import { loadPapi, type LookupEntry } from '../../src/metadata/papi.js';
import { fromJson, fromText, toJson } from '../../src/metadata/values.js';

const u32: LookupEntry = { id: 1, type: 'primitive', value: 'u32' };
const u128: LookupEntry = { id: 2, type: 'primitive', value: 'u128' };
const bool: LookupEntry = { id: 3, type: 'primitive', value: 'bool' };
const bytes: LookupEntry = { id: 4, type: 'sequence', value: { id: 5, type: 'primitive', value: 'u8' } };
const hash: LookupEntry = { id: 6, type: 'array', len: 4, value: { id: 5, type: 'primitive', value: 'u8' } };
const optU32: LookupEntry = { id: 7, type: 'option', value: u32 };
const account: LookupEntry = { id: 8, type: 'AccountId32' };
const pair: LookupEntry = { id: 9, type: 'struct', value: { who: account, amount: u128 }, innerDocs: {} };
const choice: LookupEntry = {
  id: 10,
  type: 'enum',
  value: { None: { type: 'void', idx: 0 }, Some: { type: 'lookupEntry', value: u32, idx: 1 } },
  innerDocs: {},
};

const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';

describe('fromText / fromJson', () => {
  it('takes numbers as text: up to 32 bits as numbers, wider ones as bigints (decimal or hex)', async () => {
    const papi = await loadPapi();
    assert.equal(fromText(papi, u32, '42', 'x', 42), 42);
    assert.equal(fromText(papi, u128, '340282366920938463463374607431768211455', 'x', 42), 2n ** 128n - 1n);
    assert.equal(fromText(papi, u128, '0x10', 'x', 42), 16n);
    assert.equal(fromText(papi, bool, 'true', 'x', 42), true);
  });

  it('takes bytes as hex (or text for Vec<u8>), fixed arrays with their exact length', async () => {
    const papi = await loadPapi();
    assert.deepEqual(fromText(papi, bytes, '0x0102', 'x', 42), new Uint8Array([1, 2]));
    assert.deepEqual(fromText(papi, bytes, 'hi', 'x', 42), new Uint8Array([0x68, 0x69]));
    assert.equal(fromText(papi, hash, '0x01020304', 'x', 42), '0x01020304');
    assert.throws(() => fromText(papi, hash, '0x0102', 'x', 42), (e: unknown) => isSwxError(e, 'METADATA_BAD_ARGUMENT') && e.message === 'x: expected 0x-hex of 4 bytes, got "0x0102"');
  });

  it('takes accounts as SS58 or as a 0x public key (rendered with the chain prefix)', async () => {
    const papi = await loadPapi();
    assert.equal(fromText(papi, account, ALICE, 'x', 42), ALICE);
    assert.equal(fromText(papi, account, '0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d', 'x', 42), ALICE);
  });

  it('takes structs, options and enums as JSON', async () => {
    const papi = await loadPapi();
    assert.deepEqual(fromText(papi, pair, `{"who":"${ALICE}","amount":"5"}`, 'x', 42), { who: ALICE, amount: 5n });
    assert.equal(fromText(papi, optU32, 'null', 'x', 42), undefined);
    assert.equal(fromText(papi, optU32, '7', 'x', 42), 7);
    assert.deepEqual(fromText(papi, choice, 'None', 'x', 42), { type: 'None', value: undefined });
    assert.deepEqual(fromJson(papi, choice, { Some: 3 }, 'x', 42), { type: 'Some', value: 3 });
    assert.deepEqual(fromJson(papi, choice, { type: 'Some', value: '3' }, 'x', 42), { type: 'Some', value: 3 });
    assert.throws(() => fromJson(papi, choice, 'Maybe', 'x', 42), (e: unknown) => isSwxError(e, 'METADATA_BAD_ARGUMENT') && /expected a variant of None \| Some/.test(e.message));
    assert.throws(() => fromJson(papi, pair, [1], 'arg', 42), (e: unknown) => isSwxError(e, 'METADATA_BAD_ARGUMENT') && e.message === 'arg: expected an object with who, amount, got [1]');
  });
});

describe('toJson', () => {
  it('writes bigints as decimal strings, bytes as hex, unit variants without value, None as null', () => {
    assert.deepEqual(toJson({ a: 2n ** 64n, b: new Uint8Array([0xab]), c: { type: 'None', value: undefined }, d: undefined, e: [1, true] }), {
      a: '18446744073709551616',
      b: '0xab',
      c: { type: 'None' },
      d: null,
      e: [1, true],
    });
  });

  it('keeps a struct field named value that is None', () => {
    assert.deepEqual(toJson({ type: 'x', value: undefined, other: 1 }), { type: 'x', value: null, other: 1 });
  });
});
