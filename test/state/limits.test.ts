/**
 * Memory caps of a call: the overlay counts what it holds incrementally
 * (writes, new layers, rollbacks and commits all move the count), a write
 * that would pass the cap is refused with RUNTIME_MEMORY_LIMIT before it
 * changes anything, and a runtime that writes keys forever ends in that
 * typed error, not in a V8 abort, with the caller's state untouched.
 */
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { createHashers, type Hashers } from '../../src/base/hashing.js';
import { createDecompressor, type Decompressor } from '../../src/blob/index.js';
import { isSwxError } from '../../src/base/errors.js';
import { OverlayedMap } from '../../src/state/changeset.js';
import {
  ByteMeter,
  DEFAULT_CALL_LIMITS,
  OVERLAY_ENTRY_CHARGE,
  OVERLAY_LAYER_CHARGE,
  checkOutputSize,
  resolveCallLimits,
} from '../../src/state/limits.js';
import { InMemoryBackend, StateMachine } from '../../src/state/index.js';
import { emitLog } from '../../src/host/logging.js';
import { createRuntime, loadRuntimeCodeSync } from '../../src/executor/index.js';
import { makeFakeContext } from '../support/fake-context.js';
import { wat } from '../support/wat.js';

let hashers: Hashers;
let decompressor: Decompressor;
before(async () => {
  [hashers, decompressor] = await Promise.all([createHashers(), createDecompressor()]);
});

const bytes = (n: number): Uint8Array => new Uint8Array(n);

describe('overlay accounting', () => {
  it('counts key + value + a per-entry charge; rewrites in the same layer move it by the size difference', () => {
    const meter = new ByteMeter(1 << 20, 'overlay');
    const m = new OverlayedMap(0, meter);
    m.set('abc', bytes(10));
    assert.equal(meter.used, 3 + 10 + OVERLAY_ENTRY_CHARGE);
    m.set('abc', bytes(4));
    assert.equal(meter.used, 3 + 4 + OVERLAY_ENTRY_CHARGE);
    m.set('abc', null);
    assert.equal(meter.used, 3 + OVERLAY_ENTRY_CHARGE);
  });

  it('a transaction layer adds a layer charge; rollback gives back exactly what the transaction added', () => {
    const meter = new ByteMeter(1 << 20, 'overlay');
    const m = new OverlayedMap(0, meter);
    m.set('a', bytes(8));
    const before = meter.used;
    m.start();
    m.set('a', bytes(100));
    m.set('b', bytes(50));
    assert.equal(meter.used, before + OVERLAY_LAYER_CHARGE + 100 + (1 + OVERLAY_ENTRY_CHARGE + 50));
    m.rollback();
    assert.equal(meter.used, before);
  });

  it('commit merges a layer into the one below and releases the one it replaces', () => {
    const meter = new ByteMeter(1 << 20, 'overlay');
    const m = new OverlayedMap(0, meter);
    m.set('a', bytes(8));
    m.start();
    m.set('a', bytes(100));
    m.commit();
    assert.equal(meter.used, 1 + OVERLAY_ENTRY_CHARGE + 100);
    m.start();
    m.start();
    m.set('a', bytes(1));
    m.commit();
    m.commit();
    assert.equal(meter.used, 1 + OVERLAY_ENTRY_CHARGE + 1);
  });

  it('a write past the cap throws RUNTIME_MEMORY_LIMIT and changes nothing', () => {
    const meter = new ByteMeter(1000, 'overlay');
    const m = new OverlayedMap(0, meter);
    m.set('k', bytes(100));
    const used = meter.used;
    assert.throws(() => m.set('big', bytes(1000)), (e) => isSwxError(e, 'RUNTIME_MEMORY_LIMIT') && e.context['limit'] === 1000);
    assert.throws(() => m.set('k', bytes(1000)), (e) => isSwxError(e, 'RUNTIME_MEMORY_LIMIT'));
    assert.equal(meter.used, used);
    assert.deepEqual([...m.keys()], ['k']);
    assert.equal(m.get('k')!.length, 100);
  });

  it('a StateMachine counts top, child and offchain changes against one cap', () => {
    const sm = new StateMachine(InMemoryBackend.empty(), { hash: hashers.blake2_256, limits: { maxOverlayBytes: 4096 } });
    sm.set(bytes(32), bytes(32));
    sm.childSet(bytes(4), bytes(32), bytes(32));
    sm.offchainIndexSet(bytes(32), bytes(32));
    assert.equal(sm.overlayMeter.used, 3 * (32 + 32 + OVERLAY_ENTRY_CHARGE));
    assert.throws(() => sm.set(bytes(8), bytes(4096)), (e) => isSwxError(e, 'RUNTIME_MEMORY_LIMIT'));
  });
});

