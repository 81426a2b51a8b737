/**
 * An in-memory AllocatorMemory for allocator tests, like upstream's test
 * `MemoryInstance`: a resizable byte array with a settable page maximum,
 * plus `truncate` to simulate a shrinking memory.
 */
import { MAX_WASM_PAGES, WASM_PAGE_SIZE, type AllocatorMemory } from '../../src/allocator/index.js';

/** A resizable fake linear memory. */
export class FakeMemory implements AllocatorMemory {
  data: Uint8Array;
  maxWasmPages: number;
  /** Number of successful `grow` calls. */
  grows = 0;

  constructor(pages: number, maxWasmPages: number = MAX_WASM_PAGES) {
    this.data = new Uint8Array(pages * WASM_PAGE_SIZE);
    this.maxWasmPages = maxWasmPages;
  }

  size(): number {
    return this.pages() * WASM_PAGE_SIZE;
  }

  pages(): number {
    return Math.ceil(this.data.length / WASM_PAGE_SIZE);
  }

  maxPages(): number | undefined {
    return this.maxWasmPages;
  }

  grow(deltaPages: number): boolean {
    if (this.pages() + deltaPages > this.maxWasmPages) return false;
    const next = new Uint8Array((this.pages() + deltaPages) * WASM_PAGE_SIZE);
    next.set(this.data);
    this.data = next;
    this.grows++;
    return true;
  }

  readU64(ptr: number): bigint {
    return new DataView(this.data.buffer).getBigUint64(ptr, true);
  }

  writeU64(ptr: number, v: bigint): void {
    new DataView(this.data.buffer).setBigUint64(ptr, v, true);
  }

  /** Cuts the memory down to `bytes` (upstream's `mem.data.truncate`). */
  truncate(bytes: number): void {
    this.data = this.data.slice(0, bytes);
  }
}
