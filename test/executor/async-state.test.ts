/**
 * An asynchronous state (storage behind a promise, as over an RPC) served to a
 * runtime in a worker: every read blocks the worker while the main thread
 * awaits the backend. Results must equal a call on the same state held in memory.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { fromHex, toHex } from '../../src/base/bytes.js';
import { isSwxError } from '../../src/base/errors.js';
import { backendFromChainSpec, type AsyncStorageBackend, type StorageBackend } from '../../src/state/index.js';
import { IsolatedRuntime } from '../../src/executor/index.js';
import { readCorpus, skipUnlessCorpus } from '../support/corpus.js';

/** Wraps a sync backend as an async one that answers after a macrotask, counting requests. */
function asAsync(b: StorageBackend, failGets = false): AsyncStorageBackend & { requests: number } {
  const wrap = async <T>(f: () => T): Promise<T> => {
    await sleep(0);
    return f();
  };
  return {
    async: true,
    requests: 0,
    get(key) {
      this.requests++;
      if (failGets) return Promise.reject(new Error('rpc: connection lost'));
      return wrap(() => b.get(key));
    },
    nextKey(key) {
      this.requests++;
      return wrap(() => b.nextKey(key));
    },
    childGet(sk, key) {
      this.requests++;
      return wrap(() => b.childGet(sk, key));
    },
    childNextKey(sk, key) {
      this.requests++;
      return wrap(() => b.childNextKey(sk, key));
    },
  };
}

const SPEC = 'chain-specs/kusama.json.gz';
const BLOCK = 'blocks/kusama-block-1.json';
/** twox128("System") ++ twox128("Number"). */
const SYSTEM_NUMBER = '0x26aa394eea5630e07c48ae0c9558cef702a5c1b19ab7a04f536c519aca4983ac';

describe('asynchronous state through IsolatedRuntime', { skip: skipUnlessCorpus(SPEC, BLOCK) }, () => {
  it('Core_initialize_block on the Kusama genesis gives the same changes as the in-memory state', async () => {
    const state = backendFromChainSpec(readCorpus(SPEC));
    const header = fromHex((JSON.parse(new TextDecoder().decode(readCorpus(BLOCK))) as { header_without_seal: string }).header_without_seal);
    const rt = await IsolatedRuntime.create(state.get(new TextEncoder().encode(':code'))!, { timeoutMs: 60000 });
    try {
      const remote = asAsync(state);
      const viaAsync = await rt.call('Core_initialize_block', header, { state: remote });
      const viaCopy = await rt.call('Core_initialize_block', header, { state });
      assert.ok(remote.requests > 0);
      assert.deepEqual(viaAsync.storageChanges.map(([k, v]) => [toHex(k), v && toHex(v)]), viaCopy.storageChanges.map(([k, v]) => [toHex(k), v && toHex(v)]));
      assert.ok(viaAsync.storageChanges.some(([k, v]) => toHex(k) === SYSTEM_NUMBER && v !== null && toHex(v) === '0x01000000'));
    } finally {
      await rt.close();
    }
  });

  it('a failing backend read fails the call with a typed error, and the runtime stays usable', async () => {
    const state = backendFromChainSpec(readCorpus(SPEC));
    const header = fromHex((JSON.parse(new TextDecoder().decode(readCorpus(BLOCK))) as { header_without_seal: string }).header_without_seal);
    const rt = await IsolatedRuntime.create(state.get(new TextEncoder().encode(':code'))!, { timeoutMs: 60000 });
    try {
      const failing = asAsync(state, true);
      await assert.rejects(rt.call('Core_initialize_block', header, { state: failing }), (e) => isSwxError(e) && /connection lost/.test(e.message));
      const ok = await rt.call('Core_version', new Uint8Array(0), { state: asAsync(state) });
      assert.ok(ok.output.length > 0);
    } finally {
      await rt.close();
    }
  });
});
