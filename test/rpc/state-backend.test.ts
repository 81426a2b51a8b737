/**
 * RpcStateBackend against a real server: chopsticks serving the Kusama
 * genesis. What it reads must be the chain spec's state, byte for byte; a
 * runtime call through IsolatedRuntime must give the same output and storage
 * changes as on the local chain-spec state; a second run over the persistent
 * cache must make no request at all.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromHex, toHex } from '../../src/base/bytes.js';
import { createHashers } from '../../src/base/hashing.js';
import { isSwxError } from '../../src/base/errors.js';
import { CODE_KEY, backendFromChainSpec, type InMemoryBackend } from '../../src/state/index.js';
import { IsolatedRuntime } from '../../src/executor/isolated.js';
import type { CallResult as IsolatedCallResult } from '../../src/executor/caller.js';
import { MemoryStateCache, RpcStateBackend, type RpcStateOpts } from '../../src/rpc/index.js';
import { readCorpus, skipUnlessCorpus } from '../support/corpus.js';
import { chopsticksBin, startChopsticks, type Chopsticks } from '../support/chopsticks.js';

const SPEC = 'chain-specs/kusama.json.gz';
const BLOCK = 'blocks/kusama-block-1.json';
/** chopsticks serves a `--genesis` block under this placeholder hash (so its header does not hash to it). */
const CHOPSTICKS_GENESIS = '0x' + '45'.repeat(32);
/** twox128("System") ++ twox128("Number"). */
const SYSTEM_NUMBER = '0x26aa394eea5630e07c48ae0c9558cef702a5c1b19ab7a04f536c519aca4983ac';

const skip = skipUnlessCorpus(SPEC, BLOCK) || (chopsticksBin() === undefined ? '@acala-network/chopsticks not installed' : false);

function changes(r: IsolatedCallResult): Array<[string, string | null]> {
  return r.storageChanges.map(([k, v]) => [toHex(k), v === null ? null : toHex(v)]);
}

