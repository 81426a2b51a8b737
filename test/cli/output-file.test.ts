/**
 * Output files are atomic: a failed `swx` command (disk full, file-size
 * limit, killed mid-write) leaves the user's previous file byte for byte,
 * exits 2 with one line naming the file, and leaves no temp file behind
 * (except after SIGKILL, where nothing can clean up). Also: a reader that
 * closes stdout early ends `swx` quietly.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../../src/cli/output-file.js';
import { isSwxError } from '../../src/base/errors.js';
import { corpusPath, skipUnlessCorpus } from '../support/corpus.js';

const BIN = resolve(process.cwd(), 'dist/src/cli/bin.js');
const PREVIOUS = 'the previous file, precious';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'swx-out-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** A "runtime" `swx decompress` copies as is: the Wasm magic and version, then `size` zero bytes. */
function fakeWasm(path: string, size: number): string {
  const bytes = new Uint8Array(8 + size);
  bytes.set([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
  writeFileSync(path, bytes);
  return path;
}

function strayTemps(folder: string): string[] {
  return readdirSync(folder).filter((f) => f.includes('.swx-') && f.endsWith('.tmp'));
}

function assertFailedCleanly(r: { status: number | null; stderr: string }, out: string): void {
  assert.equal(r.status, 2, r.stderr);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0]!, /OUTPUT_WRITE_FAILED/);
  assert.ok(lines[0]!.includes(out), `names ${out}: ${lines[0]}`);
  assert.equal(readFileSync(out, 'utf8'), PREVIOUS);
}

describe('writeFileAtomic', () => {
  it('replaces the file and keeps its mode', () => {
    const f = join(dir, 'mode.bin');
    writeFileSync(f, PREVIOUS, { mode: 0o600 });
    writeFileAtomic(f, new Uint8Array([1, 2, 3]));
    assert.deepEqual([...readFileSync(f)], [1, 2, 3]);
    assert.equal(statSync(f).mode & 0o777, 0o600);
    assert.deepEqual(strayTemps(dir), []);
  });

  it('a folder that does not exist: OUTPUT_WRITE_FAILED naming the file and ENOENT', () => {
    const f = join(dir, 'absent', 'x.bin');
    assert.throws(() => writeFileAtomic(f, new Uint8Array(1)), (e) => isSwxError(e, 'OUTPUT_WRITE_FAILED') && e.message.includes(f) && e.context['errno'] === 'ENOENT');
  });
});

describe('swx output files under failure', () => {
  it('a file-size limit (prlimit --fsize): exit 2 naming the file, previous file intact, no temp file', (t) => {
    if (spawnSync('prlimit', ['--version']).status !== 0) return t.skip('prlimit not available');
    const out = join(dir, 'fsize.wasm');
    writeFileSync(out, PREVIOUS);
    const input = fakeWasm(join(dir, 'in-fsize.wasm'), 1 << 20);
    const r = spawnSync('prlimit', ['--fsize=65536', process.execPath, BIN, 'decompress', input, out], { encoding: 'utf8' });
    assertFailedCleanly(r, out);
    assert.match(r.stderr, /EFBIG/);
    assert.deepEqual(strayTemps(dir), []);
  });

  it('a full disk (a 256 KiB tmpfs): exit 2 naming the file, previous file intact, no temp file', (t) => {
    const mnt = join(dir, 'tiny');
    const input = fakeWasm(join(dir, 'in-full.wasm'), 1 << 20);
    // A private mount namespace (unshare -rm) lets an unprivileged user mount a tmpfs.
    const script = `set -e; mkdir -p "$1"; mount -t tmpfs -o size=256k swx-test "$1"; printf '%s' "$4" > "$1/out.wasm"
      set +e; "$2" "$3" decompress "$5" "$1/out.wasm" 2>"$1/stderr"; echo "status=$?"; echo "content=$(cat "$1/out.wasm")"
      echo "stderr=$(cat "$1/stderr")"; echo "temps=$(ls -a "$1" | grep -c '\\.swx-')"`;
    const r = spawnSync('unshare', ['-rm', 'sh', '-c', script, 'sh', mnt, process.execPath, BIN, PREVIOUS, input], { encoding: 'utf8' });
    if (r.status !== 0 || !r.stdout.includes('status=')) return t.skip(`cannot mount a tmpfs here: ${r.stderr.trim()}`);
    const field = (k: string): string => new RegExp(`^${k}=(.*)$`, 'm').exec(r.stdout)![1]!;
    assert.equal(field('status'), '2', r.stdout);
    assert.match(field('stderr'), /OUTPUT_WRITE_FAILED: cannot write .*out\.wasm: ENOSPC/);
    assert.equal(field('content'), PREVIOUS);
    assert.equal(field('temps'), '0');
  });

  it('kill -9 while the output is being written: the previous file is intact', async () => {
    const out = join(dir, 'killed.wasm');
    writeFileSync(out, PREVIOUS);
    const input = fakeWasm(join(dir, 'in-kill.wasm'), 48 << 20);
    const child = spawn(process.execPath, [BIN, 'decompress', input, out], { stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((res) => child.on('exit', (_code, signal) => res(signal)));
    // Wait until the temp file exists and holds bytes: the write is under way.
    let sawTemp = false;
    for (let i = 0; i < 20_000 && child.exitCode === null && !sawTemp; i++) {
      const temp = strayTemps(dir).find((f) => f.startsWith('.killed.wasm'));
      if (temp !== undefined && (statSync(join(dir, temp), { throwIfNoEntry: false })?.size ?? 0) > 0) sawTemp = true;
      else await new Promise((r) => setTimeout(r, 1));
    }
    child.kill('SIGKILL');
    const signal = await exited;
    assert.ok(sawTemp, 'the child was caught writing its temp file');
    assert.equal(signal, 'SIGKILL');
    assert.equal(readFileSync(out, 'utf8'), PREVIOUS);
  });

  it('an output folder that does not exist: exit 2, one line naming the file', () => {
    const out = join(dir, 'no-such-folder', 'm.wasm');
    const input = fakeWasm(join(dir, 'in-meta.wasm'), 16);
    const r = spawnSync(process.execPath, [BIN, 'decompress', input, out], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.ok(r.stderr.includes(out) && r.stderr.includes('ENOENT'), r.stderr);
  });
});

describe('swx stdout closed early', () => {
  it('`swx --help | true` (the reader is gone before swx writes): status 0, no stack trace', () => {
    const r = spawnSync('bash', ['-c', '"$0" "$1" --help | true; echo "status=${PIPESTATUS[0]}"', process.execPath, BIN], { encoding: 'utf8' });
    assert.match(r.stdout, /status=0/);
    assert.equal(r.stderr, '');
  });

  const skip = skipUnlessCorpus('runtimes/westend-v9300.wasm.gz');
  it('`swx call … Metadata_metadata --json | head -c1` (1 MB of output): status 0, no stack trace', { skip }, () => {
    const rt = corpusPath('runtimes/westend-v9300.wasm.gz')!;
    const r = spawnSync('bash', ['-c', '"$0" "$1" call "$2" Metadata_metadata --json | head -c1 >/dev/null; echo "status=${PIPESTATUS[0]}"', process.execPath, BIN, rt], { encoding: 'utf8' });
    assert.match(r.stdout, /status=0/);
    assert.equal(r.stderr, '');
  });
});
