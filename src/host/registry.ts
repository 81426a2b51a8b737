/**
 * The host-function registry: every function of the Polkadot host API that
 * swx serves, keyed by its exact import name (`ext_<namespace>_<fn>_version_<n>`).
 * Imports are matched by name and their Wasm signature is checked against the
 * registered one at instantiation.
 */
import { SwxError } from '../base/errors.js';
import type { HostFunction } from './types.js';
import { STORAGE_HOST_FUNCTIONS } from './storage.js';
import { CHILD_STORAGE_HOST_FUNCTIONS } from './child-storage.js';
import { TRIE_HOST_FUNCTIONS } from './trie.js';
import { CRYPTO_HOST_FUNCTIONS } from './crypto/index.js';
import { HASHING_HOST_FUNCTIONS } from './hashing.js';
import { ALLOCATOR_HOST_FUNCTIONS } from './allocator.js';
import { LOGGING_HOST_FUNCTIONS } from './logging.js';
import { MISC_HOST_FUNCTIONS } from './misc.js';
import { PANIC_HANDLER_HOST_FUNCTIONS } from './panic-handler.js';
import { OFFCHAIN_HOST_FUNCTIONS } from './offchain.js';
import { OFFCHAIN_INDEX_HOST_FUNCTIONS } from './offchain-index.js';
import { TRANSACTION_INDEX_HOST_FUNCTIONS } from './transaction-index.js';
import { WASM_TRACING_HOST_FUNCTIONS } from './wasm-tracing.js';

/** Every host function swx implements, by namespace. */
export function substrateHostFunctions(): HostFunction[] {
  return [
    ...STORAGE_HOST_FUNCTIONS,
    ...CHILD_STORAGE_HOST_FUNCTIONS,
    ...TRIE_HOST_FUNCTIONS,
    ...CRYPTO_HOST_FUNCTIONS,
    ...HASHING_HOST_FUNCTIONS,
    ...ALLOCATOR_HOST_FUNCTIONS,
    ...LOGGING_HOST_FUNCTIONS,
    ...MISC_HOST_FUNCTIONS,
    ...PANIC_HANDLER_HOST_FUNCTIONS,
    ...OFFCHAIN_HOST_FUNCTIONS,
    ...OFFCHAIN_INDEX_HOST_FUNCTIONS,
    ...TRANSACTION_INDEX_HOST_FUNCTIONS,
    ...WASM_TRACING_HOST_FUNCTIONS,
  ];
}

/** Host functions by exact import name; later registrations override earlier ones. */
export class HostRegistry {
  private readonly byName = new Map<string, HostFunction>();

  constructor(functions: Iterable<HostFunction>) {
    for (const f of functions) this.byName.set(f.name, f);
  }

  /** The function registered under `name`, if any. */
  get(name: string): HostFunction | undefined {
    return this.byName.get(name);
  }

  /** All registered names, sorted. */
  names(): string[] {
    return [...this.byName.keys()].sort();
  }

  /** Number of registered functions. */
  get size(): number {
    return this.byName.size;
  }
}

/** The default registry plus `extra` functions (which override by name). */
export function createHostRegistry(extra: readonly HostFunction[] = []): HostRegistry {
  const all = substrateHostFunctions();
  const seen = new Set<string>();
  for (const f of all) {
    if (seen.has(f.name)) throw new SwxError('INTERNAL', `host function ${f.name} registered twice`);
    seen.add(f.name);
  }
  return new HostRegistry([...all, ...extra]);
}
