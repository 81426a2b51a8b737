/**
 * The executor core on small hand-written modules: call ABI, fresh state per
 * call under every strategy, import resolution, and typed errors for traps,
 * panics and out-of-bounds outputs.
 */
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { createHashers, type Hashers } from '../../src/base/hashing.js';
import { createDecompressor, type Decompressor } from '../../src/blob/index.js';
import { isSwxError } from '../../src/base/errors.js';
import { createRuntime, loadRuntimeCodeSync, STRATEGY_NAMES, type InstantiationStrategy } from '../../src/executor/index.js';
import { wat } from '../support/wat.js';

let hashers: Hashers;
let decompressor: Decompressor;
before(async () => {
  [hashers, decompressor] = await Promise.all([createHashers(), createDecompressor()]);
});

async function runtimeOf(text: string, opts: Parameters<typeof createRuntime>[1] = {}) {
  const code = loadRuntimeCodeSync(await wat(text), { hashers, decompressor });
  return createRuntime(code, { heapAllocStrategy: { kind: 'static', extraPages: 4 }, ...opts });
}

/**
 * `dirty` reports what it sees, then dirties everything a call can reach:
 * a mutable global, static data below __heap_base, and a heap chunk from the
 * host allocator. Output (at 512, 12 bytes): [global g, data byte @16, first word of a fresh 16-byte malloc].
 */
const DIRTY = `(module
  (import "env" "memory" (memory 2))
  (import "env" "ext_allocator_malloc_version_1" (func $malloc (param i32) (result i32)))
  (global $g (mut i32) (i32.const 0))
  (global $sp (mut i32) (i32.const 1000))
  (global (export "__heap_base") i32 (i32.const 1024))
  (data (i32.const 16) "\\2a")
  (func (export "dirty") (param i32 i32) (result i64)
    (local $p i32)
    (local.set $p (call $malloc (i32.const 16)))
    (i32.store (i32.const 512) (global.get $g))
    (i32.store (i32.const 516) (i32.load8_u (i32.const 16)))
    (i32.store (i32.const 520) (i32.load (local.get $p)))
    (global.set $g (i32.add (global.get $g) (i32.const 1)))
    (global.set $sp (i32.sub (global.get $sp) (i32.const 8)))
    (i32.store8 (i32.const 16) (i32.add (i32.load8_u (i32.const 16)) (i32.const 1)))
    (i32.store (local.get $p) (i32.const 7))
    (i64.or (i64.shl (i64.const 12) (i64.const 32)) (i64.const 512)))
  (func (export "echo") (param i32 i32) (result i64)
    (i64.or (i64.shl (i64.extend_i32_u (local.get 1)) (i64.const 32)) (i64.extend_i32_u (local.get 0))))
  (func (export "out_of_bounds") (param i32 i32) (result i64)
    (i64.or (i64.shl (i64.const 16) (i64.const 32)) (i64.const 0xfffffff0)))
  (func (export "trap") (param i32 i32) (result i64) unreachable)
  (func $rec (param i32) (result i32) (call $rec (i32.add (local.get 0) (i32.const 1))))
  (func (export "recurse") (param i32 i32) (result i64) (drop (call $rec (i32.const 0))) (i64.const 0))
  (func (export "oom") (param i32 i32) (result i64) (drop (call $malloc (i32.const 0x2000000))) (drop (call $malloc (i32.const 0x2000000))) (i64.const 0)))`;

function words(out: Uint8Array): number[] {
  const dv = new DataView(out.buffer, out.byteOffset, out.byteLength);
  return [dv.getUint32(0, true), dv.getUint32(4, true), dv.getUint32(8, true)];
}

describe('executor: call ABI', () => {
  it('copies the input into an allocation at align8(__heap_base) and returns the (ptr, len) output', async () => {
    const rt = await runtimeOf(DIRTY);
    const res = await rt.call('echo', new Uint8Array([1, 2, 3]));
    assert.deepEqual([...res.output], [1, 2, 3]);
  });

  it('gives an empty output for an empty input (the 8-byte chunk is still allocated)', async () => {
    const rt = await runtimeOf(DIRTY);
    assert.equal((await rt.call('echo', new Uint8Array(0))).output.length, 0);
  });

  it('rejects an output outside the memory with RUNTIME_OUTPUT_OUT_OF_BOUNDS', async () => {
    const rt = await runtimeOf(DIRTY);
    await assert.rejects(rt.call('out_of_bounds'), (e) => isSwxError(e, 'RUNTIME_OUTPUT_OUT_OF_BOUNDS') && e.context.method === 'out_of_bounds');
  });

  it('reports an unknown method as EXPORT_NOT_FOUND', async () => {
    const rt = await runtimeOf(DIRTY);
    await assert.rejects(rt.call('nope'), (e) => isSwxError(e, 'EXPORT_NOT_FOUND'));
  });
});

