/**
 * The persistent cache: facts (values, absent values, key links, headers,
 * trie nodes, access patterns) survive a reopen; a process killed with
 * SIGKILL while writing leaves every committed batch intact, never a partial
 * batch, and a store that opens.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toHex, utf8 } from '../../src/base/bytes.js';
import { LmdbStateCache, defaultCacheDir } from '../../src/rpc/index.js';
import { BATCH_SIZE, WRITE_FLAG, cacheWriterBlock, cacheWriterKey, cacheWriterValue } from '../support/cache-writer.js';

const WRITER = fileURLToPath(new URL('../support/cache-writer.js', import.meta.url));

describe('LmdbStateCache', () => {
  const dirs: string[] = [];
  const tempDir = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'swx-lmdb-'));
    dirs.push(d);
    return d;
  };
  after(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('keeps every kind of fact across a reopen, telling "absent" from "unknown"', async () => {
    const dir = tempDir();
    const block = new Uint8Array(32).fill(1);
    const child = utf8('child');
    const a = await LmdbStateCache.open(dir);
    a.putValues(block, undefined, [[utf8('k1'), utf8('v1')], [utf8('gone'), undefined]]);
    a.putValues(block, child, [[utf8('k1'), utf8('child v1')]]);
    a.putNext(block, undefined, [[utf8('k1'), utf8('k2')], [utf8('k2'), undefined]]);
    a.putHeader(block, utf8('header bytes'));
    a.putNodes([[new Uint8Array(32).fill(9), utf8('node')]]);
    a.putPattern(new Uint8Array(32).fill(7), 'Core_version', [utf8('a'), new Uint8Array(0), utf8('ccc')]);
    a.putFact(block, 'serves-read-proofs ws://x', Uint8Array.of(0));
    await a.close();

    const b = await LmdbStateCache.open(dir);
    try {
      assert.deepEqual(b.getValue(block, undefined, utf8('k1')), { found: true, value: utf8('v1') });
      assert.deepEqual(b.getValue(block, undefined, utf8('gone')), { found: true, value: undefined });
      assert.deepEqual(b.getValue(block, undefined, utf8('never asked')), { found: false });
      assert.deepEqual(b.getValue(new Uint8Array(32).fill(2), undefined, utf8('k1')), { found: false });
      assert.deepEqual(b.getValue(block, child, utf8('k1')), { found: true, value: utf8('child v1') });
      assert.deepEqual(b.getNext(block, undefined, utf8('k1')), { found: true, value: utf8('k2') });
      assert.deepEqual(b.getNext(block, undefined, utf8('k2')), { found: true, value: undefined });
      assert.deepEqual(b.getNext(block, child, utf8('k1')), { found: false });
      assert.deepEqual(b.getHeader(block), utf8('header bytes'));
      assert.deepEqual(b.getNode(new Uint8Array(32).fill(9)), utf8('node'));
      assert.deepEqual(b.getPattern(new Uint8Array(32).fill(7), 'Core_version'), [utf8('a'), new Uint8Array(0), utf8('ccc')]);
      assert.equal(b.getPattern(new Uint8Array(32).fill(7), 'Core_execute_block'), undefined);
      assert.deepEqual(b.getFact(block, 'serves-read-proofs ws://x'), Uint8Array.of(0));
      assert.equal(b.getFact(block, 'serves-read-proofs ws://y'), undefined);
    } finally {
      await b.close();
    }
  });

  it('lives in $SWX_CACHE_DIR, else $XDG_CACHE_HOME/swx, else ~/.cache/swx', () => {
    assert.equal(defaultCacheDir({ SWX_CACHE_DIR: '/x/y' }), '/x/y');
    assert.equal(defaultCacheDir({ XDG_CACHE_HOME: '/c' }), join('/c', 'swx'));
    assert.ok(defaultCacheDir({}).endsWith(join('.cache', 'swx')));
  });

  it('loses no committed batch and holds no partial one after a kill -9 in the middle of writing', async () => {
    const dir = tempDir();
    const child = spawn(process.execPath, [WRITER, WRITE_FLAG, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    let committed = -1;
    let out = '';
    await new Promise<void>((resolve, reject) => {
      child.once('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`writer exited with ${code ?? signal}`))));
      child.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        const lines = out.split('\n').filter((l) => l !== '');
        committed = Number(lines[lines.length - 1]);
        // Kill it while it writes: well past the first batches, at an arbitrary point of the next one.
        if (committed >= 30 && child.exitCode === null && !child.killed) child.kill('SIGKILL');
      });
    });
    assert.ok(committed >= 30);

    const cache = await LmdbStateCache.open(dir);
    try {
      const present = (b: number): number => {
        let n = 0;
        for (let i = 0; i < BATCH_SIZE; i++) {
          const l = cache.getValue(cacheWriterBlock(b), undefined, cacheWriterKey(b, i));
          if (!l.found) continue;
          n++;
          const want = cacheWriterValue(b, i);
          assert.equal(l.value === undefined ? 'absent' : toHex(l.value), want === undefined ? 'absent' : toHex(want), `batch ${b} fact ${i}`);
        }
        return n;
      };
      for (let b = 0; b <= committed; b++) assert.equal(present(b), BATCH_SIZE, `committed batch ${b}`);
      // Batches after the last one reported: all or nothing.
      for (let b = committed + 1; b <= committed + 3; b++) {
        const n = present(b);
        assert.ok(n === 0 || n === BATCH_SIZE, `batch ${b} is partial: ${n} of ${BATCH_SIZE}`);
      }
      // And the store still takes writes.
      cache.putValues(new Uint8Array(32), undefined, [[utf8('after'), utf8('crash')]]);
      await cache.flush();
      assert.deepEqual(cache.getValue(new Uint8Array(32), undefined, utf8('after')), { found: true, value: utf8('crash') });
    } finally {
      await cache.close();
    }
  });
});
