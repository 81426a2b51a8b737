/**
 * The worker side of `IsolatedRuntime`: loads the runtime once, keeps the
 * states it was sent, and serves calls one at a time with the very same
 * `Runtime.call` an in-process caller uses.
 */
import { parentPort, type MessagePort } from 'node:worker_threads';
import { SwxError, isSwxError } from '../base/errors.js';
import { InMemoryBackend } from '../state/index.js';
import { loadRuntimeCode } from './runtime-code.js';
import { createRuntime, type Runtime } from './runtime.js';
import type { ErrorTransfer, FromWorker, ToWorker } from './isolated.js';
import { RemoteBackend } from './remote-backend.js';

function transfer(e: unknown): ErrorTransfer {
  if (isSwxError(e)) return { code: e.code, message: e.message, context: JSON.parse(JSON.stringify(e.context, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))) as ErrorTransfer['context'] };
  return { code: 'WORKER_FAILED', message: e instanceof Error ? e.message : String(e), context: {} };
}

/** Serves one IsolatedRuntime over `port`: the runtime and the states live in this closure. */
function serve(port: MessagePort): void {
  let runtime: Runtime | undefined;
  let remote: RemoteBackend | undefined;
  const states = new Map<number, InMemoryBackend>();
  const send = (m: FromWorker): void => port.postMessage(m);

  port.on('message', (m: ToWorker) => {
    void (async () => {
      switch (m.kind) {
        case 'init':
          try {
            runtime = await createRuntime(await loadRuntimeCode(m.blob), m.opts);
            remote = new RemoteBackend(m.storagePort, m.storageFlag);
            send({ kind: 'ready', version: runtime.version });
          } catch (e) {
            send({ kind: 'error', id: undefined, error: transfer(e) });
          }
          return;
        case 'state':
          states.set(m.id, InMemoryBackend.fromEntries(m.state.top, m.state.children));
          return;
        case 'call':
          try {
            if (runtime === undefined) throw new SwxError('INTERNAL', 'call before init');
            const state = m.remote ? remote : m.stateId !== undefined ? states.get(m.stateId) : undefined;
            const { storage: _local, ...result } = runtime.callSync(m.method, m.input, { ...m.opts, ...(state !== undefined ? { state } : {}) });
            send({ kind: 'result', id: m.id, result });
          } catch (e) {
            send({ kind: 'error', id: m.id, error: transfer(e) });
          }
          return;
        default: {
          const never: never = m;
          throw new SwxError('INTERNAL', `unknown message ${JSON.stringify(never)}`);
        }
      }
    })();
  });
}

if (parentPort === null) throw new SwxError('INTERNAL', 'isolated-worker must run in a worker thread');
serve(parentPort);
