import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isSwxError } from '../../src/base/errors.js';
import { TRANSACTION_INDEX_HOST_FUNCTIONS } from '../../src/host/transaction-index.js';
import { bindHost, makeFakeContext } from '../support/fake-context.js';

describe('transaction_index host functions', () => {
  it('should declare index (i32, i32, i32) and renew (i32, i32)', () => {
    assert.deepEqual(
      TRANSACTION_INDEX_HOST_FUNCTIONS.map((f) => [f.name, f.params, f.results]),
      [
        ['ext_transaction_index_index_version_1', ['i32', 'i32', 'i32'], []],
        ['ext_transaction_index_renew_version_1', ['i32', 'i32'], []],
      ],
    );
  });

  it('should record index and renew operations with the 32-byte hash, in order', async () => {
    const ctx = await makeFakeContext();
    const hash = Uint8Array.from({ length: 32 }, (_, i) => i);
    const p = ctx.put(hash);
    bindHost(TRANSACTION_INDEX_HOST_FUNCTIONS, 'ext_transaction_index_index_version_1', ctx)(2, 1000, p);
    bindHost(TRANSACTION_INDEX_HOST_FUNCTIONS, 'ext_transaction_index_renew_version_1', ctx)(-1, p);
    assert.deepEqual(ctx.effects.transactionIndex, [
      { kind: 'index', extrinsic: 2, size: 1000, hash },
      { kind: 'renew', extrinsic: 0xffffffff, hash },
    ]);
  });

  it('should fail when the hash is out of memory bounds', async () => {
    const ctx = await makeFakeContext();
    const renew = bindHost(TRANSACTION_INDEX_HOST_FUNCTIONS, 'ext_transaction_index_renew_version_1', ctx);
    assert.throws(() => renew(0, ctx.memory.size - 16), (e) => isSwxError(e, 'HOST_OUT_OF_BOUNDS'));
  });
});
