/**
 * The `swx` executable's error contract, run as a real process: bad input
 * exits 2 with one line on stderr saying what and where.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { corpusPath, readCorpus, skipUnlessCorpus } from '../support/corpus.js';

const BIN = resolve(process.cwd(), 'dist/src/cli/bin.js');

// The CLI's artifact cache goes to a temporary folder, never the user's (children inherit the variable).
const CACHE_DIR = mkdtempSync(join(tmpdir(), 'swx-cli-cache-'));
process.env['SWX_CACHE_DIR'] = CACHE_DIR;
after(() => rmSync(CACHE_DIR, { recursive: true, force: true }));

function swx(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'swx-cli-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('swx exit codes', () => {
  it('a non-Wasm file: exit 2, one line', () => {
    const f = join(dir, 'notwasm.bin');
    writeFileSync(f, 'hello, I am not a runtime');
    const r = swx('version', f, '--json');
    assert.equal(r.status, 2);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.equal(r.stdout, '');
  });

  it('a missing file: exit 2 naming the path', () => {
    const r = swx('version', join(dir, 'absent.wasm'));
    assert.equal(r.status, 2);
    assert.match(r.stderr, /absent\.wasm/);
  });

  it('an unknown command or option: exit 2', () => {
    assert.equal(swx('frobnicate').status, 2);
    assert.equal(swx('version', '--bogus').status, 2);
  });

  const skipRt = skipUnlessCorpus('runtimes/alexander-poc-npm.wasm.gz', 'runtimes/kusama-1020-genesis.wasm.gz');
  it('a truncated runtime blob: exit 2, one line with the reason', { skip: skipRt }, () => {
    const wasm = readCorpus('runtimes/kusama-1020-genesis.wasm.gz');
    const f = join(dir, 'truncated.wasm');
    writeFileSync(f, wasm.subarray(0, Math.floor(wasm.length / 2)));
    const r = swx('version', f, '--json');
    assert.equal(r.status, 2);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /WASM_MALFORMED|BLOB_INVALID/);
  });

  it('the 2019 alexander runtime (pre-versioned host API): exit 2 naming the unsupported imports', { skip: skipRt }, () => {
    const r = swx('version', corpusPath('runtimes/alexander-poc-npm.wasm.gz')!, '--json');
    assert.equal(r.status, 2);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /HOST_MISSING_IMPORTS/);
    assert.match(r.stderr, /env:ext_malloc/);
  });

  it('an unknown runtime method: exit 2', { skip: skipRt }, () => {
    const r = swx('call', corpusPath('runtimes/kusama-1020-genesis.wasm.gz')!, 'No_such_method', '--json');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /EXPORT_NOT_FOUND/);
  });

  const skipBlock = skipUnlessCorpus('chain-specs/kusama.json.gz', 'blocks/kusama-block-1.json');
  it('execute-block with a tampered extrinsic: exit 1 with the runtime error on one line', { skip: skipBlock }, () => {
    const block = JSON.parse(new TextDecoder().decode(readCorpus('blocks/kusama-block-1.json'))) as { header_without_seal: string; body: string[] };
    const body = block.body.map((x, i) => (i === 0 ? x.slice(0, -2) + (x.endsWith('00') ? '01' : '00') : x));
    const f = join(dir, 'tampered.json');
    writeFileSync(f, JSON.stringify({ header: block.header_without_seal, extrinsics: body }));
    const r = swx('execute-block', '--state', corpusPath('chain-specs/kusama.json.gz')!, '--block', f, '--json');
    assert.equal(r.status, 1, r.stderr);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    // kusama 1020 prints its panic (print_utf8) and traps: the error carries what it said
    assert.match(r.stderr, /RUNTIME_TRAP: wasm trap in Core_execute_block: unreachable; the runtime last said: "panicked at/);
  });

  it('execute-block of the real block: exit 0 with the header state root', { skip: skipBlock }, () => {
    const block = JSON.parse(new TextDecoder().decode(readCorpus('blocks/kusama-block-1.json'))) as { header_without_seal: string; body: string[] };
    const f = join(dir, 'block1.json');
    writeFileSync(f, JSON.stringify({ header: block.header_without_seal, extrinsics: block.body }));
    const r = swx('execute-block', '--state', corpusPath('chain-specs/kusama.json.gz')!, '--block', f, '--json');
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { ok: true, stateRoot: '0xfabb0c6e92d29e8bb2167f3c6fb0ddeb956a4278a3cf853661af74a076fc9cb7' });
  });
});
