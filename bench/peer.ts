/**
 * The peer: `@acala-network/chopsticks-executor`, smoldot's executor compiled
 * to Wasm, which *interprets* the runtime (wasmi). It is what JavaScript tools
 * (Chopsticks) use today. Its API, read from chopsticks `executor/src/lib.rs`,
 * `executor/src/task.rs` and `packages/core/src/wasm-executor/index.ts`:
 *
 *   run_task({id, wasm: hex, calls: [[method, [hex arg…]]…], mockSignatureHost: 0|1|2,
 *             allowUnresolvedImports, runtimeLogLevel, storageProofSize}, JsCallback)
 *     → {Call: {result, storageDiff, offchainStorageDiff, runtimeLogs}} | {Error: string}
 *   calculate_state_root([[key hex, value hex]…], trieVersion 0|1) → root hex
 *
 * Each `run_task` builds a fresh `HostVmPrototype` from the hex blob (2048
 * heap pages) and runs its calls in sequence; there is no way to keep a
 * prepared runtime between tasks. Storage reads go through the async
 * JsCallback (`getStorage`, `getNextKey(prefix, key)` = first key after
 * `key` starting with `prefix`). Trie-root requests that need branch nodes
 * are answered "none" by task.rs, so a call that computes the storage root
 * of a non-empty state (`Core_execute_block`'s final check) gets a wrong root.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { JsCallback } from '@acala-network/chopsticks-executor';

/** The npm package measured as the peer. */
export const PEER_PACKAGE = '@acala-network/chopsticks-executor';

/** A `run_task` task (chopsticks `TaskCall`, camelCase). */
export interface PeerTask {
  id: number;
  /** The runtime blob as 0x-hex. */
  wasm: string;
  /** [method, hex arguments (concatenated by the peer)] in call order. */
  calls: Array<[string, string[]]>;
  /** 0 no mock, 1 magic signatures accepted, 2 every signature valid. */
  mockSignatureHost: 0 | 1 | 2;
  allowUnresolvedImports: boolean;
  /** Max log level the runtime sees (0 off … 5 trace). */
  runtimeLogLevel: number;
  /** What `ext_storage_proof_size_storage_proof_size_version_1` returns. */
  storageProofSize: number;
}

/** A successful call's response. */
export interface PeerCallResponse {
  result: string;
  storageDiff: Array<[string, string | null]>;
}

/** `run_task`'s answer. */
export type PeerResponse = { kind: 'ok'; call: PeerCallResponse } | { kind: 'error'; error: string };

/** The loaded peer. */
export interface Peer {
  /** Package version. */
  readonly version: string;
  /** Time the import took (decompressing and instantiating the peer's own Wasm), ms. */
  readonly loadMs: number;
  /** Runs a task; never throws for a runtime failure (returns `kind: 'error'`). */
  runTask(task: PeerTask, callback: JsCallback): Promise<PeerResponse>;
  /** The trie root of unsorted entries (hex pairs) under layout V0 or V1, as hex. */
  calculateStateRoot(entries: Array<[string, string]>, version: 0 | 1): Promise<string>;
}

type PeerModule = typeof import('@acala-network/chopsticks-executor');

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** Reads a `run_task` answer (serde JSON of chopsticks `TaskResponse`). */
function parseResponse(v: unknown): PeerResponse {
  if (isRecord(v) && isRecord(v['Call']) && typeof v['Call']['result'] === 'string') {
    const c = v['Call'];
    return { kind: 'ok', call: { result: c['result'] as string, storageDiff: (c['storageDiff'] ?? []) as Array<[string, string | null]> } };
  }
  if (isRecord(v) && typeof v['Error'] === 'string') return { kind: 'error', error: v['Error'] };
  return { kind: 'error', error: `unexpected run_task answer: ${JSON.stringify(v)?.slice(0, 200)}` };
}

function packageVersion(): string {
  try {
    const entry = createRequire(import.meta.url).resolve(PEER_PACKAGE);
    // entry = <pkg>/dist/cjs/index.js
    const pkg = JSON.parse(readFileSync(resolve(dirname(entry), '..', '..', 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? '?';
  } catch {
    return '?';
  }
}

/** Imports the peer, or returns the reason it is unavailable. */
export async function loadPeer(): Promise<Peer | string> {
  const t0 = performance.now();
  let m: PeerModule;
  try {
    m = await import('@acala-network/chopsticks-executor');
  } catch (e) {
    return `${PEER_PACKAGE} unavailable (${e instanceof Error ? e.message : String(e)}); install dev dependencies`;
  }
  const loadMs = performance.now() - t0;
  return {
    version: packageVersion(),
    loadMs,
    async runTask(task, callback) {
      return parseResponse(await m.run_task(task, callback));
    },
    async calculateStateRoot(entries, version) {
      const root: unknown = await m.calculate_state_root(entries, version);
      if (typeof root !== 'string') throw new Error(`calculate_state_root returned ${typeof root}`);
      return root;
    },
  };
}

/**
 * 0x-hex of bytes through Node's native encoder (flat string). The peer takes
 * hex; swx's `toHex` builds its string byte by byte (a rope that is slow to
 * build and to collect for megabyte blobs), so benchmarks never use it.
 */
export function hex(bytes: Uint8Array): string {
  return `0x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')}`;
}

/** A task running `calls` on `wasmHex` with logging off, no signature mock and no unresolved imports. */
export function task(wasmHex: string, calls: Array<[string, string[]]>): PeerTask {
  return { id: 0, wasm: wasmHex, calls, mockSignatureHost: 0, allowUnresolvedImports: false, runtimeLogLevel: 0, storageProofSize: 0 };
}

/** Console methods the peer writes through (runtime logs, panics, its own logger). */
const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;

/**
 * Runs `fn` with the console silenced, returning what was printed: the peer
 * prints runtime logs and panic messages itself, which would garble the bench
 * output (and the panic message is the only place it says why a call failed).
 */
export async function capturingConsole<T>(fn: () => Promise<T>): Promise<{ value: T; lines: string[] }> {
  const lines: string[] = [];
  const saved = CONSOLE_METHODS.map((name) => [name, console[name]] as const);
  for (const name of CONSOLE_METHODS) console[name] = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
  try {
    return { value: await fn(), lines };
  } finally {
    for (const [name, f] of saved) console[name] = f;
  }
}
