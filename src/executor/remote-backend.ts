/**
 * The two ends of a synchronous storage channel between a worker running a
 * runtime and the main thread holding an `AsyncStorageBackend`.
 *
 *   worker (RemoteBackend.get)                  main (serveStorageRequests)
 *   port.postMessage({op, args}) ─────────────► await backend[op](...args)
 *   Atomics.wait(flag, 0, 0)        ◄────────── port.postMessage(reply); flag = 1; notify
 *   receiveMessageOnPort(port) → reply; flag = 0
 *
 * The worker blocks only its own thread; the main thread's event loop keeps
 * running (it is awaiting the call anyway).
 *
 * Every byte array crossing the port is first copied into a buffer of its own
 * (`detached`). `postMessage` clones a typed array together with its whole
 * underlying ArrayBuffer, and a key the runtime hands to a host function is a
 * view into the instance's Wasm memory: sending the view itself made the main
 * thread deserialize the entire memory (tens of MiB) on every read, about one
 * second per round trip. Copied, a round trip costs tens of microseconds.
 *
 * Storage roots cross the channel too: `rootAfter` / `childRootAfter` send
 * the call's changes to the backend's hooks (a remote state computes roots
 * from read proofs); an undefined answer means the backend has none here,
 * and the state machine then enumerates the state (`entries`) instead.
 */
import { randomUUID } from 'node:crypto';
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { SwxError, type SwxErrorCode } from '../base/errors.js';
import { compareBytes, startsWith } from '../base/bytes.js';
import { DEFAULT_CHILD_STORAGE_KEY_PREFIX, keyBytes, type AsyncStorageBackend, type StorageBackend, type SortedEntries } from '../state/index.js';
import type { TrieVersion } from '../trie/index.js';

/** A storage request from the worker. */
export type StorageRequest =
  | { op: 'get'; key: Uint8Array }
  | { op: 'nextKey'; key: Uint8Array }
  | { op: 'childGet'; storageKey: Uint8Array; key: Uint8Array }
  | { op: 'childNextKey'; storageKey: Uint8Array; key: Uint8Array }
  | { op: 'entries' }
  | { op: 'childEntries'; storageKey: Uint8Array }
  | { op: 'childStorageKeys' }
  /** A storage root from the backend's hook (undefined reply: it has none here, enumerate). */
  | { op: 'rootAfter'; changes: Array<readonly [Uint8Array, Uint8Array | null]>; version: TrieVersion }
  | { op: 'childRootAfter'; storageKey: Uint8Array; changes: Array<readonly [Uint8Array, Uint8Array | null]>; version: TrieVersion }
  /** Which serving this is: whole-state answers cached by the worker hold only within one. */
  | { op: 'session' };

/** The reply: a value, a key list, entries, or an error message. */
export type StorageReply =
  | { ok: true; value: Uint8Array | undefined }
  | { ok: true; keys: Uint8Array[] }
  | { ok: true; entries: Array<readonly [Uint8Array, Uint8Array]> }
  | { ok: true; session: string }
  /** A failure: the message, and the code when it was a SwxError (kept across the channel). */
  | { ok: false; error: string; code?: SwxErrorCode };

/** `:child_storage:default:` as bytes. */
const CHILD_PREFIX = keyBytes(DEFAULT_CHILD_STORAGE_KEY_PREFIX);

/** `b` in a buffer of its own (a view is copied), so that posting it clones only its bytes. */
export function detached(b: Uint8Array): Uint8Array {
  return b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? b : b.slice();
}

function detachedOpt(b: Uint8Array | undefined): Uint8Array | undefined {
  return b === undefined ? undefined : detached(b);
}

function detachedChanges(c: ReadonlyArray<readonly [Uint8Array, Uint8Array | null]>): Array<readonly [Uint8Array, Uint8Array | null]> {
  return c.map(([k, v]) => [detached(k), v === null ? null : detached(v)] as const);
}

function detachedEntries(e: Array<readonly [Uint8Array, Uint8Array]>): Array<readonly [Uint8Array, Uint8Array]> {
  return e.map(([k, v]) => [detached(k), detached(v)] as const);
}

