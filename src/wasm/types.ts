/**
 * The decoded shape of a WebAssembly module (binary format, spec §5.5 "Modules").
 *
 * Everything that a transform may edit is a plain array or object. Function
 * bodies stay raw bytes (decoded on demand by `instructions.ts`), so decoding a
 * 6 MB runtime costs one pass over the section headers only.
 *
 * Byte offsets (`byteOffset`) are positions in the module the entry was decoded
 * from; they are absent on entries that a transform or the builder created.
 */

/** A value type (spec §5.3.1 plus the SIMD and reference-types proposals). */
export type ValType = 'i32' | 'i64' | 'f32' | 'f64' | 'v128' | 'funcref' | 'externref';

/** A reference type, the element type of a table. */
export type RefType = 'funcref' | 'externref';

/** A function signature. */
export interface FuncType {
  params: ValType[];
  results: ValType[];
  byteOffset?: number;
}

/** Memory or table limits; `shared` (threads) and `index64` (memory64) only come from flags 2..7. */
export interface Limits {
  min: number;
  max?: number;
  shared?: boolean;
  index64?: boolean;
  byteOffset?: number;
}

/** A table: element type and limits. */
export interface TableType {
  elemType: RefType;
  limits: Limits;
  byteOffset?: number;
}

/** What an import brings in (kind-tagged). `tag` is the exception-handling proposal. */
export type ImportDesc =
  | { kind: 'func'; typeIndex: number }
  | { kind: 'table'; table: TableType }
  | { kind: 'memory'; limits: Limits }
  | { kind: 'global'; type: ValType; mutable: boolean }
  | { kind: 'tag'; typeIndex: number };

/** One entry of the import section. */
export interface Import {
  module: string;
  name: string;
  desc: ImportDesc;
  byteOffset?: number;
}

/** One instruction of a constant expression (spec §3.3.10, plus extended-const). */
export type ConstInstr =
  | { op: 'i32.const'; value: number }
  | { op: 'i64.const'; value: bigint }
  | { op: 'f32.const'; bits: number }
  | { op: 'f64.const'; bits: bigint }
  | { op: 'v128.const'; bytes: Uint8Array }
  | { op: 'global.get'; index: number }
  | { op: 'ref.null'; type: RefType }
  | { op: 'ref.func'; index: number }
  | { op: 'i32.add' | 'i32.sub' | 'i32.mul' | 'i64.add' | 'i64.sub' | 'i64.mul' };

/**
 * A constant expression: a single instruction (the usual case: an `i32.const`
 * data-segment offset, a global's initial value) or, for extended-const
 * expressions, the whole instruction sequence (final `end` not included).
 */
export type ConstExpr = ConstInstr | { op: 'sequence'; instrs: ConstInstr[]; byteOffset?: number };

/** A global defined by the module. */
export interface Global {
  type: ValType;
  mutable: boolean;
  init: ConstExpr;
  byteOffset?: number;
}

/** Export kinds (`tag` is the exception-handling proposal). */
export type ExportKind = 'func' | 'table' | 'memory' | 'global' | 'tag';

/** One entry of the export section. */
export interface Export {
  name: string;
  kind: ExportKind;
  index: number;
  byteOffset?: number;
}

/**
 * An element segment. `flags` is the binary encoding variant (0..7, spec §5.5.12)
 * kept so a segment re-encodes as it was read; `funcs` is set for variants 0..3
 * (function indices), `exprs` for 4..7 (constant expressions).
 */
export interface ElementSegment {
  flags: number;
  mode: 'active' | 'passive' | 'declarative';
  tableIndex: number;
  offset: ConstExpr | undefined;
  elemType: RefType;
  funcs?: number[];
  exprs?: ConstExpr[];
  byteOffset?: number;
}

/** A data segment. `flags` is the encoding variant (0 active memory 0, 1 passive, 2 active with memory index). */
export interface DataSegment {
  flags: number;
  mode: 'active' | 'passive';
  memoryIndex: number;
  offset: ConstExpr | undefined;
  bytes: Uint8Array;
  byteOffset?: number;
}

/**
 * A function body as stored in the code section, without its size prefix:
 * local declarations then the instructions, ending with `end` (0x0b).
 * Treat `bytes` as immutable: to edit a body, replace the whole object.
 */
export interface FunctionBody {
  bytes: Uint8Array;
  byteOffset?: number;
}

/** A custom section (id 0): a name and an opaque payload. */
export interface CustomSection {
  name: string;
  payload: Uint8Array;
  byteOffset?: number;
}

/** A section position in the module: a standard section id, or a custom section (by identity). */
export type SectionSlot = number | CustomSection;

/** Where a decoded section sat in the original bytes: header start, payload start, end. */
export interface RawSection {
  id: number;
  headerStart: number;
  start: number;
  end: number;
}

/** A decoded custom section and where it sat in the original bytes. */
export interface RawCustom extends RawSection {
  section: CustomSection;
  name: string;
  payload: Uint8Array;
}

/** The original bytes a module was decoded from, for byte-preserving re-encoding. */
export interface ModuleSource {
  bytes: Uint8Array;
  /** Standard sections, in module order. */
  sections: RawSection[];
  /** Custom sections, in module order. */
  customs: RawCustom[];
  /** The body bytes of each function as decoded (to detect edited code). */
  bodies: Uint8Array[];
}

/** A decoded WebAssembly module. Fields map one-to-one to the binary sections. */
export interface WasmModule {
  types: FuncType[];
  imports: Import[];
  /** Type index of each defined function (function section); imports come first in the index space. */
  functions: number[];
  tables: TableType[];
  memories: Limits[];
  globals: Global[];
  exports: Export[];
  start: number | undefined;
  elements: ElementSegment[];
  /** The data count section (id 12), when present. */
  dataCount: number | undefined;
  /** Function bodies, one per entry of `functions`. */
  code: FunctionBody[];
  data: DataSegment[];
  /** Type indices of the tag section (id 13, exception handling), when present. */
  tags: number[];
  /** Custom sections in module order. */
  customSections: CustomSection[];
  /** Order in which sections are written (see `encode.ts`); empty for a built module. */
  sectionOrder: SectionSlot[];
  /** The bytes this module was decoded from, if any. */
  source: ModuleSource | undefined;
}
