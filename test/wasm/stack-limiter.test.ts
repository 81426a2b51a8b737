import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ModuleBuilder } from '../../src/wasm/builder.js';
import { decodeModule } from '../../src/wasm/decode.js';
import { code, encodeFunctionBody, type InstrSpec } from '../../src/wasm/encode-instr.js';
import { encodeModule } from '../../src/wasm/encode.js';
import { computeStackCosts } from '../../src/wasm/stack-height.js';
import { injectStackLimiter } from '../../src/wasm/stack-limiter.js';
import type { WasmModule } from '../../src/wasm/types.js';
import { readCorpus, skipUnlessCorpus } from '../support/corpus.js';
import { expectSwxError } from './wasm-test-utils.js';

const LIMIT = 1024;

/** The sequence that must surround `call f` (wasm-instrument `instrument_call!`), spelled independently. */
function meteredCall(f: number, cost: number, g: number, limit = LIMIT): InstrSpec[] {
  return [
    ['global.get', g], ['i32.const', cost], ['i32.add'], ['global.set', g],
    ['global.get', g], ['i32.const', limit], ['i32.gt_u'], ['if', 'empty'], ['unreachable'], ['end'],
    ['call', f],
    ['global.get', g], ['i32.const', cost], ['i32.sub'], ['global.set', g],
  ];
}

function costsOf(build: (b: ModuleBuilder) => void): number[] {
  const b = new ModuleBuilder();
  build(b);
  return computeStackCosts(decodeModule(b.build()));
}

describe('stack cost (wasm-instrument max_height)', () => {
  it('should charge 2 + the operand height for a body without locals', () => {
    assert.deepEqual(costsOf((b) => b.func([], [], [['i32.const', 123], ['drop']])), [3]);
  });

  it('should count declared locals but not parameters', () => {
    assert.deepEqual(costsOf((b) => b.func([], [], [], { locals: [{ count: 2, type: 'i64' }, { count: 1, type: 'i32' }] })), [5]);
    assert.deepEqual(costsOf((b) => b.func(['i32', 'i32'], ['i32'], [['local.get', 0], ['local.get', 1], ['i32.add']])), [4]);
  });

  it('should count a callee by its signature, imports costing 0', () => {
    const costs = costsOf((b) => {
      b.importFunc('env', 'ext', [], []);
      const add = b.func(['i32', 'i32'], ['i32'], [['local.get', 0], ['local.get', 1], ['i32.add']]);
      b.func(['i32'], [], [['local.get', 0], ['i32.const', 0], ['call', add], ['drop']]);
      b.func([], [], [['call', 3]]);
    });
    assert.deepEqual(costs, [0, 4, 4, 2]);
  });

  it('should keep the else quirk: the height is not reset and polymorphism carries over', () => {
    // if/else: `else` keeps the then-arm's height, so the else arm is measured on top of it
    const ifElse: InstrSpec[] = [
      ['local.get', 0], ['i32.eqz'], ['if', 'i32'], ['i32.const', 0], ['else'],
      ['local.get', 0], ['i32.const', 1], ['i32.sub'], ['call', 0], ['i32.const', 1], ['i32.add'], ['end'],
    ];
    assert.deepEqual(costsOf((b) => b.func(['i32'], ['i32'], ifElse)), [5]);
    // a then-arm ending in `unreachable` leaves the else arm unmeasured
    const polyElse: InstrSpec[] = [
      ['local.get', 0], ['if', 'empty'], ['unreachable'], ['else'],
      ['i32.const', 1], ['i32.const', 2], ['i32.const', 3], ['drop'], ['drop'], ['drop'], ['end'],
    ];
    assert.deepEqual(costsOf((b) => b.func(['i32'], [], polyElse)), [3]);
  });

  it('should fail like upstream on instructions parity-wasm cannot parse', () => {
    const b = new ModuleBuilder();
    b.memory(1);
    b.func([], [], [['i32.const', 0], ['i32.const', 0], ['i32.const', 0], ['memory.fill', 0]]);
    expectSwxError(() => injectStackLimiter(decodeModule(b.build()), LIMIT), 'WASM_TRANSFORM_FAILED', /memory.fill is not supported/);
  });
});

