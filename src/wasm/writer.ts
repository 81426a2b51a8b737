/**
 * Growable byte buffer writing the WebAssembly binary encoding: bytes, LEB128
 * integers (canonical, shortest form), IEEE bit patterns, UTF-8 names.
 */
import { GrowableBytes } from '../base/bytes.js';

/** Appends binary-encoded values to a growable buffer. */
export class WasmWriter extends GrowableBytes {
  constructor(initialCapacity = 256) {
    super(initialCapacity);
  }

  /** Raw bytes. */
  bytes(b: Uint8Array): this {
    return this.raw(b);
  }

  /** Unsigned LEB128 of a value in [0, 2^32). */
  u32(v: number): this {
    this.reserve(5);
    let x = v >>> 0;
    while (x >= 0x80) {
      this.buf[this.length++] = (x & 0x7f) | 0x80;
      x >>>= 7;
    }
    this.buf[this.length++] = x;
    return this;
  }

  /** Unsigned LEB128 of a non-negative integer up to 2^53 (memory64 limits). */
  u64(v: number): this {
    let x = v;
    for (;;) {
      const b = x % 128;
      x = Math.floor(x / 128);
      if (x === 0) return this.u8(b);
      this.u8(b | 0x80);
    }
  }

  /** Signed LEB128 of an int32 (the value is wrapped to 32 bits first). */
  s32(v: number): this {
    this.reserve(5);
    let x = v | 0;
    for (;;) {
      const b = x & 0x7f;
      x >>= 7;
      if ((x === 0 && (b & 0x40) === 0) || (x === -1 && (b & 0x40) !== 0)) {
        this.buf[this.length++] = b;
        return this;
      }
      this.buf[this.length++] = b | 0x80;
    }
  }

  /** Signed LEB128 of an integer in [-2^53, 2^53] (block types are s33). */
  s33(v: number): this {
    let x = v;
    for (;;) {
      const b = ((x % 128) + 128) % 128;
      x = Math.floor(x / 128);
      if ((x === 0 && (b & 0x40) === 0) || (x === -1 && (b & 0x40) !== 0)) return this.u8(b);
      this.u8(b | 0x80);
    }
  }

  /** Signed LEB128 of an int64 (the value is wrapped to 64 bits first). */
  s64(v: bigint): this {
    let x = BigInt.asIntN(64, v);
    for (;;) {
      const b = Number(x & 0x7fn);
      x >>= 7n;
      if ((x === 0n && (b & 0x40) === 0) || (x === -1n && (b & 0x40) !== 0)) return this.u8(b);
      this.u8(b | 0x80);
    }
  }

  /** 4-byte little-endian IEEE single bit pattern. */
  f32bits(bits: number): this {
    this.reserve(4);
    const x = bits >>> 0;
    this.buf[this.length++] = x & 0xff;
    this.buf[this.length++] = (x >>> 8) & 0xff;
    this.buf[this.length++] = (x >>> 16) & 0xff;
    this.buf[this.length++] = x >>> 24;
    return this;
  }

  /** 8-byte little-endian IEEE double bit pattern. */
  f64bits(bits: bigint): this {
    const x = BigInt.asUintN(64, bits);
    this.f32bits(Number(x & 0xffffffffn));
    return this.f32bits(Number(x >> 32n));
  }

  /** A name: u32 byte length then UTF-8. */
  name(s: string): this {
    const b = new TextEncoder().encode(s);
    return this.u32(b.length).bytes(b);
  }

  /** Length-prefixed bytes (u32 size then the bytes). */
  sized(b: Uint8Array): this {
    return this.u32(b.length).bytes(b);
  }

  /** A copy of the bytes written so far. */
  finish(): Uint8Array<ArrayBuffer> {
    return this.buf.slice(0, this.length);
  }
}
