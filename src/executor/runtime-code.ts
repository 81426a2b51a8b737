/**
 * `RuntimeCode`: a runtime blob decoded and checked, before any preparation.
 *
 *   bytes ─► maybe-decompress (zstd behind 52bc537646db8e05, 50 MiB limit)
 *         ─► decode the Wasm module ─► validate its features
 *         ─► read the `runtime_version` / `runtime_apis` custom sections
 */
import { SwxError } from '../base/errors.js';
import { decodeModule, validateFeatures, customSection, DEFAULT_WASM_FEATURES, type WasmFeatures, type WasmModule } from '../wasm/index.js';
import { readEmbeddedVersion, type RuntimeVersion } from '../blob/index.js';
import { createServices, type Services } from './services.js';

/** A decoded, validated runtime blob. */
export interface RuntimeCode {
  /** The blob as given (maybe compressed). */
  readonly original: Uint8Array;
  /** Whether the blob was zstd-compressed. */
  readonly compressed: boolean;
  /** The raw Wasm bytes. */
  readonly wasm: Uint8Array;
  /** The decoded module (never mutated; preparation decodes its own copy). */
  readonly module: WasmModule;
  /** blake2-256 of the raw Wasm. */
  readonly hash: Uint8Array;
  /** The version from the custom sections, if present. */
  readonly embeddedVersion: RuntimeVersion | undefined;
  /** The hashers and decompressor this code and every runtime made of it use. */
  readonly services: Services;
}

/** Options of `loadRuntimeCode`. */
export interface LoadOpts {
  /** Wasm proposals accepted (default: the Substrate node's). */
  wasmFeatures?: Partial<WasmFeatures>;
  /** Services to share with other code (created when absent). */
  services?: Services;
}

/** Reads the embedded version of a decoded module, if it has a `runtime_version` section. */
export function embeddedVersionOf(m: WasmModule): RuntimeVersion | undefined {
  const versionSection = customSection(m, 'runtime_version');
  if (versionSection === undefined) return undefined;
  return readEmbeddedVersion(versionSection.payload, customSection(m, 'runtime_apis')?.payload);
}

/** Decompresses, decodes and validates `bytes` synchronously with a ready decompressor. */
export function loadRuntimeCodeSync(bytes: Uint8Array, services: Services, features: Partial<WasmFeatures> = {}): RuntimeCode {
  if (!(bytes instanceof Uint8Array)) throw new SwxError('INVALID_INPUT', 'runtime code must be a Uint8Array');
  // `decompress` always returns a new array; an uncompressed blob is then kept once, as both original and wasm.
  const { code, compressed } = services.decompressor.decompress(bytes);
  const original = compressed ? bytes.slice() : code;
  const module = decodeModule(code);
  validateFeatures(module, { ...DEFAULT_WASM_FEATURES, ...features });
  return {
    original,
    compressed,
    wasm: code,
    module,
    hash: services.hashers.blake2_256(code),
    embeddedVersion: embeddedVersionOf(module),
    services,
  };
}

/** Decompresses, decodes and validates a runtime blob; reads its version sections. */
export async function loadRuntimeCode(bytes: Uint8Array, opts: LoadOpts = {}): Promise<RuntimeCode> {
  return loadRuntimeCodeSync(bytes, opts.services ?? (await createServices()), opts.wasmFeatures);
}
