/**
 * FreeingBumpHeapAllocator, bit-exact with polkadot-sdk master
 * `substrate/client/allocator/src/freeing_bump.rs` (the `index.ts` doc of this
 * folder explains the algorithm). Every numeric field upstream is a `u32`
 * (wrapping in release builds) except the observed memory size (`u64`) and
 * the allocation sum (`u128`); the arithmetic below keeps those widths.
 */
import { invariant } from '../base/errors.js';
import { MAX_WASM_PAGES, WASM_PAGE_SIZE, type AllocatorMemory } from './memory.js';
import { memoryShrunk, other, outOfSpace, poisoned, tooLarge } from './errors.js';

/** Alignment of every returned pointer (freeing_bump.rs `ALIGNMENT`). */
export const ALIGNMENT = 8;
/** Bytes of the header before each allocation (freeing_bump.rs `HEADER_SIZE`). */
export const HEADER_SIZE = 8;
/** Smallest chunk, order 0 (freeing_bump.rs `MIN_POSSIBLE_ALLOCATION`). */
export const MIN_POSSIBLE_ALLOCATION = 8;
/** Largest request, 32 MiB, order 22 (sp-core `MAX_POSSIBLE_ALLOCATION`). */
export const MAX_POSSIBLE_ALLOCATION = 33554432;
/** Number of orders 8 … 2^25 (freeing_bump.rs `N_ORDERS`). */
export const N_ORDERS = 23;
/** Link value ending a free list (freeing_bump.rs `NIL_MARKER`, `u32::MAX`). */
export const NIL_MARKER = 0xffffffff;

/** Bit 32 of a header: set for an occupied chunk (freeing_bump.rs `Header::write_into`). */
const OCCUPIED_BIT = 0x1_0000_0000n;
const U32_MASK = 0xffffffffn;
const TWO_POW_32 = 0x1_0000_0000;

/** Allocation statistics (sc-allocator `AllocationStats`). */
export interface AllocationStats {
  /** Bytes allocated right now, headers included. */
  bytesAllocated: number;
  /** Highest `bytesAllocated` ever reached. */
  bytesAllocatedPeak: number;
  /** Sum of every allocation ever made, headers included (`u128` upstream). */
  bytesAllocatedSum: bigint;
  /** `bumper − heap base`: address space taken by the bump allocator. */
  addressSpaceUsed: number;
}

/** The order (0 … 22) serving a request of `size` bytes (freeing_bump.rs `Order::from_size`). */
export function orderFromSize(size: number): number {
  if (size > MAX_POSSIBLE_ALLOCATION) throw tooLarge(size);
  if (size <= MIN_POSSIBLE_ALLOCATION) return 0;
  // ceil(log2(size)) − log2(8)
  return 32 - Math.clz32(size - 1) - 3;
}

/** Pages needed to hold `size` bytes (freeing_bump.rs `pages_from_size`). */
export function pagesFromSize(size: number): number {
  return Math.ceil(size / WASM_PAGE_SIZE);
}

/** Normalises an i32 or u32 argument to a u32 (the host ABI passes `u32` as Wasm `i32`). */
function toU32(v: number, what: string): number {
  invariant(Number.isInteger(v) && v >= -0x8000_0000 && v <= 0xffffffff, `${what} must be a 32-bit integer, got ${v}`);
  return v >>> 0;
}

/** The freeing-bump heap allocator: one per runtime call, starting at `__heap_base`. */
export class FreeingBumpHeapAllocator {
  readonly #originalHeapBase: number;
  #bumper: number;
  /** Head header pointer per order, `NIL_MARKER` when empty. */
  readonly #freeLists = new Uint32Array(N_ORDERS).fill(NIL_MARKER);
  #poisoned = false;
  #lastObservedMemorySize = 0;
  #bytesAllocated = 0;
  #bytesAllocatedPeak = 0;
  /** `bytesAllocatedSum` kept as two exact numbers: `hi · 2^32 + lo`, lo < 2^32. */
  #sumLo = 0;
  #sumHi = 0;
  #addressSpaceUsed = 0;

