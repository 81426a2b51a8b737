/**
 * Runtime diff on real runtimes: westend-v9300 against polkadot-v9160
 * (different chains, different versions: much changed, and the verdict that
 * the transaction version had to change), a runtime against itself (nothing),
 * and a pre-V14 runtime (versions only, metadata not compared).
 */
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { skipUnlessCorpus } from '../support/corpus.js';
import { createHashers } from '../../src/base/hashing.js';
import { diffMetadata, diffRuntimes, formatDiffText, openMetadata, type RuntimeDiff, type RuntimeSide } from '../../src/metadata/index.js';
import { loadCorpusRuntime } from './support.js';

async function side(name: string): Promise<RuntimeSide> {
  const loaded = await loadCorpusRuntime(name);
  if (loaded.fetched.version < 14) return { version: loaded.version, metadataVersion: loaded.fetched.version };
  return { version: loaded.version, metadata: await openMetadata(loaded.fetched.bytes) };
}

describe('diff polkadot-v9160 → westend-v9300', { skip: skipUnlessCorpus('runtimes/polkadot-v9160.wasm.gz', 'runtimes/westend-v9300.wasm.gz') }, () => {
  let d: RuntimeDiff;
  before(async () => {
    const [a, b] = await Promise.all([side('polkadot-v9160'), side('westend-v9300')]);
    d = diffRuntimes(a, b, { hashers: await createHashers() });
  });

  it('lists the version fields and runtime APIs that changed, APIs named', () => {
    assert.deepEqual(
      d.version!.fields.map((f) => [f.field, f.from, f.to]),
      [
        ['specName', 'polkadot', 'westend'],
        ['implName', 'parity-polkadot', 'parity-westend'],
        ['authoringVersion', 0, 2],
        ['specVersion', 9160, 9300],
        ['transactionVersion', 10, 13],
      ],
    );
    assert.deepEqual(d.version!.apis.changed.find((x) => x.name === 'BlockBuilder'), { id: '0x40fe3ad401f8959a', name: 'BlockBuilder', from: 5, to: 6 });
    assert.ok(d.version!.apis.added.some((x) => x.name === 'NominationPoolsApi'));
  });

  it('lists pallets added and removed, and pallets whose index moved', () => {
    const m = d.metadata!;
    assert.ok(m.pallets.added.includes('Sudo') && m.pallets.added.includes('NominationPools'));
    assert.ok(m.pallets.removed.includes('Democracy') && m.pallets.removed.includes('Treasury'));
    assert.deepEqual(m.pallets.changed.find((p) => p.name === 'Configuration')!.index, { from: 51, to: 42 });
    assert.equal(m.apis, null, 'V14 on both sides: runtime APIs are not described');
  });

  it('tells a type change from a value change and names the old and new signatures', () => {
    const system = d.metadata!.pallets.changed.find((p) => p.name === 'System')!;
    assert.deepEqual(system.storage.changed.find((s) => s.name === 'BlockWeight'), {
      name: 'BlockWeight',
      changes: ['type'],
      compatible: true, // Weight was then a one-field struct { ref_time: u64 }: the same encoding
      from: 'BlockWeight: PerDispatchClass<u64> [Default]',
      to: 'BlockWeight: PerDispatchClass<Weight> [Default]',
    });
    assert.deepEqual(system.constants.changed.find((c) => c.name === 'SS58Prefix')!.changes, ['value']);
    const hrmp = d.metadata!.pallets.changed.find((p) => p.name === 'Hrmp')!;
    assert.deepEqual(hrmp.calls.changed.find((c) => c.name === 'force_clean_hrmp'), {
      name: 'force_clean_hrmp',
      changes: ['args'],
      compatible: false,
      from: '3: force_clean_hrmp(para: Id)',
      to: '3: force_clean_hrmp(para: Id, inbound: u32, outbound: u32)',
    });
    const ump = d.metadata!.pallets.changed.find((p) => p.name === 'Ump')!;
    assert.deepEqual(ump.calls.changed.find((c) => c.name === 'service_overweight'), {
      name: 'service_overweight',
      changes: ['args'],
      compatible: true,
      from: '0: service_overweight(index: u64, weight_limit: u64)',
      to: '0: service_overweight(index: u64, weight_limit: Weight)',
    });
  });

  it('says the transaction version had to be bumped, with reasons, and that it was', () => {
    assert.equal(d.transactionVersionBumpNeeded, true);
    assert.ok(d.reasons.includes('Configuration: pallet index 51 → 42 (it has calls)'));
    assert.ok(d.reasons.includes('pallet Democracy (with calls) removed'));
    assert.ok(d.reasons.some((r) => r.startsWith('Ump.service_overweight: argument types changed, old encodings still decode')));
    assert.ok(d.reasons.some((r) => r.startsWith('Hrmp.force_clean_hrmp: argument types changed (')));
    assert.equal(d.transactionVersionBumped, true);
    assert.deepEqual(d.warnings, []);
    assert.equal(d.metadata!.compatible, false);
    assert.equal(d.identical, false);
  });

  it('renders as text with +, - and ~ lines', () => {
    const lines = formatDiffText(d).split('\n');
    assert.ok(lines.includes('specVersion: 9160 → 9300'));
    assert.ok(lines.includes('+ pallet Sudo'));
    assert.ok(lines.includes('- pallet Democracy'));
    assert.ok(lines.includes('~ pallet Configuration (index 51 → 42)'));
    assert.ok(lines.includes('    ~ call force_clean_hrmp (args; incompatible)'));
    assert.ok(lines.includes('transaction_version bump needed: yes (bumped: yes)'));
  });
});

describe('a runtime against itself', () => {
  for (const name of ['westend-v9300', 'coretime-kusama-genesis']) {
    it(`${name}: nothing changed, no bump needed`, { skip: skipUnlessCorpus(`runtimes/${name}.wasm.gz`) }, async () => {
      const a = await side(name);
      const b = await side(name);
      const d = diffRuntimes(a, b);
      assert.equal(d.identical, true);
      assert.deepEqual(d.reasons, []);
      assert.deepEqual(d.warnings, []);
      assert.deepEqual(d.metadata!.pallets, { added: [], removed: [], changed: [] });
      if (name.startsWith('coretime')) assert.deepEqual(d.metadata!.apis, { added: [], removed: [], changed: [] });
      assert.deepEqual(diffMetadata(a.metadata!, b.metadata!).identical, true);
    });
  }
});

describe('a pre-V14 runtime', { skip: skipUnlessCorpus('runtimes/kusama-1020-genesis.wasm.gz', 'runtimes/westend-v9300.wasm.gz') }, () => {
  it('compares the versions and says why the metadata is not compared', async () => {
    const d = diffRuntimes(await side('kusama-1020-genesis'), await side('westend-v9300'));
    assert.equal(d.metadata, null);
    assert.equal(d.metadataNote, 'metadata not compared (A: V9, B: V14): swx compares V14 and later');
    assert.ok(d.version!.fields.some((f) => f.field === 'specVersion' && f.from === 1020 && f.to === 9300));
  });
});
