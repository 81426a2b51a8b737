/**
 * A tiny module builder for tests and tools.
 *
 *   const b = new ModuleBuilder();
 *   const log = b.importFunc('env', 'ext_log', ['i32'], []);
 *   b.memory(1, undefined, 'memory');
 *   const g = b.global('i32', true, 0, 'counter');
 *   b.func(['i32'], ['i32'], [['local.get', 0], ['global.set', g], ['global.get', g]], { export: 'set' });
 *   b.data(16, 'hello');
 *   const bytes = b.build();              // or b.module for the WasmModule
 *
 * Function bodies given as instruction lists get their final `end` appended;
 * bodies given as bytes are used as they are (locals are separate, `opts.locals`).
 * Imports must be declared before functions (they come first in the index space).
 */
import { SwxError } from '../base/errors.js';
import { code, encodeFunctionBody, type InstrSpec } from './encode-instr.js';
import { encodeModule } from './encode.js';
import type { LocalGroup } from './instructions.js';
import { emptyModule, importCount } from './module.js';
import type { ConstExpr, ExportKind, RefType, ValType, WasmModule } from './types.js';

/** Options of `ModuleBuilder.func`. */
export interface FuncOpts {
  /** Declared locals (default none). */
  locals?: LocalGroup[];
  /** Export the function under this name. */
  export?: string;
}

function constOf(type: ValType, v: ConstExpr | number | bigint): ConstExpr {
  if (typeof v === 'object') return v;
  if (type === 'i64') return { op: 'i64.const', value: BigInt(v) };
  if (type === 'i32') return { op: 'i32.const', value: Number(v) | 0 };
  const dv = new DataView(new ArrayBuffer(8));
  if (type === 'f32') {
    dv.setFloat32(0, Number(v), true);
    return { op: 'f32.const', bits: dv.getUint32(0, true) };
  }
  dv.setFloat64(0, Number(v), true);
  return { op: 'f64.const', bits: dv.getBigUint64(0, true) };
}

/** Builds a `WasmModule` step by step. */
export class ModuleBuilder {
  /** The module being built. */
  readonly module: WasmModule = emptyModule();

  /** Index of the function type (params → results), added if new. */
  type(params: readonly ValType[], results: readonly ValType[]): number {
    const m = this.module;
    const i = m.types.findIndex(
      (t) => t.params.join() === params.join() && t.results.join() === results.join(),
    );
    if (i >= 0) return i;
    m.types.push({ params: [...params], results: [...results] });
    return m.types.length - 1;
  }

  private beforeFunctions(what: string): void {
    if (this.module.functions.length > 0) throw new SwxError('INVALID_INPUT', `${what} must be declared before functions`);
  }

  /** Imports a function; returns its function index. */
  importFunc(module: string, name: string, params: readonly ValType[], results: readonly ValType[]): number {
    this.beforeFunctions('function imports');
    this.module.imports.push({ module, name, desc: { kind: 'func', typeIndex: this.type(params, results) } });
    return importCount(this.module, 'func') - 1;
  }

  /** Imports a memory. */
  importMemory(module: string, name: string, min: number, max?: number): this {
    this.module.imports.push({ module, name, desc: { kind: 'memory', limits: max === undefined ? { min } : { min, max } } });
    return this;
  }

  /** Imports a global; returns its global index. */
  importGlobal(module: string, name: string, type: ValType, mutable = false): number {
    if (this.module.globals.length > 0) throw new SwxError('INVALID_INPUT', 'global imports must be declared before globals');
    this.module.imports.push({ module, name, desc: { kind: 'global', type, mutable } });
    return importCount(this.module, 'global') - 1;
  }

  /** Defines a function; returns its function index. */
  func(params: readonly ValType[], results: readonly ValType[], body: readonly InstrSpec[] | Uint8Array, opts: FuncOpts = {}): number {
    const m = this.module;
    const instrs = body instanceof Uint8Array ? body : code(...body, ['end']);
    m.functions.push(this.type(params, results));
    m.code.push({ bytes: encodeFunctionBody(opts.locals ?? [], instrs) });
    const index = importCount(m, 'func') + m.functions.length - 1;
    if (opts.export !== undefined) this.export(opts.export, 'func', index);
    return index;
  }

  /** Defines a memory; returns its index. */
  memory(min: number, max?: number, exportName?: string): number {
    const m = this.module;
    m.memories.push(max === undefined ? { min } : { min, max });
    const index = importCount(m, 'memory') + m.memories.length - 1;
    if (exportName !== undefined) this.export(exportName, 'memory', index);
    return index;
  }

  /** Defines a table; returns its index. */
  table(min: number, max?: number, elemType: RefType = 'funcref'): number {
    const m = this.module;
    m.tables.push({ elemType, limits: max === undefined ? { min } : { min, max } });
    return importCount(m, 'table') + m.tables.length - 1;
  }

  /** Defines a global (a number/bigint init becomes the matching `*.const`); returns its index. */
  global(type: ValType, mutable: boolean, init: ConstExpr | number | bigint, exportName?: string): number {
    const m = this.module;
    m.globals.push({ type, mutable, init: constOf(type, init) });
    const index = importCount(m, 'global') + m.globals.length - 1;
    if (exportName !== undefined) this.export(exportName, 'global', index);
    return index;
  }

  /** Adds an export. */
  export(name: string, kind: ExportKind, index: number): this {
    this.module.exports.push({ name, kind, index });
    return this;
  }

  /** Adds an active data segment at `i32.const offset` (strings are UTF-8 encoded). */
  data(offset: number, bytes: Uint8Array | string, memoryIndex = 0): this {
    const b = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes.slice();
    this.module.data.push({
      flags: memoryIndex === 0 ? 0 : 2,
      mode: 'active',
      memoryIndex,
      offset: { op: 'i32.const', value: offset },
      bytes: b,
    });
    return this;
  }

  /** Adds an active element segment for table 0 at `i32.const offset`. */
  elem(offset: number, funcs: readonly number[]): this {
    this.module.elements.push({
      flags: 0,
      mode: 'active',
      tableIndex: 0,
      offset: { op: 'i32.const', value: offset },
      elemType: 'funcref',
      funcs: [...funcs],
    });
    return this;
  }

  /** Sets the start function. */
  start(funcIndex: number): this {
    this.module.start = funcIndex;
    return this;
  }

  /** Adds a custom section (written after the standard sections). */
  custom(name: string, payload: Uint8Array | string): this {
    const p = typeof payload === 'string' ? new TextEncoder().encode(payload) : payload.slice();
    this.module.customSections.push({ name, payload: p });
    return this;
  }

  /** The binary module. */
  build(): Uint8Array<ArrayBuffer> {
    return encodeModule(this.module);
  }
}
