/**
 * The same answers through `--endpoint` as from the local chain spec, for
 * every corpus chain spec besides Kusama's (endpoint.test.ts): chopsticks
 * serves the spec's genesis (`--at 0`: a parachain's chopsticks may build a
 * block on top at start), and the call cases the suite checks locally —
 * `Core_version`, `Metadata_metadata`, an account nonce — and `genesis` give
 * identical JSON, apart from the `rpc` counters.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSwx, useCacheDir } from '../support/cli.js';
import { chopsticksBin, startChopsticks, type Chopsticks } from '../support/chopsticks.js';
import { readCorpus, skipUnlessCorpus } from '../support/corpus.js';

/** The JSON `swx ...args` prints (it must succeed), without its `rpc` counters. */
async function cli(...args: string[]): Promise<unknown> {
  const { code, out, err } = await runSwx(...args);
  assert.equal(code, 0, `swx ${args.join(' ')}: ${err}`);
  const { rpc: _rpc, ...rest } = JSON.parse(out) as Record<string, unknown>;
  return rest;
}

const SPECS = ['rococo_v2_2_asset_hub', 'polkadot_collectives', 'ksmcc3_coretime'];
const ALICE = '0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d';
const noChopsticks = chopsticksBin() === undefined ? '@acala-network/chopsticks is not installed' : false;

for (const name of SPECS) {
  const rel = `chain-specs/${name}.json.gz`;
  describe(`--endpoint on chopsticks serving ${name}: the same as the chain spec`, { skip: skipUnlessCorpus(rel) || noChopsticks }, () => {
    let server: Chopsticks;
    let dir: string;
    let spec: string;
    let restoreCache: (() => void) | undefined;
    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'swx-endpoint-spec-'));
      restoreCache = useCacheDir(join(dir, 'cache'));
      spec = join(dir, `${name}.json`);
      writeFileSync(spec, readCorpus(rel));
      server = await startChopsticks(rel);
    });
    after(async () => {
      await server?.stop();
      restoreCache?.();
      rmSync(dir, { recursive: true, force: true });
    });
    const remote = (...args: string[]): string[] => [...args, '--endpoint', server.ws, '--at', '0', '--no-header-check', '--json'];

    for (const [method, input] of [['Core_version', []], ['AccountNonceApi_account_nonce', [ALICE]]] as const) {
      it(`call ${method}`, async () => {
        assert.deepEqual(await cli(...remote('call', method, ...input)), await cli('call', spec, method, ...input, '--json'));
      });
    }

    it('metadata', async () => {
      assert.deepEqual(await cli(...remote('metadata')), await cli('metadata', spec, '--json'));
    });

    it('genesis: the served state rooted as the chain spec', async () => {
      assert.deepEqual(await cli(...remote('genesis')), await cli('genesis', spec, '--json'));
    });
  });
}
