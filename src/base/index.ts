/**
 * base — the foundation every stage may import: typed errors, byte helpers,
 * the SCALE codec and the hashers. It imports nothing of ours. (The stage
 * order of DESIGN.md, `wasm → blob → allocator → trie → state → host →
 * executor → cli`, sits on top of it.)
 */
export * from './errors.js';
export * from './bytes.js';
export * from './scale.js';
export * from './hashing.js';
