/**
 * `--timeout MS`: one clock for the whole command. The command runs, exactly
 * as without the option, in a worker thread (command-worker.ts) that is
 * terminated when MS milliseconds have passed — whatever it was doing:
 * reading, decompressing, preparing, probing the version, calling. Its
 * output lines reach this thread as messages, in order.
 */
import { Worker } from 'node:worker_threads';
import { SwxError } from '../base/errors.js';
import type { CliIo } from './command.js';

/** Messages from the command worker. */
export type FromCommandWorker =
  | { kind: 'out'; text: string }
  | { kind: 'err'; text: string }
  | { kind: 'bytes'; bytes: Uint8Array }
  | { kind: 'exit'; code: number };

const WORKER_URL = new URL('./command-worker.js', import.meta.url);

/** Runs `swx argv` in a worker, stopped after `timeoutMs`; resolves with its exit code, rejects with RUNTIME_TIMEOUT. */
export function runWithTimeout(argv: readonly string[], timeoutMs: number, io: CliIo, command: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_URL, { workerData: { argv: [...argv] } });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new SwxError('RUNTIME_TIMEOUT', `swx ${command} did not finish within ${timeoutMs} ms; it was stopped`, { timeoutMs }));
    }, timeoutMs);
    const finish = (f: () => void): void => {
      clearTimeout(timer);
      f();
    };
    worker.on('message', (m: FromCommandWorker) => {
      if (m.kind === 'out') io.out(m.text);
      else if (m.kind === 'err') io.err(m.text);
      else if (m.kind === 'bytes') io.outBytes(m.bytes);
      else finish(() => resolve(m.code));
    });
    worker.on('error', (e) => finish(() => reject(new SwxError('WORKER_FAILED', `swx ${command} failed in its worker: ${e.message}`, {}, { cause: e }))));
    worker.on('exit', (code) => finish(() => reject(new SwxError('WORKER_FAILED', `swx ${command}'s worker exited with code ${code}`))));
  });
}
