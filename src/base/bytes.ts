/**
 * Byte helpers used everywhere: hex (lowercase, `0x`-prefixed at the
 * boundary), concatenation and ordering. Internally swx keeps `Uint8Array`s;
 * hex only appears in the CLI, chain specs and tests.
 */
import { SwxError } from './errors.js';

/** Lowercase hex with a `0x` prefix. */
export function toHex(bytes: Uint8Array): string {
  return '0x' + toHexRaw(bytes);
}

/** Lowercase hex without prefix (Node's native encoder: no per-byte string building). */
export function toHexRaw(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/** Parses hex with or without `0x`; throws INVALID_INPUT naming `title` on bad input. */
export function fromHex(hex: string, title = 'hex'): Uint8Array {
  const start = hex.length >= 2 && hex.charCodeAt(0) === 0x30 && (hex.charCodeAt(1) | 0x20) === 0x78 ? 2 : 0;
  const n = hex.length - start;
  if (n % 2 !== 0) throw new SwxError('INVALID_INPUT', `${title}: odd number of hex digits (${n})`);
  const buf = Buffer.from(start === 0 ? hex : hex.slice(start), 'hex');
  // Buffer stops at the first pair that is not hex: a short result means a bad digit.
  if (buf.length !== n / 2) throw new SwxError('INVALID_INPUT', `${title}: invalid hex digit at ${start + 2 * buf.length}`);
  return new Uint8Array(buf); // a copy with its own ArrayBuffer (small Buffers share a pool)
}

/** Concatenates byte arrays into a new array. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let len = 0;
  for (const p of parts) len += p.length;
  const out = new Uint8Array(len);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Lexicographic byte order: negative, zero or positive like a comparator. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    const d = a[i]! - b[i]!;
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** Byte equality. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Does `bytes` start with `prefix`? */
export function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  if (prefix.length > bytes.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

/** UTF-8 bytes of a string. */
export function utf8(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

/**
 * Strict UTF-8 decoding; returns undefined when the bytes are not valid UTF-8
 * (Rust's `str::from_utf8` rejects them the same way).
 */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * A growable byte buffer: the storage every binary writer (SCALE, Wasm)
 * builds on. Capacity doubles as needed; `length` bytes are written.
 */
export class GrowableBytes {
  protected buf: Uint8Array;
  /** Number of bytes written so far. */
  length = 0;
  constructor(capacity = 64) {
    this.buf = new Uint8Array(capacity);
  }

  /** Makes room for `n` more bytes. */
  protected reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.length + n) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  /** One byte. */
  u8(v: number): this {
    this.reserve(1);
    this.buf[this.length++] = v;
    return this;
  }

  /** Raw bytes. */
  raw(bytes: Uint8Array): this {
    this.reserve(bytes.length);
    this.buf.set(bytes, this.length);
    this.length += bytes.length;
    return this;
  }
}
