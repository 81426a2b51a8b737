/** Isolated execution: a runaway runtime is stopped by its time limit and the process goes on. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isSwxError } from '../../src/base/errors.js';
import { IsolatedRuntime } from '../../src/executor/index.js';
import { wat } from '../support/wat.js';

const SPIN = `(module
  (memory (export "memory") 1)
  (global (export "__heap_base") i32 (i32.const 64))
  (func (export "spin") (param i32 i32) (result i64) (loop $l (br $l)) (i64.const 0))
  (func (export "echo") (param i32 i32) (result i64)
    (i64.or (i64.shl (i64.extend_i32_u (local.get 1)) (i64.const 32)) (i64.extend_i32_u (local.get 0)))))`;

describe('IsolatedRuntime', () => {
  it('stops an endless loop with RUNTIME_TIMEOUT, then serves the next call from a new worker', async () => {
    const rt = await IsolatedRuntime.create(await wat(SPIN), { heapAllocStrategy: { kind: 'static', extraPages: 1 } });
    try {
      const started = Date.now();
      await assert.rejects(rt.call('spin', new Uint8Array(0), { timeoutMs: 300 }), (e) => isSwxError(e, 'RUNTIME_TIMEOUT') && e.context.method === 'spin');
      assert.ok(Date.now() - started < 5000);
      const res = await rt.call('echo', new Uint8Array([1, 2, 3]), { timeoutMs: 5000 });
      assert.deepEqual([...res.output], [1, 2, 3]);
    } finally {
      await rt.close();
    }
  });

  it('passes runtime errors through as SwxErrors', async () => {
    const rt = await IsolatedRuntime.create(await wat(SPIN), { heapAllocStrategy: { kind: 'static', extraPages: 1 } });
    try {
      await assert.rejects(rt.call('missing'), (e) => isSwxError(e, 'EXPORT_NOT_FOUND'));
    } finally {
      await rt.close();
    }
  });
});

describe('IsolatedRuntime with a deterministic stack limit', () => {
  const REC = `(module
    (memory (export "memory") 1)
    (global (export "__heap_base") i32 (i32.const 64))
    (func $rec (param i32) (result i32) (call $rec (i32.add (local.get 0) (i32.const 1))))
    (func (export "recurse") (param i32 i32) (result i64) (drop (call $rec (i32.const 0))) (i64.const 0)))`;

  // logicalMax 131072 (the largest PVF `StackLogicalMax`) allows ~32k frames of $rec: more than
  // Node's default native stack holds (in-process this ends in a native stack overflow).
  it('traps at the logical limit (the instrumented unreachable), not at a native stack overflow', async () => {
    const rt = await IsolatedRuntime.create(await wat(REC), {
      heapAllocStrategy: { kind: 'static', extraPages: 1 },
      deterministicStackLimit: { logicalMax: 131072 },
    });
    try {
      await assert.rejects(rt.call('recurse', new Uint8Array(0), { timeoutMs: 20000 }), (e) => isSwxError(e, 'RUNTIME_TRAP') && /unreachable/.test(e.message));
    } finally {
      await rt.close();
    }
  });
});

describe('RuntimePool', () => {
  it('spreads concurrent calls over its workers; a runaway call does not stop the others', async () => {
    const { RuntimePool } = await import('../../src/executor/index.js');
    const pool = await RuntimePool.create(await wat(SPIN), { size: 2, heapAllocStrategy: { kind: 'static', extraPages: 1 } });
    try {
      assert.equal(pool.size, 2);
      const spin = assert.rejects(pool.call('spin', new Uint8Array(0), { timeoutMs: 500 }), (e) => isSwxError(e, 'RUNTIME_TIMEOUT'));
      // the first echo goes to the idle worker; later ones may queue behind the spin and run once it is stopped
      const echoes = await Promise.all([1, 2, 3].map((n) => pool.call('echo', new Uint8Array([n]), { timeoutMs: 5000 })));
      assert.deepEqual(echoes.map((r) => r.output[0]), [1, 2, 3]);
      await spin;
    } finally {
      await pool.close();
    }
  });
});
