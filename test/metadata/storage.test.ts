/**
 * Storage by pallet and item name on real genesis states: keys built with
 * the item's hashers, map entries listed and their keys read back, values
 * decoded with field names, defaults for absent keys.
 */
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { skipUnlessCorpus } from '../support/corpus.js';
import { isSwxError } from '../../src/base/errors.js';
import { fromHex, toHex } from '../../src/base/bytes.js';
import {
  decodeStorageKey,
  decodeStorageValue,
  listStorageEntries,
  openMetadata,
  readStorage,
  storageKey,
  type RuntimeMetadata,
} from '../../src/metadata/index.js';
import type { StorageBackend } from '../../src/state/index.js';
import { loadCorpusChainSpec } from './support.js';

/** twox128("System") ++ twox128("Account"). */
const SYSTEM_ACCOUNT_PREFIX = '0x26aa394eea5630e07c48ae0c9558cef7b99d880ec681799c0cf30e8886371da9';
/** An account of the coretime-kusama genesis (SS58 prefix 2), first in key order. */
const GENESIS_ACCOUNT = 'J11Rp4mjz3vRb2DL51HqRGRjhuEQRyXgtuFskebXb8zMZ9s';
const GENESIS_ACCOUNT_KEY =
  SYSTEM_ACCOUNT_PREFIX + '6639be2514832922403288b3139bacc5' + 'f00168a3d082a8ccf93945b1f173fdaecc1ce76fc09bbde18423640194be7212';

function genesisAccountCount(state: StorageBackend): number {
  return [...state.keys(fromHex(SYSTEM_ACCOUNT_PREFIX))].length;
}

