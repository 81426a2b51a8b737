/** Artifacts: a runtime recreated from `prepareArtifact` bytes behaves exactly as the original. */
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { createHashers, type Hashers } from '../../src/base/hashing.js';
import { isSwxError } from '../../src/base/errors.js';
import { createDecompressor, type Decompressor } from '../../src/blob/index.js';
import { createRuntime, createRuntimeFromArtifact, loadRuntimeCodeSync, prepareArtifact } from '../../src/executor/index.js';
import { readCorpus, skipUnlessCorpus } from '../support/corpus.js';

let hashers: Hashers;
let decompressor: Decompressor;
before(async () => {
  [hashers, decompressor] = await Promise.all([createHashers(), createDecompressor()]);
});

describe('artifacts', () => {
  it('rejects bytes that are not an artifact', async () => {
    await assert.rejects(createRuntimeFromArtifact(new Uint8Array(64), { services: { hashers, decompressor } }), (e) => isSwxError(e, 'INVALID_INPUT'));
  });

  const file = 'runtimes/kusama-1020-genesis.wasm.gz';
  it('kusama-1020: same version and Metadata_metadata output from the artifact', { skip: skipUnlessCorpus(file) }, async () => {
    const code = loadRuntimeCodeSync(readCorpus(file), { hashers, decompressor });
    const opts = { instantiationStrategy: 'recreate' as const };
    const direct = await createRuntime(code, opts);
    const artifact = await prepareArtifact(code, opts);
    const restored = await createRuntimeFromArtifact(artifact, { services: { hashers, decompressor } });
    assert.deepEqual(restored.version, direct.version);
    assert.equal(restored.semantics.instantiationStrategy, 'recreate');
    const a = (await direct.call('Metadata_metadata')).output;
    const b = (await restored.call('Metadata_metadata')).output;
    assert.deepEqual(b, a);
  });
});
