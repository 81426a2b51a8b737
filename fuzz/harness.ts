/**
 * What a fuzz case is and how its outcome is judged.
 *
 * A case kind draws one input from a seeded Rng and pushes it through swx's
 * public entry points. Its outcome is one of:
 *
 *   ok         swx accepted the input and finished
 *   typed      swx refused it with a SwxError (the contract for bad input or a failing runtime)
 *   untyped    anything else thrown: a plain Error, a TypeError, an InternalError (a swx bug)
 *
 * Typed errors whose cause is a JS engine error (a TypeError caught and
 * wrapped) are counted apart as "wrapped": typed for the user, yet a sign of a
 * check swx lacks.
 *
 * A crash (the process dying: V8 abort, out of memory) cannot be caught here;
 * the runner sees it from outside, because every kind runs in its own child
 * process (see run.ts). Each case has its own seed, printed with a finding, so
 * one case replays alone: `npm run fuzz -- --kinds=KIND --seed=SEED --count=1`.
 */
import { InternalError, isSwxError } from '../src/base/errors.js';
import { Rng } from '../test/conformance/differential/rng.js';

export { Rng };

/** One kind of fuzz case. */
export interface CaseKind<Ctx> {
  /** Short name (`blob`, `wasm`, `hostcall`, `spec`). */
  readonly name: string;
  /** What it feeds to swx. */
  readonly description: string;
  /** Loads what every case shares (corpus files, hashers). */
  setup(): Promise<Ctx>;
  /** Runs one case drawn from `rng`; throws what swx threw. */
  run(ctx: Ctx, rng: Rng): Promise<void>;
}

/** A kind with its context hidden: `start()` loads what cases share and gives the case runner. */
export interface FuzzKind {
  readonly name: string;
  readonly description: string;
  start(): Promise<(rng: Rng) => Promise<void>>;
}

/** Hides a kind's context type. */
export function fuzzKind<Ctx>(kind: CaseKind<Ctx>): FuzzKind {
  return {
    name: kind.name,
    description: kind.description,
    async start() {
      const ctx = await kind.setup();
      return (rng) => kind.run(ctx, rng);
    },
  };
}

/** How a case ended. */
export type Outcome = { kind: 'ok' } | { kind: 'typed'; code: string; wrapped?: string } | { kind: 'untyped'; message: string };

/** JS engine errors that mean swx called something wrongly (not a Wasm trap, not bad input it recognised). */
const ENGINE_ERRORS = ['TypeError', 'ReferenceError', 'SyntaxError'];

/** Classifies a thrown value (undefined: the case finished). */
export function classify(e: unknown): Outcome {
  if (e === undefined) return { kind: 'ok' };
  if (isSwxError(e) && !(e instanceof InternalError)) {
    // Typed, but wrapping a JS engine error: a check swx lacks (counted apart, not a failure).
    const cause = e.cause;
    if (cause instanceof Error && ENGINE_ERRORS.includes(cause.name)) return { kind: 'typed', code: e.code, wrapped: `${e.code}: ${e.message}` };
    return { kind: 'typed', code: e.code };
  }
  const what = e instanceof Error ? `${e.name}: ${e.message}\n${(e.stack ?? '').split('\n').slice(1, 6).join('\n')}` : String(e);
  return { kind: 'untyped', message: what };
}

/** The seed of case `i` of a run seeded with `seed` (distinct, well mixed). */
export function caseSeed(seed: number, i: number): number {
  return (Math.imul(seed >>> 0, 0x9e3779b1) + Math.imul(i + 1, 0x85ebca77)) >>> 0;
}
