/**
 * A fast acceptance scan for function bodies made only of Wasm MVP
 * instructions in their plain encodings — what every Substrate runtime is.
 *
 * It answers one question: "is this body certainly acceptable under any
 * feature set?" It walks the bytes with inline LEB skipping (no reader
 * objects, no per-instruction calls) and gives up — returning false — at the
 * first thing that needs a closer look: a non-MVP opcode, a multi-value or
 * unusual block type, a memarg with the multi-memory bit, a non-zero
 * table/memory byte, an over-long LEB, or a malformed end. The full
 * validator (`validateBody`) then decides and names the feature and offset.
 * So this scan can only ever make validation faster, never change its answer.
 */

/** Skips an unsigned/signed LEB of at most `max` bytes; -1 if longer or past `end`. */
function skipLeb(b: Uint8Array, p: number, end: number, max: number): number {
  const stop = Math.min(end, p + max);
  while (p < stop) {
    if ((b[p++]! & 0x80) === 0) return p;
  }
  return -1;
}

/** Skips a u32 LEB, rejecting (−1) the 5th-byte overflow bits a strict decoder refuses. */
function skipU32(b: Uint8Array, p: number, end: number): number {
  const q = skipLeb(b, p, end, 5);
  if (q === p + 5 && (b[p + 4]! & 0x70) !== 0) return -1;
  return q;
}

/** Skips a signed 32-bit LEB; −1 unless the 5th byte is a proper sign extension (as `WasmReader.s32`). */
function skipS32(b: Uint8Array, p: number, end: number): number {
  const q = skipLeb(b, p, end, 5);
  if (q === p + 5) {
    const last = b[p + 4]!;
    if ((last & 0x70) !== (last & 0x08 ? 0x70 : 0)) return -1;
  }
  return q;
}

/** Skips a signed 64-bit LEB; −1 unless a 10th byte is 0x00 or 0x7f (as `WasmReader.s64`). */
function skipS64(b: Uint8Array, p: number, end: number): number {
  const q = skipLeb(b, p, end, 10);
  if (q === p + 10) {
    const last = b[p + 9]!;
    if (last !== 0x00 && last !== 0x7f) return -1;
  }
  return q;
}

/** Block types the scan accepts: empty (0x40) or a single MVP value type. */
function plainBlockType(t: number): boolean {
  return t === 0x40 || (t >= 0x7c && t <= 0x7f);
}

/**
 * True if `bytes[codeStart..]` is a well-formed sequence of plain MVP
 * instructions ending with the function's final `end`; false means "ask the
 * full validator".
 */
export function isPlainMvpBody(bytes: Uint8Array, codeStart: number): boolean {
  const end = bytes.length;
  let p = codeStart;
  let depth = 1;
  while (p < end) {
    const op = bytes[p++]!;
    if (op >= 0x45 && op <= 0xbf) continue; // numeric, no immediates
    switch (op) {
      case 0x00: // unreachable
      case 0x01: // nop
      case 0x05: // else
      case 0x0f: // return
      case 0x1a: // drop
      case 0x1b: // select
        continue;
      case 0x02: // block
      case 0x03: // loop
      case 0x04: // if
        if (p >= end || !plainBlockType(bytes[p]!)) return false;
        p++;
        depth++;
        continue;
      case 0x0b: // end
        depth--;
        if (depth === 0) return p === end;
        continue;
      case 0x0c: // br
      case 0x0d: // br_if
      case 0x10: // call
      case 0x20: // local.get
      case 0x21: // local.set
      case 0x22: // local.tee
      case 0x23: // global.get
      case 0x24: // global.set
        p = skipU32(bytes, p, end);
        if (p < 0) return false;
        continue;
      case 0x0e: {
        // br_table: vec(u32) then the default u32
        const q = skipU32(bytes, p, end);
        if (q < 0) return false;
        let n = 0;
        for (let i = p, shift = 0; i < q; i++, shift += 7) n += (bytes[i]! & 0x7f) * 2 ** shift;
        p = q;
        for (let i = 0; i <= n; i++) {
          p = skipU32(bytes, p, end);
          if (p < 0) return false;
        }
        continue;
      }
      case 0x11: // call_indirect: type index, then the table byte 0x00
        p = skipU32(bytes, p, end);
        if (p < 0 || p >= end || bytes[p] !== 0x00) return false;
        p++;
        continue;
      case 0x3f: // memory.size
      case 0x40: // memory.grow
        if (p >= end || bytes[p] !== 0x00) return false;
        p++;
        continue;
      case 0x41: // i32.const
        p = skipS32(bytes, p, end);
        if (p < 0) return false;
        continue;
      case 0x42: // i64.const
        p = skipS64(bytes, p, end);
        if (p < 0) return false;
        continue;
      case 0x43: // f32.const
        p += 4;
        continue;
      case 0x44: // f64.const
        p += 8;
        continue;
      default:
        if (op >= 0x28 && op <= 0x3e) {
          // memarg: alignment (the 0x40 bit would select a memory index), then offset
          if (p >= end || (bytes[p]! & 0x40) !== 0) return false;
          p = skipU32(bytes, p, end);
          if (p < 0) return false;
          p = skipU32(bytes, p, end);
          if (p < 0) return false;
          continue;
        }
        return false; // anything else: let the full validator look
    }
  }
  return false;
}
