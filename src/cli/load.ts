/**
 * Turning CLI arguments into executor inputs: the runtime code, the state,
 * and the semantics (strategy, heap pages, missing imports). The state's
 * `:heappages` and child roots are applied by the executor itself, per call.
 */
import { SwxError } from '../base/errors.js';
import type { StorageBackend } from '../state/index.js';
import { backendFromChainSpec, backendFromStorageDump, isStorageDump, CODE_KEY } from '../state/index.js';
import { loadRuntimeCodeSync, type Services, type RuntimeCode } from '../executor/index.js';
import { looksLikeJson, parseJson, readInputFile } from './io.js';

/** How much an input may hold (`--max-input-size`; default io.ts's). */
export interface InputLimits {
  maxBytes?: number;
}

/** A RUNTIME argument: the code, plus the genesis state when it was a chain spec. */
export interface RuntimeInput {
  code: RuntimeCode;
  state: StorageBackend | undefined;
}

/** Loads a STATE argument (a raw chain spec or a storage dump). */
export function loadStateInput(path: string, limits: InputLimits = {}): StorageBackend {
  const bytes = readInputFile(path, { kind: 'data', ...limits });
  if (!looksLikeJson(bytes)) throw new SwxError('CHAIN_SPEC_INVALID', `${path} is not a chain spec (JSON expected)`, { path });
  const json = parseJson(bytes, path);
  return isStorageDump(json) ? backendFromStorageDump(json, path) : backendFromChainSpec(json);
}

/** A RUNTIME argument's blob as given (maybe compressed), plus the genesis state when it was a chain spec. */
export function readRuntimeBlob(path: string, limits: InputLimits = {}): { blob: Uint8Array; state: StorageBackend | undefined } {
  const bytes = readInputFile(path, { kind: 'runtime', ...limits });
  if (!looksLikeJson(bytes)) return { blob: bytes, state: undefined };
  const state = backendFromChainSpec(parseJson(bytes, path));
  const blob = state.get(CODE_KEY);
  if (blob === undefined) throw new SwxError('CHAIN_SPEC_INVALID', `${path}: genesis has no :code`, { path });
  return { blob, state };
}

/** Loads a RUNTIME argument (blob or chain spec). */
export function loadRuntimeInput(path: string, services: Services, limits: InputLimits = {}): RuntimeInput {
  const { blob, state } = readRuntimeBlob(path, limits);
  return { code: loadRuntimeCodeSync(blob, services), state };
}
