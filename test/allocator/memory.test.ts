/**
 * The allocator over a real `WebAssembly.Memory` (memoryFromWasm): growth
 * follows `max(min(2·cur, max), required)` and respects the declared maximum.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FreeingBumpHeapAllocator, MAX_POSSIBLE_ALLOCATION, memoryFromWasm, WASM_PAGE_SIZE } from '../../src/allocator/index.js';
import { isSwxError } from '../../src/base/errors.js';

describe('memoryFromWasm', () => {
  it('should report size and pages, and read/write u64 little-endian', () => {
    const wasm = new WebAssembly.Memory({ initial: 2 });
    const mem = memoryFromWasm(wasm);
    assert.equal(mem.size(), 2 * WASM_PAGE_SIZE);
    assert.equal(mem.pages(), 2);
    assert.equal(mem.maxPages(), undefined);
    mem.writeU64(40, 0x0102030405060708n);
    assert.deepEqual([...new Uint8Array(wasm.buffer, 40, 8)], [8, 7, 6, 5, 4, 3, 2, 1]);
    assert.equal(mem.readU64(40), 0x0102030405060708n);
  });

  it('should see the new buffer after the memory grew (from inside or outside)', () => {
    const wasm = new WebAssembly.Memory({ initial: 1 });
    const mem = memoryFromWasm(wasm);
    mem.writeU64(8, 7n);
    wasm.grow(1); // as the runtime's memory.grow would
    assert.equal(mem.pages(), 2);
    mem.writeU64(WASM_PAGE_SIZE + 8, 9n);
    assert.equal(mem.readU64(8), 7n);
    assert.equal(mem.grow(3), true);
    assert.equal(mem.size(), 5 * WASM_PAGE_SIZE);
    assert.equal(mem.readU64(WASM_PAGE_SIZE + 8), 9n);
  });

  it('should return false when growing past the maximum', () => {
    const wasm = new WebAssembly.Memory({ initial: 1, maximum: 2 });
    const mem = memoryFromWasm(wasm, 2);
    assert.equal(mem.maxPages(), 2);
    assert.equal(mem.grow(2), false);
    assert.equal(mem.grow(1), true);
  });
});

describe('FreeingBumpHeapAllocator over a WebAssembly.Memory', () => {
  it('should_allocate_max_possible_allocation_size (memory grows 1 → 513 pages)', () => {
    const wasm = new WebAssembly.Memory({ initial: 1 });
    const heap = new FreeingBumpHeapAllocator(0);
    assert.equal(heap.allocate(memoryFromWasm(wasm), MAX_POSSIBLE_ALLOCATION), 8);
    assert.equal(wasm.buffer.byteLength / WASM_PAGE_SIZE, 513);
  });

  it('should_grow_memory_when_running_out_of_memory (1 → 3 pages)', () => {
    const wasm = new WebAssembly.Memory({ initial: 1 });
    const heap = new FreeingBumpHeapAllocator(0);
    heap.allocate(memoryFromWasm(wasm), 2 * WASM_PAGE_SIZE);
    assert.equal(wasm.buffer.byteLength / WASM_PAGE_SIZE, 3);
  });

  it('should double the memory when that is enough', () => {
    const wasm = new WebAssembly.Memory({ initial: 4 });
    const mem = memoryFromWasm(wasm);
    const heap = new FreeingBumpHeapAllocator(3 * WASM_PAGE_SIZE);
    heap.allocate(mem, WASM_PAGE_SIZE); // bumper 3 pages + 64 KiB + 8 > 4 pages → 8 pages
    assert.equal(mem.pages(), 8);
  });

  it('should cap growth at the declared maximum', () => {
    const wasm = new WebAssembly.Memory({ initial: 3, maximum: 5 });
    const mem = memoryFromWasm(wasm, 5);
    const heap = new FreeingBumpHeapAllocator(0);
    heap.allocate(mem, 4 * WASM_PAGE_SIZE - 8); // needs 4 pages: max(min(6, 5), 4) = 5
    assert.equal(mem.pages(), 5);
  });

  it('should run out of space at a Static-strategy memory (min = max)', () => {
    const wasm = new WebAssembly.Memory({ initial: 2, maximum: 2 });
    const mem = memoryFromWasm(wasm, 2);
    const heap = new FreeingBumpHeapAllocator(WASM_PAGE_SIZE);
    heap.allocate(mem, WASM_PAGE_SIZE / 2 - 8);
    assert.throws(() => heap.allocate(mem, WASM_PAGE_SIZE / 2), (e) => isSwxError(e, 'ALLOCATOR_OUT_OF_SPACE'));
    assert.equal(mem.pages(), 2);
  });

  it('should write the occupied header into the Wasm memory', () => {
    const wasm = new WebAssembly.Memory({ initial: 1 });
    const heap = new FreeingBumpHeapAllocator(100);
    const p = heap.allocate(memoryFromWasm(wasm), 20); // order 2
    assert.equal(p, 112);
    assert.deepEqual([...new Uint8Array(wasm.buffer, 104, 8)], [2, 0, 0, 0, 1, 0, 0, 0]);
  });
});
