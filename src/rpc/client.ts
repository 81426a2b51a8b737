/**
 * A JSON-RPC client for a Substrate-style endpoint (`ws://`, `wss://`,
 * `http://`, `https://`), with what a remote state needs:
 *
 *   call(method, params) ──► queue ──(same tick)──► transport.send(batch)
 *                              ▲                        │ TransportFailure
 *                              └── retry after backoff ─┘ (≤ maxAttempts)
 *
 * - Batching: requests issued in the same tick go out together (one batch
 *   array over HTTP, pipelined frames over WebSocket), at most `maxBatch`
 *   per message.
 * - Faults: a dropped or refused connection, an HTTP 5xx or a timed-out
 *   request is retried (WebSocket reconnects) with exponential backoff; after
 *   `maxAttempts` it fails with `RPC_FAILED` naming the endpoint and the
 *   request. Garbage gives `RPC_BAD_RESPONSE` and a JSON-RPC error object
 *   `RPC_SERVER_ERROR`, neither retried.
 * - `stats` counts requests and bytes, so callers can show what a command
 *   fetched (and tests can check that a cached run fetched nothing).
 */
import { SwxError } from '../base/errors.js';
import { HttpTransport } from './http-transport.js';
import { BadResponse, TransportFailure, preview, type JsonRpcRequest, type JsonRpcResponse, type Transport, type TransportCounters } from './json-rpc.js';
import { WsTransport } from './ws-transport.js';

/** Options of a client; every field optional. */
export interface RpcClientOpts {
  /** Attempts per request before RPC_FAILED (default 5). */
  maxAttempts?: number;
  /** Delay before the first retry in ms, doubled each time up to 2 s (default 50). */
  retryDelayMs?: number;
  /** Time an attempt may take before it counts as failed, in ms (default 30 000). */
  timeoutMs?: number;
  /** Requests per HTTP batch / per flush (default 500). */
  maxBatch?: number;
}

/** What a client has sent and received so far. */
export interface RpcStats extends TransportCounters {
  /** JSON-RPC requests completed or failed (retries not counted again). */
  requests: number;
  /** Attempts repeated after a transport failure. */
  retries: number;
  /** Requests by method (completed or failed). */
  methods: Record<string, number>;
}

/** Longest backoff between attempts, in ms. */
const MAX_RETRY_DELAY_MS = 2000;

interface Queued {
  readonly method: string;
  readonly params: readonly unknown[];
  attempt: number;
  resolve(v: unknown): void;
  reject(e: unknown): void;
}

/** Creates the transport matching `url`'s scheme. */
function transportFor(url: string, counters: TransportCounters): Transport {
  let scheme: string;
  try {
    scheme = new URL(url).protocol;
  } catch {
    throw new SwxError('INVALID_INPUT', `endpoint ${JSON.stringify(url)} is not a URL (expected ws://, wss://, http:// or https://)`, { endpoint: url });
  }
  if (scheme === 'ws:' || scheme === 'wss:') return new WsTransport(url, counters);
  if (scheme === 'http:' || scheme === 'https:') return new HttpTransport(url, counters);
  throw new SwxError('INVALID_INPUT', `endpoint ${url}: unsupported scheme ${scheme} (expected ws, wss, http or https)`, { endpoint: url });
}

/** Short text of a request for error messages: `state_getStorage("0x26aa…", "0x45…")`. */
export function describeRequest(method: string, params: readonly unknown[]): string {
  return `${method}(${preview(params.map((p) => JSON.stringify(p)).join(', '), 160)})`;
}

/** A JSON-RPC client. */
export class RpcClient {
  /** Counters since creation. */
  readonly stats: RpcStats = { requests: 0, retries: 0, messages: 0, bytesSent: 0, bytesReceived: 0, connections: 0, methods: {} };
  private readonly transport: Transport;
  private readonly opts: Required<RpcClientOpts>;
  private queue: Queued[] = [];
  private flushScheduled = false;
  private nextId = 1;
  private closed = false;

