/**
 * Memory caps of runtime calls, enforced by the host so that no runtime can
 * grow the process until V8 aborts (`FATAL ERROR: … heap out of memory`
 * cannot be caught). A runtime's own memory is at most 4 GiB (wasm32), but
 * what the host keeps on its behalf is not bounded by it: every distinct key
 * written stays in the overlay, every log line in the call's effects.
 *
 *   overlay  the bytes the storage overlay holds: keys, values of every
 *            transaction layer, and a fixed per-entry charge for the JS objects
 *            behind them (top trie, child tries and offchain index together,
 *            for the life of the StateMachine)
 *   log      target + message characters of the log lines recorded in one call
 *   output   the bytes a call returns
 *
 * Counting is incremental (one addition per write), so the cap costs nothing
 * measurable on the hot path. Passing a cap is `RUNTIME_MEMORY_LIMIT` (exit
 * code 1: the runtime failed), thrown before the write that would pass it, so
 * the overlay stays consistent; the caller's backend is never touched.
 *
 * Defaults (all raisable): Substrate has no such caps, its node's memory is the
 * limit; swx picks values far above what a real chain needs and well below
 * where V8 dies. A block's writes are bounded by its weight and proof size
 * (a few MiB; Polkadot's block length limit is 5 MiB) and the largest real
 * call, a genesis build, writes the whole genesis state (tens of MiB for the
 * largest public chain specs), so the overlay default is 1 GiB.
 */
import { SwxError } from '../base/errors.js';

/** Memory caps of a call (bytes). */
export interface CallLimits {
  /** What the storage overlay may hold, keys + values + OVERLAY_ENTRY_CHARGE per entry (default 1 GiB). */
  maxOverlayBytes: number;
  /** Characters of target + message over the log lines one call records (default 256 MiB). */
  maxLogBytes: number;
  /** Bytes a call may return (default 256 MiB: twice that as hex is still below V8's longest string). */
  maxOutputBytes: number;
}

/** The default caps. */
export const DEFAULT_CALL_LIMITS: Readonly<CallLimits> = Object.freeze({
  maxOverlayBytes: 1024 * 1024 * 1024,
  maxLogBytes: 256 * 1024 * 1024,
  maxOutputBytes: 256 * 1024 * 1024,
});

/**
 * Bytes charged per overlay key besides its key and value bytes: the JS objects
 * holding it (map entry, layer array, Uint8Array, sorted-key slot, set slots).
 * Measured on Node 20: 382 B of heap per new key (32-byte key, 8-byte value),
 * so the charge keeps the count close to the heap the overlay really uses.
 */
export const OVERLAY_ENTRY_CHARGE = 320;
/** Bytes charged per extra transaction layer of a key (measured: ~420 B of heap per layer with an 8-byte value). */
export const OVERLAY_LAYER_CHARGE = 384;

/** Which cap a meter enforces. */
export type LimitKind = 'overlay' | 'log' | 'output';

const OPTION_OF: Record<LimitKind, keyof CallLimits> = { overlay: 'maxOverlayBytes', log: 'maxLogBytes', output: 'maxOutputBytes' };

/** Caps with defaults filled in; each given value must be a positive safe integer (else INVALID_INPUT). */
export function resolveCallLimits(limits: Partial<CallLimits> = {}): CallLimits {
  const out = { ...DEFAULT_CALL_LIMITS };
  for (const key of Object.keys(OPTION_OF).map((k) => OPTION_OF[k as LimitKind])) {
    const v = limits[key];
    if (v === undefined) continue;
    if (!Number.isSafeInteger(v) || v <= 0) throw new SwxError('INVALID_INPUT', `${key} must be a positive integer number of bytes (got ${String(v)})`);
    out[key] = v;
  }
  return out;
}

/** The typed error of a passed cap. */
export function memoryLimitError(kind: LimitKind, limit: number, wanted: number, context: Record<string, unknown> = {}): SwxError {
  return new SwxError(
    'RUNTIME_MEMORY_LIMIT',
    `the call's ${kind} would hold ${wanted} bytes, more than the limit of ${limit} (raise ${OPTION_OF[kind]})`,
    { ...context, limit, kind },
  );
}

/** A running total against one cap. */
export class ByteMeter {
  /** Bytes counted so far. */
  used = 0;

  constructor(
    /** The cap, in bytes. */
    readonly limit: number,
    readonly kind: LimitKind,
  ) {}

  /** Adds `delta` (may be negative); throws RUNTIME_MEMORY_LIMIT, counting nothing, if the total would pass the cap. */
  charge(delta: number): void {
    const next = this.used + delta;
    if (next > this.limit) throw memoryLimitError(this.kind, this.limit, next);
    this.used = next;
  }
}

/** Throws RUNTIME_MEMORY_LIMIT if a call's output of `length` bytes passes `limits.maxOutputBytes` (check before copying it). */
export function checkOutputSize(limits: CallLimits, length: number, method: string): void {
  if (length > limits.maxOutputBytes) throw memoryLimitError('output', limits.maxOutputBytes, length, { method });
}
