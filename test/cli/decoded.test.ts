/**
 * The CLI speaking in pallets, calls and accounts (issue "decoded, named and
 * diffed"), through `swx` in-process: decoded metadata, a runtime API called
 * by name with an SS58 address, storage read by name, and `diff`.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSwx as cli } from '../support/cli.js';
import { corpusPath, readCorpus, skipUnlessCorpus } from '../support/corpus.js';

const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const CORETIME = 'chain-specs/ksmcc3_coretime.json.gz';
const WESTEND = 'runtimes/westend-v9300.wasm.gz';
const POLKADOT = 'runtimes/polkadot-v9160.wasm.gz';
const KUSAMA_1020 = 'runtimes/kusama-1020-genesis.wasm.gz';

describe('swx with metadata', { skip: skipUnlessCorpus(CORETIME, WESTEND, POLKADOT, KUSAMA_1020) }, () => {
  let dir: string;
  let coretime: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'swx-decoded-'));
    coretime = join(dir, 'coretime.json');
    writeFileSync(coretime, readCorpus(CORETIME));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('metadata --format json: pallets with calls, events, errors, storage, constants; runtime APIs (V15)', async () => {
    const r = await cli('metadata', coretime, '--format', 'json');
    assert.equal(r.code, 0, r.err);
    const m = JSON.parse(r.out) as { version: number; pallets: Array<{ name: string; index: number; calls: unknown[]; storage: unknown[]; constants: unknown[] }>; apis: Array<{ name: string }> };
    assert.equal(m.version, 15);
    const system = m.pallets.find((p) => p.name === 'System')!;
    assert.equal(system.index, 0);
    assert.ok(system.calls.length > 0 && system.storage.length > 0 && system.constants.length > 0);
    assert.ok(m.apis.some((a) => a.name === 'AccountNonceApi'));
  });

  it('metadata --format text --pallet narrows to one pallet', async () => {
    const r = await cli('metadata', corpusPath(WESTEND)!, '--format', 'text', '--pallet', 'Balances');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^metadata V14: 1 pallets/);
    assert.match(r.out, /pallet Balances \(index 4\)/);
    assert.doesNotMatch(r.out, /pallet System/);
  });

  it('metadata of a pre-V14 runtime says its version and size and why, in one line', async () => {
    const r = await cli('metadata', corpusPath(KUSAMA_1020)!, '--format', 'text');
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out.trim(), 'metadata V9 (61378 bytes) is not decoded: versions before V14 carry no type registry, only Rust type names');
  });

  it('call Api.method with an SS58 address: the decoded result beside the raw output', async () => {
    const r = await cli('call', coretime, 'AccountNonceApi.account_nonce', ALICE, '--json');
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(JSON.parse(r.out), { result: 0, output: '0x00000000', storageChanges: [], childStorageChanges: [], logs: [] });
    assert.equal((await cli('call', coretime, 'AccountNonceApi.account_nonce', ALICE, '--raw')).out.trim(), '0x00000000');
  });

  it('call Api.method on V14 metadata says why not, in one line, exit 2', async () => {
    const r = await cli('call', corpusPath(WESTEND)!, 'AccountNonceApi.account_nonce', ALICE);
    assert.equal(r.code, 2);
    assert.match(r.err, /METADATA_NO_API_TYPES/);
    assert.equal(r.err.trim().split('\n').length, 1);
  });

  it('storage System.Account of a genesis account by name, with field names', async () => {
    const list = await cli('storage', coretime, 'System.Account', '--limit', '1', '--json');
    assert.equal(list.code, 0, list.err);
    const listing = JSON.parse(list.out) as { kind: string; entries: Array<{ keyArgs: string[] }>; next: string };
    assert.equal(listing.kind, 'entries');
    assert.equal(listing.entries.length, 1);
    const [who] = listing.entries[0]!.keyArgs;
    const one = await cli('storage', coretime, 'System.Account', who!, '--json');
    assert.equal(one.code, 0, one.err);
    const v = JSON.parse(one.out) as { kind: string; value: { nonce: number; providers: number; data: { free: string } } };
    assert.equal(v.kind, 'value');
    assert.equal(v.value.providers, 1);
    assert.equal(typeof v.value.data.free, 'string');
  });

  it('diff westend-v9300 polkadot-v9160: pallets added and removed, transaction version verdict', async () => {
    const r = await cli('diff', corpusPath(WESTEND)!, corpusPath(POLKADOT)!, '--json');
    assert.equal(r.code, 0, r.err);
    const d = JSON.parse(r.out) as { identical: boolean; version: { fields: Array<{ field: string }> }; metadata: { pallets: { added: unknown[]; removed: unknown[] } }; transactionVersionBumped: boolean };
    assert.equal(d.identical, false);
    assert.ok(d.version.fields.some((f) => f.field === 'specName'));
    assert.ok(d.metadata.pallets.added.length > 0 && d.metadata.pallets.removed.length > 0);
  });

  it('diff of a runtime against itself is empty', async () => {
    const r = await cli('diff', corpusPath(WESTEND)!, corpusPath(WESTEND)!);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out.trim().split('\n').pop(), 'identical');
    const j = await cli('diff', corpusPath(WESTEND)!, corpusPath(WESTEND)!, '--json');
    const d = JSON.parse(j.out) as { identical: boolean; reasons: unknown[]; metadata: { pallets: { added: unknown[]; removed: unknown[]; changed: unknown[] } } };
    assert.equal(d.identical, true);
    assert.deepEqual([d.metadata.pallets.added, d.metadata.pallets.removed, d.metadata.pallets.changed], [[], [], []]);
  });
});
