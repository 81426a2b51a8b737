/**
 * The storage channel's worker side keeps whole-state answers (the entries a
 * storage root is computed from) only for the call that fetched them: a later
 * call on another asynchronous state must see that state, not the first one.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fromHex } from '../../src/base/bytes.js';
import { isSwxError } from '../../src/base/errors.js';
import { backendFromChainSpec, CODE_KEY, type AsyncStorageBackend, type StorageBackend } from '../../src/state/index.js';
import { IsolatedRuntime } from '../../src/executor/index.js';
import { readCorpus, skipUnlessCorpus } from '../support/corpus.js';

const SPEC = 'chain-specs/kusama.json.gz';
const BLOCK = 'blocks/kusama-block-1.json';
/** twox128("Balances") ++ twox128("TotalIssuance"): read by no part of block 1 but part of the root. */
const TOTAL_ISSUANCE = '0xc2261276cc9d1f8598ea4b6a74b15c2f57c875e4cff74148e4628f264b974c80';

function asAsync(b: StorageBackend, overrides: ReadonlyMap<string, Uint8Array> = new Map()): AsyncStorageBackend {
  const value = (k: Uint8Array): Uint8Array | undefined => overrides.get(Buffer.from(k).toString('hex')) ?? b.get(k);
  return {
    async: true,
    get: async (k) => value(k),
    nextKey: async (k) => b.nextKey(k),
    childGet: async (sk, k) => b.childGet(sk, k),
    childNextKey: async (sk, k) => b.childNextKey(sk, k),
    entries: async () => b.entries().map(([k, v]) => [k, value(k) ?? v] as const),
  };
}

describe('RemoteBackend across calls', { skip: skipUnlessCorpus(SPEC, BLOCK) }, () => {
  it('computes the root of each call from that call\'s state (Kusama block 1 passes on the genesis, fails on an altered one)', async () => {
    const state = backendFromChainSpec(readCorpus(SPEC));
    const block = fromHex((JSON.parse(new TextDecoder().decode(readCorpus(BLOCK))) as { block_for_Core_execute_block: string }).block_for_Core_execute_block);
    const rt = await IsolatedRuntime.create(state.get(CODE_KEY)!, { timeoutMs: 60_000 });
    try {
      await rt.call('Core_execute_block', block, { state: asAsync(state) });
      const altered = asAsync(state, new Map([[TOTAL_ISSUANCE.slice(2), new Uint8Array(16).fill(1)]]));
      await assert.rejects(rt.call('Core_execute_block', block, { state: altered }), (e) => isSwxError(e));
      await rt.call('Core_execute_block', block, { state: asAsync(state) });
    } finally {
      await rt.close();
    }
  });
});
