/**
 * Allocator errors, with the Display texts of sc-allocator's `Error`
 * (polkadot-sdk `substrate/client/allocator/src/error.rs`):
 *
 *   RequestedAllocationTooLarge → "Requested allocation size is too large"
 *   AllocatorOutOfSpace         → "Allocator ran out of space"
 *   MemoryShrinked              → "Shrinking of the underlying memory is observed"
 *   Other(msg)                  → "Other: <msg>"
 *
 * `Other` is split in two codes: the poisoned allocator refusing service, and
 * everything else (a corrupted header or free list, a bad pointer, a header
 * outside memory).
 */
import { SwxError, type SwxErrorCode } from '../base/errors.js';

/** The codes an allocator error may carry. */
export type AllocatorErrorCode = Extract<
  SwxErrorCode,
  'ALLOCATOR_TOO_LARGE' | 'ALLOCATOR_OUT_OF_SPACE' | 'ALLOCATOR_MEMORY_SHRUNK' | 'ALLOCATOR_POISONED' | 'ALLOCATOR_CORRUPTED'
>;

/** An error of the freeing-bump allocator; its message is upstream's Display text. */
export class AllocatorError extends SwxError {
  override readonly code: AllocatorErrorCode;
  constructor(code: AllocatorErrorCode, message: string, context: Record<string, unknown> = {}) {
    super(code, message, context);
    this.name = 'AllocatorError';
    this.code = code;
  }
}

/** `Error::RequestedAllocationTooLarge`. */
export function tooLarge(size: number): AllocatorError {
  return new AllocatorError('ALLOCATOR_TOO_LARGE', 'Requested allocation size is too large', { size });
}

/** `Error::AllocatorOutOfSpace`. */
export function outOfSpace(context: Record<string, unknown>): AllocatorError {
  return new AllocatorError('ALLOCATOR_OUT_OF_SPACE', 'Allocator ran out of space', context);
}

/** `Error::MemoryShrinked`. */
export function memoryShrunk(observed: number, now: number): AllocatorError {
  return new AllocatorError('ALLOCATOR_MEMORY_SHRUNK', 'Shrinking of the underlying memory is observed', { observed, now });
}

/** `Error::Other("the allocator has been poisoned")`. */
export function poisoned(): AllocatorError {
  return new AllocatorError('ALLOCATOR_POISONED', 'Other: the allocator has been poisoned');
}

/** `Error::Other(msg)` for any other failure (corruption, bad pointer, out-of-bounds header). */
export function other(msg: string, context: Record<string, unknown> = {}): AllocatorError {
  return new AllocatorError('ALLOCATOR_CORRUPTED', `Other: ${msg}`, context);
}
