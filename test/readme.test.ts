/**
 * The README's library examples, run exactly as written: the `ts` code blocks
 * of its "Library" section are concatenated into one ES module whose only
 * change is that `'swx'` resolves to this build. It runs in a fresh Node
 * process, in a folder holding the files the examples name (from the corpus),
 * and must exit by itself: idle workers never keep a process alive.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readCorpus, readCorpusJson, skipUnlessCorpus } from './support/corpus.js';

/** What `import 'swx'` resolves to: the package's "exports", the bundle. */
const SWX = pathToFileURL(resolve('dist/bundle/index.js')).href;

/** The `ts` blocks of the README section headed `title`. */
function codeBlocks(readme: string, title: string): string[] {
  const start = readme.indexOf(`## ${title}\n`);
  assert.ok(start >= 0, `README has a "${title}" section`);
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

/** Runs an ES module in a fresh Node process in `cwd`; resolves with its exit code and output. */
function runModule(cwd: string, source: string, timeoutMs: number): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> {
  writeFileSync(join(cwd, 'main.mjs'), source);
  return new Promise((done) => {
    execFile(process.execPath, ['main.mjs'], { cwd, timeout: timeoutMs }, (err, stdout, stderr) => {
      const e = err as (Error & { code?: number; signal?: string }) | null;
      done({ code: e ? (typeof e.code === 'number' ? e.code : null) : 0, signal: e?.signal ?? null, stdout, stderr });
    });
  });
}

const NEEDS = ['chain-specs/rococo_v2_2_asset_hub.json.gz', 'chain-specs/kusama.json.gz', 'blocks/kusama-block-1.json'];

describe('README library examples', { skip: skipUnlessCorpus(...NEEDS) }, () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'swx-readme-'));
    const spec = readCorpus('chain-specs/rococo_v2_2_asset_hub.json.gz');
    writeFileSync(join(dir, 'chain-spec.json'), spec);
    const top = (JSON.parse(new TextDecoder().decode(spec)) as { genesis: { raw: { top: Record<string, string> } } }).genesis.raw.top;
    writeFileSync(join(dir, 'runtime.wasm'), Buffer.from(top['0x3a636f6465']!.slice(2), 'hex'));
    writeFileSync(join(dir, 'kusama.json'), readCorpus('chain-specs/kusama.json.gz'));
    const k1 = readCorpusJson<{ header_without_seal: string; body: string[] }>('blocks/kusama-block-1.json');
    writeFileSync(join(dir, 'block.json'), JSON.stringify({ header: k1.header_without_seal, extrinsics: k1.body }));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('run as written, give the known answers, and the process exits by itself', async () => {
    const blocks = codeBlocks(readFileSync('README.md', 'utf8'), 'Library');
    assert.ok(blocks.length >= 2);
    const program = blocks.join('\n').replaceAll("from 'swx'", `from '${SWX}'`);
    const report = `
const hex = (b) => Buffer.from(b).toString('hex');
console.log(JSON.stringify({
  specName: runtime.version.specName, metadata: res.output.length, changes: res.storageChanges.length,
  nonce: hex(nonce.output), same: hex(same.output), nonces: nonces.map((r) => hex(r.output)),
  again: again.version.specVersion, genesisHash: hex(genesisHash), stateRoot: hex(stateRoot), next: next.entries().length,
}));
`;
    const run = await runModule(dir, program + report, 120_000);
    assert.equal(run.signal, null, `killed (did not exit by itself?): ${run.stderr}`);
    assert.equal(run.code, 0, run.stderr);
    const got = JSON.parse(run.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
    assert.equal(got['specName'], 'statemine');
    assert.equal(got['metadata'], 147382);
    assert.equal(got['changes'], 0);
    assert.equal(got['nonce'], '00000000');
    assert.equal(got['same'], got['nonce']);
    assert.deepEqual(got['nonces'], ['00000000', '00000000']);
    assert.equal(got['again'], 900);
    assert.equal(got['genesisHash'], 'b0a8d493285c2df73290dfb7e61f870f17b41801197a149ca93654499ea3dafe');
    assert.equal(got['stateRoot'], 'fabb0c6e92d29e8bb2167f3c6fb0ddeb956a4278a3cf853661af74a076fc9cb7');
  });

  it('an IsolatedRuntime and a RuntimePool left open do not keep the process alive', async () => {
    const program = `
import { readFileSync } from 'node:fs';
import { IsolatedRuntime, RuntimePool } from '${SWX}';
const blob = readFileSync('runtime.wasm');
const isolated = await IsolatedRuntime.create(blob);
await isolated.call('Core_version');
const pool = await RuntimePool.create(blob, { size: 2 });
await pool.call('Core_version');
console.log('done');
`;
    const run = await runModule(dir, program, 60_000);
    assert.equal(run.signal, null, 'the process had to be killed: an idle worker kept it alive');
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout.trim(), 'done');
  });
});
