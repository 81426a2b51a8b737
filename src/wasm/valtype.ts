/**
 * Value types and block types in the binary format (spec §5.3.1, §5.4.1):
 * one byte per value type; a block type is 0x40 (empty), a value type, or a
 * non-negative s33 type index (multi-value).
 */
import { SwxError } from '../base/errors.js';
import type { FeatureName } from './features.js';
import { FEATURE_TITLES } from './features.js';
import type { WasmReader } from './reader.js';
import type { RefType, ValType } from './types.js';

/** Block type code of the empty block type (0x40 read as s33). */
export const BLOCK_EMPTY = -64;

const BYTE_TO_VALTYPE: Readonly<Record<number, ValType>> = Object.freeze({
  0x7f: 'i32',
  0x7e: 'i64',
  0x7d: 'f32',
  0x7c: 'f64',
  0x7b: 'v128',
  0x70: 'funcref',
  0x6f: 'externref',
});

/** Binary code of each value type. */
export const VALTYPE_BYTE: Readonly<Record<ValType, number>> = Object.freeze({
  i32: 0x7f,
  i64: 0x7e,
  f32: 0x7d,
  f64: 0x7c,
  v128: 0x7b,
  funcref: 0x70,
  externref: 0x6f,
});

/** Throws the WASM_UNSUPPORTED_FEATURE error naming `feature`. */
export function unsupported(feature: FeatureName, what: string, offset: number): never {
  throw new SwxError('WASM_UNSUPPORTED_FEATURE', `${FEATURE_TITLES[feature]} is not supported: ${what} at byte ${offset}`, {
    offset,
    feature,
  });
}

/** Value type of a single-byte code, or undefined. */
export function valTypeOfByte(b: number): ValType | undefined {
  return BYTE_TO_VALTYPE[b];
}

/** Reads a value type; typed references (0x63/0x64) are rejected as function-references. */
export function readValType(r: WasmReader): ValType {
  const at = r.pos;
  const b = r.u8();
  const t = BYTE_TO_VALTYPE[b];
  if (t !== undefined) return t;
  if (b === 0x63 || b === 0x64) unsupported('functionReferences', 'typed reference value type', r.offset(at));
  return r.fail(`invalid value type 0x${b.toString(16)}`, at);
}

/** Reads a reference type (table element type, ref.null heap type in the 1-byte form). */
export function readRefType(r: WasmReader): RefType {
  const at = r.pos;
  const t = readValType(r);
  if (t !== 'funcref' && t !== 'externref') r.fail(`invalid reference type ${t}`, at);
  return t;
}

/** The value type a non-negative-index-free block type code stands for (undefined for empty or a type index). */
export function blockValType(code: number): ValType | undefined {
  return code < 0 && code !== BLOCK_EMPTY ? BYTE_TO_VALTYPE[code + 0x80] : undefined;
}

/** Is `code` a valid block type code: empty, a value type, or a type index? */
export function isValidBlockType(code: number): boolean {
  return code >= 0 || code === BLOCK_EMPTY || BYTE_TO_VALTYPE[code + 0x80] !== undefined;
}
