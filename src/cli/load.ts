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
import { loadRuntimeCodeSync, heapPagesOf, backendFromStorageJson, type CreateRuntimeOpts, type InstantiationStrategy, type RuntimeCode } from '../executor/index.js';
import type { ParsedArgs } from './args.js';
import { optFlag, optString } from './args.js';
import { looksLikeJson, parseByteCount, parseJson, readInputFile } from './io.js';

/** Shared resources of one CLI run. */
export interface Tools {
  hashers: Hashers;
  decompressor: Decompressor;
  /** Limit of an input file, raw or gunzipped (`--max-input-size`; default DEFAULT_MAX_INPUT_BYTES). */
  maxInputBytes?: number;
}

/** Creates the hashers and the zstd decompressor; `args` may set `--max-input-size`. */
export async function openTools(args?: ParsedArgs): Promise<Tools> {
  const [hashers, decompressor] = await Promise.all([createHashers(), createDecompressor()]);
  const max = args === undefined ? undefined : optString(args, 'max-input-size');
  return max === undefined ? { hashers, decompressor } : { hashers, decompressor, maxInputBytes: parseByteCount(max, 'max-input-size') };
}

/** A RUNTIME argument: the code, plus the genesis state when it was a chain spec. */
export interface RuntimeInput {
  code: RuntimeCode;
  state: StorageBackend | undefined;
}

/** Loads a STATE argument (a raw chain spec). */
export function loadStateInput(path: string, tools: Tools): StorageBackend {
  const bytes = readInputFile(path, { kind: 'data', maxBytes: tools.maxInputBytes });
  if (!looksLikeJson(bytes)) throw new SwxError('CHAIN_SPEC_INVALID', `${path} is not a chain spec (JSON expected)`, { path });
  const json = parseJson(bytes, path);
  if (typeof json === 'object' && json !== null && ('mainTrie' in json || 'parentStorage' in json)) return backendFromStorageJson(json, path);
  return backendFromChainSpec(json);
}

/** Loads a RUNTIME argument (blob or chain spec). */
export function loadRuntimeInput(path: string, tools: Tools): RuntimeInput {
  const bytes = readInputFile(path, { kind: 'runtime', maxBytes: tools.maxInputBytes });
  if (looksLikeJson(bytes)) {
    const state = backendFromChainSpec(parseJson(bytes, path));
    const code = state.get(CODE_KEY);
    if (code === undefined) throw new SwxError('CHAIN_SPEC_INVALID', `${path}: genesis has no :code`, { path });
    return { code: loadRuntimeCodeSync(code, tools.hashers, tools.decompressor), state };
  }
  return { code: loadRuntimeCodeSync(bytes, tools.hashers, tools.decompressor), state: undefined };
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
