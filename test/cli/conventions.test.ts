/**
 * The CLI's conventions, run as a real process: every command has `--help`
 * and `-h` (exit 0, with examples), `swx --version`, a "did you mean" for
 * unknown commands and options, surplus arguments refused, `-` as stdin and
 * stdout, a closed pipe ending quietly, `--timeout` bounding a whole command.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { COMMANDS } from '../../src/cli/registry.js';
import { corpusPath, readCorpus, skipUnlessCorpus } from '../support/corpus.js';

const BIN = resolve(process.cwd(), 'dist/src/cli/bin.js');

function swx(args: string[], input?: Uint8Array | string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', ...(input !== undefined ? { input } : {}) });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('swx conventions', () => {
  for (const c of COMMANDS) {
    it(`swx ${c.name} --help and -h: exit 0, usage, options and examples`, () => {
      for (const flag of ['--help', '-h']) {
        const r = swx([c.name, flag]);
        assert.equal(r.status, 0, r.stderr);
        assert.match(r.stdout, new RegExp(`^swx ${c.name} — `));
        assert.match(r.stdout, /\nusage: swx /);
        assert.match(r.stdout, /\nexamples:\n {2}\S/);
      }
    });
  }

  it('swx --version and -V print the package version', () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) assert.equal(swx([flag]).stdout.trim(), `swx ${version}`);
  });

  it('an unknown command or option: exit 2 with a suggestion', () => {
    const cmd = swx(['metdata', 'x']);
    assert.equal(cmd.status, 2);
    assert.match(cmd.stderr, /unknown command "metdata" \(did you mean metadata\?\)/);
    const opt = swx(['version', 'x', '--jsn']);
    assert.equal(opt.status, 2);
    assert.match(opt.stderr, /unknown option --jsn \(did you mean --json\?\)/);
  });

  it('surplus and missing arguments: exit 2, one line', () => {
    const surplus = swx(['version', 'a.wasm', 'b.wasm']);
    assert.equal(surplus.status, 2);
    assert.match(surplus.stderr, /unexpected argument "b\.wasm"/);
    const missing = swx(['call', 'a.wasm']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /missing argument METHOD/);
    assert.equal(missing.stderr.trim().split('\n').length, 1);
  });

  const WESTEND = 'runtimes/westend-v9300.wasm.gz';
  it("'-' reads the runtime from stdin and writes -o to stdout", { skip: skipUnlessCorpus(WESTEND) }, () => {
    const v = swx(['version', '-', '--json'], readCorpus(WESTEND));
    assert.equal(v.status, 0, v.stderr);
    assert.equal((JSON.parse(v.stdout) as { specVersion: number }).specVersion, 9300);
    const r = spawnSync(process.execPath, [BIN, 'metadata', corpusPath(WESTEND)!, '-o', '-']);
    assert.equal(r.status, 0);
    assert.equal(Buffer.from(r.stdout).subarray(4, 8).toString('latin1'), 'meta');
  });

  it('a closed pipe on stdout ends the command quietly', { skip: skipUnlessCorpus(WESTEND) }, () => {
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" metadata "${corpusPath(WESTEND)}" -o - | head -c 10 > /dev/null; echo "status=\${PIPESTATUS[0]}"`], { encoding: 'utf8' });
    assert.doesNotMatch(r.stderr, /EPIPE|Error|at /);
    assert.match(r.stdout, /status=0/);
  });

  it('--timeout bounds the whole command: exit 1 with RUNTIME_TIMEOUT; 0 is refused', { skip: skipUnlessCorpus(WESTEND) }, () => {
    const slow = swx(['version', corpusPath(WESTEND)!, '--timeout', '1']);
    assert.equal(slow.status, 1);
    assert.match(slow.stderr, /RUNTIME_TIMEOUT/);
    assert.equal(swx(['version', corpusPath(WESTEND)!, '--timeout', '0']).status, 2);
    const ok = swx(['version', corpusPath(WESTEND)!, '--timeout', '60000', '--json']);
    assert.equal(ok.status, 0, ok.stderr);
  });
});
