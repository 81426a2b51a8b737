/**
 * V8 settings every benchmark process needs; imported first (ESM evaluates
 * imports in order, so this runs before any runtime is compiled).
 *
 * - V8 shares one compiled native module between all `WebAssembly.Module`s
 *   built from identical bytes in an isolate (its "native module cache"),
 *   lazily compiled functions included. A "cold" compile repeated in the same
 *   process would then reuse the code of the first one; the cache is turned
 *   off so that every cold run compiles from scratch, as a new process does.
 * - `gc` is exposed so that a measurement starts from a collected heap.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** V8 flag that disables sharing compiled Wasm code between modules with identical bytes. */
const NO_NATIVE_MODULE_CACHE = '--no-wasm-native-module-cache-enabled';

setFlagsFromString(NO_NATIVE_MODULE_CACHE);
setFlagsFromString('--expose-gc');

/** A full garbage collection (V8's `gc`, exposed above). */
export const collectGarbage: () => void = runInNewContext('gc') as () => void;
