/**
 * `--endpoint`: the CLI on a live chain's state, against a real JSON-RPC
 * server (chopsticks serving the Kusama genesis; it serves its genesis under
 * the placeholder hash 0x45…45, hence --no-header-check): the same answers as
 * from the local chain spec, Kusama block 1 executed on the served genesis,
 * and a second run of the same command answered from the cache with zero requests.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSwx as cli, useCacheDir } from '../support/cli.js';
import { chopsticksBin, startChopsticks, type Chopsticks } from '../support/chopsticks.js';
import { readCorpus, readCorpusJson, skipUnlessCorpus } from '../support/corpus.js';

const SPEC = 'chain-specs/kusama.json.gz';
const BLOCK = 'blocks/kusama-block-1.json';

const skip = skipUnlessCorpus(SPEC, BLOCK) || (chopsticksBin() === undefined ? '@acala-network/chopsticks is not installed' : false);

describe('swx --endpoint on chopsticks serving the Kusama genesis', { skip }, () => {
  let server: Chopsticks;
  let dir: string;
  let spec: string;
  let restoreCache: (() => void) | undefined;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'swx-endpoint-'));
    restoreCache = useCacheDir(join(dir, 'cache'));
    spec = join(dir, 'kusama.json');
    writeFileSync(spec, readCorpus(SPEC));
    server = await startChopsticks(SPEC);
  });
  after(async () => {
    await server?.stop();
    restoreCache?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it('call: the chain\'s :code when RUNTIME is left out; the same output as from the chain spec', async () => {
    const remote = await cli('call', 'Core_version', '--endpoint', server.ws, '--no-header-check', '--json');
    assert.equal(remote.code, 0, remote.err);
    const local = await cli('call', spec, 'Core_version', '--json');
    const r = JSON.parse(remote.out) as { output: string; rpc: { requests: number } };
    assert.equal(r.output, (JSON.parse(local.out) as { output: string }).output);
    assert.ok(r.rpc.requests > 0);
  });

  it('metadata over http: the same length and hash as locally', async () => {
    const remote = await cli('metadata', '--endpoint', server.http, '--no-header-check', '--no-cache', '--json');
    assert.equal(remote.code, 0, remote.err);
    const local = await cli('metadata', spec, '--json');
    const { rpc: _rpc, ...summary } = JSON.parse(remote.out) as Record<string, unknown>;
    assert.deepEqual(summary, JSON.parse(local.out));
  });

  it('genesis: the served state enumerated and rooted as the chain spec', async () => {
    const remote = await cli('genesis', '--endpoint', server.ws, '--no-header-check', '--json');
    assert.equal(remote.code, 0, remote.err);
    const local = await cli('genesis', spec, '--json');
    const { rpc: _rpc, ...info } = JSON.parse(remote.out) as Record<string, unknown>;
    assert.deepEqual(info, JSON.parse(local.out));
  });

  it('execute-block: Kusama block 1 on the served genesis, root checked by the runtime; a second run makes zero requests', async () => {
    const k1 = readCorpusJson<{ header_without_seal: string; body: string[] }>(BLOCK);
    const block = join(dir, 'block1.json');
    writeFileSync(block, JSON.stringify({ header: k1.header_without_seal, extrinsics: k1.body }));
    const at = '0x' + '45'.repeat(32); // chopsticks' genesis hash: a hash, so nothing needs resolving again
    const args = ['execute-block', '--endpoint', server.ws, '--at', at, '--no-header-check', '--block', block, '--json'];
    const first = await cli(...args);
    assert.equal(first.code, 0, first.err);
    const r1 = JSON.parse(first.out) as { ok: boolean; stateRoot: string; rpc: { requests: number } };
    assert.equal(r1.stateRoot, '0xfabb0c6e92d29e8bb2167f3c6fb0ddeb956a4278a3cf853661af74a076fc9cb7');
    assert.ok(r1.rpc.requests > 0);
    const second = await cli(...args);
    assert.equal(second.code, 0, second.err);
    const r2 = JSON.parse(second.out) as { stateRoot: string; rpc: { requests: number } };
    assert.equal(r2.stateRoot, r1.stateRoot);
    assert.equal(r2.rpc.requests, 0, 'everything came from the cache');
  });

  it('snapshot: the served state as a dump that gives the same genesis offline; --for keeps what one call reads', async () => {
    const whole = join(dir, 'snapshot.json');
    const r = await cli('snapshot', '--endpoint', server.http, '--no-header-check', '-o', whole, '--json');
    assert.equal(r.code, 0, r.err);
    const local = await cli('genesis', spec, '--json');
    assert.deepEqual(JSON.parse((await cli('genesis', whole, '--json')).out), JSON.parse(local.out));
    const part = join(dir, 'nonce.json');
    const alice = '0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d';
    const s = await cli('snapshot', '--endpoint', server.ws, '--no-header-check', '--for', 'AccountNonceApi_account_nonce', '--input', alice, '-o', part, '--json');
    assert.equal(s.code, 0, s.err);
    const summary = JSON.parse(s.out) as { keys: number };
    assert.ok(summary.keys >= 1 && summary.keys < 50, `a handful of keys, got ${summary.keys}`);
    const offline = await cli('call', spec, 'AccountNonceApi_account_nonce', alice, '--state', part, '--json');
    const online = await cli('call', spec, 'AccountNonceApi_account_nonce', alice, '--json');
    assert.equal((JSON.parse(offline.out) as { output: string }).output, (JSON.parse(online.out) as { output: string }).output);
  });

  it('an unreachable endpoint: exit 1, one line naming it', async () => {
    const r = await cli('call', 'Core_version', '--endpoint', 'ws://127.0.0.1:9', '--no-cache');
    assert.equal(r.code, 1);
    assert.match(r.err, /RPC_FAILED.*127\.0\.0\.1:9/);
    assert.equal(r.err.trim().split('\n').length, 1);
  });
});
