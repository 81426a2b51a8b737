/**
 * Bounds-checked reading of the WebAssembly binary encoding (spec §5.1, §5.2):
 * bytes, LEB128 integers with the spec's length and padding rules, IEEE bit
 * patterns and UTF-8 names. Every failure is a `WASM_MALFORMED` SwxError whose
 * `offset` is the byte position in the module (`base` + local position).
 */
import { SwxError } from '../base/errors.js';

/** Throws the WASM_MALFORMED error for `what` at module byte `offset`. */
export function malformed(what: string, offset: number): never {
  throw new SwxError('WASM_MALFORMED', `malformed wasm: ${what} at byte ${offset}`, { offset });
}

/** A cursor over `bytes[pos..end)`; `base` maps local positions to module offsets. */
export class WasmReader {
  readonly bytes: Uint8Array;
  pos: number;
  end: number;
  readonly base: number;
  private decoder: TextDecoder | undefined;

  constructor(bytes: Uint8Array, pos = 0, end = bytes.length, base = 0) {
    this.bytes = bytes;
    this.pos = pos;
    this.end = end;
    this.base = base;
    this.decoder = undefined;
  }

  /** Module offset of local position `pos` (default: the cursor). */
  offset(pos = this.pos): number {
    return this.base + pos;
  }

  /** Throws WASM_MALFORMED at local position `pos` (default: the cursor). */
  fail(what: string, pos = this.pos): never {
    return malformed(what, this.base + pos);
  }

  /** Is the cursor at the end of its range? */
  atEnd(): boolean {
    return this.pos >= this.end;
  }

  /** One byte. */
  u8(): number {
    if (this.pos >= this.end) this.fail('unexpected end');
    return this.bytes[this.pos++]!;
  }

  /** Unsigned LEB128, at most 5 bytes, value < 2^32. */
  u32(): number {
    const bytes = this.bytes;
    const end = this.end;
    let pos = this.pos;
    if (pos < end) {
      const b = bytes[pos]!;
      if (b < 0x80) {
        this.pos = pos + 1;
        return b;
      }
    }
    let result = 0;
    let shift = 0;
    for (;;) {
      if (pos >= end) this.fail('unexpected end in LEB128', pos);
      const b = bytes[pos++]!;
      if (shift === 28) {
        if (b > 0x0f) this.fail(b & 0x80 ? 'LEB128 integer representation too long' : 'LEB128 integer too large', pos - 1);
        result += b * 0x10000000;
        break;
      }
      result |= (b & 0x7f) << shift;
      if (b < 0x80) break;
      shift += 7;
    }
    this.pos = pos;
    return result;
  }

  /** Signed LEB128, at most 5 bytes, value in int32 range. */
  s32(): number {
    const bytes = this.bytes;
    const end = this.end;
    let pos = this.pos;
    let result = 0;
    let shift = 0;
    for (;;) {
      if (pos >= end) this.fail('unexpected end in LEB128', pos);
      const b = bytes[pos++]!;
      if (shift === 28) {
        if (b & 0x80) this.fail('LEB128 integer representation too long', pos - 1);
        if ((b & 0x70) !== (b & 0x08 ? 0x70 : 0)) this.fail('LEB128 integer too large', pos - 1);
        result |= b << 28;
        break;
      }
      result |= (b & 0x7f) << shift;
      shift += 7;
      if (b < 0x80) {
        if (b & 0x40 && shift < 32) result |= -1 << shift;
        break;
      }
    }
    this.pos = pos;
    return result | 0;
  }

  /** Signed LEB128 with 33 significant bits (block types), as a JS number. */
  s33(): number {
    let result = 0;
    let mul = 1;
    for (let i = 0; ; i++) {
      const at = this.pos;
      const b = this.u8();
      if (i === 4) {
        if (b & 0x80) this.fail('LEB128 integer representation too long', at);
        // 4 bits of payload (bits 28..31) + sign bit 32; bits 5..6 must repeat the sign
        if ((b & 0x60) !== (b & 0x10 ? 0x60 : 0)) this.fail('LEB128 integer too large', at);
        result += (b & 0x1f) * mul;
        if (b & 0x10) result -= 2 ** 33;
        return result;
      }
      result += (b & 0x7f) * mul;
      mul *= 128;
      if (b < 0x80) {
        if (b & 0x40) result -= mul;
        return result;
      }
    }
  }

  /** Signed LEB128, at most 10 bytes, as a bigint in int64 range. */
  s64(): bigint {
    let result = 0n;
    let shift = 0n;
    for (let i = 0; ; i++) {
      const at = this.pos;
      const b = this.u8();
      if (i === 9) {
        if (b !== 0x00 && b !== 0x7f) this.fail(b & 0x80 ? 'LEB128 integer representation too long' : 'LEB128 integer too large', at);
        result |= BigInt(b & 1) << 63n;
        return BigInt.asIntN(64, result);
      }
      result |= BigInt(b & 0x7f) << shift;
      shift += 7n;
      if (b < 0x80) {
        if (b & 0x40) result -= 1n << shift;
        return BigInt.asIntN(64, result);
      }
    }
  }

  /** Unsigned LEB128 up to 64 bits (memory64 limits), as a number (may lose precision past 2^53). */
  u64(): number {
    let result = 0;
    let mul = 1;
    for (let i = 0; ; i++) {
      const at = this.pos;
      const b = this.u8();
      if (i === 9 && b > 0x01) this.fail('LEB128 integer too large', at);
      result += (b & 0x7f) * mul;
      if (b < 0x80) return result;
      mul *= 128;
    }
  }

  /** Skips one LEB128 of at most `maxBytes` bytes without decoding it. */
  skipLeb(maxBytes: number): void {
    const start = this.pos;
    for (;;) {
      const b = this.u8();
      if (b < 0x80) return;
      if (this.pos - start >= maxBytes) this.fail('LEB128 integer representation too long', start);
    }
  }

  /** IEEE 754 single bit pattern (4 bytes little-endian) as an unsigned number. */
  f32bits(): number {
    const p = this.take(4);
    const b = this.bytes;
    return (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;
  }

  /** IEEE 754 double bit pattern (8 bytes little-endian) as an unsigned bigint. */
  f64bits(): bigint {
    const p = this.take(8);
    const b = this.bytes;
    const lo = (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;
    const hi = (b[p + 4]! | (b[p + 5]! << 8) | (b[p + 6]! << 16) | (b[p + 7]! << 24)) >>> 0;
    return (BigInt(hi) << 32n) | BigInt(lo);
  }

  /** Advances by `n` bytes and returns the start position. */
  take(n: number): number {
    const p = this.pos;
    if (n > this.end - p) this.fail('unexpected end');
    this.pos = p + n;
    return p;
  }

  /** `n` bytes as a view (no copy) of the underlying array. */
  bytesView(n: number): Uint8Array {
    const p = this.take(n);
    return this.bytes.subarray(p, p + n);
  }

  /** A name: u32 length then UTF-8 bytes (must be valid UTF-8, spec §5.2.4). */
  name(): string {
    const len = this.u32();
    const start = this.pos;
    const p = this.take(len);
    const b = this.bytes;
    if (len <= 64) {
      // short ASCII names (almost all of them) skip the TextDecoder
      let s = '';
      let i = p;
      for (; i < p + len && b[i]! < 0x80; i++) s += String.fromCharCode(b[i]!);
      if (i === p + len) return s;
    }
    this.decoder ??= new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    try {
      return this.decoder.decode(b.subarray(p, p + len));
    } catch {
      return this.fail('name is not valid UTF-8', start);
    }
  }
}
