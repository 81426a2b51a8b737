/**
 * JSON-RPC over HTTP: requests issued together are POSTed as one batch array
 * (JSON-RPC 2.0 §6), answered by one array matched back by id. Uses
 * `node:http`/`node:https` with a keep-alive agent owned by the transport
 * (no fetch, so importing swx does not load undici).
 */
import type { Agent as HttpAgent, IncomingMessage } from 'node:http';
import { BadResponse, TransportFailure, parseFrame, preview, type JsonRpcRequest, type JsonRpcResponse, type Transport, type TransportCounters } from './json-rpc.js';

/** An HTTP endpoint. */
export class HttpTransport implements Transport {
  private agent: Promise<{ request: typeof import('node:http').request; agent: HttpAgent }> | undefined;

  constructor(readonly url: string, private readonly counters: TransportCounters) {}

  private client(): Promise<{ request: typeof import('node:http').request; agent: HttpAgent }> {
    this.agent ??= (async () => {
      const mod = new URL(this.url).protocol === 'https:' ? await import('node:https') : await import('node:http');
      return { request: mod.request as typeof import('node:http').request, agent: new mod.Agent({ keepAlive: true, maxSockets: 4 }) };
    })();
    return this.agent;
  }

  send(requests: readonly JsonRpcRequest[]): Array<Promise<JsonRpcResponse>> {
    const all = this.post(requests);
    return requests.map((r) =>
      all.then((byId) => {
        const got = byId.get(r.id);
        if (got === undefined) throw new BadResponse(`the batch answer has no response with id ${r.id} (${r.method})`);
        return got;
      }),
    );
  }

  private async post(requests: readonly JsonRpcRequest[]): Promise<Map<number, JsonRpcResponse>> {
    const { request, agent } = await this.client();
    const body = Buffer.from(JSON.stringify(requests.length === 1 ? requests[0] : requests));
    this.counters.messages++;
    this.counters.connections++;
    this.counters.bytesSent += body.length;
    const text = await new Promise<string>((resolve, reject) => {
      const req = request(this.url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': body.length } }, (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => {
          this.counters.bytesReceived += c.length;
          chunks.push(c);
        });
        res.on('error', (e) => reject(new TransportFailure(`response interrupted: ${e.message}`, { cause: e })));
        res.on('aborted', () => reject(new TransportFailure('response aborted')));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          const t = Buffer.concat(chunks).toString('utf8');
          if (status >= 500 || status === 429) reject(new TransportFailure(`HTTP ${status}`));
          else if (status !== 200) reject(new BadResponse(`HTTP ${status}: ${preview(t)}`));
          else resolve(t);
        });
      });
      req.on('error', (e) => reject(new TransportFailure(e.message, { cause: e })));
      req.end(body);
    });
    const byId = new Map<number, JsonRpcResponse>();
    for (const r of parseFrame(text)) byId.set(r.id, r);
    return byId;
  }

  async close(): Promise<void> {
    const a = this.agent;
    this.agent = undefined;
    if (a !== undefined) (await a.catch(() => undefined))?.agent.destroy();
  }
}
