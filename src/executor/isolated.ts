/**
 * Isolated execution: a runtime served by a worker thread, so that a runtime
 * that runs away (an endless loop) is stopped after `timeoutMs` by
 * terminating its worker, and can never block or crash the caller's process.
 *
 *   main thread                              worker (isolated-worker.ts)
 *   IsolatedRuntime.create(blob, opts) ──►   loadRuntimeCode + createRuntime
 *   call(method, input, {state})       ──►   the same Runtime.call as in-process,
 *        ◄── CallResult                      on its copy of the state (sent once per backend)
 *   timeout: worker.terminate(), RUNTIME_TIMEOUT; the next call starts a new worker
 *
 * Calls are queued: one worker runs one call at a time. The worker does not
 * keep the process alive while no call is running (it is unref'd when idle);
 * `close()` (or `await using`) ends it for good.
 *
 * The state of a call is either a StorageBackend (copied to the worker once) or
 * an AsyncStorageBackend (e.g. storage behind an RPC): then every read blocks
 * the worker on Atomics.wait while the main thread awaits the backend
 * (remote-backend.ts).
 */
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { SwxError, type SwxErrorCode, type SwxErrorContext } from '../base/errors.js';
import { isAsyncBackend, type StorageBackend } from '../state/index.js';
import type { RuntimeVersion } from '../blob/index.js';
import { serveStorageRequests } from './remote-backend.js';
import type { SemanticsOpts } from './semantics.js';
import type { CallOpts, CallResult, RuntimeCaller } from './caller.js';

/** Options of an isolated runtime: serializable semantics plus a default time limit. */
export interface IsolatedRuntimeOpts extends Omit<SemanticsOpts, 'hostFunctions'> {
  /** Time limit in milliseconds for loading the runtime and for each call (undefined: none). */
  timeoutMs?: number;
  /**
   * The worker's stack in MiB. Default: 256 with a deterministic stack limit
   * (sc-executor `DEFAULT_NATIVE_STACK_MAX`, so the logical limit trips before
   * V8's native one), else Node's default.
   */
  stackSizeMb?: number;
}

/** sc-executor PVF `DEFAULT_NATIVE_STACK_MAX` (256 MiB), used as the worker's stack under a deterministic limit. */
export const DETERMINISTIC_NATIVE_STACK_MB = 256;

/** A state as sent to the worker. */
export interface StateTransfer {
  top: Array<readonly [Uint8Array, Uint8Array]>;
  children: Array<readonly [Uint8Array, Array<readonly [Uint8Array, Uint8Array]>]>;
}

/** The call options that cross to the worker. */
export type CallOptsTransfer = Pick<CallOpts, 'maxLogLevel' | 'limits'>;

/** Messages main → worker. */
export type ToWorker =
  | { kind: 'init'; blob: Uint8Array; opts: Omit<IsolatedRuntimeOpts, 'timeoutMs' | 'stackSizeMb'>; storagePort: MessagePort; storageFlag: Int32Array }
  | { kind: 'state'; id: number; state: StateTransfer }
  /** `stateId`: a state sent before; `remote`: read the state through the storage channel (an AsyncStorageBackend). */
  | { kind: 'call'; id: number; method: string; input: Uint8Array; stateId: number | undefined; remote: boolean; opts: CallOptsTransfer };

/** A SwxError as sent across threads. */
export interface ErrorTransfer {
  code: SwxErrorCode;
  message: string;
  context: SwxErrorContext;
}

/** Messages worker → main. */
export type FromWorker =
  | { kind: 'ready'; version: RuntimeVersion | undefined }
  | { kind: 'result'; id: number; result: CallResult }
  | { kind: 'error'; id: number | undefined; error: ErrorTransfer };

function revive(e: ErrorTransfer): SwxError {
  return new SwxError(e.code, e.message, e.context);
}

