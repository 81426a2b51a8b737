/**
 * Bounds-checked access to one instance's linear memory from host functions.
 *
 * Views over `memory.buffer` are cached and refreshed only when the buffer
 * was replaced (a `memory.grow` detaches the old `ArrayBuffer`, whose views
 * then report length 0), so the hot path allocates nothing.
 *
 * Fat pointers (sp-runtime-interface "pointer-size"): an i64 whose low 32 bits
 * are the pointer and high 32 bits the length.
 */
import { SwxError } from '../base/errors.js';

/** Splits a fat pointer into `[ptr, len]`. */
export function unpackFat(v: bigint): [number, number] {
  return [Number(v & 0xffffffffn), Number((v >> 32n) & 0xffffffffn)];
}

/** Packs `ptr` and `len` into a fat pointer. */
export function packFat(ptr: number, len: number): bigint {
  return (BigInt(len >>> 0) << 32n) | BigInt(ptr >>> 0);
}

/** A view of one instance's memory; one per instance, refreshed after growth. */
export class HostMemory {
  private u8: Uint8Array;
  private dv: DataView;
  constructor(readonly memory: WebAssembly.Memory) {
    this.u8 = new Uint8Array(memory.buffer);
    this.dv = new DataView(memory.buffer);
  }

  /** The current byte view of the whole memory. */
  bytes(): Uint8Array {
    if (this.u8.byteLength === 0 || this.u8.buffer !== this.memory.buffer) {
      this.u8 = new Uint8Array(this.memory.buffer);
      this.dv = new DataView(this.memory.buffer);
    }
    return this.u8;
  }

  /** The current DataView of the whole memory. */
  data(): DataView {
    this.bytes();
    return this.dv;
  }

  /** Memory size in bytes. */
  get size(): number {
    return this.bytes().length;
  }

  private check(ptr: number, len: number, what: string): void {
    const size = this.bytes().length;
    if (ptr < 0 || len < 0 || ptr + len > size) {
      throw new SwxError('HOST_OUT_OF_BOUNDS', `${what} out of memory bounds: [${ptr}, ${ptr + len}) in ${size} bytes`, { ptr, len });
    }
  }

  /** A copy of `[ptr, ptr+len)`. */
  read(ptr: number, len: number): Uint8Array {
    this.check(ptr, len, 'read');
    return this.u8.slice(ptr, ptr + len);
  }

  /** A view of `[ptr, ptr+len)`, valid until the memory grows or is written. */
  view(ptr: number, len: number): Uint8Array {
    this.check(ptr, len, 'read');
    return this.u8.subarray(ptr, ptr + len);
  }

  /** A copy of the bytes a fat pointer designates. */
  readFat(v: bigint): Uint8Array {
    const ptr = Number(v & 0xffffffffn);
    const len = Number((v >> 32n) & 0xffffffffn);
    return this.read(ptr, len);
  }

  /** A view of the bytes a fat pointer designates (valid until the next write or growth). */
  viewFat(v: bigint): Uint8Array {
    const ptr = Number(v & 0xffffffffn);
    const len = Number((v >> 32n) & 0xffffffffn);
    return this.view(ptr, len);
  }

  /** Writes `bytes` at `ptr`. */
  write(ptr: number, bytes: Uint8Array): void {
    this.check(ptr, bytes.length, 'write');
    this.u8.set(bytes, ptr);
  }

  /** Reads a little-endian u32. */
  readU32(ptr: number): number {
    this.check(ptr, 4, 'read');
    return this.dv.getUint32(ptr, true);
  }

  /** Writes a little-endian u32. */
  writeU32(ptr: number, v: number): void {
    this.check(ptr, 4, 'write');
    this.dv.setUint32(ptr, v, true);
  }
}