for (const strategy of STRATEGY_NAMES) {
  describe(`executor: ${strategy} strategy`, () => {
    it('turns a trap into RUNTIME_TRAP and serves the next call from a clean instance', async () => {
      const rt = await runtimeOf(DIRTY, { instantiationStrategy: strategy });
      await rt.call('dirty');
      await assert.rejects(rt.call('trap'), (e) => isSwxError(e, 'RUNTIME_TRAP') && /unreachable/.test(e.message));
      assert.deepEqual(words((await rt.call('dirty')).output), [0, 42, 0]);
    });

    it('turns unbounded recursion into RUNTIME_TRAP (stack overflow) without crashing', async () => {
      const rt = await runtimeOf(DIRTY, { instantiationStrategy: strategy });
      await assert.rejects(rt.call('recurse'), (e) => isSwxError(e, 'RUNTIME_TRAP'));
      assert.equal((await rt.call('echo', new Uint8Array([9]))).output[0], 9);
    });

    it('fails an allocation beyond the memory with ALLOCATOR_OUT_OF_SPACE', async () => {
      const rt = await runtimeOf(DIRTY, { instantiationStrategy: strategy });
      await assert.rejects(rt.call('oom'), (e) => isSwxError(e, 'ALLOCATOR_OUT_OF_SPACE') && e.context.hostFunction === 'ext_allocator_malloc_version_1');
    });
  });
}

describe('executor: fresh state per call', () => {
  for (const strategy of ['recreate', 'pooled'] as InstantiationStrategy[]) {
    it(`${strategy}: a second call sees the initial globals, data and heap`, async () => {
      const rt = await runtimeOf(DIRTY, { instantiationStrategy: strategy });
      assert.deepEqual(words((await rt.call('dirty')).output), [0, 42, 0]);
      assert.deepEqual(words((await rt.call('dirty')).output), [0, 42, 0]);
      assert.deepEqual(words((await rt.call('dirty')).output), [0, 42, 0]);
    });
  }

  it('legacy-reuse: globals and data segments are restored but the heap is not zeroed (documented)', async () => {
    const rt = await runtimeOf(DIRTY, { instantiationStrategy: 'legacy-reuse' });
    assert.deepEqual(words((await rt.call('dirty')).output), [0, 42, 0]);
    assert.deepEqual(words((await rt.call('dirty')).output), [0, 42, 7]);
  });
});

describe('executor: imports', () => {
  const MISSING = `(module
    (import "env" "ext_foo_version_1" (func (param i32)))
    (import "env" "ext_bar_version_2" (func (result i64)))
    (import "env" "ext_allocator_free_version_1" (func (param i32)))
    (memory (export "memory") 1)
    (global (export "__heap_base") i32 (i32.const 64))
    (func (export "call_foo") (param i32 i32) (result i64) (call 0 (i32.const 1)) (i64.const 0)))`;

  it('refuses a runtime with unknown imports, listing all of them', async () => {
    await assert.rejects(runtimeOf(MISSING), (e) => isSwxError(e, 'HOST_MISSING_IMPORTS') && /env:ext_foo_version_1, env:ext_bar_version_2/.test(e.message));
  });

  it('with allowMissingImports, links stubs that trap naming the import when called', async () => {
    const rt = await runtimeOf(MISSING, { allowMissingImports: true });
    assert.deepEqual(rt.missingImports, ['ext_foo_version_1', 'ext_bar_version_2']);
    await assert.rejects(rt.call('call_foo'), (e) => isSwxError(e, 'HOST_MISSING_FUNCTION_CALLED') && /env:ext_foo_version_1/.test(e.message));
  });

  it('refuses an import whose signature differs from the host function', async () => {
    const text = `(module (import "env" "ext_allocator_malloc_version_1" (func (param i64) (result i32)))
      (memory (export "memory") 1) (global (export "__heap_base") i32 (i32.const 64)))`;
    await assert.rejects(runtimeOf(text), (e) => isSwxError(e, 'HOST_SIGNATURE_MISMATCH') && /\(i32\) -> \(i32\)/.test(e.message));
  });

  it('refuses imports from modules other than env', async () => {
    const text = `(module (import "seal0" "f" (func)) (memory (export "memory") 1) (global (export "__heap_base") i32 (i32.const 64)))`;
    await assert.rejects(runtimeOf(text), (e) => isSwxError(e, 'HOST_UNSUPPORTED_IMPORT'));
  });
});