describe('System.Account on the coretime-kusama genesis', { skip: skipUnlessCorpus('chain-specs/ksmcc3_coretime.json.gz') }, () => {
  let meta: RuntimeMetadata;
  let state: StorageBackend;
  before(async () => {
    const loaded = await loadCorpusChainSpec('ksmcc3_coretime.json.gz');
    meta = await openMetadata(loaded.fetched.bytes);
    state = loaded.state!;
  });

  it('builds the key twox128(pallet) ++ twox128(item) ++ blake2_128(account) ++ account from an SS58 address', () => {
    const k = storageKey(meta, 'System.Account', [GENESIS_ACCOUNT]);
    assert.equal(k.complete, true);
    assert.equal(toHex(k.key), GENESIS_ACCOUNT_KEY);
    assert.equal(toHex(storageKey(meta, 'System.Account').key), SYSTEM_ACCOUNT_PREFIX);
  });

  it('reads the genesis account by name: the value with field names, and the raw bytes of the genesis', async () => {
    const r = await readStorage(meta, state, 'System.Account', [GENESIS_ACCOUNT]);
    assert.equal(r.kind, 'value');
    assert.deepEqual(r, {
      kind: 'value',
      key: GENESIS_ACCOUNT_KEY,
      value: { nonce: 0, consumers: 0, providers: 1, sufficients: 0, data: { free: '0', reserved: '0', frozen: '0', flags: '170141183460469231731687303715884105728' } },
      raw: toHex(state.get(fromHex(GENESIS_ACCOUNT_KEY))!),
    });
  });

  it('lists every account of the genesis in key order, each key read back to its SS58 address', async () => {
    const all = await listStorageEntries(meta, state, 'System.Account');
    assert.equal(all.entries.length, genesisAccountCount(state));
    assert.equal(all.next, undefined);
    assert.deepEqual(all.entries[0]!.keyArgs, [GENESIS_ACCOUNT]);
    const keys = all.entries.map((e) => e.key);
    assert.deepEqual(keys, [...keys].sort());
    for (const e of all.entries) {
      assert.equal(e.error, undefined);
      assert.equal(e.raw, toHex(state.get(fromHex(e.key))!));
      assert.deepEqual(decodeStorageKey(meta, 'System.Account', fromHex(e.key)), e.keyArgs);
      assert.equal(toHex(storageKey(meta, 'System.Account', e.keyArgs as string[]).key), e.key);
    }
  });

  it('pages with limit and startAfter without losing or repeating an entry', async () => {
    const all = (await listStorageEntries(meta, state, 'System.Account')).entries.map((e) => e.key);
    const seen: string[] = [];
    let startAfter: Uint8Array | undefined;
    for (;;) {
      const page = await listStorageEntries(meta, state, 'System.Account', [], startAfter !== undefined ? { limit: 3, startAfter } : { limit: 3 });
      assert.ok(page.entries.length <= 3);
      seen.push(...page.entries.map((e) => e.key));
      if (page.next === undefined) break;
      startAfter = fromHex(page.next);
    }
    assert.deepEqual(seen, all);
  });

  it('reads an absent key as the item’s default and a plain value without keys', async () => {
    const alice = await readStorage(meta, state, 'System.Account', ['5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY']);
    assert.equal(alice.kind === 'value' && alice.raw, null);
    assert.deepEqual(alice.kind === 'value' && alice.value, { nonce: 0, consumers: 0, providers: 0, sufficients: 0, data: { free: '0', reserved: '0', frozen: '0', flags: '170141183460469231731687303715884105728' } });
    const number = await readStorage(meta, state, 'System.Number');
    assert.deepEqual(number, { kind: 'value', key: '0x26aa394eea5630e07c48ae0c9558cef702a5c1b19ab7a04f536c519aca4983ac', value: 0, raw: null });
    assert.equal(decodeStorageValue(meta, 'Balances.TotalIssuance', new Uint8Array(16)), '0');
  });

  it('hashes a number key with Twox64Concat and reads it back (System.BlockHash of block 0)', async () => {
    const r = await readStorage(meta, state, 'System.BlockHash', ['0']);
    assert.deepEqual(r, {
      kind: 'value',
      key: '0x26aa394eea5630e07c48ae0c9558cef7a44704b568d21667356a5a050c118746' + 'b4def25cfda6ef3a' + '00000000',
      value: '0x' + '45'.repeat(32),
      raw: '0x' + '45'.repeat(32),
    });
    const list = await listStorageEntries(meta, state, 'System.BlockHash');
    assert.deepEqual(list.entries.map((e) => e.keyArgs), [[0]]);
  });

  it('gives a prefix for the leading parts of a multi-part key (PolkadotXcm.VersionNotifiers, u32 then VersionedLocation)', () => {
    const k = storageKey(meta, 'PolkadotXcm.VersionNotifiers', ['3']);
    assert.equal(k.complete, false);
    // twox128("PolkadotXcm") ++ twox128("VersionNotifiers") ++ twox64(3u32) ++ 3u32
    assert.equal(toHex(k.key), '0xe38f185207498abb5c213d0fb059b3d8db8f48f20e9ff76107a081bb8a607cd5' + 'bfb27f1eaef06bb9' + '03000000');
  });

  it('reads through an asynchronous backend (a remote state) the same way', async () => {
    const remote = { async: true as const, get: async (k: Uint8Array) => state.get(k), nextKey: async (k: Uint8Array) => state.nextKey(k) };
    assert.deepEqual(await readStorage(meta, remote, 'System.Account', [], { limit: 2 }), await readStorage(meta, state, 'System.Account', [], { limit: 2 }));
    assert.deepEqual(await readStorage(meta, remote, 'System.Account', [GENESIS_ACCOUNT]), await readStorage(meta, state, 'System.Account', [GENESIS_ACCOUNT]));
  });

  it('refuses surplus key parts, undecodable values and unknown names in one line', async () => {
    assert.throws(() => storageKey(meta, 'System.Number', ['1']), (e: unknown) => isSwxError(e, 'METADATA_BAD_ARGUMENT') && e.message === 'System.Number is a plain value (no key); got 1');
    assert.throws(() => decodeStorageValue(meta, 'System.Number', new Uint8Array(3)), (e: unknown) => isSwxError(e, 'METADATA_DECODE_FAILED'));
    assert.throws(() => storageKey(meta, 'System.Acount'), (e: unknown) => isSwxError(e, 'METADATA_UNKNOWN_ENTRY') && /did you mean Account\?$/.test(e.message));
    assert.throws(() => storageKey(meta, 'system.account', ['0x12']), (e: unknown) => isSwxError(e, 'METADATA_BAD_ARGUMENT'));
    await assert.rejects(listStorageEntries(meta, state, 'System.Account', [GENESIS_ACCOUNT]), (e: unknown) => isSwxError(e, 'METADATA_BAD_ARGUMENT'));
  });
});

describe('a V14 runtime: the collectives-polkadot genesis', { skip: skipUnlessCorpus('chain-specs/polkadot_collectives.json.gz') }, () => {
  it('lists System.Account and reads each listed account back by its SS58 address', async () => {
    const loaded = await loadCorpusChainSpec('polkadot_collectives.json.gz');
    assert.equal(loaded.fetched.version, 14);
    const meta = await openMetadata(loaded.fetched.bytes);
    const list = await readStorage(meta, loaded.state!, 'System.Account');
    assert.equal(list.kind, 'entries');
    if (list.kind !== 'entries') return;
    assert.equal(list.entries.length, genesisAccountCount(loaded.state!));
    for (const e of list.entries) {
      const [address] = e.keyArgs as string[];
      assert.match(address!, /^1/); // Polkadot's SS58 prefix 0
      const one = await readStorage(meta, loaded.state!, 'System.Account', [address!]);
      assert.deepEqual(one.kind === 'value' && one.value, e.value);
    }
  });
});