/** Copies a backend's content for the worker. */
export function stateTransfer(state: StorageBackend): StateTransfer {
  return {
    top: state.entries().map(([k, v]) => [k, v] as const),
    children: state.childStorageKeys().map((sk) => [sk, state.childEntries(sk).map(([k, v]) => [k, v] as const)] as const),
  };
}

/** Refuses the options that cannot cross to a worker. */
function transferableOpts(method: string, opts: CallOpts): CallOptsTransfer {
  for (const name of ['storage', 'keystore', 'offchain'] as const) {
    if (opts[name] !== undefined) throw new SwxError('INVALID_INPUT', `option "${name}" holds behaviour and cannot be used with a runtime in a worker; use an in-process Runtime`, { method });
  }
  return { ...(opts.maxLogLevel !== undefined ? { maxLogLevel: opts.maxLogLevel } : {}), ...(opts.limits !== undefined ? { limits: { ...opts.limits } } : {}) };
}

const WORKER_URL = new URL('./isolated-worker.js', import.meta.url);

interface Pending {
  resolve: (r: CallResult) => void;
  reject: (e: unknown) => void;
}

/** A runtime running in a worker thread. */
export class IsolatedRuntime implements RuntimeCaller {
  private worker: Worker | undefined;
  /** Main end of the current worker's storage channel. */
  private storagePort: MessagePort | undefined;
  private storageFlag: Int32Array | undefined;
  private ready: Promise<RuntimeVersion | undefined> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;
  /** Operations (start, calls) in progress; the worker keeps the process alive only while there is one. */
  private busy = 0;
  private closed = false;
  /** States the current worker holds (forgotten with the worker). */
  private sentStates = new WeakMap<StorageBackend, number>();
  private pending = new Map<number, Pending>();
  /** The runtime's version (set once the first worker is ready). */
  version: RuntimeVersion | undefined = undefined;

  private constructor(private readonly blob: Uint8Array, private readonly opts: IsolatedRuntimeOpts) {}

  /** Starts a worker that loads `blob` with `opts`; resolves when it is ready (within `timeoutMs`). */
  static async create(blob: Uint8Array, opts: IsolatedRuntimeOpts = {}): Promise<IsolatedRuntime> {
    const rt = new IsolatedRuntime(blob.slice(), { ...opts });
    rt.version = await rt.hold(() => rt.start());
    return rt;
  }

  /** Keeps the worker referenced while `op` runs. */
  private async hold<T>(op: () => Promise<T>): Promise<T> {
    if (this.busy++ === 0) this.worker?.ref();
    try {
      return await op();
    } finally {
      if (--this.busy === 0) this.worker?.unref();
    }
  }

