/**
 * Worker side of the channel bench (channel.ts): reads through a
 * RemoteBackend as a runtime's host functions do, timing `count` round trips
 * per request from the main thread.
 */
import { parentPort, type MessagePort } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { RemoteBackend } from '../src/executor/remote-backend.js';

/** A request main → worker: time `count` reads of `key` (a view into a large buffer, as Wasm memory is). */
export interface ChannelBenchRequest {
  port?: MessagePort;
  flag?: Int32Array;
  count: number;
}

if (parentPort !== null) {
  const main = parentPort;
  let backend: RemoteBackend | undefined;
  // A key inside a 64 MiB buffer, like a key the runtime passes from its memory.
  const memory = new Uint8Array(64 * 1024 * 1024);
  memory.set([0x3a, 0x63, 0x6f, 0x64, 0x65], 1024);
  const key = memory.subarray(1024, 1024 + 5);
  main.on('message', (m: ChannelBenchRequest) => {
    if (m.port !== undefined && m.flag !== undefined) backend = new RemoteBackend(m.port, m.flag);
    const t0 = performance.now();
    for (let i = 0; i < m.count; i++) backend!.get(key);
    main.postMessage(performance.now() - t0);
  });
}