  constructor(readonly url: string, opts: RpcClientOpts = {}) {
    this.opts = { maxAttempts: opts.maxAttempts ?? 5, retryDelayMs: opts.retryDelayMs ?? 50, timeoutMs: opts.timeoutMs ?? 30_000, maxBatch: opts.maxBatch ?? 500 };
    this.transport = transportFor(url, this.stats);
  }

  /** Calls `method`; resolves with its `result` (unchecked JSON). */
  call<T = unknown>(method: string, params: readonly unknown[] = []): Promise<T> {
    if (this.closed) return Promise.reject(new SwxError('RPC_FAILED', `${this.url}: client closed before ${describeRequest(method, params)}`, { endpoint: this.url, request: method }));
    return new Promise<unknown>((resolve, reject) => this.enqueue({ method, params, attempt: 0, resolve, reject })) as Promise<T>;
  }

  private enqueue(q: Queued): void {
    this.queue.push(q);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  private flush(): void {
    this.flushScheduled = false;
    const all = this.queue;
    this.queue = [];
    for (let i = 0; i < all.length; i += this.opts.maxBatch) this.sendBatch(all.slice(i, i + this.opts.maxBatch));
  }

  private sendBatch(batch: Queued[]): void {
    const requests: JsonRpcRequest[] = batch.map((q) => ({ jsonrpc: '2.0', id: this.nextId++, method: q.method, params: q.params }));
    const answers = this.transport.send(requests);
    batch.forEach((q, i) => {
      const req = requests[i]!;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          if (this.transport instanceof WsTransport) this.transport.forget(req.id);
          reject(new TransportFailure(`no answer within ${this.opts.timeoutMs} ms`));
        }, this.opts.timeoutMs);
      });
      Promise.race([answers[i]!, timeout]).then(
        (r) => {
          clearTimeout(timer);
          this.settle(q, r);
        },
        (e: unknown) => {
          clearTimeout(timer);
          this.failed(q, e);
        },
      );
    });
  }

  /** Counts a request that ended. */
  private done(method: string): void {
    this.stats.requests++;
    this.stats.methods[method] = (this.stats.methods[method] ?? 0) + 1;
  }

  private settle(q: Queued, r: JsonRpcResponse): void {
    this.done(q.method);
    if (r.kind === 'result') q.resolve(r.result);
    else q.reject(new SwxError('RPC_SERVER_ERROR', `${this.url}: ${describeRequest(q.method, q.params)} answered error ${r.code}: ${r.message}`, { endpoint: this.url, request: q.method, rpcCode: r.code }));
  }

  private failed(q: Queued, e: unknown): void {
    if (e instanceof TransportFailure && !this.closed && q.attempt + 1 < this.opts.maxAttempts) {
      q.attempt++;
      this.stats.retries++;
      const delay = Math.min(this.opts.retryDelayMs * 2 ** (q.attempt - 1), MAX_RETRY_DELAY_MS);
      setTimeout(() => this.enqueue(q), delay);
      return;
    }
    this.done(q.method);
    const what = describeRequest(q.method, q.params);
    if (e instanceof BadResponse) q.reject(new SwxError('RPC_BAD_RESPONSE', `${this.url}: bad answer to ${what}: ${e.message}`, { endpoint: this.url, request: q.method }));
    else if (e instanceof SwxError) q.reject(e);
    else {
      const why = e instanceof Error ? e.message : String(e);
      q.reject(new SwxError('RPC_FAILED', `${this.url}: ${what} failed after ${q.attempt + 1} attempt${q.attempt === 0 ? '' : 's'}: ${why}`, { endpoint: this.url, request: q.method, attempts: q.attempt + 1 }));
    }
  }

  /** Closes the connection; later calls fail. */
  async close(): Promise<void> {
    this.closed = true;
    await this.transport.close();
  }
}
