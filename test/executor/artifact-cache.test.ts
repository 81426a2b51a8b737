/**
 * The on-disk artifact cache: a second creation of the same runtime comes
 * from the stored artifact; an entry that is corrupt, truncated or belongs to
 * another key is detected, ignored and rebuilt, and every path gives the
 * same results. Every test uses its own temporary folder, never the user's cache.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHashers, type Hashers } from '../../src/base/hashing.js';
import { createDecompressor, type Decompressor } from '../../src/blob/index.js';
import { artifactCacheDir, artifactEntryPath, artifactKey, createRuntimeCached, readArtifactEntry } from '../../src/executor/artifact-cache.js';
import { resolveSemantics } from '../../src/executor/semantics.js';
import { createRuntimeFromArtifact, serializeArtifact } from '../../src/executor/artifact.js';
import type { CachedRuntimeOpts } from '../../src/executor/artifact-cache.js';
import { readCorpus, skipUnlessCorpus } from '../support/corpus.js';

const RUNTIME = 'runtimes/kusama-1020-genesis.wasm.gz';
const skip = skipUnlessCorpus(RUNTIME);

describe('artifact cache', { skip }, () => {
  let hashers: Hashers;
  let decompressor: Decompressor;
  let blob: Uint8Array;
  let dir: string;
  let expected: { version: string; metadata: string };

  const opts = (extra: CachedRuntimeOpts = {}): CachedRuntimeOpts => ({ services: { hashers, decompressor }, cacheDir: dir, ...extra });
  const key = (): Uint8Array => artifactKey(blob, resolveSemantics({}));

  async function run(extra: CachedRuntimeOpts = {}): Promise<{ cache: string; version: string; metadata: string }> {
    const { runtime, cache } = await createRuntimeCached(blob, opts(extra));
    const out = runtime.callSync('Metadata_metadata', new Uint8Array(0)).output;
    return { cache, version: JSON.stringify(runtime.version, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v)), metadata: Buffer.from(hashers.blake2_256(out)).toString('hex') };
  }

  before(async () => {
    if (skip !== false) return;
    [hashers, decompressor] = await Promise.all([createHashers(), createDecompressor()]);
    blob = readCorpus(RUNTIME);
    dir = mkdtempSync(join(tmpdir(), 'swx-artifact-cache-'));
    const off = await run({ cache: false });
    assert.equal(off.cache, 'off');
    expected = { version: off.version, metadata: off.metadata };
  });
  after(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('stores the artifact on a miss and serves the same runtime from it on the next creation', async () => {
    const first = await run();
    assert.deepEqual(first, { cache: 'miss', ...expected });
    assert.ok(readArtifactEntry(dir, key()) !== undefined, 'a valid entry was written');
    const second = await run();
    assert.deepEqual(second, { cache: 'hit', ...expected });
  });

  it('detects a corrupt entry, rebuilds it, and gives identical results', async () => {
    await run();
    const path = artifactEntryPath(dir, key());
    const bytes = new Uint8Array(readFileSync(path));
    bytes[bytes.length >> 1] ^= 0x01;
    writeFileSync(path, bytes);
    assert.equal(readArtifactEntry(dir, key()), undefined);
    assert.deepEqual(await run(), { cache: 'miss', ...expected });
    assert.deepEqual(await run(), { cache: 'hit', ...expected });
  });

  it('detects a truncated entry, rebuilds it, and gives identical results', async () => {
    await run();
    const path = artifactEntryPath(dir, key());
    const bytes = readFileSync(path);
    for (const length of [0, 40, bytes.length - 1]) {
      writeFileSync(path, bytes.subarray(0, length));
      assert.equal(readArtifactEntry(dir, key()), undefined, `truncated to ${length} bytes`);
      assert.deepEqual(await run(), { cache: 'miss', ...expected });
    }
    assert.deepEqual(await run(), { cache: 'hit', ...expected });
  });

  it('detects an entry swapped in from another key (other semantics), rebuilds it, and gives identical results', async () => {
    await run();
    const other = { heapAllocStrategy: { kind: 'static', extraPages: 1024 } } as const;
    assert.equal((await run(other)).cache !== 'off', true);
    const otherPath = artifactEntryPath(dir, artifactKey(blob, resolveSemantics(other)));
    const path = artifactEntryPath(dir, key());
    writeFileSync(path, readFileSync(otherPath));
    assert.equal(readArtifactEntry(dir, key()), undefined);
    assert.deepEqual(await run(), { cache: 'miss', ...expected });
    assert.deepEqual(await run(), { cache: 'hit', ...expected });
  });

  it('stores the prepared module without the blob (the key commits to it); such an artifact needs the blob back', async () => {
    const { runtime } = await createRuntimeCached(blob, opts());
    const stored = readArtifactEntry(dir, key())!;
    assert.equal(stored.length + blob.length, serializeArtifact(runtime).length);
    await assert.rejects(createRuntimeFromArtifact(stored), /serialized without its runtime blob/);
    const again = await createRuntimeFromArtifact(stored, { services: { hashers, decompressor }, original: blob });
    assert.equal(Buffer.from(hashers.blake2_256(again.callSync('Metadata_metadata', new Uint8Array(0)).output)).toString('hex'), expected.metadata);
    assert.deepEqual(again.code.original, blob);
  });

  it('bypasses the cache with cache: false (nothing read, nothing written)', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'swx-artifact-cache-off-'));
    try {
      assert.deepEqual(await run({ cache: false, cacheDir: empty }), { cache: 'off', ...expected });
      assert.deepEqual(readdirSync(empty), []);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('leaves no temporary file behind', () => {
    assert.deepEqual(readdirSync(join(dir, 'artifacts')).filter((f) => !f.endsWith('.swxa')), []);
  });
});

describe('artifact cache folder', () => {
  it('is $SWX_CACHE_DIR, else $XDG_CACHE_HOME/swx, else ~/.cache/swx', () => {
    assert.equal(artifactCacheDir({ SWX_CACHE_DIR: '/tmp/a', XDG_CACHE_HOME: '/tmp/b' }), '/tmp/a');
    assert.equal(artifactCacheDir({ XDG_CACHE_HOME: '/tmp/b' }), join('/tmp/b', 'swx'));
    assert.ok(artifactCacheDir({}).endsWith(join('.cache', 'swx')));
    assert.equal(existsSync(artifactCacheDir({ SWX_CACHE_DIR: '/nonexistent/swx-test' })), false);
  });
});