  /** A fresh allocator whose heap starts at `heapBase` rounded up to 8. */
  constructor(heapBase: number) {
    const base = toU32(heapBase, 'heap base');
    // u32 arithmetic: `heap_base.div_ceil(8) * 8` wraps for heap_base > u32::MAX − 7.
    this.#originalHeapBase = (Math.ceil(base / ALIGNMENT) * ALIGNMENT) >>> 0;
    this.#bumper = this.#originalHeapBase;
  }

  /** The aligned heap base. */
  get heapBase(): number {
    return this.#originalHeapBase;
  }

  /** Current bump pointer: everything in [heapBase, bumper) may have been handed out. */
  get bumper(): number {
    return this.#bumper;
  }

  /** True once any operation failed: every later allocate/deallocate fails. */
  get poisoned(): boolean {
    return this.#poisoned;
  }

  /** A snapshot of the statistics. */
  get stats(): AllocationStats {
    return {
      bytesAllocated: this.#bytesAllocated,
      bytesAllocatedPeak: this.#bytesAllocatedPeak,
      bytesAllocatedSum: (BigInt(this.#sumHi) << 32n) + BigInt(this.#sumLo),
      addressSpaceUsed: this.#addressSpaceUsed,
    };
  }

  /** Free-list heads by order (header pointers; null = empty), for tests and debugging. */
  freeListHeads(): Array<number | null> {
    return Array.from(this.#freeLists, (h) => (h === NIL_MARKER ? null : h));
  }

  /**
   * Allocates `size` bytes (a u32; an i32 is reinterpreted) and returns the
   * pointer. Throws AllocatorError; after any error the allocator is poisoned.
   */
  allocate(mem: AllocatorMemory, size: number): number {
    if (this.#poisoned) throw poisoned();
    const u32Size = toU32(size, 'allocation size');
    // Poison bomb armed: any throw below leaves the allocator poisoned.
    this.#poisoned = true;
    const ptr = this.#allocate(mem, u32Size);
    this.#poisoned = false;
    return ptr;
  }

  /** Frees the chunk at `ptr` (a u32). Throws AllocatorError; any error poisons. */
  deallocate(mem: AllocatorMemory, ptr: number): void {
    if (this.#poisoned) throw poisoned();
    const u32Ptr = toU32(ptr, 'pointer');
    this.#poisoned = true;
    this.#deallocate(mem, u32Ptr);
    this.#poisoned = false;
  }

  #allocate(mem: AllocatorMemory, size: number): number {
    const memSize = this.#observeMemorySize(mem);
    const order = orderFromSize(size);
    const orderSize = MIN_POSSIBLE_ALLOCATION << order;
    let headerPtr = this.#freeLists[order]!;
    if (headerPtr !== NIL_MARKER) {
      if (headerPtr + orderSize + HEADER_SIZE > memSize) throw other('Invalid header pointer detected', { headerPtr, order });
      const raw = readHeader(mem, headerPtr, memSize);
      if ((raw & OCCUPIED_BIT) !== 0n) {
        checkOrder(raw, headerPtr); // `Header::read_from` validates the order first
        throw other('free list points to a occupied header', { headerPtr, order });
      }
      // Free header: low 32 bits are the next link (NIL_MARKER = end).
      this.#freeLists[order] = Number(raw & U32_MASK);
    } else {
      headerPtr = this.#bump(mem, orderSize + HEADER_SIZE, memSize);
    }
    writeHeader(mem, headerPtr, OCCUPIED_BIT | BigInt(order));

    const chunk = orderSize + HEADER_SIZE;
    this.#bytesAllocated = (this.#bytesAllocated + chunk) >>> 0;
    this.#sumLo += chunk;
    if (this.#sumLo >= TWO_POW_32) {
      this.#sumLo -= TWO_POW_32;
      this.#sumHi += 1;
    }
    if (this.#bytesAllocated > this.#bytesAllocatedPeak) this.#bytesAllocatedPeak = this.#bytesAllocated;
    this.#addressSpaceUsed = (this.#bumper - this.#originalHeapBase) >>> 0;
    return (headerPtr + HEADER_SIZE) >>> 0;
  }

  #deallocate(mem: AllocatorMemory, ptr: number): void {
    const memSize = this.#observeMemorySize(mem);
    if (ptr < HEADER_SIZE) throw other('Invalid pointer for deallocation', { ptr });
    const headerPtr = ptr - HEADER_SIZE;
    const raw = readHeader(mem, headerPtr, memSize);
    if ((raw & OCCUPIED_BIT) === 0n) throw other('the allocation points to an empty header', { ptr });
    const order = checkOrder(raw, headerPtr);
    // Knit the chunk back as the new head of its order's list (LIFO).
    const prevHead = this.#freeLists[order]!;
    this.#freeLists[order] = headerPtr;
    writeHeader(mem, headerPtr, BigInt(prevHead));

    const chunk = (MIN_POSSIBLE_ALLOCATION << order) + HEADER_SIZE;
    if (this.#bytesAllocated < chunk) throw other('underflow of the currently allocated bytes count', { ptr });
    this.#bytesAllocated -= chunk;
  }

  /** `bump`: hands out `size` bytes at the bumper, growing memory if needed. */
  #bump(mem: AllocatorMemory, size: number, memSize: number): number {
    const required = this.#bumper + size;
    if (required > memSize) {
      const requiredPages = pagesFromSize(required);
      const currentPages = mem.pages();
      const maxPages = mem.maxPages() ?? MAX_WASM_PAGES;
      if (currentPages >= maxPages) throw outOfSpace({ reason: 'memory already at its maximum', currentPages, maxPages });
      if (requiredPages > maxPages) throw outOfSpace({ reason: 'required pages exceed the maximum', requiredPages, maxPages });
      // Double the memory (capped at the maximum), or more if even more is required.
      const nextPages = Math.max(Math.min(currentPages * 2, maxPages), requiredPages);
      if (!mem.grow(nextPages - currentPages)) throw outOfSpace({ reason: 'memory.grow failed', currentPages, nextPages });
    }
    const res = this.#bumper;
    this.#bumper = (this.#bumper + size) >>> 0;
    return res;
  }

  /** `observe_memory_size`: the memory may grow between calls but never shrink. */
  #observeMemorySize(mem: AllocatorMemory): number {
    const size = mem.size();
    if (size < this.#lastObservedMemorySize) throw memoryShrunk(this.#lastObservedMemorySize, size);
    this.#lastObservedMemorySize = size;
    return size;
  }
}

/** `read_le_u64` with its `heap_range` bounds check. */
function readHeader(mem: AllocatorMemory, headerPtr: number, memSize: number): bigint {
  if (headerPtr + HEADER_SIZE > memSize || headerPtr + HEADER_SIZE > 0xffffffff) {
    throw other('read out of heap bounds', { headerPtr });
  }
  return mem.readU64(headerPtr);
}

/** `write_le_u64` with its `heap_range` bounds check. */
function writeHeader(mem: AllocatorMemory, headerPtr: number, raw: bigint): void {
  if (headerPtr + HEADER_SIZE > mem.size() || headerPtr + HEADER_SIZE > 0xffffffff) {
    throw other('write out of heap bounds', { headerPtr });
  }
  mem.writeU64(headerPtr, raw);
}

/** `Order::from_raw` on an occupied header's low 32 bits. */
function checkOrder(raw: bigint, headerPtr: number): number {
  const order = Number(raw & U32_MASK);
  if (order >= N_ORDERS) throw other('invalid order', { headerPtr, order });
  return order;
}
