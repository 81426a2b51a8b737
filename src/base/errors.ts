/**
 * Typed errors. Every error swx raises is a `SwxError` with a stable `code`
 * (part of the public contract: tools switch on it) and structured `context`
 * (the runtime method, the host function, pointers…). Broken invariants of
 * swx itself are `InternalError`s: a bug, never bad input.
 *
 * Codes are one record (`ERROR_CODES`, code → stage and exit status),
 * grouped by stage; a code is never reused for another meaning.
 */

/** Exit status of the `swx` command for an error of a code (DESIGN.md: 1 the runtime failed, 2 bad input). */
export const EXIT = { runtimeFailed: 1, badInput: 2 } as const;

/** Where an error arises (the stage that raises it). */
export type ErrorStage = 'input' | 'wasm' | 'blob' | 'allocator' | 'state' | 'trie' | 'host' | 'executor' | 'metadata' | 'rpc' | 'internal';

/** What a code means to its users: the stage that raises it and the CLI's exit status. */
export interface ErrorCodeInfo {
  readonly stage: ErrorStage;
  readonly exit: (typeof EXIT)[keyof typeof EXIT];
}

const input = { stage: 'input', exit: EXIT.badInput } as const;
const bad = <S extends ErrorStage>(stage: S) => ({ stage, exit: EXIT.badInput }) as const;
const failed = <S extends ErrorStage>(stage: S) => ({ stage, exit: EXIT.runtimeFailed }) as const;

/**
 * Every stable error code swx can raise, with its stage and exit status. A
 * new code must say here whether it means bad input (2) or a runtime that
 * failed (1); the CLI's exit status is read from this record only.
 */
export const ERROR_CODES = {
  // input / files
  INVALID_INPUT: input,
  FILE_UNREADABLE: input,
  CHAIN_SPEC_INVALID: input,
  INPUT_TOO_LARGE: input,
  OUTPUT_WRITE_FAILED: input,
  // wasm
  WASM_MALFORMED: bad('wasm'),
  WASM_UNSUPPORTED_FEATURE: bad('wasm'),
  WASM_INVALID: bad('wasm'),
  WASM_TRANSFORM_FAILED: bad('wasm'),
  // blob
  BLOB_INVALID: bad('blob'),
  BLOB_DECOMPRESSION_FAILED: bad('blob'),
  BLOB_BOMB: bad('blob'),
  BLOB_NO_MEMORY: bad('blob'),
  BLOB_NO_HEAP_BASE: bad('blob'),
  BLOB_MEMORY_TOO_SMALL: bad('blob'),
  VERSION_INVALID: bad('blob'),
  // allocator: the runtime asked for what the heap cannot give
  ALLOCATOR_TOO_LARGE: failed('allocator'),
  ALLOCATOR_OUT_OF_SPACE: failed('allocator'),
  ALLOCATOR_MEMORY_SHRUNK: failed('allocator'),
  ALLOCATOR_POISONED: failed('allocator'),
  ALLOCATOR_CORRUPTED: failed('allocator'),
  // state / trie
  STATE_NO_TRANSACTION: failed('state'),
  TRIE_PROOF_INVALID: bad('trie'),
  // a partial trie (nodes from proofs) lacks a node and its source could not provide it: like a
  // failed fetch, exit 1; not bad input, so it keeps its code (and missing nodes) through host functions
  TRIE_INCOMPLETE: failed('trie'),
  // host: linking the runtime (bad input) or serving its calls (the runtime failed)
  HOST_MISSING_IMPORTS: bad('host'),
  HOST_SIGNATURE_MISMATCH: bad('host'),
  HOST_UNSUPPORTED_IMPORT: bad('host'),
  HOST_BAD_ARGUMENT: failed('host'),
  HOST_OUT_OF_BOUNDS: failed('host'),
  HOST_MISSING_FUNCTION_CALLED: failed('host'),
  HOST_NOT_AVAILABLE: failed('host'),
  // executor
  EXPORT_NOT_FOUND: bad('executor'),
  RUNTIME_INSTANTIATION_FAILED: bad('executor'),
  RUNTIME_COMPILE_FAILED: bad('executor'),
  RUNTIME_TRAP: failed('executor'),
  RUNTIME_PANIC: failed('executor'),
  RUNTIME_OUTPUT_OUT_OF_BOUNDS: failed('executor'),
  RUNTIME_ERROR_RESULT: failed('executor'),
  RUNTIME_TIMEOUT: failed('executor'),
  RUNTIME_MEMORY_LIMIT: failed('executor'),
  WORKER_FAILED: failed('executor'),
  // metadata: a name or argument the user gave does not fit the runtime's metadata
  METADATA_INVALID: bad('metadata'),
  METADATA_UNSUPPORTED_VERSION: bad('metadata'),
  METADATA_NO_API_TYPES: bad('metadata'),
  METADATA_UNKNOWN_ENTRY: bad('metadata'),
  METADATA_BAD_ARGUMENT: bad('metadata'),
  METADATA_DECODE_FAILED: bad('metadata'),
  // rpc: a live chain's node, unreachable or answering wrongly, and the local cache of what it served
  RPC_FAILED: failed('rpc'),
  RPC_BAD_RESPONSE: failed('rpc'),
  RPC_SERVER_ERROR: failed('rpc'),
  RPC_UNKNOWN_BLOCK: bad('rpc'),
  CACHE_FAILED: failed('rpc'),
  // a broken invariant of swx itself
  INTERNAL: failed('internal'),
} as const satisfies Record<string, ErrorCodeInfo>;

/** Every stable error code swx can raise. */
export type SwxErrorCode = keyof typeof ERROR_CODES;

/** The stage and exit status of `code`. */
export function errorCodeInfo(code: SwxErrorCode): ErrorCodeInfo {
  return ERROR_CODES[code];
}

/** Structured context attached to an error: what was being done where. */
export interface SwxErrorContext {
  /** Runtime entry point being called, e.g. `Core_version`. */
  method?: string;
  /** Host function being served, e.g. `ext_storage_get_version_1`. */
  hostFunction?: string;
  /** Byte offset in a Wasm module or blob. */
  offset?: number;
  [key: string]: unknown;
}

/** Base class of every error swx raises on purpose. */
export class SwxError extends Error {
  readonly code: SwxErrorCode;
  readonly context: SwxErrorContext;
  constructor(code: SwxErrorCode, message: string, context: SwxErrorContext = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SwxError';
    this.code = code;
    this.context = context;
  }
}

/** A broken invariant inside swx (a bug, not bad input). */
export class InternalError extends SwxError {
  constructor(message: string, context: SwxErrorContext = {}) {
    super('INTERNAL', `internal error: ${message}`, context);
    this.name = 'InternalError';
  }
}

/** Throws an InternalError when `cond` is false; `why` states the invariant. */
export function invariant(cond: unknown, why: string): asserts cond {
  if (!cond) throw new InternalError(why);
}

/** Is `e` a SwxError (optionally with the given code)? */
export function isSwxError(e: unknown, code?: SwxErrorCode): e is SwxError {
  return e instanceof SwxError && (code === undefined || e.code === code);
}
