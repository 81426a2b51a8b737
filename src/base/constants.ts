/**
 * Protocol constants that several stages need, each defined once here with
 * where its value comes from.
 */

/** Size of a Wasm page in bytes (Wasm spec §2.5.5; sc-allocator `PAGE_SIZE`). */
export const WASM_PAGE_SIZE = 65536;

/** Most pages a 32-bit Wasm memory can have: 4 GiB / 64 KiB (Wasm spec §2.5.5: 2^16; sc-allocator `MAX_WASM_PAGES`). */
export const MAX_WASM_PAGES = 65536;

/**
 * Trie layout / state version (sp-runtime `StateVersion`, sp-trie `LayoutV0`/`LayoutV1`):
 * 0 = values inline, 1 = values of 33 bytes and more stored as hashed value nodes.
 */
export type StateVersion = 0 | 1;