describe('injectStackLimiter', () => {
  function tableModule(): WasmModule {
    const b = new ModuleBuilder();
    const foo = b.importFunc('env', 'foo', [], []);
    const caller = b.func(['i32'], [], [['local.get', 0], ['i32.const', 0], ['call', 2], ['drop'], ['call', foo]]);
    const add = b.func(['i32', 'i32'], ['i32'], [['local.get', 0], ['local.get', 1], ['i32.add']], { export: 'add' });
    b.table(10);
    b.elem(0, [foo, caller, add]);
    b.custom('first', 'a');
    b.custom('second', 'b');
    return decodeModule(b.build());
  }

  it('should meter calls, add thunks in ascending order and redirect exports and table entries', () => {
    const m = tableModule();
    injectStackLimiter(m, LIMIT);
    assert.deepEqual(m.globals, [{ type: 'i32', mutable: true, init: { op: 'i32.const', value: 0 } }]);
    const g = 0;
    const body = (...instrs: InstrSpec[]): number[] => [...encodeFunctionBody([], code(...instrs, ['end']))];
    assert.deepEqual([...m.code[0]!.bytes], body(['local.get', 0], ['i32.const', 0], ...meteredCall(2, 4, g), ['drop'], ['call', 0]));
    assert.deepEqual([...m.code[1]!.bytes], body(['local.get', 0], ['local.get', 1], ['i32.add']));
    assert.deepEqual([...m.code[2]!.bytes], body(['local.get', 0], ...meteredCall(1, 4, g)), 'thunk of function 1');
    assert.deepEqual([...m.code[3]!.bytes], body(['local.get', 0], ['local.get', 1], ...meteredCall(2, 4, g)), 'thunk of function 2');
    assert.deepEqual(m.functions, [1, 2, 1, 2], 'thunks reuse the existing types');
    assert.equal(m.types.length, 3);
    assert.deepEqual(m.exports, [{ name: 'add', kind: 'func', index: 4, byteOffset: m.exports[0]!.byteOffset }]);
    assert.deepEqual(m.elements[0]!.funcs, [0, 3, 4]);
    const add = new WebAssembly.Instance(new WebAssembly.Module(encodeModule(m)), { env: { foo: () => undefined } }).exports['add'] as (a: number, b: number) => number;
    assert.equal(add(40, 2), 42);
  });

  it('should move custom sections to the end in reverse order, like the parity-wasm builder', () => {
    const m = tableModule();
    injectStackLimiter(m, LIMIT);
    const d = decodeModule(encodeModule(m));
    assert.deepEqual(d.customSections.map((c) => c.name), ['second', 'first']);
    assert.equal(typeof d.sectionOrder.at(-3), 'number');
  });

  it('should thunk the start function and create the global section when there is none', () => {
    const b = new ModuleBuilder();
    const start = b.func([], [], [], { locals: [{ count: 1, type: 'i32' }] });
    b.func([], [], [], { export: 'call' });
    b.start(start);
    const m = decodeModule(b.build());
    injectStackLimiter(m, LIMIT);
    assert.equal(m.start, 2);
    assert.equal(m.exports[0]!.index, 3);
    assert.deepEqual([...m.code[2]!.bytes], [...encodeFunctionBody([], code(...meteredCall(0, 3, 0), ['end']))]);
    new WebAssembly.Instance(new WebAssembly.Module(encodeModule(m)));
  });

  it('should trap a deep recursion exactly when the summed costs exceed the limit', () => {
    // rec(n) = n == 0 ? 0 : rec(n - 1) + 1; cost 5 (0 locals, max height 5 with the else quirk)
    const b = new ModuleBuilder();
    b.func(['i32'], ['i32'], [
      ['local.get', 0], ['i32.eqz'], ['if', 'i32'], ['i32.const', 0], ['else'],
      ['local.get', 0], ['i32.const', 1], ['i32.sub'], ['call', 0], ['i32.const', 1], ['i32.add'], ['end'],
    ], { export: 'rec' });
    const m = decodeModule(b.build());
    assert.deepEqual(computeStackCosts(m), [5]);
    const limit = 1000;
    injectStackLimiter(m, limit);
    const module = new WebAssembly.Module(encodeModule(m));
    const rec = (): ((n: number) => number) => new WebAssembly.Instance(module).exports['rec'] as (n: number) => number;
    // rec(n) runs n + 1 activations of cost 5 (the first through the thunk): traps iff 5 (n + 1) > 1000
    const ok = rec();
    assert.equal(ok(199), 199);
    assert.equal(ok(199), 199, 'the counter is back to 0 after a call');
    assert.throws(() => rec()(200), (e: unknown) => e instanceof WebAssembly.RuntimeError && /unreachable/.test(e.message));
  });

  it('should instrument a real runtime into a module V8 accepts', { skip: skipUnlessCorpus('runtimes/kusama-1020-genesis.wasm.gz') }, () => {
    const m = decodeModule(readCorpus('runtimes/kusama-1020-genesis.wasm.gz'));
    const functions = m.functions.length;
    const globals = m.globals.length;
    injectStackLimiter(m, 65536);
    assert.equal(m.globals.length, globals + 1);
    assert.ok(m.functions.length > functions, 'thunks added');
    assert.ok(WebAssembly.validate(encodeModule(m)));
  });
});
