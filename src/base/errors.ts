/**
 * Typed errors. Every error swx raises is a `SwxError` with a stable `code`
 * (part of the public contract: tools switch on it) and structured `context`
 * (the runtime method, the host function, pointers…). Broken invariants of
 * swx itself are `InternalError`s: a bug, never bad input.
 *
 * Codes are grouped by stage; a code is never reused for another meaning.
 */

/** Every stable error code swx can raise. */
export type SwxErrorCode =
  // input / files
  | 'INVALID_INPUT'
  | 'FILE_UNREADABLE'
  | 'CHAIN_SPEC_INVALID'
  | 'INPUT_TOO_LARGE'
  | 'OUTPUT_WRITE_FAILED'
  // wasm
  | 'WASM_MALFORMED'
  | 'WASM_UNSUPPORTED_FEATURE'
  | 'WASM_INVALID'
  | 'WASM_TRANSFORM_FAILED'
  // blob
  | 'BLOB_INVALID'
  | 'BLOB_DECOMPRESSION_FAILED'
  | 'BLOB_BOMB'
  | 'BLOB_NO_MEMORY'
  | 'BLOB_NO_HEAP_BASE'
  | 'BLOB_MEMORY_TOO_SMALL'
  | 'VERSION_INVALID'
  // allocator
  | 'ALLOCATOR_TOO_LARGE'
  | 'ALLOCATOR_OUT_OF_SPACE'
  | 'ALLOCATOR_MEMORY_SHRUNK'
  | 'ALLOCATOR_POISONED'
  | 'ALLOCATOR_CORRUPTED'
  // state / trie
  | 'STATE_NO_TRANSACTION'
  | 'TRIE_PROOF_INVALID'
  // host
  | 'HOST_MISSING_IMPORTS'
  | 'HOST_SIGNATURE_MISMATCH'
  | 'HOST_UNSUPPORTED_IMPORT'
  | 'HOST_BAD_ARGUMENT'
  | 'HOST_OUT_OF_BOUNDS'
  | 'HOST_MISSING_FUNCTION_CALLED'
  | 'HOST_NOT_AVAILABLE'
  // executor
  | 'EXPORT_NOT_FOUND'
  | 'RUNTIME_TRAP'
  | 'RUNTIME_PANIC'
  | 'RUNTIME_OUTPUT_OUT_OF_BOUNDS'
  | 'RUNTIME_INSTANTIATION_FAILED'
  | 'RUNTIME_COMPILE_FAILED'
  | 'RUNTIME_ERROR_RESULT'
  | 'RUNTIME_TIMEOUT'
  | 'RUNTIME_MEMORY_LIMIT'
  | 'WORKER_FAILED'
  | 'INTERNAL';

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
