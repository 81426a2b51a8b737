/**
 * Storage keys inside `src/state`: binary strings.
 *
 * The overlay and the in-memory backend key their maps by a "binary string":
 * one UTF-16 code unit per byte (ISO-8859-1 / latin1). JavaScript compares
 * such strings code unit by code unit, which is exactly the bytewise order
 * of the keys, so a sorted array of key strings is sorted like the trie.
 * Bytes cross the public boundary (Externalities, StorageBackend) as
 * `Uint8Array`s and are converted here.
 *
 * Also the well-known child-storage prefixes (sp-storage `well_known_keys`).
 */
import { Buffer } from 'node:buffer';

/** A storage key as a binary string (one char per byte, bytewise order). */
export type KeyStr = string;

/**
 * Node's native latin1 decoder over any Uint8Array (`Buffer.prototype.latin1Slice`,
 * undocumented but present since Node 0.x); falls back to a Buffer view.
 */
const latin1Slice = (Buffer.prototype as unknown as { latin1Slice?: (this: Uint8Array, start: number, end: number) => string }).latin1Slice;

/** The binary string of `bytes` (a key to use in maps and sorted arrays). */
export function keyStr(bytes: Uint8Array): KeyStr {
  if (latin1Slice !== undefined) return latin1Slice.call(bytes, 0, bytes.length);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
}

/** The bytes of a binary-string key, as a new plain `Uint8Array`. */
export function keyBytes(s: KeyStr): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** sp-storage `well_known_keys::CHILD_STORAGE_KEY_PREFIX` (`:child_storage:`), as a key string. */
export const CHILD_STORAGE_KEY_PREFIX: KeyStr = ':child_storage:';

/** sp-storage `well_known_keys::DEFAULT_CHILD_STORAGE_KEY_PREFIX` (`:child_storage:default:`), as a key string. */
export const DEFAULT_CHILD_STORAGE_KEY_PREFIX: KeyStr = ':child_storage:default:';

/** sp-storage `is_child_storage_key`: does the top-trie key start with `:child_storage:`? */
export function isChildStorageKey(key: KeyStr): boolean {
  return key.startsWith(CHILD_STORAGE_KEY_PREFIX);
}

/**
 * sp-storage `starts_with_child_storage_key`: the key starts with `:child_storage:`,
 * or is itself a prefix of it (so clearing it would reach child roots; the empty prefix included).
 */
export function startsWithChildStorageKey(key: KeyStr): boolean {
  if (key.length > CHILD_STORAGE_KEY_PREFIX.length) return key.startsWith(CHILD_STORAGE_KEY_PREFIX);
  return CHILD_STORAGE_KEY_PREFIX.startsWith(key);
}

/** The top-trie key holding a default child trie's root: `:child_storage:default:` ++ storage key. */
export function prefixedChildKey(storageKey: KeyStr): KeyStr {
  return DEFAULT_CHILD_STORAGE_KEY_PREFIX + storageKey;
}
