/**
 * Fuzz kind `wasm`: random Wasm modules from a small grammar, valid-ish so
 * they get past the parser often and reach preparation, instantiation and
 * the call:
 *
 *   module   := imports memory? globals functions exports start? data* custom*
 *   imports  := real host functions (right or wrong signature), unknown names, other modules
 *   memory   := imported `env.memory` | defined (exported as "memory" or not) | none; random min/max
 *   globals  := `__heap_base` (i32 in or beyond memory, i64, mutable, or absent) + mutable globals
 *   function := (params) → results with a body of statements that keep the stack balanced:
 *               drop(const) | store(addr, const) | drop(load(addr)) | call(import|function, hostile args)
 *               | memory.grow | global.set | if (const) { statements } | unreachable (rare)
 *   exports  := `Core_version` and random names → random functions (any signature)
 *
 * No loops: every case ends (recursion through calls ends at the stack limit).
 * Arguments are hostile: pointers at 0, at the memory's end, past it, at 2³²−1;
 * fat pointers with lengths 0, 1, 32 or up to 2³²−1.
 *
 * `hostCallModule` builds the `hostcall` kind's module from the same parts.
 */
import type { InstrSpec, ValType } from '../src/wasm/index.js';
import { ModuleBuilder } from '../src/wasm/index.js';
import { createHashers, type Hashers } from '../src/base/hashing.js';
import { createDecompressor, type Decompressor } from '../src/blob/index.js';
import { substrateHostFunctions, type HostFunction } from '../src/host/index.js';
import { createRuntime, loadRuntimeCodeSync } from '../src/executor/index.js';
import type { CaseKind, Rng } from './harness.js';

const WASM_PAGE = 65536;
const VALTYPES: readonly ValType[] = ['i32', 'i64', 'f32', 'f64'];
const SIGNATURES: ReadonlyArray<[ValType[], ValType[]]> = [
  [['i32', 'i32'], ['i64']],
  [[], []],
  [['i32'], ['i32']],
  [['i64'], ['i64']],
  [['i32', 'i32'], ['i32']],
];

/** A hostile i32: a pointer or length near the edges of a memory of `memBytes`. */
export function hostileI32(rng: Rng, memBytes: number): number {
  switch (rng.int(8)) {
    case 0:
      return 0;
    case 1:
      return rng.int(64);
    case 2:
      return Math.max(0, memBytes - rng.int(64));
    case 3:
      return memBytes + rng.int(64);
    case 4:
      return -1;
    case 5:
      return rng.u32() | 0;
    default:
      return rng.int(Math.max(1, memBytes));
  }
}

/** A hostile i64: mostly a fat pointer `(len << 32) | ptr` with hostile parts. */
export function hostileI64(rng: Rng, memBytes: number): bigint {
  if (rng.chance(0.1)) return BigInt.asIntN(64, (BigInt(rng.u32()) << 32n) | BigInt(rng.u32()));
  const len = rng.pick([0, 1, 8, 32, 33, rng.int(4096), 0xffffffff, rng.u32(), Math.max(0, memBytes - rng.int(100))]);
  const ptr = hostileI32(rng, memBytes) >>> 0;
  return BigInt.asIntN(64, (BigInt(len >>> 0) << 32n) | BigInt(ptr));
}

function constOf(rng: Rng, t: ValType, memBytes: number): InstrSpec {
  switch (t) {
    case 'i32':
      return ['i32.const', hostileI32(rng, memBytes)];
    case 'i64':
      return ['i64.const', hostileI64(rng, memBytes)];
    case 'f32':
      return ['f32.const', rng.pick([0, -0, 1.5, NaN, Infinity])];
    default:
      return ['f64.const', rng.pick([0, -0, 2.5, NaN, -Infinity])];
  }
}

/** What a body generator may call and touch. */
interface Scope {
  funcs: Array<{ index: number; params: readonly ValType[]; results: readonly ValType[] }>;
  mutableGlobals: Array<{ index: number; type: ValType }>;
  memBytes: number;
  hasMemory: boolean;
}

/** A call of a random function with hostile arguments, results dropped. */
function callStatement(rng: Rng, scope: Scope, out: InstrSpec[]): void {
  if (scope.funcs.length === 0) return;
  const f = rng.pick(scope.funcs);
  for (const p of f.params) out.push(constOf(rng, p, scope.memBytes));
  out.push(['call', f.index]);
  for (let i = 0; i < f.results.length; i++) out.push(['drop']);
}

/** A balanced list of statements. */
function statements(rng: Rng, scope: Scope, count: number, depth: number, out: InstrSpec[]): void {
  for (let n = 0; n < count; n++) {
    const choice = rng.int(10);
    if (choice <= 2) callStatement(rng, scope, out);
    else if (choice === 3 && scope.hasMemory) out.push(['i32.const', hostileI32(rng, scope.memBytes)], constOf(rng, 'i64', scope.memBytes), ['i64.store', 0]);
    else if (choice === 4 && scope.hasMemory) out.push(['i32.const', hostileI32(rng, scope.memBytes)], ['i32.load', 0], ['drop']);
    else if (choice === 5 && scope.hasMemory) out.push(['i32.const', rng.pick([0, 1, 16, 65536, -1])], ['memory.grow', 0], ['drop']);
    else if (choice === 6 && scope.mutableGlobals.length > 0) {
      const g = rng.pick(scope.mutableGlobals);
      out.push(constOf(rng, g.type, scope.memBytes), ['global.set', g.index]);
    } else if (choice === 7 && depth < 3) {
      out.push(['i32.const', rng.int(2)], ['if', 'empty']);
      statements(rng, scope, 1 + rng.int(3), depth + 1, out);
      out.push(['end']);
    } else if (choice === 8 && rng.chance(0.1)) out.push(['unreachable']);
    else out.push(constOf(rng, rng.pick(VALTYPES), scope.memBytes), ['drop']);
  }
}

