/**
 * JSON-RPC over WebSocket (`ws`): one connection, requests pipelined (each
 * sent as its own frame as soon as it is issued, answers matched by id in any
 * order). The connection opens on the first request and again on the first
 * request after it dropped; requests in flight when it drops fail with a
 * TransportFailure (the client retries them on the new connection).
 */
import type WebSocket from 'ws';
import { BadResponse, TransportFailure, parseFrame, type JsonRpcRequest, type JsonRpcResponse, type Transport, type TransportCounters } from './json-rpc.js';

interface Pending {
  resolve(r: JsonRpcResponse): void;
  reject(e: Error): void;
}

/** A WebSocket endpoint. */
export class WsTransport implements Transport {
  private socket: Promise<WebSocket> | undefined;
  private readonly pending = new Map<number, Pending>();

  constructor(readonly url: string, private readonly counters: TransportCounters) {}

  private connect(): Promise<WebSocket> {
    if (this.socket !== undefined) return this.socket;
    const opening = (async () => {
      const { default: WebSocketCtor } = await import('ws');
      this.counters.connections++;
      const ws = new WebSocketCtor(this.url, { perMessageDeflate: false, maxPayload: 512 * 1024 * 1024 });
      await new Promise<void>((resolve, reject) => {
        ws.once('open', () => resolve());
        ws.once('error', (e) => reject(new TransportFailure(`cannot connect: ${e.message}`, { cause: e })));
      });
      ws.on('message', (data: Buffer, isBinary: boolean) => this.onFrame(ws, data, isBinary));
      ws.on('error', () => undefined);
      ws.on('close', (code) => this.dropped(ws, `connection closed (code ${code})`));
      return ws;
    })();
    this.socket = opening;
    opening.catch(() => {
      if (this.socket === opening) this.socket = undefined;
    });
    return opening;
  }

  private dropped(ws: WebSocket, why: string): void {
    void this.socket?.then((s) => {
      if (s === ws) this.socket = undefined;
    }, () => undefined);
    const failure = new TransportFailure(why);
    for (const p of this.pending.values()) p.reject(failure);
    this.pending.clear();
  }

  private onFrame(ws: WebSocket, data: Buffer, isBinary: boolean): void {
    this.counters.bytesReceived += data.length;
    let responses: JsonRpcResponse[];
    try {
      if (isBinary) throw new BadResponse('binary frame');
      responses = parseFrame(data.toString('utf8'));
    } catch (e) {
      // Garbage on the connection: every request in flight on it gets the error.
      for (const p of this.pending.values()) p.reject(e as Error);
      this.pending.clear();
      ws.terminate();
      return;
    }
    for (const r of responses) {
      const p = this.pending.get(r.id);
      if (p === undefined) continue;
      this.pending.delete(r.id);
      p.resolve(r);
    }
  }

  send(requests: readonly JsonRpcRequest[]): Array<Promise<JsonRpcResponse>> {
    const sock = this.connect();
    return requests.map(
      (r) =>
        new Promise<JsonRpcResponse>((resolve, reject) => {
          sock.then((ws) => {
            if (ws.readyState !== ws.OPEN) {
              reject(new TransportFailure('connection closed'));
              return;
            }
            this.pending.set(r.id, { resolve, reject });
            const text = JSON.stringify(r);
            this.counters.messages++;
            this.counters.bytesSent += Buffer.byteLength(text);
            ws.send(text);
          }, reject);
        }),
    );
  }

  /** Forgets a request (timed out): a late answer is ignored. */
  forget(id: number): void {
    this.pending.delete(id);
  }

  async close(): Promise<void> {
    const s = this.socket;
    this.socket = undefined;
    if (s === undefined) return;
    const ws = await s.catch(() => undefined);
    if (ws === undefined) return;
    await new Promise<void>((resolve) => {
      if (ws.readyState === ws.CLOSED) return resolve();
      ws.once('close', () => resolve());
      ws.terminate();
    });
  }
}
