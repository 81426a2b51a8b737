/**
 * A HostContext for unit-testing host functions without a runtime: a real
 * `WebAssembly.Memory`, a simple bump heap (not the freeing-bump allocator;
 * pointer values are not Substrate's) and an in-memory effect log.
 * `storage` must be supplied by tests that touch storage.
 */
import { createHashers, type Hashers } from '../../src/base/hashing.js';
import { SwxError } from '../../src/base/errors.js';
import { HostMemory, packFat } from '../../src/host/memory.js';
import type { HostContext, HostFunction } from '../../src/host/types.js';
import { emptyEffects } from '../../src/executor/context.js';
import type { Externalities } from '../../src/state/externalities.js';

/** Hashers shared by a test file (created once per file). */
export const testHashers: Promise<Hashers> = createHashers();

/** A fresh effects record (the executor's own constructor). */
export { emptyEffects };

const unsupportedStorage = new Proxy({} as Externalities, {
  get(_t, prop) {
    return () => {
      throw new SwxError('HOST_NOT_AVAILABLE', `fake context has no storage (called ${String(prop)})`);
    };
  },
});

/** Test context plus helpers to place input bytes in memory. */
export interface FakeContext extends HostContext {
  /** Allocates and writes `bytes`, returning the pointer. */
  put(bytes: Uint8Array): number;
  /** Same, as a fat pointer. */
  putFat(bytes: Uint8Array): bigint;
}

/** Builds a fake context with 16 pages of memory (overridable fields). */
export async function makeFakeContext(overrides: Partial<HostContext> = {}): Promise<FakeContext> {
  const hashers = await testHashers;
  const mem = new WebAssembly.Memory({ initial: 16 });
  const memory = new HostMemory(mem);
  let bump = 8;
  const heap = {
    allocate(size: number): number {
      const p = bump;
      bump += Math.max(8, (size + 7) & ~7) + 8;
      if (bump > memory.size) mem.grow(Math.ceil((bump - memory.size) / 65536));
      return p;
    },
    deallocate(): void {},
  };
  const ctx: FakeContext = {
    method: 'test',
    memory,
    heap,
    hashers,
    storage: unsupportedStorage,
    offchain: undefined,
    keystore: undefined,
    maxLogLevel: 5,
    effects: emptyEffects(),
    runtimeVersionOf: () => undefined,
    panicMessage: undefined,
    lastMessage: undefined,
    batchVerify: undefined,
    returnPtr(bytes: Uint8Array): number {
      const p = heap.allocate(bytes.length);
      memory.write(p, bytes);
      return p;
    },
    returnFat(bytes: Uint8Array): bigint {
      return packFat(this.returnPtr(bytes), bytes.length);
    },
    put(bytes: Uint8Array): number {
      return this.returnPtr(bytes);
    },
    putFat(bytes: Uint8Array): bigint {
      return this.returnFat(bytes);
    },
    ...overrides,
  };
  return ctx;
}

/** Binds host function `name` from `fns` to `ctx` (throws if absent). */
export function bindHost(fns: readonly HostFunction[], name: string, ctx: HostContext): CallableHost {
  const f = fns.find((x) => x.name === name);
  if (f === undefined) throw new Error(`host function ${name} not in list`);
  return f.bind(ctx) as unknown as CallableHost;
}

/** A bound host function callable from tests with numbers (i32) and bigints (i64). */
export type CallableHost = (...args: Array<number | bigint>) => number | bigint | void;

/** Reads the bytes a fat pointer designates. */
export function readFat(ctx: HostContext, v: bigint): Uint8Array {
  return ctx.memory.readFat(v);
}
