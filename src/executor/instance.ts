/**
 * One instantiated runtime and the call ABI (sc-executor `perform_call`):
 *
 *   1. a fresh freeing-bump allocator starts at align8(`__heap_base`),
 *   2. the input is copied into one allocation of `input.length` bytes
 *      (an empty input still allocates an 8-byte chunk),
 *   3. the export is called as `(ptr: i32, len: i32) -> i64`,
 *   4. the result is unpacked (`ptr` = low 32 bits, `len` = high 32 bits)
 *      and `[ptr, ptr+len)` is bounds-checked and copied out.
 *
 * For reuse, the instance offers the records and restores an instantiation
 * strategy is made of (strategies.ts).
 */
import { SwxError } from '../base/errors.js';
import type { Hashers } from '../base/hashing.js';
import { buildImportObject, type ImportPlan } from './imports.js';
import { InstanceContext, type CallEnv } from './context.js';
import { checkOutputSize } from '../state/index.js';
import type { DataSegmentSnapshot, ResettableInstance } from './strategies.js';

/** Name of the exported global holding the first free address after static data (wasm-ld). */
export const HEAP_BASE_EXPORT = '__heap_base';
/** Name under which the runtime's memory must be exported. */
export const MEMORY_EXPORT = 'memory';

/** What a finished call produced (before storage diffing). */
export interface RawCallOutput {
  output: Uint8Array;
}

/** An instance plus its context and the snapshot needed to reuse it. */
export class RuntimeInstance implements ResettableInstance {
  readonly instance: WebAssembly.Instance;
  readonly memory: WebAssembly.Memory;
  readonly ctx: InstanceContext;
  readonly heapBase: number;
  private readonly globals: Array<{ global: WebAssembly.Global; value: number | bigint }>;
  private readonly initialByteLength: number;
  private image: Uint8Array | undefined;
  private dataSegments: DataSegmentSnapshot[] | undefined;
  /** Highest allocator bump pointer seen since the last reset. */
  private highWater: number;
  /** Set when the instance must not be reused (trap, memory growth). */
  poisoned = false;

  private constructor(instance: WebAssembly.Instance, memory: WebAssembly.Memory, ctx: InstanceContext, heapBase: number, globals: Array<{ global: WebAssembly.Global; value: number | bigint }>) {
    this.instance = instance;
    this.memory = memory;
    this.ctx = ctx;
    this.heapBase = heapBase;
    this.globals = globals;
    this.initialByteLength = memory.buffer.byteLength;
    this.highWater = heapBase;
  }

  /** Instantiates `module`, binding host functions to a new context. */
  static create(module: WebAssembly.Module, plan: ImportPlan, hashers: Hashers, exposedGlobals: readonly string[], maxPages: number | undefined): RuntimeInstance {
    const ctx = new InstanceContext(hashers);
    let instance: WebAssembly.Instance;
    try {
      instance = new WebAssembly.Instance(module, buildImportObject(plan, ctx));
    } catch (e) {
      throw new SwxError('RUNTIME_INSTANTIATION_FAILED', `instantiation failed: ${(e as Error).message}`, {}, { cause: e });
    }
    const memory = instance.exports[MEMORY_EXPORT];
    if (!(memory instanceof WebAssembly.Memory)) throw new SwxError('BLOB_NO_MEMORY', `runtime does not export its memory as "${MEMORY_EXPORT}"`);
    const hb = instance.exports[HEAP_BASE_EXPORT];
    if (!(hb instanceof WebAssembly.Global) || typeof hb.value !== 'number') {
      throw new SwxError('BLOB_NO_HEAP_BASE', `runtime does not export an i32 global "${HEAP_BASE_EXPORT}"`);
    }
    const heapBase = hb.value >>> 0;
    if (heapBase > memory.buffer.byteLength) {
      throw new SwxError('BLOB_MEMORY_TOO_SMALL', `__heap_base ${heapBase} lies beyond the memory (${memory.buffer.byteLength} bytes)`);
    }
    ctx.attachMemory(memory, maxPages);
    const globals = exposedGlobals.map((name) => {
      const g = instance.exports[name];
      if (!(g instanceof WebAssembly.Global)) throw new SwxError('INTERNAL', `exposed global ${name} missing after preparation`);
      return { global: g, value: g.value as number | bigint };
    });
    return new RuntimeInstance(instance, memory, ctx, heapBase, globals);
  }

  /** Records the memory image `[0, __heap_base)`. */
  recordImage(): void {
    this.image = new Uint8Array(this.memory.buffer, 0, this.heapBase).slice();
  }

  /** Writes the recorded image back and zeroes the heap used since the last reset. */
  restoreImageAndZeroHeap(): void {
    if (this.image === undefined) throw new SwxError('INTERNAL', 'image restored without a recorded image');
    const u8 = new Uint8Array(this.memory.buffer);
    u8.set(this.image, 0);
    if (this.highWater > this.heapBase) u8.fill(0, this.heapBase, Math.min(this.highWater, u8.length));
    this.highWater = this.heapBase;
  }

  /** Records data segments to re-apply. */
  recordDataSegments(segments: DataSegmentSnapshot[]): void {
    this.dataSegments = segments;
  }

  /** Re-applies the recorded data segments. */
  reapplyDataSegments(): void {
    const u8 = new Uint8Array(this.memory.buffer);
    for (const seg of this.dataSegments ?? []) u8.set(seg.bytes, seg.offset);
    this.highWater = this.heapBase;
  }

  /** Restores every exported mutable global to its value at instantiation. */
  restoreGlobals(): void {
    for (const g of this.globals) g.global.value = g.value;
  }

  /** Can this instance serve another call? */
  reusable(): boolean {
    return !this.poisoned && this.memory.buffer.byteLength === this.initialByteLength;
  }

  /** Runs the call ABI for `method`. Errors propagate unchanged; the caller classifies them. */
  invoke(method: string, input: Uint8Array, env: CallEnv): RawCallOutput {
    const fn = this.instance.exports[method];
    if (typeof fn !== 'function') {
      throw new SwxError('EXPORT_NOT_FOUND', `runtime does not export a function "${method}"`, { method });
    }
    const ctx = this.ctx;
    ctx.begin(env, this.heapBase);
    try {
      const inputPtr = ctx.allocate(input.length);
      ctx.memory.write(inputPtr, input);
      const packed = (fn as (p: number, l: number) => unknown)(inputPtr, input.length);
      if (typeof packed !== 'bigint') {
        throw new SwxError('RUNTIME_TRAP', `export "${method}" did not return an i64`, { method });
      }
      const ptr = Number(packed & 0xffffffffn);
      const len = Number((packed >> 32n) & 0xffffffffn);
      const size = this.memory.buffer.byteLength;
      if (ptr + len > size) {
        throw new SwxError('RUNTIME_OUTPUT_OUT_OF_BOUNDS', `output [${ptr}, ${ptr + len}) exceeds the memory (${size} bytes)`, { method, ptr, len });
      }
      checkOutputSize(env.limits, len, method);
      return { output: new Uint8Array(this.memory.buffer, ptr, len).slice() };
    } finally {
      const bumper = ctx.allocator?.bumper ?? this.heapBase;
      if (bumper > this.highWater) this.highWater = bumper;
      ctx.end();
    }
  }
}