async function collect(next: (k: Uint8Array) => Promise<Uint8Array | undefined>, get: (k: Uint8Array) => Promise<Uint8Array | undefined>): Promise<Array<readonly [Uint8Array, Uint8Array]>> {
  const out: Array<readonly [Uint8Array, Uint8Array]> = [];
  const first = await get(new Uint8Array(0));
  if (first !== undefined) out.push([new Uint8Array(0), first]);
  for (let k = await next(new Uint8Array(0)); k !== undefined; k = await next(k)) {
    const v = await get(k);
    if (v !== undefined) out.push([k, v]);
  }
  return out;
}

/** Answers one request from `backend`, served as `session`. */
async function answer(backend: AsyncStorageBackend, session: string, r: StorageRequest): Promise<StorageReply> {
  switch (r.op) {
    case 'session':
      return { ok: true, session };
    case 'get':
      return { ok: true, value: detachedOpt(await backend.get(r.key)) };
    case 'nextKey':
      return { ok: true, value: detachedOpt(await backend.nextKey(r.key)) };
    case 'childGet':
      return { ok: true, value: detachedOpt(await backend.childGet(r.storageKey, r.key)) };
    case 'childNextKey':
      return { ok: true, value: detachedOpt(await backend.childNextKey(r.storageKey, r.key)) };
    case 'entries':
      return { ok: true, entries: detachedEntries(backend.entries ? await backend.entries() : await collect((k) => backend.nextKey(k), (k) => backend.get(k))) };
    case 'childEntries': {
      const sk = r.storageKey;
      return { ok: true, entries: detachedEntries(backend.childEntries ? await backend.childEntries(sk) : await collect((k) => backend.childNextKey(sk, k), (k) => backend.childGet(sk, k))) };
    }
    case 'childStorageKeys': {
      if (backend.childStorageKeys) return { ok: true, keys: (await backend.childStorageKeys()).map(detached) };
      const keys: Uint8Array[] = [];
      for (let k = await backend.nextKey(CHILD_PREFIX); k !== undefined && startsWith(k, CHILD_PREFIX); k = await backend.nextKey(k)) {
        keys.push(k.slice(CHILD_PREFIX.length));
      }
      return { ok: true, keys };
    }
    case 'rootAfter':
      return { ok: true, value: detachedOpt(backend.rootAfter ? await backend.rootAfter(r.changes, r.version) : undefined) };
    case 'childRootAfter':
      return { ok: true, value: detachedOpt(backend.childRootAfter ? await backend.childRootAfter(r.storageKey, r.changes, r.version) : undefined) };
    default: {
      const never: never = r;
      return { ok: false, error: `unknown storage request ${JSON.stringify(never)}` };
    }
  }
}

/** Main side: serves the worker's requests on `port` from `backend`, waking it through `flag`. */
export function serveStorageRequests(port: MessagePort, flag: Int32Array, backend: AsyncStorageBackend): () => void {
  const session = randomUUID();
  const onMessage = (r: StorageRequest): void => {
    answer(backend, session, r).then(
      (reply) => reply,
      (e: unknown): StorageReply => (e instanceof SwxError ? { ok: false, error: e.message, code: e.code } : { ok: false, error: e instanceof Error ? e.message : String(e) }),
    ).then((reply) => {
      port.postMessage(reply);
      Atomics.store(flag, 0, 1);
      Atomics.notify(flag, 0);
    });
  };
  port.on('message', onMessage);
  return () => port.off('message', onMessage);
}

/**
 * Worker side: a synchronous StorageBackend whose reads block on the main
 * thread's async backend. Whole-trie answers (`entries`, `childEntries`) are
 * kept for the rest of the serving they came from: each call serves its own
 * backend (`serveStorageRequests` names each serving), and one round trip
 * asking which serving is current tells whether they still hold.
 */
export class RemoteBackend implements StorageBackend {
  private entriesCache: SortedEntries | undefined;
  private readonly childCache = new Map<string, SortedEntries>();
  private session: string | undefined;

  constructor(private readonly port: MessagePort, private readonly flag: Int32Array) {}

