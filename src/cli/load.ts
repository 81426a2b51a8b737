/**
 * Turning CLI arguments into executor inputs: the runtime code, the state,
 * and the runtime options (strategy, heap pages from `--heap-pages` or the
 * state's `:heappages`).
 */
import { SwxError } from '../base/errors.js';
import { createHashers, type Hashers } from '../base/hashing.js';
import { createDecompressor, type Decompressor } from '../blob/index.js';
import type { StorageBackend } from '../state/index.js';
import { backendFromChainSpec, CODE_KEY } from '../state/index.js';
import { loadRuntimeCodeSync, heapPagesOf, backendFromStorageJson, createRuntimeCached, type CreateRuntimeOpts, type InstantiationStrategy, type Runtime, type RuntimeCode } from '../executor/index.js';
import type { Timings } from './timings.js';
import type { ParsedArgs } from './args.js';
import { optFlag, optString } from './args.js';
import { looksLikeJson, parseJson, readInputFile } from './io.js';

/** Shared resources of one CLI run. */
export interface Tools {
  hashers: Hashers;
  decompressor: Decompressor;
}

/** Creates the hashers and the zstd decompressor. */
export async function openTools(): Promise<Tools> {
  const [hashers, decompressor] = await Promise.all([createHashers(), createDecompressor()]);
  return { hashers, decompressor };
}

/** A RUNTIME argument: the code, plus the genesis state when it was a chain spec. */
export interface RuntimeInput {
  code: RuntimeCode;
  state: StorageBackend | undefined;
}

/** Loads a STATE argument (a raw chain spec). */
export function loadStateInput(path: string, tools: Tools): StorageBackend {
  void tools;
  const bytes = readInputFile(path);
  if (!looksLikeJson(bytes)) throw new SwxError('CHAIN_SPEC_INVALID', `${path} is not a chain spec (JSON expected)`, { path });
  const json = parseJson(bytes, path);
  if (typeof json === 'object' && json !== null && ('mainTrie' in json || 'parentStorage' in json)) return backendFromStorageJson(json, path);
  return backendFromChainSpec(json);
}

/** A RUNTIME argument's code as given (maybe compressed) and, for a chain spec, its genesis state. */
export function readRuntimeInput(path: string): { bytes: Uint8Array; state: StorageBackend | undefined } {
  const bytes = readInputFile(path);
  if (looksLikeJson(bytes)) {
    const state = backendFromChainSpec(parseJson(bytes, path));
    const code = state.get(CODE_KEY);
    if (code === undefined) throw new SwxError('CHAIN_SPEC_INVALID', `${path}: genesis has no :code`, { path });
    return { bytes: code, state };
  }
  return { bytes, state: undefined };
}

/** Loads a RUNTIME argument (blob or chain spec). */
export function loadRuntimeInput(path: string, tools: Tools): RuntimeInput {
  const { bytes, state } = readRuntimeInput(path);
  return { code: loadRuntimeCodeSync(bytes, tools.hashers, tools.decompressor), state };
}

/** Creates the runtime of a RUNTIME argument through the artifact cache (`--no-cache` bypasses it). */
export async function openRuntimeInput(path: string, args: ParsedArgs, tools: Tools, timings: Timings): Promise<{ runtime: Runtime; state: StorageBackend | undefined }> {
  const { bytes, state } = readRuntimeInput(path);
  timings.mark('read');
  const opts = { ...runtimeOpts(args, tools, state), cache: !optFlag(args, 'no-cache'), mark: (phase: string) => timings.mark(phase) };
  const { runtime } = await createRuntimeCached(bytes, opts);
  return { runtime, state };
}

const STRATEGIES: ReadonlySet<string> = new Set(['recreate', 'pooled', 'legacy-reuse']);

/** Runtime options from the command line and the state. */
export function runtimeOpts(args: ParsedArgs, tools: Tools, state: StorageBackend | undefined): CreateRuntimeOpts {
  const opts: CreateRuntimeOpts = { hashers: tools.hashers, decompressor: tools.decompressor };
  const strategy = optString(args, 'strategy');
  if (strategy !== undefined) {
    if (!STRATEGIES.has(strategy)) throw new SwxError('INVALID_INPUT', `--strategy must be one of recreate, pooled, legacy-reuse (got ${strategy})`);
    opts.instantiationStrategy = strategy as InstantiationStrategy;
  }
  const hp = optString(args, 'heap-pages');
  if (hp !== undefined) {
    if (!/^\d+$/.test(hp)) throw new SwxError('INVALID_INPUT', `--heap-pages must be a non-negative integer (got ${hp})`);
    opts.heapAllocStrategy = { kind: 'static', extraPages: Number(hp) };
  } else if (state !== undefined) {
    const pages = heapPagesOf(state);
    if (pages !== undefined) opts.heapAllocStrategy = { kind: 'static', extraPages: pages };
  }
  if (optFlag(args, 'allow-missing-imports')) opts.allowMissingImports = true;
  return opts;
}
