/**
 * Faults between the client and a real server (chopsticks serving the Kusama
 * genesis), injected by a TCP proxy: dropped connections and delays are
 * survived (reconnect, retry); a server that stays unreachable gives, after a
 * bounded number of attempts, one RPC_FAILED line naming the endpoint and the
 * request. A server answering garbage or about another block gives
 * RPC_BAD_RESPONSE, and nothing of it is cached.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { fromHex, toHex } from '../../src/base/bytes.js';
import { isSwxError } from '../../src/base/errors.js';
import { CODE_KEY } from '../../src/state/index.js';
import { MemoryStateCache, RpcClient, RpcStateBackend, type RpcStateOpts } from '../../src/rpc/index.js';
import { skipUnlessCorpus } from '../support/corpus.js';
import { chopsticksBin, startChopsticks, type Chopsticks } from '../support/chopsticks.js';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.js';

const SPEC = 'chain-specs/kusama.json.gz';
const GENESIS = '0x' + '45'.repeat(32);
/** twox128("System") ++ twox128("Number"): 0x01000000 in this spec's raw genesis. */
const SYSTEM_NUMBER = fromHex('0x26aa394eea5630e07c48ae0c9558cef702a5c1b19ab7a04f536c519aca4983ac');
/** twox128("Babe") ++ twox128("EpochIndex"), absent at genesis: a cheap read. */
const BABE_EPOCH_INDEX = fromHex('0x1cb6f36e027abb2091cfb5110ab5087f38316cbf8fa0da822a20ac1c55bf1be3');

const skip = skipUnlessCorpus(SPEC) || (chopsticksBin() === undefined ? '@acala-network/chopsticks not installed' : false);

const fast: RpcStateOpts = { at: GENESIS, checkHeaderHash: false, cache: false, retryDelayMs: 10, maxAttempts: 4 };

describe('faults between the client and chopsticks', { skip }, () => {
  let server: Chopsticks;
  let proxy: FaultProxy;

  before(async () => {
    server = await startChopsticks(SPEC);
    proxy = await startFaultProxy(server.port);
  });

  after(async () => {
    await proxy?.stop();
    await server?.stop();
  });

  const reset = (): void => {
    proxy.faults.delayMs = 0;
    proxy.faults.refuse = 0;
    proxy.faults.cut = { afterChunks: 0, connections: 0 };
  };

  it('reconnects and retries when a WebSocket connection drops in the middle of a request', async () => {
    reset();
    const state = await RpcStateBackend.connect(proxy.url('ws'), fast);
    try {
      // The next connection forwards its upgrade request, then is cut at the first frame.
      proxy.dropAll();
      proxy.faults.cut = { afterChunks: 1, connections: 1 };
      const code = await state.get(CODE_KEY);
      assert.ok(code !== undefined && code.length > 100_000);
      assert.ok(state.stats.retries >= 1, `retries ${state.stats.retries}`);
      assert.ok(state.stats.connections >= 3, `connections ${state.stats.connections}`);
    } finally {
      await state.close();
    }
  });

  it('retries an HTTP batch whose connection is dropped before the answer', async () => {
    reset();
    const state = await RpcStateBackend.connect(proxy.url('http'), fast);
    try {
      proxy.dropAll();
      proxy.faults.cut = { afterChunks: 0, connections: 2 };
      const [n, e] = await state.getMany([SYSTEM_NUMBER, BABE_EPOCH_INDEX]);
      assert.equal(toHex(n!), '0x01000000');
      assert.equal(e, undefined);
      assert.ok(state.stats.retries >= 2);
    } finally {
      await state.close();
    }
  });

  for (const scheme of ['ws', 'http'] as const) {
    it(`survives delays (${scheme})`, async () => {
      reset();
      proxy.faults.delayMs = 40;
      const state = await RpcStateBackend.connect(proxy.url(scheme), fast);
      try {
        assert.equal(toHex((await state.get(SYSTEM_NUMBER))!), '0x01000000');
        assert.equal(state.stats.retries, 0);
      } finally {
        reset();
        await state.close();
      }
    });
  }

  for (const scheme of ['ws', 'http'] as const) {
    it(`gives up after the bounded attempts with one line naming the endpoint and the request (${scheme})`, async () => {
      reset();
      const cache = new MemoryStateCache();
      const state = await RpcStateBackend.connect(proxy.url(scheme), { ...fast, cache });
      try {
        proxy.dropAll();
        proxy.faults.refuse = 1000;
        await assert.rejects(state.get(SYSTEM_NUMBER), (e) => {
          assert.ok(isSwxError(e));
          assert.equal(e.code, 'RPC_FAILED');
          assert.ok(e.message.includes(proxy.url(scheme)), e.message);
          assert.ok(e.message.includes('state_queryStorageAt') && e.message.includes(toHex(SYSTEM_NUMBER).slice(0, 20)), e.message);
          assert.ok(e.message.includes('after 4 attempts'), e.message);
          assert.ok(!e.message.includes('\n'));
          return true;
        });
        assert.equal(cache.getValue(state.block, undefined, SYSTEM_NUMBER).found, false);
      } finally {
        reset();
        await state.close();
      }
    });
  }

  it('counts an attempt that takes longer than the timeout as failed', async () => {
    reset();
    const client = new RpcClient(proxy.url('ws'), { timeoutMs: 100, maxAttempts: 2, retryDelayMs: 10 });
    try {
      proxy.faults.delayMs = 400;
      await assert.rejects(client.call('chain_getBlockHash', [0]), (e) => isSwxError(e) && e.code === 'RPC_FAILED' && e.message.includes('no answer within 100 ms'));
    } finally {
      reset();
      await client.close();
    }
  });
});