  private start(): Promise<RuntimeVersion | undefined> {
    if (this.ready !== undefined) return this.ready;
    const { timeoutMs, stackSizeMb, ...semantics } = this.opts;
    const stack = stackSizeMb ?? (semantics.deterministicStackLimit !== undefined ? DETERMINISTIC_NATIVE_STACK_MB : undefined);
    const worker = new Worker(WORKER_URL, stack !== undefined ? { resourceLimits: { stackSizeMb: stack } } : {});
    this.worker = worker;
    if (this.busy === 0) worker.unref();
    this.ready = new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const fail = (e: unknown): void => {
        if (timer !== undefined) clearTimeout(timer);
        const err = e instanceof SwxError ? e : new SwxError('WORKER_FAILED', `runtime worker failed: ${e instanceof Error ? e.message : String(e)}`);
        reject(err);
        for (const p of this.pending.values()) p.reject(err);
        this.pending.clear();
        this.discard(worker);
      };
      if (timeoutMs !== undefined) {
        timer = setTimeout(() => fail(new SwxError('RUNTIME_TIMEOUT', `loading the runtime did not finish within ${timeoutMs} ms; its worker was stopped`, { timeoutMs })), timeoutMs);
      }
      worker.on('message', (m: FromWorker) => {
        if (m.kind === 'ready') {
          if (timer !== undefined) clearTimeout(timer);
          resolve(m.version);
        } else if (m.kind === 'result') this.settle(m.id, (p) => p.resolve(m.result));
        else if (m.id === undefined) fail(revive(m.error));
        else this.settle(m.id, (p) => p.reject(revive(m.error)));
      });
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (this.worker === worker) fail(new SwxError('WORKER_FAILED', `runtime worker exited with code ${code}`));
      });
    });
    const channel = new MessageChannel();
    const flag = new Int32Array(new SharedArrayBuffer(4));
    channel.port1.unref();
    this.storagePort = channel.port1;
    this.storageFlag = flag;
    worker.postMessage({ kind: 'init', blob: this.blob, opts: semantics, storagePort: channel.port2, storageFlag: flag } satisfies ToWorker, [channel.port2]);
    return this.ready;
  }

  private settle(id: number, f: (p: Pending) => void): void {
    const p = this.pending.get(id);
    if (p === undefined) return;
    this.pending.delete(id);
    f(p);
  }

  private discard(worker: Worker): void {
    if (this.worker === worker) {
      this.worker = undefined;
      this.ready = undefined;
      this.storagePort?.close();
      this.storagePort = undefined;
      this.sentStates = new WeakMap();
    }
    void worker.terminate();
  }

  /** Calls `method` in the worker; rejects with RUNTIME_TIMEOUT after `timeoutMs` (the worker is then replaced). */
  call(method: string, input: Uint8Array = new Uint8Array(0), opts: CallOpts = {}): Promise<CallResult> {
    if (this.closed) return Promise.reject(new SwxError('INVALID_INPUT', 'the isolated runtime is closed', { method }));
    let transfer: CallOptsTransfer;
    try {
      transfer = transferableOpts(method, opts);
    } catch (e) {
      return Promise.reject(e);
    }
    const run = (): Promise<CallResult> =>
      this.hold(async () => {
        await this.start();
        const worker = this.worker!;
        const state = opts.state;
        if (isAsyncBackend(state)) {
          const stop = serveStorageRequests(this.storagePort!, this.storageFlag!, state);
          try {
            return await this.send(worker, method, input, undefined, true, transfer, opts.timeoutMs);
          } finally {
            stop();
          }
        }
        let stateId: number | undefined;
        if (state !== undefined) {
          stateId = this.sentStates.get(state);
          if (stateId === undefined) {
            stateId = this.nextId++;
            worker.postMessage({ kind: 'state', id: stateId, state: stateTransfer(state) } satisfies ToWorker);
            this.sentStates.set(state, stateId);
          }
        }
        return this.send(worker, method, input, stateId, false, transfer, opts.timeoutMs);
      });
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private send(worker: Worker, method: string, input: Uint8Array, stateId: number | undefined, remote: boolean, opts: CallOptsTransfer, timeout: number | undefined): Promise<CallResult> {
    const id = this.nextId++;
    const timeoutMs = timeout ?? this.opts.timeoutMs;
    return new Promise<CallResult>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const done = (): void => {
        if (timer !== undefined) clearTimeout(timer);
      };
      this.pending.set(id, {
        resolve: (r) => {
          done();
          resolve(r);
        },
        reject: (e) => {
          done();
          reject(e);
        },
      });
      if (timeoutMs !== undefined) {
        timer = setTimeout(() => {
          this.pending.delete(id);
          this.discard(worker);
          reject(new SwxError('RUNTIME_TIMEOUT', `${method} did not finish within ${timeoutMs} ms; its worker was stopped`, { method, timeoutMs }));
        }, timeoutMs);
      }
      worker.postMessage({ kind: 'call', id, method, input: input.slice(), stateId, remote, opts } satisfies ToWorker);
    });
  }

  /** Stops the worker; later calls are refused. */
  async close(): Promise<void> {
    this.closed = true;
    const w = this.worker;
    this.worker = undefined;
    this.ready = undefined;
    this.storagePort?.close();
    this.storagePort = undefined;
    if (w !== undefined) await w.terminate();
  }

  /** `await using rt = await IsolatedRuntime.create(…)` closes it at the end of the scope. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
