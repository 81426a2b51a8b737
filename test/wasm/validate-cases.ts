/**
 * Tiny modules that each use one post-MVP proposal, with the feature they must
 * be rejected for and where (a byte pattern in the module and a delta from it).
 * Shared by the validator tests and the wabt cross-check.
 */
import { ModuleBuilder } from '../../src/wasm/builder.js';
import { decodeModule } from '../../src/wasm/decode.js';
import type { InstrSpec } from '../../src/wasm/encode-instr.js';
import { encodeModule } from '../../src/wasm/encode.js';
import { DEFAULT_WASM_FEATURES, type FeatureName, type WasmFeatures } from '../../src/wasm/features.js';
import type { ValType, WasmModule } from '../../src/wasm/types.js';

/** Every proposal enabled. */
export const ALL_ON: WasmFeatures = Object.fromEntries(Object.keys(DEFAULT_WASM_FEATURES).map((k) => [k, true])) as unknown as WasmFeatures;
/** Raw bytes as an instruction. */
export const raw = (...b: number[]): Uint8Array => Uint8Array.from(b);

/** A module with one memory and one function (exported as `f`). */
export function withBody(body: InstrSpec[], params: ValType[] = [], results: ValType[] = [], setup?: (b: ModuleBuilder) => void): Uint8Array {
  const b = new ModuleBuilder();
  setup?.(b);
  if (b.module.memories.length === 0) b.memory(1, 1);
  b.func(params, results, body, { export: 'f' });
  return b.build();
}

/** A module made by `setup`. */
export function built(setup: (b: ModuleBuilder) => void): Uint8Array {
  const b = new ModuleBuilder();
  setup(b);
  return b.build();
}

/** An empty module edited by `edit`. */
export function fromModule(edit: (m: WasmModule) => void): Uint8Array {
  const m = decodeModule(new ModuleBuilder().build());
  edit(m);
  return encodeModule(m);
}

/** [what, feature, module, byte pattern, delta from the pattern]. */
export const cases: [string, FeatureName, () => Uint8Array, number[], number][] = [
  ['i32.extend8_s', 'signExtension', () => withBody([['local.get', 0], ['i32.extend8_s'], ['drop']], ['i32']), [0x20, 0x00, 0xc0], 2],
  ['i64.extend32_s', 'signExtension', () => withBody([['local.get', 0], ['i64.extend32_s'], ['drop']], ['i64']), [0x20, 0x00, 0xc4], 2],
  ['i32.trunc_sat_f32_s', 'saturatingFloatToInt', () => withBody([['local.get', 0], ['i32.trunc_sat_f32_s'], ['drop']], ['f32']), [0x20, 0x00, 0xfc, 0x00], 2],
  [
    'memory.fill',
    'bulkMemory',
    () => withBody([['i32.const', 0], ['i32.const', 0], ['i32.const', 0], ['memory.fill', 0]]),
    [0xfc, 0x0b, 0x00],
    0,
  ],
  ['memory.copy', 'bulkMemory', () => withBody([['i32.const', 0], ['i32.const', 0], ['i32.const', 0], ['memory.copy', 0, 0]]), [0xfc, 0x0a], 0],
  ['ref.null', 'referenceTypes', () => withBody([['ref.null', 'funcref'], ['drop']]), [0xd0, 0x70], 0],
  ['table.size', 'referenceTypes', () => withBody([['table.size', 0], ['drop']], [], [], (b) => void b.table(1)), [0xfc, 0x10, 0x00], 0],
  ['typed select', 'referenceTypes', () => withBody([['i32.const', 1], ['i32.const', 2], ['i32.const', 0], ['select_t', ['i32']], ['drop']]), [0x1c, 0x01, 0x7f], 0],
  ['funcref parameter', 'referenceTypes', () => withBody([], ['funcref']), [0x60, 0x01, 0x70], 0],
  ['multi-result type', 'multiValue', () => withBody([['i32.const', 1], ['i32.const', 2]], [], ['i32', 'i32']), [0x60, 0x00, 0x02, 0x7f, 0x7f], 0],
  ['block with a type index', 'multiValue', () => withBody([['block', 0], ['end']]), [0x02, 0x00, 0x0b], 0],
  ['v128.const', 'simd', () => withBody([raw(0xfd, 0x0c, ...new Array(16).fill(0)), ['drop']]), [0xfd, 0x0c], 0],
  ['v128 parameter', 'simd', () => withBody([], ['v128']), [0x60, 0x01, 0x7b], 0],
  ['shared memory', 'threads', () => fromModule((m) => m.memories.push({ min: 1, max: 1, shared: true })), [0x05, 0x04, 0x01, 0x03], 3],
  [
    'i32.atomic.load',
    'threads',
    () => withBody([['i32.const', 0], raw(0xfe, 0x10, 0x02, 0x00), ['drop']]),
    [0xfe, 0x10, 0x02],
    0,
  ],
  ['return_call', 'tailCall', () => withBody([['return_call', 0]]), [0x12, 0x00], 0],
  ['try', 'exceptionHandling', () => withBody([['try', 'empty'], ['end']]), [0x06, 0x40], 0],
  ['tag section', 'exceptionHandling', () => fromModule((m) => (m.types.push({ params: [], results: [] }), m.tags.push(0))), [0x0d, 0x03, 0x01, 0x00, 0x00], 0],
  ['second memory', 'multiMemory', () => fromModule((m) => m.memories.push({ min: 1 }, { min: 2 })), [0x00, 0x02], 0],
  ['memarg with a memory index', 'multiMemory', () => withBody([['i32.const', 0], raw(0x28, 0x42, 0x00, 0x00), ['drop']]), [0x28, 0x42], 0],
  ['memory.grow with a non-zero byte', 'multiMemory', () => withBody([['i32.const', 0], raw(0x40, 0x80, 0x00), ['drop']]), [0x40, 0x80, 0x00], 0],
  ['64-bit memory', 'memory64', () => fromModule((m) => m.memories.push({ min: 1, index64: true })), [0x05, 0x03, 0x01, 0x04], 3],
  [
    'call_indirect with a padded table index',
    'referenceTypes',
    () => withBody([['i32.const', 0], raw(0x11, 0x00, 0x80, 0x00)], [], [], (b) => void b.table(1)),
    [0x11, 0x00, 0x80],
    0,
  ],
  ['second table', 'referenceTypes', () => built((b) => (b.table(1), b.table(1))), [0x04, 0x07, 0x02], 6],
  [
    'passive data segment',
    'bulkMemory',
    () => fromModule((m) => (m.memories.push({ min: 1 }), m.data.push({ flags: 1, mode: 'passive', memoryIndex: 0, offset: undefined, bytes: raw(7) }))),
    [0x0b, 0x04, 0x01, 0x01],
    3,
  ],
  [
    'declarative element segment',
    'bulkMemory',
    () =>
      withBody([], [], [], (b) =>
        b.module.elements.push({ flags: 3, mode: 'declarative', tableIndex: 0, offset: undefined, elemType: 'funcref', funcs: [0] }),
      ),
    [0x09, 0x05, 0x01, 0x03],
    3,
  ],
  ['call_ref', 'functionReferences', () => withBody([raw(0x14, 0x00)]), [0x14, 0x00, 0x0b], 0],
  ['GC prefix', 'gc', () => withBody([raw(0xfb, 0x00, 0x00)]), [0xfb, 0x00, 0x00, 0x0b], 0],
];

