/**
 * Compiled-artifact cache, the counterpart of sc-executor's
 * `prepare_runtime_artifact` / `create_runtime_from_artifact_bytes`.
 *
 * V8 cannot serialize compiled machine code (Node 20), so the artifact holds
 * what is expensive to redo and deterministic: the raw (decompressed) Wasm and
 * the exact prepared bytes V8 compiles, with the semantics they were prepared
 * for and the runtime version. Recreating a runtime from it skips zstd and every
 * transform; V8's lazy compilation makes the compile itself cheap.
 *
 * Layout (all integers u32 little-endian):
 *   "swxA" | format | header length | header (UTF-8 JSON) | wasm length | raw wasm | prepared wasm
 */
import { SwxError } from '../base/errors.js';
import { fromHex, toHex, utf8 } from '../base/bytes.js';
import { decodeModule } from '../wasm/index.js';
import { decodeRuntimeVersion, encodeRuntimeVersion } from '../blob/index.js';
import { createRuntime, runtimeFromPrepared, type Runtime } from './runtime.js';
import { embeddedVersionOf, type RuntimeCode } from './runtime-code.js';
import { resolveSemantics, type Semantics, type SemanticsOpts } from './semantics.js';
import { createServices, type Services } from './services.js';

/** First bytes of an artifact. */
export const ARTIFACT_MAGIC = utf8('swxA');
/** Artifact format; bumped whenever preparation changes what it produces. */
export const ARTIFACT_FORMAT = 2;

interface ArtifactHeader {
  semantics: Omit<Semantics, 'hostFunctions'>;
  exposedGlobals: string[];
  memory: { min: number; max: number | null };
  compressed: boolean;
  /** SCALE RuntimeVersion (hex), when known. */
  version: string | null;
}

function u32(n: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n, true);
  return b;
}

/** Prepares `code` for `opts` and serializes the result (host functions are not part of it). */
export async function prepareArtifact(code: RuntimeCode, opts: SemanticsOpts = {}): Promise<Uint8Array> {
  const runtime = await createRuntime(code, opts);
  const { hostFunctions: _hf, ...semantics } = runtime.semantics;
  const header: ArtifactHeader = {
    semantics,
    exposedGlobals: runtime.prepared.exposedGlobals,
    memory: { min: runtime.prepared.memory.min, max: runtime.prepared.memory.max ?? null },
    compressed: code.compressed,
    version: runtime.version !== undefined ? toHex(encodeRuntimeVersion(runtime.version)) : null,
  };
  const head = utf8(JSON.stringify(header));
  const parts = [ARTIFACT_MAGIC, u32(ARTIFACT_FORMAT), u32(head.length), head, u32(code.wasm.length), code.wasm, runtime.prepared.bytes];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Options of `createRuntimeFromArtifact`: host functions to add (semantics come from the artifact), services to share. */
export interface FromArtifactOpts extends Pick<SemanticsOpts, 'hostFunctions'> {
  services?: Services;
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
  const wasmLen = dv.getUint32(12 + headLen, true);
  const wasmStart = 16 + headLen;
  if (wasmStart + wasmLen > artifact.length) throw bad('truncated code');
  const wasm = artifact.slice(wasmStart, wasmStart + wasmLen);
  const preparedBytes = artifact.slice(wasmStart + wasmLen);
  const services = opts.services ?? (await createServices());
  const module = decodeModule(wasm);
  const code: RuntimeCode = { original: wasm, compressed: header.compressed, wasm, module, hash: services.hashers.blake2_256(wasm), embeddedVersion: embeddedVersionOf(module), services };
  const semantics: Semantics = { ...resolveSemantics({ ...header.semantics, hostFunctions: opts.hostFunctions ?? [] }), heapFromState: header.semantics.heapFromState };
  const prepared = { bytes: preparedBytes, module: decodeModule(preparedBytes), exposedGlobals: header.exposedGlobals, memory: { min: header.memory.min, max: header.memory.max ?? undefined } };
  const runtime = runtimeFromPrepared(code, semantics, prepared);
  runtime.version = code.embeddedVersion ?? (header.version !== null ? decodeRuntimeVersion(fromHex(header.version)) : undefined);
  return runtime;
}
