/**
 * `ext_misc_runtime_version` as the executor serves it: the version of another
 * (maybe compressed) blob, from its custom sections (re-encoded in full) or,
 * without sections, from the raw output of its `Core_version` (sc-executor's
 * legacy path with missing imports allowed); None for a blob that is not a runtime.
 */
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { createHashers, type Hashers } from '../../src/base/hashing.js';
import { toHex, fromHex } from '../../src/base/bytes.js';
import { createDecompressor, compress, encodeRuntimeVersion, type Decompressor } from '../../src/blob/index.js';
import { createRuntime, loadRuntimeCodeSync } from '../../src/executor/index.js';
import { readCorpus, readCorpusJson, skipUnlessCorpus } from '../support/corpus.js';

let hashers: Hashers;
let decompressor: Decompressor;
before(async () => {
  [hashers, decompressor] = await Promise.all([createHashers(), createDecompressor()]);
});

describe('Runtime.runtimeVersionOf (ext_misc_runtime_version)', { skip: skipUnlessCorpus('runtimes/westend-v9300.wasm.gz', 'runtimes/kusama-1020-genesis.wasm.gz', 'oracle/calls.json') }, () => {
  it('reads the sections of a zstd-compressed blob (westend) and returns the full encoding', async () => {
    const host = await createRuntime(loadRuntimeCodeSync(readCorpus('runtimes/kusama-1020-genesis.wasm.gz'), { hashers, decompressor }));
    const westend = readCorpus('runtimes/westend-v9300.wasm.gz');
    const other = loadRuntimeCodeSync(westend, { hashers, decompressor });
    const got = host.runtimeVersionOf(await compress(westend));
    assert.equal(toHex(got!), toHex(encodeRuntimeVersion(other.embeddedVersion!)));
  });

  it('falls back to the raw Core_version output of a blob without sections (kusama-1020)', async () => {
    const westend = await createRuntime(loadRuntimeCodeSync(readCorpus('runtimes/westend-v9300.wasm.gz'), { hashers, decompressor }));
    const oracle = readCorpusJson<Record<string, { Core_version: { blake2_256: string } }>>('oracle/calls.json');
    const got = westend.runtimeVersionOf(readCorpus('runtimes/kusama-1020-genesis.wasm.gz'))!;
    assert.equal(toHex(hashers.blake2_256(got)), oracle['kusama-1020-genesis']!.Core_version.blake2_256);
  });

  it('answers undefined (SCALE None) for bytes that are not a runtime', async () => {
    const rt = await createRuntime(loadRuntimeCodeSync(readCorpus('runtimes/westend-v9300.wasm.gz'), { hashers, decompressor }));
    assert.equal(rt.runtimeVersionOf(fromHex('0x0061736d01000000ff')), undefined);
    assert.equal(rt.runtimeVersionOf(new TextEncoder().encode('not wasm')), undefined);
  });
});
