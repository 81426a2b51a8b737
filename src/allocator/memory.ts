/**
 * The linear memory the allocator works on (sc-allocator's `Memory` trait,
 * `substrate/client/allocator/src/lib.rs`), and its implementation over a
 * `WebAssembly.Memory`.
 */
import { WASM_PAGE_SIZE } from '../base/constants.js';

export { WASM_PAGE_SIZE, MAX_WASM_PAGES } from '../base/constants.js';

/** What the allocator needs from a linear memory. */
export interface AllocatorMemory {
  /** Size in bytes; must equal `pages() × 65536` (upstream's `MemoryExt::size`). */
  size(): number;
  /** Current number of pages. */
  pages(): number;
  /** The memory type's maximum in pages, or undefined for none (then 65536 applies). */
  maxPages(): number | undefined;
  /** Grows by `deltaPages`; false if the memory refused to grow. */
  grow(deltaPages: number): boolean;
  /** Little-endian u64 at `ptr` (the allocator checks bounds before calling). */
  readU64(ptr: number): bigint;
  /** Writes a little-endian u64 at `ptr` (the allocator checks bounds before calling). */
  writeU64(ptr: number, v: bigint): void;
}

/**
 * An AllocatorMemory over a `WebAssembly.Memory`. The JS API does not expose a
 * memory's declared maximum (type reflection is not in Node 20), so the
 * caller passes it: the maximum of the module's memory section after the heap
 * transform (`Static{E}`: initial + E; `Dynamic{M}`: M; none: undefined).
 * Growth decisions depend on it (`max(min(2·cur, max), required)`), so leaving
 * it out when the module has one makes growth differ from Substrate's.
 * The DataView is cached and refreshed only after the buffer was detached.
 */
export function memoryFromWasm(memory: WebAssembly.Memory, maxPages?: number): AllocatorMemory {
  let buffer = memory.buffer;
  let view = new DataView(buffer);
  // Growing (from JS or from Wasm) detaches the old ArrayBuffer, whose
  // byteLength then reads 0; reading `memory.buffer` on every access instead
  // would cost more than the allocator's own work.
  const current = (): DataView => {
    if (buffer.byteLength === 0) {
      buffer = memory.buffer;
      view = new DataView(buffer);
    }
    return view;
  };
  return {
    size: () => current().byteLength,
    pages: () => current().byteLength / WASM_PAGE_SIZE,
    maxPages: () => maxPages,
    grow(deltaPages: number): boolean {
      try {
        memory.grow(deltaPages);
        return true;
      } catch {
        return false;
      }
    },
    readU64: (ptr) => current().getBigUint64(ptr, true),
    writeU64: (ptr, v) => current().setBigUint64(ptr, v, true),
  };
}