/** A JSON-RPC server that lies, in the way `mode` says (the faults no real server should commit). */
function lyingServer(mode: { kind: 'garbage' | 'wrongBlock' | 'unsortedKeys' | 'serverError' }): Promise<{ url: string; server: Server }> {
  const header = { parentHash: GENESIS, number: '0x0', stateRoot: GENESIS, extrinsicsRoot: GENESIS, digest: { logs: [] } };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const r = JSON.parse(body) as { id: number; method: string; params: unknown[] };
      const reply = (result: unknown): void => void res.end(JSON.stringify({ jsonrpc: '2.0', id: r.id, result }));
      if (r.method === 'chain_getHeader') return reply(header);
      if (mode.kind === 'garbage') return void res.end('<html>502 Bad Gateway</html>');
      if (mode.kind === 'serverError') return void res.end(JSON.stringify({ jsonrpc: '2.0', id: r.id, error: { code: -32000, message: 'state already discarded' } }));
      if (mode.kind === 'wrongBlock') return reply([{ block: '0x' + '99'.repeat(32), changes: (r.params[0] as string[]).map((k) => [k, '0x01']) }]);
      return reply(['0x02', '0x01']);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server })));
}

describe('a server answering wrong', () => {
  const cases = [
    { kind: 'garbage', code: 'RPC_BAD_RESPONSE', says: 'not JSON', read: 'get' },
    { kind: 'wrongBlock', code: 'RPC_BAD_RESPONSE', says: 'answered for block 0x9999', read: 'get' },
    { kind: 'unsortedKeys', code: 'RPC_BAD_RESPONSE', says: 'out of order', read: 'nextKey' },
    { kind: 'serverError', code: 'RPC_SERVER_ERROR', says: 'state already discarded', read: 'get' },
  ] as const;
  for (const c of cases) {
    it(`${c.kind}: ${c.code}, not retried, nothing cached`, async () => {
      const { url, server } = await lyingServer({ kind: c.kind });
      const cache = new MemoryStateCache();
      const state = await RpcStateBackend.connect(url, { at: GENESIS, checkHeaderHash: false, cache, retryDelayMs: 10 });
      try {
        const read = c.read === 'get' ? state.get(SYSTEM_NUMBER) : state.nextKey(SYSTEM_NUMBER);
        await assert.rejects(read, (e) => isSwxError(e) && e.code === c.code && e.message.includes(url) && e.message.includes(c.says));
        assert.equal(state.stats.retries, 0);
        assert.equal(cache.getValue(state.block, undefined, SYSTEM_NUMBER).found, false);
        assert.equal(cache.getNext(state.block, undefined, SYSTEM_NUMBER).found, false);
      } finally {
        await state.close();
        await new Promise((r) => server.close(r));
      }
    });
  }
});
