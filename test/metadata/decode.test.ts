/**
 * Decoded metadata of every corpus runtime: V14 (and V15 where the runtime
 * serves it) decoded into pallets, calls, storage, constants and APIs, with
 * counts equal to substrate-bindings' own decoding of the same bytes;
 * pre-V14 metadata refused in one line that says its version and size.
 */
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { decAnyMetadata, unifyMetadata } from '@polkadot-api/substrate-bindings';
import { skipUnlessCorpus } from '../support/corpus.js';
import { isSwxError } from '../../src/base/errors.js';
import { decodeMetadata, formatMetadataText, openMetadata, readMetadataHeader, viewMetadata, type DecodedMetadata } from '../../src/metadata/index.js';
import { CORPUS_RUNTIMES, loadCorpusRuntime, type Loaded } from './support.js';

/** Counts from substrate-bindings' raw decoding: pallets, and per pallet its call variants. */
function libraryCounts(bytes: Uint8Array): { pallets: number; calls: Record<string, number>; storage: Record<string, number>; constants: Record<string, number>; apis: number } {
  const u = unifyMetadata(decAnyMetadata(bytes));
  const variants = (id: number | undefined): number => {
    if (id === undefined) return 0;
    const def = u.lookup[id]!.def;
    return def.tag === 'variant' ? def.value.length : 0;
  };
  return {
    pallets: u.pallets.length,
    calls: Object.fromEntries(u.pallets.map((p) => [p.name, variants(p.calls?.type)])),
    storage: Object.fromEntries(u.pallets.map((p) => [p.name, p.storage?.items.length ?? 0])),
    constants: Object.fromEntries(u.pallets.map((p) => [p.name, p.constants.length])),
    apis: u.apis.length,
  };
}

const decoded = CORPUS_RUNTIMES.filter((n) => n !== 'kusama-1020-genesis');

describe('decodeMetadata on the corpus runtimes', () => {
  for (const name of decoded) {
    const skip = skipUnlessCorpus(`runtimes/${name}.wasm.gz`);
    describe(name, { skip }, () => {
      let loaded: Loaded;
      let m: DecodedMetadata;
      before(async () => {
        loaded = await loadCorpusRuntime(name);
        m = await decodeMetadata(loaded.fetched.bytes);
      });

      it('has the pallet, call, storage, constant and API counts of substrate-bindings’ own decoding', () => {
        const want = libraryCounts(loaded.fetched.bytes);
        assert.equal(m.pallets.length, want.pallets);
        assert.deepEqual(Object.fromEntries(m.pallets.map((p) => [p.name, p.calls.length])), want.calls);
        assert.deepEqual(Object.fromEntries(m.pallets.map((p) => [p.name, p.storage.length])), want.storage);
        assert.deepEqual(Object.fromEntries(m.pallets.map((p) => [p.name, p.constants.length])), want.constants);
        assert.equal(m.apis.length, want.apis);
      });

      it('names System.Account with its hasher, key, value and default, and decodes every constant', () => {
        const system = m.pallets.find((p) => p.name === 'System')!;
        assert.equal(system.index, 0);
        const account = system.storage.find((s) => s.name === 'Account')!;
        assert.deepEqual(account.hashers, ['Blake2_128Concat']);
        assert.deepEqual(account.keys, ['AccountId32']);
        assert.match(account.value, /^AccountInfo<u32, AccountData<u128>>$/);
        assert.equal(account.modifier, 'Default');
        assert.match(account.default, /^0x(00)+(80)?$/);
        for (const p of m.pallets) for (const c of p.constants) assert.notEqual(c.value, null, `${p.name}.${c.name} decodes`);
      });

      it('is JSON-safe (no bigints) and round-trips through JSON', () => {
        assert.deepEqual(JSON.parse(JSON.stringify(m)), m);
      });
    });
  }

  it('westend-v9300: Balances.transfer takes (dest: MultiAddress<AccountId32, ()>, value: Compact<u128>) and SS58Prefix is 42', { skip: skipUnlessCorpus('runtimes/westend-v9300.wasm.gz') }, async () => {
    const m = await decodeMetadata((await loadCorpusRuntime('westend-v9300')).fetched.bytes);
    assert.equal(m.version, 14);
    const balances = m.pallets.find((p) => p.name === 'Balances')!;
    assert.deepEqual(balances.calls.find((c) => c.name === 'transfer'), {
      name: 'transfer',
      index: 0,
      args: [
        { name: 'dest', type: 'MultiAddress<AccountId32, ()>' },
        { name: 'value', type: 'Compact<u128>' },
      ],
    });
    assert.deepEqual(m.pallets.find((p) => p.name === 'System')!.constants.find((c) => c.name === 'SS58Prefix'), { name: 'SS58Prefix', type: 'u16', value: 42, hex: '0x2a00' });
    assert.equal(m.ss58Prefix, 42);
    assert.deepEqual(m.apis, []);
    assert.equal(balances.calls[0]!.docs, undefined, 'docs only on request');
    const withDocs = await decodeMetadata((await loadCorpusRuntime('westend-v9300')).fetched.bytes, { docs: true, pallet: 'Balances' });
    assert.ok(withDocs.pallets[0]!.calls[0]!.docs!.some((l) => /Transfer some liquid free balance/.test(l)));
  });

  it('coretime-kusama-genesis: V15 through Metadata_metadata_at_version, with runtime APIs and their types', { skip: skipUnlessCorpus('runtimes/coretime-kusama-genesis.wasm.gz') }, async () => {
    const loaded = await loadCorpusRuntime('coretime-kusama-genesis');
    assert.equal(loaded.fetched.source, 'Metadata_metadata_at_version');
    assert.deepEqual(loaded.fetched.available, [14, 15]);
    const m = await decodeMetadata(loaded.fetched.bytes);
    assert.equal(m.version, 15);
    assert.deepEqual(m.apis.find((a) => a.name === 'AccountNonceApi'), {
      name: 'AccountNonceApi',
      methods: [{ name: 'account_nonce', inputs: [{ name: 'account', type: 'AccountId32' }], output: 'u32' }],
    });
    assert.deepEqual(m.apis.find((a) => a.name === 'Core')!.methods.map((x) => x.name), ['version', 'execute_block', 'initialize_block']);
    assert.equal(m.ss58Prefix, 2);
  });

  it('kusama-1020-genesis: V9 is refused in one line with its version and size', { skip: skipUnlessCorpus('runtimes/kusama-1020-genesis.wasm.gz') }, async () => {
    const loaded = await loadCorpusRuntime('kusama-1020-genesis');
    assert.equal(loaded.fetched.source, 'Metadata_metadata');
    assert.deepEqual(readMetadataHeader(loaded.fetched.bytes).version, 9);
    await assert.rejects(decodeMetadata(loaded.fetched.bytes), (e: unknown) => {
      assert.ok(isSwxError(e, 'METADATA_UNSUPPORTED_VERSION'));
      assert.equal(e.message, 'metadata V9 (61378 bytes) is not decoded: versions before V14 carry no type registry, only Rust type names');
      assert.deepEqual(e.context, { version: 9, length: 61378 });
      return true;
    });
    const view = await viewMetadata(loaded.fetched.bytes);
    assert.deepEqual(view, { kind: 'unsupported', version: 9, length: 61378, reason: 'metadata V9 (61378 bytes) is not decoded: versions before V14 carry no type registry, only Rust type names' });
  });
});

