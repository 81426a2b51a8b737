/**
 * Instantiation strategies: how instances of one compiled runtime serve
 * successive calls. This table is the one place a strategy is defined; the
 * preparation (which globals to export), the runtime (whether to reuse an
 * instance), the instance (what to record and put back), the CLI's
 * `--strategy` option and its help text, and the tests all read it.
 *
 *   strategy       instances        recorded at creation       put back before each reuse
 *   recreate       one per call     —                          —
 *   pooled         one, reused      memory [0, __heap_base)    that image, zeroed used heap, every mutable global
 *   legacy-reuse   one, reused      active data segments       those segments, every mutable global (heap not zeroed)
 *
 * `recreate` is sc-executor master's behaviour. `legacy-reuse` is Substrate
 * 2022's `LegacyInstanceReuse`: a call can see bytes an earlier call left
 * above `__heap_base`. `pooled` restores everything a Rust runtime can touch
 * (a runtime writing above the allocator's high-water mark without allocating
 * would not be reset). A reused instance whose call trapped or grew the memory
 * is discarded, whatever the strategy.
 */
import { SwxError } from '../base/errors.js';
import type { WasmModule } from '../wasm/index.js';

/** An active data segment with a constant offset (for legacy instance reuse). */
export interface DataSegmentSnapshot {
  offset: number;
  bytes: Uint8Array;
}

/** What a strategy needs from an instance (RuntimeInstance implements it). */
export interface ResettableInstance {
  /** Records `[0, __heap_base)`. */
  recordImage(): void;
  /** Writes the recorded image back and zeroes the heap the previous calls used. */
  restoreImageAndZeroHeap(): void;
  /** Records data segments to re-apply. */
  recordDataSegments(segments: DataSegmentSnapshot[]): void;
  /** Re-applies the recorded data segments. */
  reapplyDataSegments(): void;
  /** Restores every exported mutable global to its value at instantiation. */
  restoreGlobals(): void;
}

/** One instantiation strategy. */
export interface StrategySpec {
  /** One line for help texts. */
  readonly summary: string;
  /** Whether an instance serves more than one call (then mutable globals are exported by preparation). */
  readonly reuses: boolean;
  /** Records what a reset will need, on a new instance (`dataSegments`: the prepared module's, computed on demand). */
  snapshot(inst: ResettableInstance, dataSegments: () => DataSegmentSnapshot[]): void;
  /** Puts back what the previous call changed. */
  reset(inst: ResettableInstance): void;
}

/** Every strategy, by name. */
export const INSTANTIATION_STRATEGIES = {
  recreate: {
    summary: 'a new instance per call (Substrate master)',
    reuses: false,
    snapshot() {},
    reset() {},
  },
  pooled: {
    summary: 'one instance reused; memory image below __heap_base, used heap and globals restored per call (default)',
    reuses: true,
    snapshot: (inst) => inst.recordImage(),
    reset: (inst) => {
      inst.restoreImageAndZeroHeap();
      inst.restoreGlobals();
    },
  },
  'legacy-reuse': {
    summary: "Substrate 2022's LegacyInstanceReuse: data segments and globals restored, heap not zeroed",
    reuses: true,
    snapshot: (inst, dataSegments) => inst.recordDataSegments(dataSegments()),
    reset: (inst) => {
      inst.reapplyDataSegments();
      inst.restoreGlobals();
    },
  },
} as const satisfies Record<string, StrategySpec>;

/** The name of an instantiation strategy. */
export type InstantiationStrategy = keyof typeof INSTANTIATION_STRATEGIES;

/** The strategy used when none is given. */
export const DEFAULT_INSTANTIATION_STRATEGY: InstantiationStrategy = 'pooled';

/** Every strategy name, in table order. */
export const STRATEGY_NAMES = Object.keys(INSTANTIATION_STRATEGIES) as InstantiationStrategy[];

/** The spec of strategy `name`. */
export function strategySpec(name: InstantiationStrategy): StrategySpec {
  return INSTANTIATION_STRATEGIES[name];
}

/** Checks a strategy name given as text (an option, a message from another thread). */
export function parseStrategy(name: string): InstantiationStrategy {
  if (!Object.hasOwn(INSTANTIATION_STRATEGIES, name)) {
    throw new SwxError('INVALID_INPUT', `unknown instantiation strategy "${name}" (one of ${STRATEGY_NAMES.join(', ')})`, { strategy: name });
  }
  return name as InstantiationStrategy;
}

/** Active data segments with `i32.const` offsets (Substrate 2022 `DataSegmentsSnapshot` rules). */
export function snapshotDataSegments(m: Pick<WasmModule, 'data'>): DataSegmentSnapshot[] {
  const out: DataSegmentSnapshot[] = [];
  for (const seg of m.data) {
    if (seg.mode !== 'active') throw new SwxError('WASM_UNSUPPORTED_FEATURE', 'passive data segments are not supported by legacy instance reuse', { feature: 'bulkMemory' });
    const off = seg.offset;
    if (off === undefined || off.op !== 'i32.const') throw new SwxError('WASM_UNSUPPORTED_FEATURE', 'data segments with non-constant offsets are not supported by legacy instance reuse');
    out.push({ offset: off.value >>> 0, bytes: seg.bytes });
  }
  return out;
}
