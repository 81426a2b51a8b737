/**
 * A minimal SCALE codec for what the host ABI, the runtime version and the
 * trie need: fixed-width little-endian integers, compact integers, byte
 * vectors, options and results. (SCALE: https://docs.substrate.io/reference/scale-codec/)
 *
 * Compact integer modes, selected by the two low bits of the first byte:
 *   0b00  single byte,  value < 2^6        (value << 2)
 *   0b01  two bytes,    value < 2^14       (value << 2 | 1, LE)
 *   0b10  four bytes,   value < 2^30       (value << 2 | 2, LE)
 *   0b11  big integer:  (bytes − 4) << 2 | 3, then `bytes` LE bytes
 * Decoding rejects non-canonical encodings the way parity-scale-codec does.
 */
import { SwxError } from './errors.js';
import { GrowableBytes } from './bytes.js';

/** Thrown when SCALE input is malformed. */
export class ScaleError extends SwxError {
  constructor(message: string, offset: number) {
    super('INVALID_INPUT', `SCALE: ${message} at byte ${offset}`, { offset });
    this.name = 'ScaleError';
  }
}

/** Sequential reader over a byte array. Subarrays it returns share memory with the input. */
export class ScaleReader {
  offset = 0;
  constructor(readonly bytes: Uint8Array) {}

  get remaining(): number {
    return this.bytes.length - this.offset;
  }

  private need(n: number): void {
    if (this.offset + n > this.bytes.length) throw new ScaleError(`need ${n} bytes, ${this.remaining} left`, this.offset);
  }

  u8(): number {
    this.need(1);
    return this.bytes[this.offset++]!;
  }

  u16(): number {
    this.need(2);
    const b = this.bytes, o = this.offset;
    this.offset += 2;
    return b[o]! | (b[o + 1]! << 8);
  }

  u32(): number {
    this.need(4);
    const b = this.bytes, o = this.offset;
    this.offset += 4;
    return (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
  }

  u64(): bigint {
    const lo = this.u32();
    const hi = this.u32();
    return (BigInt(hi) << 32n) | BigInt(lo);
  }

  bool(): boolean {
    const v = this.u8();
    if (v > 1) throw new ScaleError(`invalid bool ${v}`, this.offset - 1);
    return v === 1;
  }

  /** Fixed-length raw bytes (a view). */
  fixed(n: number): Uint8Array {
    this.need(n);
    const out = this.bytes.subarray(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }

  /** A compact integer that must fit in a u32 (lengths, indices). */
  compactU32(): number {
    const v = this.compact();
    if (v > 0xffffffffn) throw new ScaleError('compact value exceeds u32', this.offset);
    return Number(v);
  }

  /** A compact integer of any size. */
  compact(): bigint {
    const start = this.offset;
    const b0 = this.u8();
    switch (b0 & 3) {
      case 0:
        return BigInt(b0 >> 2);
      case 1: {
        const v = (b0 | (this.u8() << 8)) >> 2;
        if (v < 1 << 6) throw new ScaleError('non-canonical compact', start);
        return BigInt(v);
      }
      case 2: {
        this.offset = start;
        const v = this.u32() >>> 2;
        if (v < 1 << 14) throw new ScaleError('non-canonical compact', start);
        return BigInt(v);
      }
      default: {
        const n = (b0 >> 2) + 4;
        const bytes = this.fixed(n);
        let v = 0n;
        for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i]!);
        if (bytes[n - 1] === 0 || v < 1n << 30n) throw new ScaleError('non-canonical compact', start);
        return v;
      }
    }
  }

  /** `Vec<u8>`: compact length then bytes (a view). */
  bytesVec(): Uint8Array {
    const n = this.compactU32();
    return this.fixed(n);
  }

  /** `Option<T>`. */
  option<T>(inner: (r: ScaleReader) => T): T | undefined {
    const tag = this.u8();
    if (tag === 0) return undefined;
    if (tag === 1) return inner(this);
    throw new ScaleError(`invalid Option tag ${tag}`, this.offset - 1);
  }

  /** `Vec<T>`. */
  vec<T>(inner: (r: ScaleReader) => T): T[] {
    const n = this.compactU32();
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(inner(this));
    return out;
  }

  /** UTF-8 `String`. */
  string(): string {
    const b = this.bytesVec();
    try {
      return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(b);
    } catch {
      throw new ScaleError('invalid UTF-8 string', this.offset - b.length);
    }
  }
}

/** Growable writer; `finish()` returns a copy-free view of the written bytes. */
export class ScaleWriter extends GrowableBytes {
  /** Forgets the written bytes (keeps the capacity, so a reused writer allocates nothing). */
  reset(): void {
    this.length = 0;
  }

  u16(v: number): this {
    this.reserve(2);
    this.buf[this.length++] = v & 0xff;
    this.buf[this.length++] = (v >>> 8) & 0xff;
    return this;
  }

  u32(v: number): this {
    this.reserve(4);
    const b = this.buf, o = this.length;
    b[o] = v & 0xff;
    b[o + 1] = (v >>> 8) & 0xff;
    b[o + 2] = (v >>> 16) & 0xff;
    b[o + 3] = (v >>> 24) & 0xff;
    this.length += 4;
    return this;
  }

  u64(v: bigint): this {
    this.u32(Number(v & 0xffffffffn));
    return this.u32(Number((v >> 32n) & 0xffffffffn));
  }

  bool(v: boolean): this {
    return this.u8(v ? 1 : 0);
  }

  compact(v: number | bigint): this {
    if (typeof v === 'number' && v >= 0 && v <= 0xffffffff) {
      if (v < 1 << 6) return this.u8(v << 2);
      if (v < 1 << 14) return this.u16((v << 2) | 1);
      if (v < 1 << 30) return this.u32(((v << 2) | 2) >>> 0);
    }
    let big = BigInt(v);
    if (big < 0n) throw new SwxError('INVALID_INPUT', 'SCALE: negative compact');
    if (big < 1n << 30n) return this.compact(Number(big));
    const bytes: number[] = [];
    while (big > 0n) {
      bytes.push(Number(big & 0xffn));
      big >>= 8n;
    }
    this.u8(((bytes.length - 4) << 2) | 3);
    for (const b of bytes) this.u8(b);
    return this;
  }

  bytesVec(bytes: Uint8Array): this {
    this.compact(bytes.length);
    return this.raw(bytes);
  }

  /** `Option<Vec<u8>>`. */
  optionBytes(bytes: Uint8Array | undefined): this {
    if (bytes === undefined) return this.u8(0);
    this.u8(1);
    return this.bytesVec(bytes);
  }

  string(s: string): this {
    return this.bytesVec(new TextEncoder().encode(s));
  }

  /** A view of the written bytes, valid until the next write or reset. */
  finish(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }

  /** A copy of the written bytes. */
  copy(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

/** SCALE compact encoding of a number as a new array. */
export function encodeCompact(v: number | bigint): Uint8Array {
  return new ScaleWriter(8).compact(v).finish();
}

/** SCALE `Option<Vec<u8>>` as a new array. */
export function encodeOptionBytes(v: Uint8Array | undefined): Uint8Array {
  return new ScaleWriter(v === undefined ? 1 : v.length + 6).optionBytes(v).finish();
}

/** SCALE `Vec<u8>` as a new array. */
export function encodeBytesVec(v: Uint8Array): Uint8Array {
  return new ScaleWriter(v.length + 5).bytesVec(v).finish();
}
