/**
 * allocator — Substrate's freeing-bump heap allocator, bit-exact.
 *
 * A runtime has no allocator of its own: `ext_allocator_malloc_version_1` /
 * `ext_allocator_free_version_1` call this one, and every host function that
 * returns bytes allocates them here. The pointers it hands out are visible to
 * the runtime, so they must be the ones Substrate hands out (polkadot-sdk
 * master `substrate/client/allocator/src/freeing_bump.rs`).
 *
 * Layout of linear memory:
 *
 *   0            __heap_base (rounded up to 8)          bumper            memory end
 *   | data, stack |  hdr|chunk  hdr|chunk  hdr|chunk ... | never handed out |
 *                    ^ 8-byte header before each chunk
 *
 * - Sizes are rounded up to a power of two ≥ 8: order `k` serves 8·2^k bytes,
 *   k = 0 … 22 (8 B … 32 MiB); larger requests fail (RequestedAllocationTooLarge).
 * - Header (u64 LE at ptr − 8): occupied = `1 << 32 | order`; free = the header
 *   pointer of the next free chunk of that order, `0xFFFFFFFF` ending the list.
 *   Only bit 32 tells them apart.
 * - allocate(size): pop the head of the order's free list (LIFO: the chunk
 *   freed last is reused first), else bump: take `8 + 8·2^k` bytes at the
 *   bumper. No coalescing, no splitting; the bumper never goes back.
 * - When the bumper would pass the end of memory, memory grows to
 *   `max(min(2·pages, maxPages), requiredPages)` pages; if it is already at
 *   `maxPages` (the memory type's maximum, 65536 when none), or needs more, the
 *   allocation fails (AllocatorOutOfSpace).
 * - deallocate(ptr): the header must be occupied; the chunk becomes the head of
 *   its order's free list.
 * - Any failure poisons the allocator: every later call fails. The memory may
 *   grow between calls but must never shrink (MemoryShrinked).
 *
 * Worked case (heap base 0, 1 page): alloc(1) → 8, alloc(9) → 24 (16-byte
 * chunk), alloc(1) → 48; free(24) then alloc(16) → 24 again.
 *
 * Caveat (upstream's too): after one 32 MiB chunk is freed, a heap whose bump
 * space is exhausted can only serve 32 MiB requests; small ones fail even
 * though nothing is live.
 */
export { FreeingBumpHeapAllocator, orderFromSize, pagesFromSize } from './freeing-bump.js';
export {
  ALIGNMENT,
  HEADER_SIZE,
  MIN_POSSIBLE_ALLOCATION,
  MAX_POSSIBLE_ALLOCATION,
  N_ORDERS,
  NIL_MARKER,
} from './freeing-bump.js';
export type { AllocationStats } from './freeing-bump.js';
export { AllocatorError } from './errors.js';
export type { AllocatorErrorCode } from './errors.js';
export { memoryFromWasm, WASM_PAGE_SIZE, MAX_WASM_PAGES } from './memory.js';
export type { AllocatorMemory } from './memory.js';
