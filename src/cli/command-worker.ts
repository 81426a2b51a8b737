/** The worker side of `--timeout` (timeout.ts): runs the command as usual, sending its output back. */
import { parentPort, workerData } from 'node:worker_threads';
import { runCli } from './main.js';
import type { FromCommandWorker } from './timeout.js';

const port = parentPort!;
const send = (m: FromCommandWorker): void => port.postMessage(m);
const code = await runCli(
  (workerData as { argv: string[] }).argv,
  (text) => send({ kind: 'out', text }),
  (text) => send({ kind: 'err', text }),
  { outBytes: (bytes) => send({ kind: 'bytes', bytes }), inWorker: true },
);
send({ kind: 'exit', code });
