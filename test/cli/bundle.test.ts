/**
 * The shipped `swx` (package.json "bin": dist/bundle/bin.js) and `import('swx')`
 * ("exports": dist/bundle/index.js), the esbuild bundle of tsc's output: run
 * as real processes, they answer as the unbundled build does — help,
 * version, a runtime call, an error exit, the `--timeout` worker, the
 * `--endpoint` worker — and the
 * help path loads no command implementation (checked on the bundle's
 * metafile).
 */
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chopsticksBin, startChopsticks } from '../support/chopsticks.js';
import { corpusPath, skipUnlessCorpus } from '../support/corpus.js';

const PKG = JSON.parse(readFileSync(resolve('package.json'), 'utf8')) as { version: string; bin: { swx: string }; exports: { '.': { default: string } } };
const BIN = resolve(PKG.bin.swx);
const UNBUNDLED = resolve('dist/src/cli/bin.js');
const RUNTIME = 'runtimes/asset-hub-rococo-genesis.wasm.gz';

// The artifact cache goes to a temporary folder, never the user's (children inherit the variable).
const CACHE_DIR = mkdtempSync(join(tmpdir(), 'swx-bundle-cache-'));
process.env['SWX_CACHE_DIR'] = CACHE_DIR;
after(() => rmSync(CACHE_DIR, { recursive: true, force: true }));

function run(bin: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the bundled swx', () => {
  it('package.json points "bin" and "exports" at the bundle', () => {
    assert.equal(PKG.bin.swx, 'dist/bundle/bin.js');
    assert.equal(PKG.exports['.'].default, './dist/bundle/index.js');
  });

  it('--help and COMMAND --help print what the unbundled build prints', () => {
    for (const args of [['--help'], ['metadata', '--help'], ['hostapi', '-h']]) {
      const [a, b] = [run(BIN, ...args), run(UNBUNDLED, ...args)];
      assert.equal(a.status, 0, a.stderr);
      assert.equal(a.stdout, b.stdout);
    }
    assert.match(run(BIN, '--help').stdout, /^commands:$/m);
  });

  it('--version prints the package version', () => {
    const r = run(BIN, '--version');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), `swx ${PKG.version}`);
  });

  it('an error exits 2 with one line naming the input', () => {
    const r = run(BIN, 'metadata', join(CACHE_DIR, 'absent.wasm'), '--json');
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /^swx: .*absent\.wasm/);
    assert.equal(run(BIN, 'metdata').status, 2);
  });

  const skip = skipUnlessCorpus(RUNTIME);
  it('metadata --json: the unbundled result, without and with the artifact cache, and under --timeout (its worker)', { skip }, () => {
    const path = corpusPath(RUNTIME)!;
    const expected = run(UNBUNDLED, 'metadata', path, '--json', '--no-cache');
    assert.equal(expected.status, 0, expected.stderr);
    for (const extra of [['--no-cache'], [], [], ['--timeout', '60000']]) {
      const r = run(BIN, 'metadata', path, '--json', ...extra);
      assert.equal(r.status, 0, `${extra.join(' ')}: ${r.stderr}`);
      assert.equal(r.stdout, expected.stdout, extra.join(' '));
    }
  });

  it("import('swx') resolves to the bundle, and its IsolatedRuntime finds its worker", { skip }, () => {
    const program = `
      import { readFileSync } from 'node:fs';
      import { gunzipSync } from 'node:zlib';
      import { IsolatedRuntime, createRuntime, loadRuntimeCode } from 'swx';
      const blob = gunzipSync(readFileSync(${JSON.stringify(corpusPath(RUNTIME))}));
      const isolated = await IsolatedRuntime.create(blob, { timeoutMs: 60000 });
      const a = await isolated.call('Core_version', new Uint8Array());
      const b = await (await createRuntime(await loadRuntimeCode(blob))).call('Core_version', new Uint8Array());
      await isolated.close();
      console.log(Buffer.from(a.output).equals(Buffer.from(b.output)), import.meta.resolve('swx'));
    `;
    // A file inside the package (its self-reference resolves 'swx'), not -e: a worker inherits execArgv.
    const file = resolve('dist', `bundle-import-${process.pid}.mjs`);
    writeFileSync(file, program);
    const r = spawnSync(process.execPath, [file], { encoding: 'utf8' });
    rmSync(file, { force: true });
    assert.equal(r.status, 0, r.stderr);
    const [same, url] = r.stdout.trim().split(' ');
    assert.equal(same, 'true');
    assert.ok(url!.endsWith('/dist/bundle/index.js'), url);
  });

  const CHAIN = 'chain-specs/rococo_v2_2_asset_hub.json.gz';
  const skipChain = skipUnlessCorpus(CHAIN) || (chopsticksBin() === undefined ? '@acala-network/chopsticks is not installed' : false);
  it('--endpoint: the runtime in its worker reads the served state (the worker entry of the bundle)', { skip: skipChain }, async () => {
    const server = await startChopsticks(CHAIN);
    try {
      const args = ['call', 'AccountNonceApi_account_nonce', `0x${'d4'.repeat(32)}`, '--endpoint', server.ws, '--no-cache', '--json'];
      const [a, b] = [run(BIN, ...args), run(UNBUNDLED, ...args)];
      assert.equal(a.status, 0, a.stderr);
      assert.equal(b.status, 0, b.stderr);
      const output = (r: { stdout: string }): unknown => (JSON.parse(r.stdout) as { output: unknown }).output;
      assert.equal(output(a), output(b));
    } finally {
      await server.stop();
    }
  });

  it('the help path loads the registry and help text, no command implementation', () => {
    const meta = JSON.parse(readFileSync(resolve('dist/bundle/meta.json'), 'utf8')) as {
      outputs: Record<string, { entryPoint?: string; inputs: Record<string, unknown>; imports: Array<{ path: string; kind: string }> }>;
    };
    const main = Object.keys(meta.outputs).find((o) => meta.outputs[o]!.entryPoint === 'dist/src/cli/main.js');
    assert.ok(main !== undefined, 'main.js is a chunk of its own (a dynamic import of bin.js)');
    const loaded = new Set<string>();
    const visit = (o: string): void => {
      if (loaded.has(o) || meta.outputs[o] === undefined) return;
      loaded.add(o);
      for (const i of meta.outputs[o]!.imports) if (i.kind !== 'dynamic-import') visit(i.path);
    };
    visit(main);
    const inputs = [...loaded].flatMap((o) => Object.keys(meta.outputs[o]!.inputs));
    assert.ok(inputs.includes('dist/src/cli/registry.js'));
    const heavy = inputs.filter((i) => /^dist\/src\/(cli\/run\/|cli\/endpoint|cli\/options|executor\/(?!strategies)|rpc\/|metadata\/|w3f\/(?!runtime-env)|host\/|state\/|trie\/|wasm\/|blob\/)/.test(i));
    assert.deepEqual(heavy, []);
  });
});
