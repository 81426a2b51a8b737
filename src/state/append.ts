/**
 * `storage_append` (sp-io `storage::append`, sp-state-machine `StorageAppend`
 * and `OverlayedEntry::append`): push one SCALE-encoded item onto a value
 * that is a SCALE `Vec<T>`, without decoding the items.
 *
 *   current value (overlay, else backend, else empty)
 *   ├─ starts with a valid Compact<u32> n  → Compact(n + 1) ++ value[len(Compact(n))..] ++ item
 *   └─ otherwise (empty, or the prefix does not decode) → Compact(1) ++ item
 *
 * Only the leading compact is checked; the items after it are not validated.
 * Upstream keeps appends lazy (`StorageEntry::Append`, length materialized on
 * read) but every observable value equals this eager computation. The count
 * wraps at 2^32 like the u32 addition of a release build.
 */
import { ScaleWriter } from '../base/scale.js';

/** A decoded leading Compact<u32>: its value and encoded length. */
export interface CompactPrefix {
  value: number;
  length: number;
}

/**
 * Decodes the Compact<u32> at the start of `bytes` the way parity-scale-codec's
 * `Compact::<u32>::decode` does (canonical encodings only); undefined if it does not decode.
 */
export function decodeCompactU32Prefix(bytes: Uint8Array): CompactPrefix | undefined {
  if (bytes.length === 0) return undefined;
  const b0 = bytes[0]!;
  switch (b0 & 3) {
    case 0:
      return { value: b0 >>> 2, length: 1 };
    case 1: {
      if (bytes.length < 2) return undefined;
      const v = (b0 | (bytes[1]! << 8)) >>> 2;
      return v > 0b11_1111 ? { value: v, length: 2 } : undefined;
    }
    case 2: {
      if (bytes.length < 4) return undefined;
      const v = (b0 | (bytes[1]! << 8) | (bytes[2]! << 16) | (bytes[3]! << 24)) >>> 2;
      return v > 0b11_1111_1111_1111 ? { value: v, length: 4 } : undefined;
    }
    default: {
      // Big-integer mode: for a u32 only the 4-byte form (upper six bits zero) is valid, value ≥ 2^30.
      if (b0 >>> 2 !== 0 || bytes.length < 5) return undefined;
      const v = (bytes[1]! | (bytes[2]! << 8) | (bytes[3]! << 16) | (bytes[4]! << 24)) >>> 0;
      return v > 0x3fff_ffff ? { value: v, length: 5 } : undefined;
    }
  }
}

/** The value after appending `item` to `current` (undefined = absent); a new array. */
export function appendItem(current: Uint8Array | undefined, item: Uint8Array): Uint8Array {
  const prefix = current === undefined ? undefined : decodeCompactU32Prefix(current);
  if (current === undefined || prefix === undefined) {
    return new ScaleWriter(item.length + 1).compact(1).raw(item).finish();
  }
  const rest = current.subarray(prefix.length);
  const w = new ScaleWriter(current.length + item.length + 4);
  w.compact((prefix.value + 1) >>> 0).raw(rest).raw(item);
  return w.finish();
}
