/**
 * `allocator` host functions (sp-io `Allocator`, wasm only): the runtime's
 * global allocator delegates to the host's freeing-bump allocator.
 *
 *   ext_allocator_malloc_version_1(size: i32) -> i32   pointer (u32)
 *   ext_allocator_free_version_1(ptr: i32)
 *
 * Upstream both `.expect(...)` the allocator result, so any allocator error
 * (too large, out of space, bad pointer, poisoned) traps the call; here the
 * heap's `SwxError` propagates and the executor turns it into that trap.
 */
import { hostFn, type HostFunction } from './types.js';

/** Both `ext_allocator_*` host functions. */
export const ALLOCATOR_HOST_FUNCTIONS: HostFunction[] = [
  hostFn('ext_allocator_malloc_version_1', ['i32'], ['i32'], (ctx) => (size: number): number => ctx.heap.allocate(size >>> 0)),
  hostFn('ext_allocator_free_version_1', ['i32'], [], (ctx) => (ptr: number): void => ctx.heap.deallocate(ptr >>> 0)),
];