describe('RpcStateBackend on chopsticks serving the Kusama genesis', { skip }, () => {
  let server: Chopsticks;
  let local: InMemoryBackend;
  let rt: IsolatedRuntime;
  let header: Uint8Array;
  const dirs: string[] = [];
  const cacheDir = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'swx-rpc-cache-'));
    dirs.push(d);
    return d;
  };
  const opts = (o: RpcStateOpts = {}): RpcStateOpts => ({ at: CHOPSTICKS_GENESIS, checkHeaderHash: false, cache: false, ...o });

  before(async () => {
    [server] = await Promise.all([startChopsticks(SPEC)]);
    local = backendFromChainSpec(readCorpus(SPEC));
    rt = await IsolatedRuntime.create(local.get(CODE_KEY)!, { timeoutMs: 60_000 });
    header = fromHex((JSON.parse(new TextDecoder().decode(readCorpus(BLOCK))) as { header_without_seal: string }).header_without_seal);
  });

  after(async () => {
    await rt?.close();
    await server?.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  for (const scheme of ['ws', 'http'] as const) {
    it(`reads the chain spec's values and enumerates its keys over ${scheme}`, async () => {
      const state = await RpcStateBackend.connect(scheme === 'ws' ? server.ws : server.http, opts());
      try {
        assert.equal(toHex((await state.get(CODE_KEY))!), toHex(local.get(CODE_KEY)!));
        assert.equal(await state.get(fromHex('0x00112233')), undefined);
        const probe = fromHex(SYSTEM_NUMBER);
        assert.equal(toHex((await state.nextKey(probe)) ?? new Uint8Array(0)), toHex(local.nextKey(probe) ?? new Uint8Array(0)));
        let last = { keys: 0, fetchedKeys: 0 };
        const entries = await state.entries((p) => (last = p));
        const expected = local.entries();
        assert.equal(entries.length, expected.length);
        assert.equal(last.keys, expected.length);
        entries.forEach(([k, v], i) => {
          assert.equal(toHex(k), toHex(expected[i]![0]));
          assert.equal(toHex(v), toHex(expected[i]![1]));
        });
        assert.deepEqual(await state.childStorageKeys(), []);
      } finally {
        await state.close();
      }
    });
  }

  it('gives the same call results as the local chain-spec state (Core_version, Metadata_metadata, AccountNonceApi, Core_initialize_block)', async () => {
    const state = await RpcStateBackend.connect(server.ws, opts());
    try {
      const calls: Array<[string, Uint8Array]> = [
        ['Core_version', new Uint8Array(0)],
        ['Metadata_metadata', new Uint8Array(0)],
        ['AccountNonceApi_account_nonce', new Uint8Array(32)],
        ['Core_initialize_block', header],
      ];
      for (const [method, input] of calls) {
        const remote = await rt.call(method, input, { state });
        const here = await rt.call(method, input, { state: local });
        assert.equal(toHex(remote.output), toHex(here.output), method);
        assert.deepEqual(changes(remote), changes(here), method);
      }
      const init = await rt.call('Core_initialize_block', header, { state });
      assert.ok(changes(init).some(([k, v]) => k === SYSTEM_NUMBER && v === '0x01000000'));
    } finally {
      await state.close();
    }
  });

  it('executes Kusama block 1 on the served genesis: the runtime checks the state root, computed over the enumerated state', async () => {
    const block = fromHex((JSON.parse(new TextDecoder().decode(readCorpus(BLOCK))) as { block_for_Core_execute_block: string }).block_for_Core_execute_block);
    const state = await RpcStateBackend.connect(server.http, opts());
    try {
      const remote = await rt.call('Core_execute_block', block, { state });
      const here = await rt.call('Core_execute_block', block, { state: local });
      assert.equal(toHex(remote.output), '0x');
      assert.deepEqual(changes(remote), changes(here));
    } finally {
      await state.close();
    }
  });

  it('makes no request on a second run of the same call with the persistent cache', async (t) => {
    const dir = cacheDir();
    const hashers = await createHashers();
    const codeHash = hashers.blake2_256(local.get(CODE_KEY)!);
    const run = async (): Promise<{ result: IsolatedCallResult; stats: RpcStateBackend['stats']; ms: number }> => {
      const t0 = performance.now();
      const state = await RpcStateBackend.connect(server.ws, opts({ cache: true, cacheDir: dir, hashers }));
      try {
        const result = await state.traced(codeHash, 'Core_initialize_block', () => rt.call('Core_initialize_block', header, { state }));
        return { result, stats: { ...state.stats }, ms: performance.now() - t0 };
      } finally {
        await state.close();
      }
    };
    const cold = await run();
    const warm = await run();
    t.diagnostic(`cold: ${cold.stats.requests} requests, ${cold.stats.bytesReceived} bytes in, ${cold.ms.toFixed(1)} ms; cached: ${warm.stats.requests} requests, ${warm.ms.toFixed(1)} ms`);
    assert.ok(cold.stats.requests > 0);
    assert.equal(warm.stats.requests, 0);
    assert.equal(warm.stats.messages, 0);
    assert.deepEqual(changes(warm.result), changes(cold.result));
    assert.equal(toHex(warm.result.output), toHex(cold.result.output));
  });

  it('prefetches a recorded access pattern in one batch, after which the call makes no request', async () => {
    const hashers = await createHashers();
    const codeHash = hashers.blake2_256(local.get(CODE_KEY)!);
    const first = await RpcStateBackend.connect(server.http, opts({ cache: new MemoryStateCache(), hashers }));
    await first.traced(codeHash, 'Core_initialize_block', () => rt.call('Core_initialize_block', header, { state: first }));
    const pattern = first.cache.getPattern(codeHash, 'Core_initialize_block');
    await first.close();
    assert.ok(pattern !== undefined && pattern.length > 5);
    // A fresh cache holding only the pattern: as on another block of the same runtime.
    const cache = new MemoryStateCache();
    cache.putPattern(codeHash, 'Core_initialize_block', pattern);
    const second = await RpcStateBackend.connect(server.http, opts({ cache, hashers }));
    try {
      const before = second.stats.messages;
      await second.prefetch(codeHash, 'Core_initialize_block');
      assert.equal(second.stats.messages - before, 1, 'all reads of the pattern in one HTTP batch');
      const afterPrefetch = second.stats.requests;
      await second.traced(codeHash, 'Core_initialize_block', () => rt.call('Core_initialize_block', header, { state: second }));
      assert.equal(second.stats.requests, afterPrefetch);
    } finally {
      await second.close();
    }
  });

  it('tells that chopsticks serves no read proofs', async () => {
    const state = await RpcStateBackend.connect(server.ws, opts());
    try {
      assert.equal(await state.servesReadProofs(), false);
    } finally {
      await state.close();
    }
  });

  it('refuses a block number the server does not have', async () => {
    await assert.rejects(RpcStateBackend.connect(server.ws, opts({ at: 99 })), (e) => isSwxError(e) && e.code === 'RPC_UNKNOWN_BLOCK' && e.message.includes(server.ws));
  });

  it('refuses a header that does not hash to the block asked for (chopsticks answers any unknown hash with its genesis header)', async () => {
    await assert.rejects(
      RpcStateBackend.connect(server.ws, opts({ at: '0x' + '11'.repeat(32), checkHeaderHash: true })),
      (e) => isSwxError(e) && e.code === 'RPC_BAD_RESPONSE' && e.message.includes(server.ws) && e.message.includes('chain_getHeader'),
    );
  });
});
