/**
 * A pool of isolated runtimes for independent calls in parallel (RPC
 * `state_call`s, dry-runs, validation): each call goes to the worker with the
 * fewest calls in flight. One worker per core is the natural size. Like
 * `IsolatedRuntime`, an idle pool does not keep the process alive; `close()`
 * (or `await using`) ends its workers.
 */
import { availableParallelism } from 'node:os';
import { SwxError } from '../base/errors.js';
import type { RuntimeVersion } from '../blob/index.js';
import { IsolatedRuntime, type IsolatedRuntimeOpts } from './isolated.js';
import type { CallOpts, CallResult, RuntimeCaller } from './caller.js';

/** Options of a pool: an isolated runtime's, plus its size. */
export interface RuntimePoolOpts extends IsolatedRuntimeOpts {
  /** Number of workers (default: the machine's available parallelism). */
  size?: number;
}

/** N isolated runtimes of one blob. */
export class RuntimePool implements RuntimeCaller {
  private readonly inFlight: number[];
  private closed = false;

  private constructor(private readonly workers: IsolatedRuntime[]) {
    this.inFlight = workers.map(() => 0);
  }

  /** Starts `size` workers for `blob`. */
  static async create(blob: Uint8Array, opts: RuntimePoolOpts = {}): Promise<RuntimePool> {
    const { size = availableParallelism(), ...rest } = opts;
    if (!Number.isInteger(size) || size < 1) throw new SwxError('INVALID_INPUT', `pool size must be a positive integer (got ${size})`);
    const workers = await Promise.all(Array.from({ length: size }, () => IsolatedRuntime.create(blob, rest)));
    return new RuntimePool(workers);
  }

  /** The runtime's version. */
  get version(): RuntimeVersion | undefined {
    return this.workers[0]?.version;
  }

  /** Number of workers. */
  get size(): number {
    return this.workers.length;
  }

  /** Runs a call on the least busy worker. */
  async call(method: string, input: Uint8Array = new Uint8Array(0), opts: CallOpts = {}): Promise<CallResult> {
    if (this.closed) throw new SwxError('INVALID_INPUT', 'the runtime pool is closed', { method });
    let best = 0;
    for (let i = 1; i < this.inFlight.length; i++) if (this.inFlight[i]! < this.inFlight[best]!) best = i;
    this.inFlight[best]!++;
    try {
      return await this.workers[best]!.call(method, input, opts);
    } finally {
      this.inFlight[best]!--;
    }
  }

  /** Stops every worker; later calls are refused. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.close()));
  }

  /** `await using pool = await RuntimePool.create(…)` closes it at the end of the scope. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