describe('metadata bytes', () => {
  it('accepts the Vec<u8> that Metadata_metadata returns as well as the bare "meta" bytes', { skip: skipUnlessCorpus('runtimes/westend-v9300.wasm.gz') }, async () => {
    const loaded = await loadCorpusRuntime('westend-v9300');
    const raw = await loaded.call('Metadata_metadata', new Uint8Array(0));
    const fromRaw = await openMetadata(raw);
    assert.equal(fromRaw.length, loaded.fetched.bytes.length);
    assert.equal(raw.length, 288466);
    assert.equal(readMetadataHeader(raw).length, 288462); // the 4-byte compact length stripped
  });

  it('refuses bytes without the "meta" magic with METADATA_INVALID', async () => {
    await assert.rejects(openMetadata(new Uint8Array([1, 2, 3, 4, 5, 6])), (e: unknown) => isSwxError(e, 'METADATA_INVALID') && /no "meta" magic/.test(e.message));
  });
});

describe('formatMetadataText', { skip: skipUnlessCorpus('runtimes/coretime-kusama-genesis.wasm.gz') }, () => {
  it('prints one line per entry and narrows to a pallet with {pallet}', async () => {
    const m = await decodeMetadata((await loadCorpusRuntime('coretime-kusama-genesis')).fetched.bytes);
    const all = formatMetadataText(m).split('\n');
    assert.match(all[0]!, /^metadata V15: 19 pallets, \d+ calls, 13 runtime APIs, SS58 prefix 2$/);
    assert.ok(all.includes('pallet System (index 0)'));
    assert.ok(all.includes('    Account: map Blake2_128Concat(AccountId32) => AccountInfo<u32, AccountData<u128>>  [Default]'));
    assert.ok(all.includes('    account_nonce(account: AccountId32) -> u32'));
    assert.ok(all.includes('    SS58Prefix: u16 = 2'));
    const one = formatMetadataText(m, { pallet: 'balances' }).split('\n');
    assert.match(one[0]!, /^metadata V15: 1 pallets, /);
    assert.equal(one[1], `pallet Balances (index ${m.pallets.find((p) => p.name === 'Balances')!.index})`);
    assert.ok(!one.some((l) => l.startsWith('pallet System') || l.startsWith('api ')));
    const decodedOne = await decodeMetadata((await loadCorpusRuntime('coretime-kusama-genesis')).fetched.bytes, { pallet: 'Balances' });
    assert.deepEqual(decodedOne.pallets.map((p) => p.name), ['Balances']);
    await assert.rejects(decodeMetadata((await loadCorpusRuntime('coretime-kusama-genesis')).fetched.bytes, { pallet: 'Balance' }), (e: unknown) => isSwxError(e, 'METADATA_UNKNOWN_ENTRY') && /did you mean Balances\?$/.test(e.message));
  });
});
