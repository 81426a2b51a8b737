/**
 * The peer's storage: a JsCallback over an in-memory map of lowercase hex
 * keys to hex values (what Chopsticks' `taskHandler` serves from its block
 * storage). Lowercase hex strings of bytes sort exactly as the bytes do, so a
 * sorted key array and a binary search answer `getNextKey`.
 */
import type { JsCallback } from '@acala-network/chopsticks-executor';

/** Prefix of default child-trie keys in the peer's flat key space (sp-core `DEFAULT_CHILD_STORAGE_KEY_PREFIX`). */
const CHILD_PREFIX_HEX = '0x' + Buffer.from(':child_storage:default:', 'latin1').toString('hex');

/** A JsCallback's storage over hex pairs; offchain functions answer as an empty offchain DB would. */
export function storageCallback(top: ReadonlyMap<string, string>, children: ReadonlyMap<string, ReadonlyMap<string, string>> = new Map()): JsCallback {
  const values = new Map<string, string>();
  for (const [k, v] of top) values.set(k.toLowerCase(), v.toLowerCase());
  for (const [sk, kids] of children) {
    for (const [k, v] of kids) values.set(CHILD_PREFIX_HEX + sk.slice(2).toLowerCase() + k.slice(2).toLowerCase(), v.toLowerCase());
  }
  const sorted = [...values.keys()].sort();
  /** Index of the first key > `key`. */
  const after = (key: string): number => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((sorted[mid] as string) <= key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return {
    getStorage: async (key) => values.get(key.toLowerCase()),
    getNextKey: async (prefix, key) => {
      const next = sorted[after(key.toLowerCase())];
      return next !== undefined && next.startsWith(prefix.toLowerCase()) ? next : undefined;
    },
    offchainGetStorage: async () => undefined,
    offchainTimestamp: async () => 0,
    offchainRandomSeed: async () => `0x${'00'.repeat(32)}`,
    offchainSubmitTransaction: async () => false,
  };
}

/** A JsCallback for calls that read no storage (an empty state). */
export function emptyCallback(): JsCallback {
  return storageCallback(new Map());
}
