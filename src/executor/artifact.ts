/**
 * Compiled-artifact format, the counterpart of sc-executor's
 * `prepare_runtime_artifact` / `create_runtime_from_artifact_bytes`.
 *
 * V8 cannot serialize compiled machine code (Node 20), so the artifact holds
 * what is expensive to redo and deterministic: the exact prepared bytes V8
 * compiles, with the semantics they were prepared for, the runtime version,
 * the imports (so that import resolution needs no decode) and the blob as
 * given (so that the code can still be decompressed on demand). Recreating a
 * runtime from it skips zstd, decoding, validation and every transform;
 * V8's lazy compilation makes the compile itself cheap.
 *
 * Layout (all integers u32 little-endian):
 *   "swxA" | format | header length | header (UTF-8 JSON) | original length | original blob | prepared wasm
 *
 * An original length of 0 (no runtime blob is empty) means the blob was left
 * out: whoever reads the artifact holds it already and passes it back (the
 * artifact cache, whose key commits to the blob, stores half the bytes).
 *
 * The artifact is trusted input: `artifact-cache.ts` checksums what it stores.
 */
import { SwxError } from '../base/errors.js';
import { fromHex, toHex, utf8 } from '../base/bytes.js';
import { decodeModule, type FuncType, type Import } from '../wasm/index.js';
import { decodeRuntimeVersion, encodeRuntimeVersion } from '../blob/index.js';
import { createRuntime, runtimeFromPrepared, type Runtime } from './runtime.js';
import { lazyRuntimeCode, type RuntimeCode } from './runtime-code.js';
import type { PreparedModule } from './prepare.js';
import { snapshotDataSegments } from './strategies.js';
import { resolveSemantics, type Semantics, type SemanticsOpts } from './semantics.js';
import { createServices, type Services } from './services.js';

/** First bytes of an artifact. */
export const ARTIFACT_MAGIC = utf8('swxA');
/** Artifact format; bumped whenever preparation or this layout changes what it produces (4: the blob may be left out). */
export const ARTIFACT_FORMAT = 4;

interface ArtifactHeader {
  semantics: Omit<Semantics, 'hostFunctions'>;
  exposedGlobals: string[];
  memory: { min: number; max: number | null };
  compressed: boolean;
  /** blake2-256 of the raw Wasm (hex). */
  codeHash: string;
  /** Whether the version came from the custom sections (else from `Core_version`). */
  embedded: boolean;
  /** SCALE RuntimeVersion (hex), when known. */
  version: string | null;
  /** The prepared module's imports and function types. */
  imports: Import[];
  types: FuncType[];
}

function u32(n: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n, true);
  return b;
}

/** Options of `serializeArtifact`. */
export interface SerializeArtifactOpts {
  /** Leave the blob as given out (default false): the reader must pass it back (`FromArtifactOpts.original`). */
  withoutOriginal?: boolean;
}

/** Serializes a created runtime (host functions are not part of it). */
export function serializeArtifact(runtime: Runtime, opts: SerializeArtifactOpts = {}): Uint8Array {
  const { hostFunctions: _hf, ...semantics } = runtime.semantics;
  const code = runtime.code;
  const header: ArtifactHeader = {
    semantics,
    exposedGlobals: runtime.prepared.exposedGlobals,
    memory: { min: runtime.prepared.memory.min, max: runtime.prepared.memory.max ?? null },
    compressed: code.compressed,
    codeHash: toHex(code.hash),
    embedded: code.embeddedVersion !== undefined,
    version: runtime.version !== undefined ? toHex(encodeRuntimeVersion(runtime.version)) : null,
    imports: runtime.prepared.imports.imports,
    types: runtime.prepared.imports.types,
  };
  const head = utf8(JSON.stringify(header));
  const original = opts.withoutOriginal === true ? new Uint8Array(0) : code.original;
  const parts = [ARTIFACT_MAGIC, u32(ARTIFACT_FORMAT), u32(head.length), head, u32(original.length), original, runtime.prepared.bytes];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Prepares `code` for `opts` and serializes the result (host functions are not part of it). */
export async function prepareArtifact(code: RuntimeCode, opts: SemanticsOpts = {}): Promise<Uint8Array> {
  return serializeArtifact(await createRuntime(code, opts));
}

/** Options of `createRuntimeFromArtifact`: host functions to add (semantics come from the artifact), services to share. */
export interface FromArtifactOpts extends Pick<SemanticsOpts, 'hostFunctions'> {
  services?: Services;
  /** The blob as given, for an artifact serialized without it (`withoutOriginal`); ignored when the artifact holds it. */
  original?: Uint8Array;
}

/** Recreates a runtime from `prepareArtifact` bytes. */
export async function createRuntimeFromArtifact(artifact: Uint8Array, opts: FromArtifactOpts = {}): Promise<Runtime> {
  const bad = (why: string): SwxError => new SwxError('INVALID_INPUT', `not a swx artifact: ${why}`);
  if (artifact.length < 16 || ARTIFACT_MAGIC.some((b, i) => artifact[i] !== b)) throw bad('bad magic');
  const dv = new DataView(artifact.buffer, artifact.byteOffset, artifact.byteLength);
  const format = dv.getUint32(4, true);
  if (format !== ARTIFACT_FORMAT) throw bad(`format ${format}, expected ${ARTIFACT_FORMAT}`);
  const headLen = dv.getUint32(8, true);
  if (12 + headLen + 4 > artifact.length) throw bad('truncated header');
  let header: ArtifactHeader;
  try {
    header = JSON.parse(new TextDecoder().decode(artifact.subarray(12, 12 + headLen))) as ArtifactHeader;
  } catch {
    throw bad('unreadable header');
  }
  const originalLen = dv.getUint32(12 + headLen, true);
  const originalStart = 16 + headLen;
  if (originalStart + originalLen > artifact.length) throw bad('truncated code');
  if (originalLen === 0 && opts.original === undefined) throw bad('serialized without its runtime blob, and none was given');
  const original = originalLen === 0 ? opts.original!.slice() : artifact.slice(originalStart, originalStart + originalLen);
  const preparedBytes = artifact.slice(originalStart + originalLen);
  const services = opts.services ?? (await createServices());
  const version = header.version !== null ? decodeRuntimeVersion(fromHex(header.version)) : undefined;
  const code = lazyRuntimeCode({ original, compressed: header.compressed, hash: fromHex(header.codeHash), embeddedVersion: header.embedded ? version : undefined }, services);
  const semantics: Semantics = { ...resolveSemantics({ ...header.semantics, hostFunctions: opts.hostFunctions ?? [] }), heapFromState: header.semantics.heapFromState };
  const prepared: PreparedModule = {
    bytes: preparedBytes,
    imports: { imports: header.imports, types: header.types },
    dataSegments: () => snapshotDataSegments(decodeModule(preparedBytes)),
    exposedGlobals: header.exposedGlobals,
    memory: { min: header.memory.min, max: header.memory.max ?? undefined },
  };
  const runtime = runtimeFromPrepared(code, semantics, prepared);
  runtime.version = version;
  return runtime;
}
