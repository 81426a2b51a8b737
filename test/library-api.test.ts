/** The README's library example, run as written against the package's root exports. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  loadRuntimeCode,
  createRuntime,
  backendFromChainSpec,
  InMemoryKeystore,
  IsolatedRuntime,
  prepareArtifact,
  createRuntimeFromArtifact,
  genesisInfo,
  createHashers,
  createDecompressor,
  toHex,
} from '../src/index.js';
import { readCorpus, skipUnlessCorpus } from './support/corpus.js';

const SPEC = 'chain-specs/rococo_v2_2_asset_hub.json.gz';

describe('library API (README)', { skip: skipUnlessCorpus(SPEC) }, () => {
  it('loads the :code of a chain spec, calls Metadata_metadata on its genesis, and reports no changes', async () => {
    const state = backendFromChainSpec(readCorpus(SPEC));
    const code = await loadRuntimeCode(state.get(new TextEncoder().encode(':code'))!);
    const runtime = await createRuntime(code, { instantiationStrategy: 'pooled', heapAllocStrategy: { kind: 'static', extraPages: 2048 } });
    assert.equal(runtime.version?.specName, 'statemine');
    const res = await runtime.call('Metadata_metadata', new Uint8Array(), { state });
    assert.equal(res.output.length, 147382);
    assert.deepEqual(res.storageChanges, []);

    const again = await createRuntimeFromArtifact(await prepareArtifact(code));
    assert.deepEqual((await again.call('Core_version')).output, (await runtime.call('Core_version')).output);

    const tools = { hashers: await createHashers(), decompressor: await createDecompressor() };
    assert.equal(toHex((await genesisInfo(state, tools)).genesisHash), '0x7c34d42fc815d392057c78b49f2755c753440ccd38bcb0405b3bcfb601d08734');
  });

  it('runs a call in a worker (IsolatedRuntime) with the same result', async () => {
    const state = backendFromChainSpec(readCorpus(SPEC));
    const blob = state.get(new TextEncoder().encode(':code'))!;
    const isolated = await IsolatedRuntime.create(blob, { timeoutMs: 20000 });
    try {
      assert.equal(isolated.version?.specVersion, 900);
      const res = await isolated.call('Core_version');
      assert.ok(res.output.length > 0);
    } finally {
      await isolated.close();
    }
  });

  it('builds a keystore from dev seeds (//Alice sr25519)', () => {
    const keystore = InMemoryKeystore.fromSeeds([{ scheme: 'sr25519', keyType: 'babe', suri: '//Alice' }]);
    const [alice] = keystore.publicKeys('sr25519', new TextEncoder().encode('babe'));
    assert.equal(toHex(alice!), '0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d');
  });
});
