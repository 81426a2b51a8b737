/**
 * Keys as nibble paths. The trie is radix 16: a key of `n` bytes is a path of
 * `2n` nibbles, high nibble of each byte first (sp-trie / trie-db
 * `nibble_ops::left_nibble_at`). Byte keys are read in place through
 * `nibbleAt`; owned nibble arrays (one nibble per byte, 0..15) are used where a
 * node keeps its partial key.
 */

/** Nibble `i` of byte string `key` (high nibble of each byte first). */
export function nibbleAt(key: Uint8Array, i: number): number {
  const b = key[i >> 1]!;
  return (i & 1) === 0 ? b >> 4 : b & 15;
}

/** The nibbles `[start, end)` of byte string `key` as an owned nibble array. */
export function keyNibbles(key: Uint8Array, start = 0, end = key.length * 2): Uint8Array {
  const out = new Uint8Array(end - start);
  let o = 0;
  let i = start;
  if ((i & 1) === 1 && i < end) out[o++] = key[i++ >> 1]! & 15;
  for (; i + 1 < end; i += 2) {
    const b = key[i >> 1]!;
    out[o++] = b >> 4;
    out[o++] = b & 15;
  }
  if (i < end) out[o] = key[i >> 1]! >> 4;
  return out;
}

/**
 * Length of the common nibble prefix of `a` and `b`, both read from nibble
 * `start` on (`start` must not exceed either key's nibble length).
 */
export function commonNibblePrefix(a: Uint8Array, b: Uint8Array, start: number): number {
  const max = Math.min(a.length, b.length) * 2;
  let i = start;
  if ((i & 1) === 1 && i < max) {
    if ((a[i >> 1]! & 15) !== (b[i >> 1]! & 15)) return i;
    i++;
  }
  // Whole bytes first, then the one differing byte nibble by nibble.
  let byte = i >> 1;
  const maxByte = max >> 1;
  while (byte < maxByte && a[byte] === b[byte]) byte++;
  i = byte * 2;
  if (byte < maxByte && (a[byte]! >> 4) === (b[byte]! >> 4)) i++;
  return i;
}

/** Does `key` (byte string) hold the nibbles `partial` at nibble offset `offset`? */
export function keyContains(key: Uint8Array, partial: Uint8Array, offset: number): boolean {
  if (offset + partial.length > key.length * 2) return false;
  for (let i = 0; i < partial.length; i++) if (nibbleAt(key, offset + i) !== partial[i]) return false;
  return true;
}

/** Do the first `len` nibbles of `a` and `b` agree (both must have at least `len` nibbles)? */
export function samePrefix(a: Uint8Array, b: Uint8Array, len: number): boolean {
  const bytes = len >> 1;
  for (let i = 0; i < bytes; i++) if (a[i] !== b[i]) return false;
  return (len & 1) === 0 || (a[bytes]! >> 4) === (b[bytes]! >> 4);
}
