import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SwxError, isSwxError } from '../../src/base/errors.js';
import { ALLOCATOR_HOST_FUNCTIONS } from '../../src/host/allocator.js';
import { bindHost, makeFakeContext } from '../support/fake-context.js';

describe('allocator host functions', () => {
  it('should declare malloc (i32) -> i32 and free (i32)', () => {
    const byName = new Map(ALLOCATOR_HOST_FUNCTIONS.map((f) => [f.name, f]));
    assert.deepEqual(byName.get('ext_allocator_malloc_version_1')?.params, ['i32']);
    assert.deepEqual(byName.get('ext_allocator_malloc_version_1')?.results, ['i32']);
    assert.deepEqual(byName.get('ext_allocator_free_version_1')?.params, ['i32']);
    assert.deepEqual(byName.get('ext_allocator_free_version_1')?.results, []);
  });

  it('should forward sizes and pointers to the call heap as u32', async () => {
    const calls: string[] = [];
    const ctx = await makeFakeContext({
      heap: {
        allocate: (n) => (calls.push(`alloc ${n}`), 4096),
        deallocate: (p) => void calls.push(`free ${p}`),
      },
    });
    assert.equal(bindHost(ALLOCATOR_HOST_FUNCTIONS, 'ext_allocator_malloc_version_1', ctx)(100), 4096);
    bindHost(ALLOCATOR_HOST_FUNCTIONS, 'ext_allocator_malloc_version_1', ctx)(-1);
    bindHost(ALLOCATOR_HOST_FUNCTIONS, 'ext_allocator_free_version_1', ctx)(-8);
    assert.deepEqual(calls, ['alloc 100', 'alloc 4294967295', 'free 4294967288']);
  });

  it('should let allocator errors trap the call', async () => {
    const ctx = await makeFakeContext({
      heap: {
        allocate: () => {
          throw new SwxError('ALLOCATOR_TOO_LARGE', 'Requested allocation size is too large');
        },
        deallocate: () => {
          throw new SwxError('ALLOCATOR_CORRUPTED', 'Invalid header pointer detected');
        },
      },
    });
    assert.throws(() => bindHost(ALLOCATOR_HOST_FUNCTIONS, 'ext_allocator_malloc_version_1', ctx)(1 << 30), (e) => isSwxError(e, 'ALLOCATOR_TOO_LARGE'));
    assert.throws(() => bindHost(ALLOCATOR_HOST_FUNCTIONS, 'ext_allocator_free_version_1', ctx)(8), (e) => isSwxError(e, 'ALLOCATOR_CORRUPTED'));
  });
});