/** A random valid-ish module (bytes). */
export function randomModule(rng: Rng, hostFns: readonly HostFunction[]): Uint8Array {
  const b = new ModuleBuilder();
  const scope: Scope = { funcs: [], mutableGlobals: [], memBytes: 0, hasMemory: false };
  for (let n = rng.int(6); n > 0; n--) {
    const r = rng.int(10);
    if (r < 7) {
      const f = rng.pick(hostFns);
      const [params, results] = r < 6 ? [f.params, f.results] : rng.pick(SIGNATURES);
      scope.funcs.push({ index: b.importFunc('env', f.name, params, results), params, results });
    } else {
      const [params, results] = rng.pick(SIGNATURES);
      scope.funcs.push({ index: b.importFunc(r === 7 ? 'env' : rng.pick(['seal0', 'wasi', '']), `fuzz_${rng.int(100)}`, params, results), params, results });
    }
  }
  const minPages = rng.pick([0, 1, 2, 17, 40]);
  const maxPages = rng.chance(0.3) ? rng.pick([minPages, minPages + 1, 65536, 0]) : undefined;
  const memKind = rng.int(10);
  if (memKind < 5) b.importMemory('env', 'memory', minPages, maxPages);
  else if (memKind < 9) b.memory(minPages, maxPages, rng.chance(0.8) ? 'memory' : 'mem');
  scope.hasMemory = memKind < 9;
  scope.memBytes = scope.hasMemory ? minPages * WASM_PAGE : 0;
  const heapKind = rng.int(10);
  if (heapKind < 7) b.global('i32', false, rng.pick([0, 1024, scope.memBytes, scope.memBytes + 8, -1, rng.int(scope.memBytes + 1)]), '__heap_base');
  else if (heapKind === 7) b.global('i64', false, 1024n, '__heap_base');
  else if (heapKind === 8) b.global('i32', true, 1024, '__heap_base');
  for (let n = rng.int(3); n > 0; n--) {
    const type = rng.pick(VALTYPES);
    const index = b.global(type, true, type === 'i64' ? 0n : 0);
    scope.mutableGlobals.push({ index, type });
  }
  const firstLocal = scope.funcs.length;
  const nFuncs = 1 + rng.int(4);
  const sigs = Array.from({ length: nFuncs }, () => rng.pick(SIGNATURES));
  // Functions may call each other (and themselves): indices are known before the bodies.
  sigs.forEach(([params, results], i) => scope.funcs.push({ index: firstLocal + i, params, results }));
  for (const [params, results] of sigs) {
    const body: InstrSpec[] = [];
    statements(rng, scope, rng.int(8), 0, body);
    for (const r of results) body.push(constOf(rng, r, scope.memBytes));
    b.func(params, results, body);
  }
  const exported = new Set<string>();
  for (const name of ['Core_version', ...Array.from({ length: rng.int(3) }, () => rng.chance(0.05) ? rng.pick(['memory', '__heap_base']) : rng.pick(['Metadata_metadata', `f${rng.int(9)}`]))]) {
    if (exported.has(name) || rng.chance(0.1)) continue;
    exported.add(name);
    b.export(name, 'func', firstLocal + rng.int(nFuncs));
  }
  const voidFuncs = sigs.map((s, i) => (s[0].length === 0 && s[1].length === 0 ? firstLocal + i : -1)).filter((i) => i >= 0);
  if (voidFuncs.length > 0 && rng.chance(0.15)) b.start(rng.pick(voidFuncs));
  if (scope.hasMemory && rng.chance(0.3)) b.data(hostileI32(rng, scope.memBytes + 1) >>> 0, rng.bytes(rng.int(64)));
  if (rng.chance(0.2)) b.custom(rng.pick(['runtime_version', 'runtime_apis', 'name']), rng.bytes(rng.int(64)));
  return b.build();
}

interface ModuleCtx {
  hashers: Hashers;
  decompressor: Decompressor;
  hostFns: HostFunction[];
}

/** Shared setup of the kinds that build modules. */
export async function moduleCtx(): Promise<ModuleCtx> {
  const [hashers, decompressor] = await Promise.all([createHashers(), createDecompressor()]);
  return { hashers, decompressor, hostFns: substrateHostFunctions() };
}

/** The `wasm` case kind. */
export const WASM_KIND: CaseKind<ModuleCtx> = {
  name: 'wasm',
  description: 'random modules (imports, memories, globals, functions, exports) → load, create, Core_version',
  setup: moduleCtx,
  async run(ctx, rng) {
    const bytes = randomModule(rng, ctx.hostFns);
    const code = loadRuntimeCodeSync(bytes, { hashers: ctx.hashers, decompressor: ctx.decompressor });
    const runtime = await createRuntime(code, {
      allowMissingImports: rng.chance(0.7),
      instantiationStrategy: rng.pick(['recreate', 'pooled', 'legacy-reuse'] as const),
      heapAllocStrategy: { kind: 'static', extraPages: rng.pick([0, 1, 8, 2048]) },
    });
    await runtime.call('Core_version', rng.bytes(rng.int(16)));
  },
};
