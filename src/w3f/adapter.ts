/**
 * w3f — the W3F host-API conformance adapter (polkadot-spec `test/adapters`),
 * specified in `corpus/hostapi/ADAPTER.md`, behind `swx hostapi`:
 *
 *   host-api suite:   case F of the host-API suite on `hostapi_runtime.wasm`;
 *                     prints exactly what the reference adapter prints (see
 *                     `cases.ts`); a failed assertion is an error.
 *   state-trie suite: trie-root | insert-and-delete of a YAML key/value file
 *                     (see `state-trie.ts`).
 *
 * The conformance runtime is given explicitly (`runtime`, or the
 * `SWX_HOSTAPI_RUNTIME` environment variable); nothing guesses where a
 * corpus might be. Inputs arrive as an options object: this folder knows
 * nothing of the command line that fills it.
 */
import { readFileSync } from 'node:fs';
import { SwxError } from '../base/errors.js';
import { decodeUtf8 } from '../base/bytes.js';
import { createRuntime, createServices, loadRuntimeCodeSync, type HeapAllocStrategy, type Services } from '../executor/index.js';
import { runHostApiCase, type HostApiEnv } from './cases.js';
import { HOSTAPI_RUNTIME_ENV } from './runtime-env.js';
import { parseStateTrieYaml, stateTrieEntries, stateTrieInsertAndDeleteOutput, stateTrieRootOutput } from './state-trie.js';

// The adapter's building blocks, re-exported for tests and tools.
export { runHostApiCase, HOSTAPI_FUNCTIONS } from './cases.js';
export type { HostApiEnv } from './cases.js';
export { parseStateTrieYaml, stateTrieEntries, stateTrieRootOutput, stateTrieInsertAndDeleteOutput } from './state-trie.js';
export type { StateTrieYaml, StateTrieEncoding } from './state-trie.js';

/**
 * Heap strategy for the test runtime. The reference adapter asks for 8 extra
 * heap pages, but this runtime allocates with its own dlmalloc, which
 * `memory.grow`s: with master's `Static { extra_pages: 8 }` (min = max =
 * initial + 8) every call traps. The reference's executor must have left the
 * maximum unset (as the pre-2023 transform `add_extra_heap_pages_to_memory_section`
 * did; inferred, not checked against the adapter's build). `Dynamic {
 * maximum_pages: None }` (min = initial, no maximum) keeps `memory.grow`
 * working. Caveat, as upstream: host allocations past the initial memory end
 * (about one page here) would share pages with dlmalloc; the cases stay far below.
 */
export const HOSTAPI_HEAP_STRATEGY: HeapAllocStrategy = { kind: 'dynamic' };

/** Compiles the host-API test runtime as the reference adapter runs it (fresh instance per call; heap: `HOSTAPI_HEAP_STRATEGY`). */
export async function createHostApiEnv(wasm: Uint8Array, services?: Services): Promise<HostApiEnv> {
  const code = loadRuntimeCodeSync(wasm, services ?? (await createServices()));
  const runtime = await createRuntime(code, {
    instantiationStrategy: 'recreate',
    heapAllocStrategy: HOSTAPI_HEAP_STRATEGY,
  });
  return { runtime, hashers: code.services.hashers };
}

/** `--input a,b,...` → the case's arguments (null without `--input`). */
export function splitHostApiInput(input: string | undefined): string[] | null {
  return input === undefined ? null : input.split(',');
}

function print(out: (s: string) => void, text: string): void {
  // `out` ends a line that lacks "\n"; the adapter's output is already newline-terminated (or empty).
  if (text !== '') out(text);
}

/** What the adapter is asked to do (the `swx hostapi` options). */
export interface HostApiRequest {
  /** `host-api` (default) or `state-trie`, then for state-trie `trie-root` | `insert-and-delete`. */
  suite: readonly string[];
  /** host-api: the case's function. */
  function?: string;
  /** host-api: `a,b,…` (split on commas, UTF-8 text). */
  input?: string;
  /** host-api: path of `hostapi_runtime.wasm` (else `$SWX_HOSTAPI_RUNTIME`). */
  runtime?: string;
  /** state-trie: the YAML file. */
  stateFile?: string;
  keysInHex?: boolean;
  valuesInHex?: boolean;
}

function readFile(path: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    throw new SwxError('FILE_UNREADABLE', `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { path });
  }
}

async function hostApi(req: HostApiRequest, out: (s: string) => void): Promise<void> {
  if (req.function === undefined) throw new SwxError('INVALID_INPUT', 'missing --function F');
  const env = process.env[HOSTAPI_RUNTIME_ENV];
  const path = req.runtime ?? (env !== undefined && env !== '' ? env : undefined);
  if (path === undefined) throw new SwxError('INVALID_INPUT', `missing --runtime PATH (the conformance runtime hostapi_runtime.wasm; or set $${HOSTAPI_RUNTIME_ENV})`);
  print(out, runHostApiCase(req.function, splitHostApiInput(req.input), await createHostApiEnv(readFile(path))));
}

async function stateTrie(req: HostApiRequest, out: (s: string) => void): Promise<void> {
  const mode = req.suite[1];
  if (mode !== 'trie-root' && mode !== 'insert-and-delete') {
    throw new SwxError('INVALID_INPUT', `state-trie needs trie-root or insert-and-delete, got ${JSON.stringify(mode ?? '')}`);
  }
  const path = req.stateFile;
  if (path === undefined) throw new SwxError('INVALID_INPUT', 'missing --state-file F');
  const text = decodeUtf8(readFile(path));
  if (text === undefined) throw new SwxError('INVALID_INPUT', `${path} is not UTF-8`, { path });
  const entries = stateTrieEntries(parseStateTrieYaml(text, path), { keysInHex: req.keysInHex === true, valuesInHex: req.valuesInHex === true });
  const { hashers } = await createServices();
  print(out, mode === 'trie-root' ? stateTrieRootOutput(entries, hashers.blake2_256) : stateTrieInsertAndDeleteOutput(entries, hashers.blake2_256));
}

/** Runs the adapter: prints what the reference adapter prints. */
export async function runHostApi(req: HostApiRequest, out: (s: string) => void): Promise<void> {
  const sub = req.suite[0];
  if (sub === undefined || sub === 'host-api') return hostApi(req, out);
  if (sub === 'state-trie') return stateTrie(req, out);
  throw new SwxError('INVALID_INPUT', `unknown hostapi sub-command ${JSON.stringify(sub)} (host-api or state-trie)`);
}