describe('executor: panics', () => {
  it('reports the message given to ext_panic_handler_abort_on_panic_version_1 as RUNTIME_PANIC', async () => {
    const text = `(module
      (import "env" "ext_panic_handler_abort_on_panic_version_1" (func $abort (param i64)))
      (memory (export "memory") 1)
      (global (export "__heap_base") i32 (i32.const 64))
      (data (i32.const 8) "boom: bad block")
      (func (export "panic") (param i32 i32) (result i64)
        (call $abort (i64.or (i64.shl (i64.const 15) (i64.const 32)) (i64.const 8))) (i64.const 0)))`;
    const rt = await runtimeOf(text);
    await assert.rejects(rt.call('panic'), (e) => isSwxError(e, 'RUNTIME_PANIC') && /boom: bad block/.test(e.message) && e.context.method === 'panic');
  });
});

describe('executor: getGlobalConst', () => {
  it('reads an exported global of a fresh instance, undefined when absent', async () => {
    const rt = await runtimeOf(DIRTY);
    await rt.call('dirty');
    assert.equal(rt.getGlobalConst('__heap_base'), 1024);
    assert.equal(rt.getGlobalConst('no_such_global'), undefined);
  });
});

describe('executor: memory limits', () => {
  const GROW = `(module
    (import "env" "memory" (memory 2))
    (import "env" "ext_allocator_malloc_version_1" (func $malloc (param i32) (result i32)))
    (global (export "__heap_base") i32 (i32.const 1024))
    (func (export "alloc") (param $p i32) (param $l i32) (result i64)
      (drop (call $malloc (i32.load (local.get $p))))
      (i32.store (i32.const 512) (memory.size))
      (i64.or (i64.shl (i64.const 4) (i64.const 32)) (i64.const 512)))
    (func (export "grow") (param i32 i32) (result i64)
      (i64.extend_i32_s (memory.grow (i32.const 1)))))`;
  const u32 = (n: number) => new Uint8Array(new Uint32Array([n]).buffer);

  it('dynamic strategy: the allocator grows the memory, and a grown pooled instance is not reused', async () => {
    const rt = await runtimeOf(GROW, { heapAllocStrategy: { kind: 'dynamic', maximumPages: 64 }, instantiationStrategy: 'pooled' });
    // bumper 1032 + 256 KiB + 8 needs 5 pages: next = max(min(2·2, 64), 5) = 5 (sc-allocator growth rule)
    const grown = await rt.call('alloc', u32(256 * 1024));
    assert.deepEqual([...grown.output], [5, 0, 0, 0]);
    const fresh = await rt.call('alloc', u32(8));
    assert.deepEqual([...fresh.output], [2, 0, 0, 0]);
  });

  it('maxMemorySize caps the memory: allocation beyond fails with ALLOCATOR_OUT_OF_SPACE', async () => {
    const rt = await runtimeOf(GROW, { heapAllocStrategy: { kind: 'dynamic' }, maxMemorySize: 4 * 65536 });
    await assert.rejects(rt.call('alloc', u32(512 * 1024)), (e) => isSwxError(e, 'ALLOCATOR_OUT_OF_SPACE'));
  });

  it('static strategy: memory.grow from the runtime fails (min = max)', async () => {
    const rt = await runtimeOf(GROW, { heapAllocStrategy: { kind: 'static', extraPages: 1 } });
    // the export returns memory.grow's result as the (ptr, len) pair: -1 sign-extended is ptr 0xffffffff, len 0xffffffff
    await assert.rejects(rt.call('grow'), (e) => isSwxError(e, 'RUNTIME_OUTPUT_OUT_OF_BOUNDS') && e.context['ptr'] === 0xffffffff);
  });

  it('maxMemorySize below the module minimum is refused at creation', async () => {
    await assert.rejects(runtimeOf(GROW, { heapAllocStrategy: { kind: 'static', extraPages: 10 }, maxMemorySize: 65536 }), (e) => isSwxError(e, 'BLOB_MEMORY_TOO_SMALL'));
  });
});

describe('executor: the strategy table', () => {
  it('names every strategy once, with what it does, and rejects unknown names', async () => {
    const { INSTANTIATION_STRATEGIES, parseStrategy } = await import('../../src/executor/index.js');
    assert.deepEqual(STRATEGY_NAMES, ['recreate', 'pooled', 'legacy-reuse']);
    for (const n of STRATEGY_NAMES) assert.ok(INSTANTIATION_STRATEGIES[n].summary.length > 0);
    assert.equal(INSTANTIATION_STRATEGIES.recreate.reuses, false);
    assert.throws(() => parseStrategy('fork'), (e) => isSwxError(e, 'INVALID_INPUT') && /recreate, pooled, legacy-reuse/.test(e.message));
  });
});
