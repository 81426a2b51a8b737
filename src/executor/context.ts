/**
 * The HostContext of one instance. Host functions are bound to it once, at
 * instantiation; each call then `begin`s it with that call's storage,
 * allocator and options, so reusing an instance never rebinds imports.
 */
import type { Hashers } from '../base/hashing.js';
import { SwxError } from '../base/errors.js';
import { FreeingBumpHeapAllocator, memoryFromWasm, type AllocatorMemory } from '../allocator/index.js';
import { HostMemory, packFat } from '../host/memory.js';
import type { CallEffects, HeapAccess, HostContext, LogLevel } from '../host/types.js';
import type { Keystore } from '../host/keystore.js';
import type { OffchainEnv } from '../host/offchain-env.js';
import type { Externalities } from '../state/externalities.js';
import { ByteMeter, type CallLimits } from '../state/index.js';

/** What one call brings to the context. */
export interface CallEnv {
  method: string;
  /** The call's memory caps (logs counted here, output checked by the instance, overlay by the StateMachine). */
  limits: CallLimits;
  storage: Externalities;
  offchain: OffchainEnv | undefined;
  keystore: Keystore | undefined;
  maxLogLevel: 0 | LogLevel;
  runtimeVersionOf: (code: Uint8Array) => Uint8Array | undefined;
}

const NO_STORAGE = new Proxy({} as Externalities, {
  get() {
    return () => {
      throw new SwxError('HOST_NOT_AVAILABLE', 'storage accessed outside of a call');
    };
  },
});

/** A HostContext owned by one instance; `begin` resets it for each call. */
export class InstanceContext implements HostContext, HeapAccess {
  method = '';
  memory!: HostMemory;
  hashers: Hashers;
  storage: Externalities = NO_STORAGE;
  offchain: OffchainEnv | undefined = undefined;
  keystore: Keystore | undefined = undefined;
  maxLogLevel: 0 | LogLevel = 0;
  effects: CallEffects = emptyEffects();
  logMeter: ByteMeter | undefined = undefined;
  runtimeVersionOf: (code: Uint8Array) => Uint8Array | undefined = () => undefined;
  panicMessage: string | undefined = undefined;
  lastMessage: string | undefined = undefined;
  batchVerify: { ok: boolean } | undefined = undefined;
  /** The call's allocator (a fresh one per call, as in Substrate master). */
  allocator: FreeingBumpHeapAllocator | undefined = undefined;
  private allocMemory!: AllocatorMemory;

  constructor(hashers: Hashers) {
    this.hashers = hashers;
  }

  /** The context is its own HeapAccess over the current call's allocator. */
  get heap(): HeapAccess {
    return this;
  }

  /** Binds the instance's memory (after instantiation) and its declared maximum in pages. */
  attachMemory(memory: WebAssembly.Memory, maxPages: number | undefined): void {
    this.memory = new HostMemory(memory);
    // V8 does not expose a memory's declared maximum; the allocator's growth rule needs it.
    this.allocMemory = memoryFromWasm(memory, maxPages);
  }

  /** Starts a call: a fresh allocator at `heapBase` and the call's environment. */
  begin(env: CallEnv, heapBase: number): void {
    this.method = env.method;
    this.storage = env.storage;
    this.offchain = env.offchain;
    this.keystore = env.keystore;
    this.maxLogLevel = env.maxLogLevel;
    this.runtimeVersionOf = env.runtimeVersionOf;
    this.effects = emptyEffects();
    this.logMeter = new ByteMeter(env.limits.maxLogBytes, 'log');
    this.panicMessage = undefined;
    this.lastMessage = undefined;
    this.batchVerify = undefined;
    this.allocator = new FreeingBumpHeapAllocator(heapBase);
  }

  /** Ends a call, dropping references to its environment. */
  end(): void {
    this.storage = NO_STORAGE;
    this.offchain = undefined;
    this.keystore = undefined;
  }

  allocate(size: number): number {
    const a = this.allocator;
    if (a === undefined) throw new SwxError('HOST_NOT_AVAILABLE', 'allocator used outside of a call');
    return a.allocate(this.allocMemory, size);
  }

  deallocate(ptr: number): void {
    const a = this.allocator;
    if (a === undefined) throw new SwxError('HOST_NOT_AVAILABLE', 'allocator used outside of a call');
    a.deallocate(this.allocMemory, ptr);
  }

  returnPtr(bytes: Uint8Array): number {
    const ptr = this.allocate(bytes.length);
    this.memory.write(ptr, bytes);
    return ptr;
  }

  returnFat(bytes: Uint8Array): bigint {
    return packFat(this.returnPtr(bytes), bytes.length);
  }
}

/** A fresh effects record. */
export function emptyEffects(): CallEffects {
  return { logs: [], offchainIndex: [], submittedTransactions: [], transactionIndex: [] };
}
