/**
 * A fault-injecting TCP proxy for tests: sits between a client and a real
 * server (chopsticks) and, on demand, delays traffic, refuses connections or
 * cuts them in the middle of a request — the faults a client meets on a real
 * network, without touching the server.
 *
 *   const proxy = await startFaultProxy(server.port);
 *   proxy.url('ws') …
 *   proxy.faults.delayMs = 200;                      // every chunk, both ways
 *   proxy.faults.refuse = 3;                         // the next 3 connections are closed at once
 *   proxy.faults.cut = { afterChunks: 1, connections: 2 };  // the next 2 connections forward
 *                                                    // 1 client chunk, then drop at the 2nd
 *   proxy.dropAll();                                 // drop every open connection now
 */
import { connect, createServer, type Server, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** What the proxy does to the next connections. */
export interface Faults {
  /** Delay before forwarding each chunk, in ms (0: none). */
  delayMs: number;
  /** Connections still to refuse (accepted and closed at once). */
  refuse: number;
  /** Connections still to cut: each forwards `afterChunks` client chunks, then both sides are destroyed. */
  cut: { afterChunks: number; connections: number };
}

/** A running proxy. */
export interface FaultProxy {
  readonly port: number;
  readonly faults: Faults;
  /** Connections accepted so far. */
  readonly accepted: () => number;
  url(scheme: 'ws' | 'http'): string;
  dropAll(): void;
  stop(): Promise<void>;
}

/** Starts a proxy on a free port forwarding to 127.0.0.1:`targetPort`. */
export async function startFaultProxy(targetPort: number): Promise<FaultProxy> {
  const faults: Faults = { delayMs: 0, refuse: 0, cut: { afterChunks: 0, connections: 0 } };
  const open = new Set<Socket>();
  let accepted = 0;
  const server: Server = createServer((client) => {
    accepted++;
    open.add(client);
    client.on('close', () => open.delete(client));
    client.on('error', () => undefined);
    if (faults.refuse > 0) {
      faults.refuse--;
      client.destroy();
      return;
    }
    let cutAfter: number | undefined;
    if (faults.cut.connections > 0) {
      faults.cut.connections--;
      cutAfter = faults.cut.afterChunks;
    }
    const upstream = connect(targetPort, '127.0.0.1');
    open.add(upstream);
    upstream.on('close', () => {
      open.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => undefined);
    client.on('close', () => upstream.destroy());
    // Chunks are forwarded in order, each after the delay in force.
    let toServer = Promise.resolve();
    let toClient = Promise.resolve();
    let chunks = 0;
    client.on('data', (b: Buffer) => {
      chunks++;
      if (cutAfter !== undefined && chunks > cutAfter) {
        client.destroy();
        upstream.destroy();
        return;
      }
      toServer = toServer.then(async () => {
        if (faults.delayMs > 0) await sleep(faults.delayMs);
        if (!upstream.destroyed) upstream.write(b);
      });
    });
    upstream.on('data', (b: Buffer) => {
      toClient = toClient.then(async () => {
        if (faults.delayMs > 0) await sleep(faults.delayMs);
        if (!client.destroyed) client.write(b);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const a = server.address();
  const port = typeof a === 'object' && a !== null ? a.port : 0;
  const dropAll = (): void => {
    for (const s of open) s.destroy();
    open.clear();
  };
  return {
    port,
    faults,
    accepted: () => accepted,
    url: (scheme) => `${scheme}://127.0.0.1:${port}`,
    dropAll,
    stop: () =>
      new Promise<void>((resolve) => {
        dropAll();
        server.close(() => resolve());
      }),
  };
}
