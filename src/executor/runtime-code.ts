/**
 * `RuntimeCode`: a runtime blob decoded and checked, before any preparation.
 *
 *   bytes ─► maybe-decompress (zstd behind 52bc537646db8e05, 50 MiB limit)
 *         ─► decode the Wasm module ─► validate its features
 *         ─► read the `runtime_version` / `runtime_apis` custom sections
 *
 * The decoded module is not kept: it is several times the size of the blob,
 * and preparation decodes its own copy anyway. `module` decodes anew when
 * read (`swx info`); a code recreated from an artifact (`lazyRuntimeCode`)
 * does not even decompress until its `wasm` is read.
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
  /** The decoded module, decoded anew on each read (never kept; preparation decodes its own copy). */
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

/** Receives the name of each phase as it ends (`--timings`). */
export type PhaseMark = (phase: 'decompress' | 'decode' | 'validate' | 'hash') => void;

/** Reads the embedded version of a decoded module, if it has a `runtime_version` section. */
export function embeddedVersionOf(m: WasmModule): RuntimeVersion | undefined {
  const versionSection = customSection(m, 'runtime_version');
  if (versionSection === undefined) return undefined;
  return readEmbeddedVersion(versionSection.payload, customSection(m, 'runtime_apis')?.payload);
}

/** Decompresses, decodes and validates `bytes` synchronously with a ready decompressor. */
export function loadRuntimeCodeSync(bytes: Uint8Array, services: Services, features: Partial<WasmFeatures> = {}, mark?: PhaseMark): RuntimeCode {
  if (!(bytes instanceof Uint8Array)) throw new SwxError('INVALID_INPUT', 'runtime code must be a Uint8Array');
  // `decompress` always returns a new array; an uncompressed blob is then kept once, as both original and wasm.
  const { code, compressed } = services.decompressor.decompress(bytes);
  mark?.('decompress');
  const original = compressed ? bytes.slice() : code;
  const module = decodeModule(code);
  mark?.('decode');
  validateFeatures(module, { ...DEFAULT_WASM_FEATURES, ...features });
  const embeddedVersion = embeddedVersionOf(module);
  mark?.('validate');
  const hash = services.hashers.blake2_256(code);
  mark?.('hash');
  return {
    original,
    compressed,
    wasm: code,
    get module() {
      return decodeModule(code);
    },
    hash,
    embeddedVersion,
    services,
  };
}

/** What an artifact records of the code it was prepared from. */
export interface RecordedCode {
  original: Uint8Array;
  compressed: boolean;
  hash: Uint8Array;
  embeddedVersion: RuntimeVersion | undefined;
}

/**
 * A RuntimeCode rebuilt from what an artifact recorded, without decompressing
 * or decoding: `wasm` is decompressed on first read (and kept), `module`
 * decoded on each read.
 */
export function lazyRuntimeCode(recorded: RecordedCode, services: Services): RuntimeCode {
  let wasm: Uint8Array | undefined;
  const wasmOf = (): Uint8Array => (wasm ??= services.decompressor.decompress(recorded.original).code);
  return {
    original: recorded.original,
    compressed: recorded.compressed,
    get wasm() {
      return wasmOf();
    },
    get module() {
      return decodeModule(wasmOf());
    },
    hash: recorded.hash,
    embeddedVersion: recorded.embeddedVersion,
    services,
  };
}

/** Decompresses, decodes and validates a runtime blob; reads its version sections. */
export async function loadRuntimeCode(bytes: Uint8Array, opts: LoadOpts = {}): Promise<RuntimeCode> {
  return loadRuntimeCodeSync(bytes, opts.services ?? (await createServices()), opts.wasmFeatures);
}
