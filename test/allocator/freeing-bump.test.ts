/**
 * The unit tests of polkadot-sdk master `substrate/client/allocator/src/freeing_bump.rs`,
 * one for one (same names), plus the derived vectors of the compatibility inventory (§2.8).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AllocatorError,
  FreeingBumpHeapAllocator,
  HEADER_SIZE,
  MAX_POSSIBLE_ALLOCATION,
  MIN_POSSIBLE_ALLOCATION,
  N_ORDERS,
  WASM_PAGE_SIZE,
  orderFromSize,
  pagesFromSize,
} from '../../src/allocator/index.js';
import { FakeMemory } from './fake-memory.js';

const PAGE_SIZE = WASM_PAGE_SIZE;

function nilHeads(): Array<number | null> {
  return new Array<number | null>(N_ORDERS).fill(null);
}

function assertAllocError(fn: () => unknown, code: string, message?: string): AllocatorError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof AllocatorError, `expected an AllocatorError, got ${String(caught)}`);
  assert.equal(caught.code, code);
  if (message !== undefined) assert.equal(caught.message, message);
  return caught;
}

describe('FreeingBumpHeapAllocator (upstream unit tests)', () => {
  it('test_pages_from_size', () => {
    assert.deepEqual([0, 1, 65536, 65537, 131072, 131073].map(pagesFromSize), [0, 1, 1, 2, 2, 3]);
  });

  it('should_allocate_properly', () => {
    const mem = new FakeMemory(1);
    const heap = new FreeingBumpHeapAllocator(0);
    assert.equal(heap.allocate(mem, 1), HEADER_SIZE);
  });

  it('should_always_align_pointers_to_multiples_of_8', () => {
    const mem = new FakeMemory(1);
    const heap = new FreeingBumpHeapAllocator(13);
    assert.equal(heap.allocate(mem, 1), 24);
  });

  it('should_increment_pointers_properly', () => {
    const mem = new FakeMemory(1);
    const heap = new FreeingBumpHeapAllocator(0);
    assert.deepEqual([heap.allocate(mem, 1), heap.allocate(mem, 9), heap.allocate(mem, 1)], [8, 24, 24 + 16 + HEADER_SIZE]);
  });

  it('should_free_properly', () => {
    const mem = new FakeMemory(1);
    const heap = new FreeingBumpHeapAllocator(0);
    assert.equal(heap.allocate(mem, 1), HEADER_SIZE);
    const ptr2 = heap.allocate(mem, 1);
    assert.equal(ptr2, 24);
    heap.deallocate(mem, ptr2);
    assert.equal(heap.freeListHeads()[0], ptr2 - HEADER_SIZE);
  });

  it('should_deallocate_and_reallocate_properly', () => {
    const mem = new FakeMemory(1);
    const paddedOffset = 16;
    const heap = new FreeingBumpHeapAllocator(13);
    assert.equal(heap.allocate(mem, 1), paddedOffset + HEADER_SIZE);
    const ptr2 = heap.allocate(mem, 9);
    assert.equal(ptr2, paddedOffset + 16 + HEADER_SIZE);
    heap.deallocate(mem, ptr2);
    assert.equal(heap.allocate(mem, 9), paddedOffset + 16 + HEADER_SIZE);
    assert.deepEqual(heap.freeListHeads(), nilHeads());
  });

  it('should_build_linked_list_of_free_areas_properly', () => {
    const mem = new FakeMemory(1);
    const heap = new FreeingBumpHeapAllocator(0);
    const [p1, p2, p3] = [heap.allocate(mem, 8), heap.allocate(mem, 8), heap.allocate(mem, 8)] as [number, number, number];
    heap.deallocate(mem, p1);
    heap.deallocate(mem, p2);
    heap.deallocate(mem, p3);
    assert.equal(heap.freeListHeads()[0], p3 - HEADER_SIZE);
    assert.equal(heap.allocate(mem, 8), p3);
    assert.equal(heap.freeListHeads()[0], p2 - HEADER_SIZE);
  });

  it('should_not_allocate_if_too_large', () => {
    const mem = new FakeMemory(1, 1);
    const heap = new FreeingBumpHeapAllocator(13);
    assertAllocError(() => heap.allocate(mem, PAGE_SIZE - 13), 'ALLOCATOR_OUT_OF_SPACE', 'Allocator ran out of space');
  });

  it('should_not_allocate_if_full', () => {
    const mem = new FakeMemory(1, 1);
    const heap = new FreeingBumpHeapAllocator(0);
    assert.equal(heap.allocate(mem, PAGE_SIZE / 2 - HEADER_SIZE), HEADER_SIZE);
    assertAllocError(() => heap.allocate(mem, PAGE_SIZE / 2), 'ALLOCATOR_OUT_OF_SPACE');
  });

  it('should_allocate_max_possible_allocation_size', () => {
    const mem = new FakeMemory(1);
    const heap = new FreeingBumpHeapAllocator(0);
    assert.equal(heap.allocate(mem, MAX_POSSIBLE_ALLOCATION), HEADER_SIZE);
    // 32 MiB + 8 bytes need 513 pages: max(min(2·1, 65536), 513).
    assert.equal(mem.pages(), 513);
  });

  it('should_not_allocate_if_requested_size_too_large', () => {
    const mem = new FakeMemory(1);
    const heap = new FreeingBumpHeapAllocator(0);
    assertAllocError(() => heap.allocate(mem, MAX_POSSIBLE_ALLOCATION + 1), 'ALLOCATOR_TOO_LARGE', 'Requested allocation size is too large');
  });

  it('should_return_error_when_bumper_greater_than_heap_size', () => {
    const mem = new FakeMemory(1, 1);
    const heap = new FreeingBumpHeapAllocator(0);
    const ptrs: number[] = [];
    for (let i = 0; i < Math.floor(PAGE_SIZE / 40); i++) ptrs.push(heap.allocate(mem, 32));
    assert.equal(heap.stats.bytesAllocated, PAGE_SIZE - 16);
    assert.equal(heap.bumper, PAGE_SIZE - 16);
    for (const p of ptrs) heap.deallocate(mem, p);
    assert.equal(heap.stats.bytesAllocated, 0);
    assert.equal(heap.stats.bytesAllocatedPeak, PAGE_SIZE - 16);
    assert.equal(heap.bumper, PAGE_SIZE - 16);
    heap.allocate(mem, 8);
    assert.equal(heap.bumper, mem.size());
    assertAllocError(() => heap.allocate(mem, 8), 'ALLOCATOR_OUT_OF_SPACE');
  });

  it('should_include_prefixes_in_total_heap_size', () => {
    const mem = new FakeMemory(1);
    const heap = new FreeingBumpHeapAllocator(1);
    heap.allocate(mem, 9);
    assert.equal(heap.stats.bytesAllocated, HEADER_SIZE + 16);
  });

  it('should_calculate_total_heap_size_to_zero', () => {
    const mem = new FakeMemory(1);
    const heap = new FreeingBumpHeapAllocator(13);
    const ptr = heap.allocate(mem, 42);
    assert.equal(ptr, 16 + HEADER_SIZE);
    heap.deallocate(mem, ptr);
    assert.equal(heap.stats.bytesAllocated, 0);
  });

  it('should_calculate_total_size_of_zero', () => {
    const mem = new FakeMemory(1);
    const heap = new FreeingBumpHeapAllocator(19);
    for (let i = 1; i < 10; i++) heap.deallocate(mem, heap.allocate(mem, 42));
    assert.equal(heap.stats.bytesAllocated, 0);
  });

  it('should_read_and_write_u64_correctly', () => {
    const mem = new FakeMemory(1);
    mem.writeU64(40, 4480113n);
    assert.equal(mem.readU64(40), 4480113n);
  });

  it('should_get_item_size_from_order / should_get_max_item_size_from_index', () => {
    assert.equal(MIN_POSSIBLE_ALLOCATION << 0, 8);
    assert.equal(MIN_POSSIBLE_ALLOCATION << 22, MAX_POSSIBLE_ALLOCATION);
    assert.equal(orderFromSize(MAX_POSSIBLE_ALLOCATION), 22);
  });

  it('deallocate_needs_to_maintain_linked_list', () => {
    const mem = new FakeMemory(1);
    const heap = new FreeingBumpHeapAllocator(0);
    const ptrs = [0, 1, 2, 3].map(() => heap.allocate(mem, 8));
    for (const p of [...ptrs].reverse()) heap.deallocate(mem, p);
    assert.deepEqual([0, 1, 2, 3].map(() => heap.allocate(mem, 8)), ptrs);
  });

  it('header_read_write (encoding: occupied = 1<<32 | order, free = next link)', () => {
    const mem = new FakeMemory(1);
    const heap = new FreeingBumpHeapAllocator(0);
    const p = heap.allocate(mem, 16); // order 1
    assert.equal(mem.readU64(p - 8), (1n << 32n) | 1n);
    heap.deallocate(mem, p);
    assert.equal(mem.readU64(p - 8), 0xffffffffn); // Free(Nil)
    const q = heap.allocate(mem, 1); // order 0, at header 24
    const r = heap.allocate(mem, 1); // order 0, at header 40
    heap.deallocate(mem, q);
    heap.deallocate(mem, r);
    assert.equal(mem.readU64(r - 8), BigInt(q - 8)); // Free(Ptr(q − 8))
    assert.equal(mem.readU64(q - 8), 0xffffffffn);
  });

  it('poison_oom', () => {
    const mem = new FakeMemory(1, 1);
    const heap = new FreeingBumpHeapAllocator(0);
    const ptr = heap.allocate(mem, PAGE_SIZE / 2);
    assertAllocError(() => heap.allocate(mem, PAGE_SIZE), 'ALLOCATOR_OUT_OF_SPACE');
    assert.equal(heap.poisoned, true);
    assertAllocError(() => heap.deallocate(mem, ptr), 'ALLOCATOR_POISONED', 'Other: the allocator has been poisoned');
  });

  it('test_n_orders', () => {
    assert.equal(MIN_POSSIBLE_ALLOCATION * 2 ** (N_ORDERS - 1), MAX_POSSIBLE_ALLOCATION);
  });

  it('accepts_growing_memory', () => {
    const mem = new FakeMemory(1);
    const heap = new FreeingBumpHeapAllocator(0);
    heap.allocate(mem, PAGE_SIZE / 2);
    heap.allocate(mem, PAGE_SIZE / 2);
    assert.equal(mem.grow(1), true);
    heap.allocate(mem, PAGE_SIZE / 2);
  });

  it('doesnt_accept_shrinking_memory', () => {
    const mem = new FakeMemory(2);
    const heap = new FreeingBumpHeapAllocator(0);
    heap.allocate(mem, PAGE_SIZE / 2);
    mem.truncate(PAGE_SIZE);
    assertAllocError(() => heap.allocate(mem, PAGE_SIZE / 2), 'ALLOCATOR_MEMORY_SHRUNK', 'Shrinking of the underlying memory is observed');
  });

  it('should_grow_memory_when_running_out_of_memory', () => {
    const mem = new FakeMemory(1);
    const heap = new FreeingBumpHeapAllocator(0);
    assert.equal(mem.pages(), 1);
    heap.allocate(mem, PAGE_SIZE * 2);
    assert.equal(mem.pages(), 3);
  });

  it('modifying_the_header_leads_to_an_error', () => {
    const mem = new FakeMemory(1);
    const heap = new FreeingBumpHeapAllocator(0);
    const ptr = heap.allocate(mem, 5);
    heap.deallocate(mem, ptr);
    mem.writeU64(ptr - HEADER_SIZE, BigInt(0xffffffff - 1)); // Free(Ptr(u32::MAX − 1))
    heap.allocate(mem, 5);
    const e = assertAllocError(() => heap.allocate(mem, 5), 'ALLOCATOR_CORRUPTED');
    assert.match(e.message, /Invalid header pointer/);
  });
});

describe('FreeingBumpHeapAllocator (derived vectors)', () => {
  it('should hand out the reference pointers for sizes 0..4096 from heap base 1000', () => {
    const mem = new FakeMemory(1);
    const heap = new FreeingBumpHeapAllocator(1000);
    const got = [0, 1, 8, 9, 16, 17, 100, 1000, 4096].map((s) => heap.allocate(mem, s));
    assert.deepEqual(got, [1008, 1024, 1040, 1056, 1080, 1104, 1144, 1280, 2312]);
    assert.equal(heap.bumper, 6408);
    assert.equal(mem.pages(), 1);
    assert.equal(heap.stats.addressSpaceUsed, 6408 - 1000);
  });

  it('should grow a 2-page memory to 4 pages for 64 KiB at heap base 65539', () => {
    const mem = new FakeMemory(2);
    const heap = new FreeingBumpHeapAllocator(65539);
    assert.equal(heap.allocate(mem, 65536), 65552);
    assert.equal(mem.pages(), 4);
  });

  it('should compute orders as the next power of two above 8', () => {
    const cases: Array<[number, number]> = [[0, 0], [1, 0], [8, 0], [9, 1], [16, 1], [17, 2], [4096, 9], [4097, 10], [MAX_POSSIBLE_ALLOCATION - 1, 22]];
    for (const [size, order] of cases) assert.equal(orderFromSize(size), order, `size ${size}`);
  });

  it('should grow to the maximum when doubling would pass it', () => {
    const mem = new FakeMemory(3, 5);
    const heap = new FreeingBumpHeapAllocator(0);
    heap.allocate(mem, 4 * PAGE_SIZE - 8); // needs 4 pages: max(min(6, 5), 4) = 5
    assert.equal(mem.pages(), 5);
  });

  it('should refuse without growing when the required pages exceed the maximum', () => {
    const mem = new FakeMemory(1, 3);
    const heap = new FreeingBumpHeapAllocator(0);
    assertAllocError(() => heap.allocate(mem, 4 * PAGE_SIZE - 8), 'ALLOCATOR_OUT_OF_SPACE');
    assert.equal(mem.grows, 0);
  });

  it('should fail with out-of-space when the memory refuses to grow', () => {
    const mem = new FakeMemory(1);
    mem.grow = () => false;
    const heap = new FreeingBumpHeapAllocator(0);
    assertAllocError(() => heap.allocate(mem, PAGE_SIZE), 'ALLOCATOR_OUT_OF_SPACE');
    assert.equal(heap.poisoned, true);
  });

  it('should treat a negative i32 size as a u32 (too large)', () => {
    const mem = new FakeMemory(1);
    const heap = new FreeingBumpHeapAllocator(0);
    assertAllocError(() => heap.allocate(mem, -1), 'ALLOCATOR_TOO_LARGE');
  });

  it('should accumulate bytesAllocatedSum and track the peak', () => {
    const mem = new FakeMemory(1);
    const heap = new FreeingBumpHeapAllocator(0);
    const a = heap.allocate(mem, 1); // 16
    const b = heap.allocate(mem, 100); // 136
    heap.deallocate(mem, a);
    heap.allocate(mem, 3); // 16, reuses a
    heap.deallocate(mem, b);
    assert.deepEqual(heap.stats, { bytesAllocated: 16, bytesAllocatedPeak: 152, bytesAllocatedSum: 168n, addressSpaceUsed: 152 });
  });
});

describe('FreeingBumpHeapAllocator (errors and poisoning)', () => {
  it('should reject freeing a pointer below the header size', () => {
    const mem = new FakeMemory(1);
    const heap = new FreeingBumpHeapAllocator(0);
    assertAllocError(() => heap.deallocate(mem, 4), 'ALLOCATOR_CORRUPTED', 'Other: Invalid pointer for deallocation');
    assert.equal(heap.poisoned, true);
    assertAllocError(() => heap.allocate(mem, 1), 'ALLOCATOR_POISONED');
  });

  it('should reject a double free as an empty header', () => {
    const mem = new FakeMemory(1);
    const heap = new FreeingBumpHeapAllocator(0);
    const p = heap.allocate(mem, 1);
    heap.deallocate(mem, p);
    assertAllocError(() => heap.deallocate(mem, p), 'ALLOCATOR_CORRUPTED', 'Other: the allocation points to an empty header');
  });

  it('should reject freeing a header with an invalid order', () => {
    const mem = new FakeMemory(1);
    const heap = new FreeingBumpHeapAllocator(0);
    const p = heap.allocate(mem, 1);
    mem.writeU64(p - 8, (1n << 32n) | 23n);
    assertAllocError(() => heap.deallocate(mem, p), 'ALLOCATOR_CORRUPTED', 'Other: invalid order');
  });

  it('should ignore header bits above 32 except the occupied bit', () => {
    const mem = new FakeMemory(1);
    const heap = new FreeingBumpHeapAllocator(0);
    const p = heap.allocate(mem, 1);
    mem.writeU64(p - 8, 0xfff0_0001_0000_0000n); // occupied, order 0, junk high bits
    heap.deallocate(mem, p);
    assert.equal(heap.freeListHeads()[0], p - 8);
  });

  it('should reject freeing a pointer whose header is outside memory', () => {
    const mem = new FakeMemory(1);
    const heap = new FreeingBumpHeapAllocator(0);
    assertAllocError(() => heap.deallocate(mem, PAGE_SIZE + 8), 'ALLOCATOR_CORRUPTED', 'Other: read out of heap bounds');
  });

  it('should detect a free list pointing to an occupied header', () => {
    const mem = new FakeMemory(1);
    const heap = new FreeingBumpHeapAllocator(0);
    const p = heap.allocate(mem, 1);
    const q = heap.allocate(mem, 1);
    heap.deallocate(mem, p);
    mem.writeU64(p - 8, BigInt(q - 8)); // Free(Ptr(q's header)), which is occupied
    assert.equal(heap.allocate(mem, 1), p);
    assertAllocError(() => heap.allocate(mem, 1), 'ALLOCATOR_CORRUPTED', 'Other: free list points to a occupied header');
  });

  it('should report the order error before the occupied one when a free-list header is occupied with a bad order', () => {
    const mem = new FakeMemory(1);
    const heap = new FreeingBumpHeapAllocator(0);
    const p = heap.allocate(mem, 1);
    heap.deallocate(mem, p);
    mem.writeU64(p - 8, (1n << 32n) | 99n);
    assertAllocError(() => heap.allocate(mem, 1), 'ALLOCATOR_CORRUPTED', 'Other: invalid order');
  });

  it('should poison after a too-large request', () => {
    const mem = new FakeMemory(1);
    const heap = new FreeingBumpHeapAllocator(0);
    assertAllocError(() => heap.allocate(mem, MAX_POSSIBLE_ALLOCATION + 1), 'ALLOCATOR_TOO_LARGE');
    assertAllocError(() => heap.allocate(mem, 1), 'ALLOCATOR_POISONED');
  });
});