  private request(r: StorageRequest): StorageReply {
    Atomics.store(this.flag, 0, 0);
    this.port.postMessage(r);
    Atomics.wait(this.flag, 0, 0);
    const got = receiveMessageOnPort(this.port);
    if (got === undefined) throw new SwxError('WORKER_FAILED', `no reply to the storage request ${r.op}`);
    const reply = got.message as StorageReply;
    if (!reply.ok) {
      // An error of the state's own (an RPC failure, a bad answer) keeps its code; anything else is the state being unavailable.
      if (reply.code !== undefined) throw new SwxError(reply.code, reply.error, { storageRequest: r.op });
      throw new SwxError('HOST_NOT_AVAILABLE', `the asynchronous state failed on ${r.op}: ${reply.error}`);
    }
    return reply;
  }

  private value(r: StorageRequest): Uint8Array | undefined {
    const reply = this.request(r);
    return 'value' in reply ? reply.value : undefined;
  }

  get(key: Uint8Array): Uint8Array | undefined {
    return this.value({ op: 'get', key: detached(key) });
  }

  nextKey(key: Uint8Array): Uint8Array | undefined {
    return this.value({ op: 'nextKey', key: detached(key) });
  }

  *keys(prefix: Uint8Array, startAt?: Uint8Array): Iterable<Uint8Array> {
    const from = startAt !== undefined && compareBytes(startAt, prefix) > 0 ? startAt : prefix;
    if (this.get(from) !== undefined && startsWith(from, prefix)) yield from;
    for (let k = this.nextKey(from); k !== undefined && startsWith(k, prefix); k = this.nextKey(k)) yield k;
  }

  /** Forgets whole-trie answers of an earlier serving. */
  private sameSession(): void {
    const reply = this.request({ op: 'session' });
    const now = 'session' in reply ? reply.session : undefined;
    if (now !== this.session) {
      this.session = now;
      this.entriesCache = undefined;
      this.childCache.clear();
    }
  }

  entries(): SortedEntries {
    this.sameSession();
    if (this.entriesCache === undefined) {
      const reply = this.request({ op: 'entries' });
      this.entriesCache = 'entries' in reply ? reply.entries : [];
    }
    return this.entriesCache;
  }

  childGet(storageKey: Uint8Array, key: Uint8Array): Uint8Array | undefined {
    return this.value({ op: 'childGet', storageKey: detached(storageKey), key: detached(key) });
  }

  childNextKey(storageKey: Uint8Array, key: Uint8Array): Uint8Array | undefined {
    return this.value({ op: 'childNextKey', storageKey: detached(storageKey), key: detached(key) });
  }

  *childKeys(storageKey: Uint8Array, prefix: Uint8Array, startAt?: Uint8Array): Iterable<Uint8Array> {
    const from = startAt !== undefined && compareBytes(startAt, prefix) > 0 ? startAt : prefix;
    if (this.childGet(storageKey, from) !== undefined && startsWith(from, prefix)) yield from;
    for (let k = this.childNextKey(storageKey, from); k !== undefined && startsWith(k, prefix); k = this.childNextKey(storageKey, k)) yield k;
  }

  childEntries(storageKey: Uint8Array): SortedEntries {
    this.sameSession();
    const id = Buffer.from(storageKey).toString('hex');
    let e = this.childCache.get(id);
    if (e === undefined) {
      const reply = this.request({ op: 'childEntries', storageKey: detached(storageKey) });
      e = 'entries' in reply ? reply.entries : [];
      this.childCache.set(id, e);
    }
    return e;
  }

  childStorageKeys(): Uint8Array[] {
    const reply = this.request({ op: 'childStorageKeys' });
    return 'keys' in reply ? reply.keys : [];
  }

  rootAfter(changes: ReadonlyArray<readonly [Uint8Array, Uint8Array | null]>, version: TrieVersion): Uint8Array | undefined {
    return this.value({ op: 'rootAfter', changes: detachedChanges(changes), version });
  }

  childRootAfter(storageKey: Uint8Array, changes: ReadonlyArray<readonly [Uint8Array, Uint8Array | null]>, version: TrieVersion): Uint8Array | undefined {
    return this.value({ op: 'childRootAfter', storageKey: detached(storageKey), changes: detachedChanges(changes), version });
  }
}
