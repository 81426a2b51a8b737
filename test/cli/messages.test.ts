/**
 * Messages that name the real cause, and strictness where Substrate is
 * strict, through the real `swx` process:
 * - `version` / `info` on a blob that cannot be instantiated (no `__heap_base`)
 *   give the cause `call` gives, not "no version";
 * - a bad block header names the file and the field;
 * - `genesis` of a state without `:code` is an error (sc-chain-spec
 *   `resolve_state_version_from_wasm`), not a silent V0;
 * - an oversized `:heappages` wraps to u32 as in sc-executor and the failure names `:heappages`.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { wat } from '../support/wat.js';
import { corpusPath, skipUnlessCorpus } from '../support/corpus.js';

const BIN = resolve(process.cwd(), 'dist/src/cli/bin.js');

function swx(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A module with a Core_version export but no `__heap_base` global. */
const NO_HEAP_BASE = `(module
  (memory (export "memory") 2)
  (func (export "Core_version") (param i32 i32) (result i64) (i64.const 0)))`;

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'swx-messages-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('messages name the cause', () => {
  it('version and info of a blob without __heap_base: BLOB_NO_HEAP_BASE, exit 2, as call says', async () => {
    const f = join(dir, 'no-heap-base.wasm');
    writeFileSync(f, await wat(NO_HEAP_BASE));
    for (const cmd of [['version', f], ['info', f], ['call', f, 'Core_version']]) {
      const r = swx(...cmd);
      assert.equal(r.status, 2, `${cmd[0]}: ${r.stderr}`);
      assert.match(r.stderr, /^swx: BLOB_NO_HEAP_BASE: /, cmd[0]);
      assert.equal(r.stderr.trim().split('\n').length, 1);
    }
  });

  it('a bad block header names the file and the field', () => {
    const state = join(dir, 'spec.json');
    writeFileSync(state, JSON.stringify({ genesis: { raw: { top: { '0x3a636f6465': '0x00' } } } }));
    const block = join(dir, 'bad-block.json');
    writeFileSync(block, JSON.stringify({ header: '0x0011', extrinsics: [] }));
    const r = swx('execute-block', '--state', state, '--block', block);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /bad-block\.json\.header is not a SCALE block header/);
  });

  it('a chain_getBlock header object with a malformed field names that field', () => {
    const state = join(dir, 'spec2.json');
    writeFileSync(state, JSON.stringify({ genesis: { raw: { top: { '0x3a636f6465': '0x00' } } } }));
    const block = join(dir, 'rpc-block.json');
    writeFileSync(block, JSON.stringify({ block: { header: { parentHash: '0x00', number: 'x', stateRoot: '0x', extrinsicsRoot: '0x', digest: { logs: [] } }, extrinsics: [] } }));
    const r = swx('execute-block', '--state', state, '--block', block);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /rpc-block\.json\.block\.header\.number must be a u32 block number/);
  });
});

describe('strict where Substrate is strict', () => {
  it('genesis of a state without :code: exit 2, CHAIN_SPEC_INVALID', () => {
    const f = join(dir, 'no-code.json');
    writeFileSync(f, JSON.stringify({ genesis: { raw: { top: { '0x01': '0x02' } } } }));
    const r = swx('genesis', f, '--json');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /CHAIN_SPEC_INVALID: the state has no :code/);
  });

  const WESTEND = 'runtimes/westend-v9300.wasm.gz';
  it('an oversized :heappages is applied as u32 and its failure names :heappages', { skip: skipUnlessCorpus(WESTEND) }, () => {
    const f = join(dir, 'big-heap.json');
    // 2^32 + 100 wraps to 100 pages (fine); 70000 pages exceed the 4 GiB memory: refused, naming :heappages.
    const spec = (pages: bigint) => {
      const b = Buffer.alloc(8);
      b.writeBigUInt64LE(pages);
      return JSON.stringify({ genesis: { raw: { top: { '0x3a686561707061676573': '0x' + b.toString('hex') } } } });
    };
    writeFileSync(f, spec((1n << 32n) + 100n));
    assert.equal(swx('call', corpusPath(WESTEND)!, 'Core_version', '--state', f).status, 0);
    writeFileSync(f, spec(70000n));
    const r = swx('call', corpusPath(WESTEND)!, 'Core_version', '--state', f);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /:heappages cannot be applied: memory size must be at most 65536 pages/);
  });
});
