/**
 * Turning CLI arguments into executor inputs: the runtime code, the state,
 * and the semantics (strategy, heap pages, missing imports). The state's
 * `:heappages` and child roots are applied by the executor itself, per call.
 */
import { SwxError } from '../base/errors.js';
import type { StorageBackend } from '../state/index.js';
import { backendFromChainSpec, backendFromStorageDump, isStorageDump, CODE_KEY } from '../state/index.js';
import { loadRuntimeCodeSync, parseStrategy, type Services, type SemanticsOpts, type RuntimeCode } from '../executor/index.js';
import type { ParsedArgs } from './args.js';
import { optFlag, optString } from './args.js';
import { looksLikeJson, parseJson, readInputFile } from './io.js';

/** A RUNTIME argument: the code, plus the genesis state when it was a chain spec. */
export interface RuntimeInput {
  code: RuntimeCode;
  state: StorageBackend | undefined;
}

/** Loads a STATE argument (a raw chain spec or a storage dump). */
export function loadStateInput(path: string): StorageBackend {
  const bytes = readInputFile(path);
  if (!looksLikeJson(bytes)) throw new SwxError('CHAIN_SPEC_INVALID', `${path} is not a chain spec (JSON expected)`, { path });
  const json = parseJson(bytes, path);
  return isStorageDump(json) ? backendFromStorageDump(json, path) : backendFromChainSpec(json);
}

/** Loads a RUNTIME argument (blob or chain spec). */
export function loadRuntimeInput(path: string, services: Services): RuntimeInput {
  const bytes = readInputFile(path);
  if (looksLikeJson(bytes)) {
    const state = backendFromChainSpec(parseJson(bytes, path));
    const code = state.get(CODE_KEY);
    if (code === undefined) throw new SwxError('CHAIN_SPEC_INVALID', `${path}: genesis has no :code`, { path });
    return { code: loadRuntimeCodeSync(code, services), state };
  }
  return { code: loadRuntimeCodeSync(bytes, services), state: undefined };
}

/** Semantics from the command line (`--strategy`, `--heap-pages N|dynamic`, `--allow-missing-imports`). */
export function semanticsOpts(args: ParsedArgs): SemanticsOpts {
  const opts: SemanticsOpts = {};
  const strategy = optString(args, 'strategy');
  if (strategy !== undefined) opts.instantiationStrategy = parseStrategy(strategy);
  const hp = optString(args, 'heap-pages');
  if (hp === 'dynamic') opts.heapAllocStrategy = { kind: 'dynamic' };
  else if (hp !== undefined) {
    if (!/^\d+$/.test(hp)) throw new SwxError('INVALID_INPUT', `--heap-pages must be a non-negative integer or "dynamic" (got ${hp})`);
    opts.heapAllocStrategy = { kind: 'static', extraPages: Number(hp) };
  }
  if (optFlag(args, 'allow-missing-imports')) opts.allowMissingImports = true;
  return opts;
}