describe('call limits', () => {
  it('defaults: 1 GiB overlay, 256 MiB logs, 256 MiB output; each raisable, positive integers only', () => {
    assert.deepEqual(resolveCallLimits(), { ...DEFAULT_CALL_LIMITS });
    assert.equal(DEFAULT_CALL_LIMITS.maxOverlayBytes, 1 << 30);
    assert.equal(resolveCallLimits({ maxOverlayBytes: 8 * 2 ** 30 }).maxOverlayBytes, 8 * 2 ** 30);
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      assert.throws(() => resolveCallLimits({ maxLogBytes: bad }), (e) => isSwxError(e, 'INVALID_INPUT'));
    }
  });

  it('an output longer than maxOutputBytes is RUNTIME_MEMORY_LIMIT naming the method', () => {
    const limits = resolveCallLimits({ maxOutputBytes: 10 });
    checkOutputSize(limits, 10, 'M_m');
    assert.throws(() => checkOutputSize(limits, 11, 'M_m'), (e) => isSwxError(e, 'RUNTIME_MEMORY_LIMIT') && e.context.method === 'M_m');
  });

  it('logs past the log cap are RUNTIME_MEMORY_LIMIT; filtered-out levels cost nothing', async () => {
    const logMeter = new ByteMeter(100, 'log');
    const ctx = await makeFakeContext({ logMeter, maxLogLevel: 3 });
    emitLog(ctx, 5, 'runtime', 'x'.repeat(1000)); // Trace, above Info: not recorded
    emitLog(ctx, 3, 'runtime', 'x'.repeat(80));
    assert.equal(logMeter.used, 87);
    assert.throws(() => emitLog(ctx, 1, 'runtime', 'x'.repeat(80)), (e) => isSwxError(e, 'RUNTIME_MEMORY_LIMIT'));
    assert.equal(ctx.effects.logs.length, 1);
  });
});

/** Writes distinct 32-byte keys (counter in the first 4 bytes) with 32-byte values, forever. */
const FILL = `(module
  (import "env" "memory" (memory 2))
  (import "env" "ext_storage_set_version_1" (func $set (param i64 i64)))
  (global (export "__heap_base") i32 (i32.const 1024))
  (func (export "fill") (param i32 i32) (result i64)
    (local $i i32)
    (loop $forever
      (i32.store (i32.const 0) (local.get $i))
      (call $set (i64.const 0x2000000000) (i64.const 0x2000000040))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $forever))
    (i64.const 0)))`;

describe('a runtime that writes keys until the cap trips', () => {
  it('ends in RUNTIME_MEMORY_LIMIT from ext_storage_set, no crash, the backend untouched', async () => {
    const code = loadRuntimeCodeSync(await wat(FILL), { hashers, decompressor });
    const runtime = await createRuntime(code);
    const backend = InMemoryBackend.empty();
    const cap = 4 << 20;
    const storage = new StateMachine(backend, { hash: hashers.blake2_256, limits: { maxOverlayBytes: cap } });
    await assert.rejects(runtime.call('fill', new Uint8Array(0), { storage }), (e) => {
      assert.ok(isSwxError(e, 'RUNTIME_MEMORY_LIMIT'), String(e));
      assert.equal(e.context.method, 'fill');
      assert.equal(e.context.hostFunction, 'ext_storage_set_version_1');
      return true;
    });
    assert.ok(storage.overlayMeter.used <= cap);
    assert.ok(storage.overlay.top.size > 1000, 'the runtime got to write up to the cap');
    assert.equal([...backend.keys(new Uint8Array(0), undefined)].length, 0);
    // The process is fine and the runtime callable again with fresh state.
    const again = new StateMachine(backend, { hash: hashers.blake2_256, limits: { maxOverlayBytes: 1 << 16 } });
    await assert.rejects(runtime.call('fill', new Uint8Array(0), { storage: again }), (e) => isSwxError(e, 'RUNTIME_MEMORY_LIMIT'));
  });
});

describe('memory caps through every caller and the CLI', () => {
  it('CallOpts.limits caps the call in-process and in a worker alike; the worker stays usable', async () => {
    const blob = await wat(FILL);
    const { IsolatedRuntime } = await import('../../src/executor/index.js');
    const local = await createRuntime(loadRuntimeCodeSync(blob, { hashers, decompressor }));
    const isolated = await IsolatedRuntime.create(blob);
    try {
      for (const caller of [local, isolated]) {
        await assert.rejects(caller.call('fill', new Uint8Array(0), { state: InMemoryBackend.empty(), limits: { maxOverlayBytes: 1 << 20 } }), (e) => isSwxError(e, 'RUNTIME_MEMORY_LIMIT') && e.context.method === 'fill');
      }
      await assert.rejects(isolated.call('fill', new Uint8Array(0), { limits: { maxOverlayBytes: 1 << 16 } }), (e) => isSwxError(e, 'RUNTIME_MEMORY_LIMIT'));
    } finally {
      await isolated.close();
    }
  });

  it('swx call --max-call-memory: exit 1, one line, RUNTIME_MEMORY_LIMIT', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { runCli } = await import('../../src/cli/main.js');
    const dir = mkdtempSync(join(tmpdir(), 'swx-cap-'));
    try {
      const f = join(dir, 'fill.wasm');
      writeFileSync(f, await wat(FILL));
      let err = '';
      const code = await runCli(['call', f, 'fill', '--max-call-memory', '1m'], () => undefined, (s) => (err += s + '\n'));
      assert.equal(code, 1);
      assert.match(err, /^swx: RUNTIME_MEMORY_LIMIT: /);
      assert.equal(err.trim().split('\n').length, 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
