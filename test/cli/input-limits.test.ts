/**
 * Every input is read within a limit: a gzip bomb given as RUNTIME stops at
 * Substrate's 50 MiB code limit, as STATE or BLOCK at `--max-input-size`;
 * decompression stops while streaming, so the process's peak memory stays
 * near the limit (measured in the child running the CLI); the error is
 * INPUT_TOO_LARGE, exit 2, one line naming the file and the limit.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createGzip } from 'node:zlib';
import { parseByteCount, readInputFile } from '../../src/cli/io.js';
import { isSwxError } from '../../src/base/errors.js';
import { corpusPath, skipUnlessCorpus } from '../support/corpus.js';

const BIN = resolve(process.cwd(), 'dist/src/cli/bin.js');
const MiB = 1024 * 1024;
/** Size of the bomb once gunzipped. */
const BOMB_BYTES = 1024 * MiB;
/** Memory a CLI run may use besides the input itself (Node, V8, the loaded code). */
const BASELINE_ALLOWANCE = 200 * MiB;

let dir: string;
let bomb: string;

/** Streams `BOMB_BYTES` zeros through gzip into a file (~4.5 MB at level 1) without holding them. */
async function writeBomb(path: string): Promise<void> {
  const gz = createGzip({ level: 1 });
  const file = createWriteStream(path);
  gz.pipe(file);
  const chunk = new Uint8Array(MiB);
  for (let n = 0; n < BOMB_BYTES / MiB; n++) if (!gz.write(chunk)) await once(gz, 'drain');
  gz.end();
  await once(file, 'finish');
}

/** Runs the CLI in a child that reports its peak RSS (bytes) on exit. */
function swxMeasured(...args: string[]): { status: number | null; stderr: string; peakRss: number } {
  const wrapper = `process.on('exit', () => process.stderr.write('\\npeak-rss=' + process.resourceUsage().maxRSS * 1024));
    process.argv = [process.argv[0], ${JSON.stringify(BIN)}, ...${JSON.stringify(args)}];
    await import(${JSON.stringify('file://' + BIN)});`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', wrapper], { encoding: 'utf8' });
  const m = /\npeak-rss=(\d+)$/.exec(r.stderr);
  return { status: r.status, stderr: r.stderr.replace(/\npeak-rss=\d+$/, ''), peakRss: m === null ? NaN : Number(m[1]) };
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'swx-in-'));
  bomb = join(dir, 'bomb.gz');
  await writeBomb(bomb);
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('bounded inputs', () => {
  it('a 1 GiB gzip bomb as RUNTIME: INPUT_TOO_LARGE at the 50 MiB code limit, peak memory near it', () => {
    const r = swxMeasured('version', bomb, '--json');
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /INPUT_TOO_LARGE: .*bomb\.gz.*52428800 bytes/);
    assert.ok(r.peakRss < 50 * MiB + BASELINE_ALLOWANCE, `peak RSS ${r.peakRss}`);
  });

  it('a 1 GiB gzip bomb as STATE with --max-input-size 64m: INPUT_TOO_LARGE, peak memory near 64 MiB', () => {
    const r = swxMeasured('genesis', bomb, '--max-input-size', '64m');
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /INPUT_TOO_LARGE: .*bomb\.gz.*67108864 bytes.*--max-input-size/);
    assert.ok(r.peakRss < 64 * MiB + BASELINE_ALLOWANCE, `peak RSS ${r.peakRss}`);
  });

  it('the same bomb as BLOCK: INPUT_TOO_LARGE naming the block file', () => {
    const spec = corpusPath('chain-specs/kusama.json.gz');
    const state = spec ?? join(dir, 'absent.json');
    const r = swxMeasured('execute-block', '--state', state, '--block', bomb, '--max-input-size', '32m');
    assert.equal(r.status, 2, r.stderr);
    if (spec !== undefined) assert.match(r.stderr, /INPUT_TOO_LARGE: .*bomb\.gz/);
  });

  it('a plain file larger than the limit is refused before it is read', () => {
    const f = join(dir, 'spec.json');
    writeFileSync(f, JSON.stringify({ pad: 'x'.repeat(4096) }));
    assert.throws(() => readInputFile(f, { maxBytes: 1024 }), (e) => isSwxError(e, 'INPUT_TOO_LARGE') && e.context['limit'] === 1024 && e.message.includes(f));
  });

  it('a gzipped chain spec as RUNTIME gets the input limit, not the code limit', { skip: skipUnlessCorpus('chain-specs/kusama.json.gz') }, () => {
    const spec = corpusPath('chain-specs/kusama.json.gz')!;
    assert.ok(readInputFile(spec, { kind: 'runtime' }).length > 0);
    assert.throws(() => readInputFile(spec, { kind: 'runtime', maxBytes: 64 * 1024 }), (e) => isSwxError(e, 'INPUT_TOO_LARGE'));
  });

  it('--max-input-size takes bytes with optional binary k/m/g; anything else is INVALID_INPUT', () => {
    assert.equal(parseByteCount('4096', 'max-input-size'), 4096);
    assert.equal(parseByteCount('64k', 'max-input-size'), 65536);
    assert.equal(parseByteCount('2G', 'max-input-size'), 2 * 1024 * MiB);
    for (const bad of ['', '0', '-1', '1.5m', '12q', 'm']) {
      assert.throws(() => parseByteCount(bad, 'max-input-size'), (e) => isSwxError(e, 'INVALID_INPUT'), bad);
    }
  });
});
