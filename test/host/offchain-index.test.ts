import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { utf8 } from '../../src/base/bytes.js';
import { OFFCHAIN_INDEX_HOST_FUNCTIONS } from '../../src/host/offchain-index.js';
import type { Externalities } from '../../src/state/externalities.js';
import { bindHost, makeFakeContext } from '../support/fake-context.js';

function recordingStorage(calls: Array<[string, Uint8Array, Uint8Array?]>): Externalities {
  return {
    offchainIndexSet: (k: Uint8Array, v: Uint8Array) => void calls.push(['set', k, v]),
    offchainIndexClear: (k: Uint8Array) => void calls.push(['clear', k]),
  } as unknown as Externalities;
}

describe('offchain_index host functions', () => {
  it('should write to the storage offchain index and log the operations in order', async () => {
    const calls: Array<[string, Uint8Array, Uint8Array?]> = [];
    const ctx = await makeFakeContext({ storage: recordingStorage(calls) });
    bindHost(OFFCHAIN_INDEX_HOST_FUNCTIONS, 'ext_offchain_index_set_version_1', ctx)(ctx.putFat(utf8('k1')), ctx.putFat(utf8('v1')));
    bindHost(OFFCHAIN_INDEX_HOST_FUNCTIONS, 'ext_offchain_index_clear_version_1', ctx)(ctx.putFat(utf8('k1')));
    bindHost(OFFCHAIN_INDEX_HOST_FUNCTIONS, 'ext_offchain_index_set_version_1', ctx)(ctx.putFat(utf8('k2')), ctx.putFat(new Uint8Array(0)));
    assert.deepEqual(calls, [
      ['set', utf8('k1'), utf8('v1')],
      ['clear', utf8('k1')],
      ['set', utf8('k2'), new Uint8Array(0)],
    ]);
    assert.deepEqual(ctx.effects.offchainIndex, [
      [utf8('k1'), utf8('v1')],
      [utf8('k1'), undefined],
      [utf8('k2'), new Uint8Array(0)],
    ]);
  });

  it('should work outside offchain calls (no offchain environment needed)', async () => {
    const calls: Array<[string, Uint8Array, Uint8Array?]> = [];
    const ctx = await makeFakeContext({ storage: recordingStorage(calls), offchain: undefined });
    bindHost(OFFCHAIN_INDEX_HOST_FUNCTIONS, 'ext_offchain_index_clear_version_1', ctx)(ctx.putFat(utf8('k')));
    assert.equal(calls.length, 1);
  });

  it('should keep copies, not views of the runtime memory', async () => {
    const calls: Array<[string, Uint8Array, Uint8Array?]> = [];
    const ctx = await makeFakeContext({ storage: recordingStorage(calls) });
    const key = ctx.put(utf8('key'));
    bindHost(OFFCHAIN_INDEX_HOST_FUNCTIONS, 'ext_offchain_index_clear_version_1', ctx)((3n << 32n) | BigInt(key));
    ctx.memory.write(key, utf8('xxx'));
    assert.deepEqual(ctx.effects.offchainIndex[0]?.[0], utf8('key'));
  });
});
