/**
 * The on-disk artifact cache: a runtime seen once is never prepared again
 * (Substrate keeps a precompiled artifact per runtime for the same reason,
 * `create_runtime_from_artifact`).
 *
 *   key   = sha256("swx-artifact" ‖ swx version ‖ ARTIFACT_FORMAT ‖ semantics JSON ‖ blob as given)
 *   entry = <cache dir>/artifacts/<key hex>.swxa
 *         = artifact without the blob ‖ key (32) ‖ sha256(key ‖ artifact) (32)
 *
 * The blob is left out of the stored artifact: the key commits to it and the
 * caller holds it, so an entry is the prepared module and its header only —
 * half the bytes to read and checksum on a hit.
 *
 * A hit skips decompression, decoding, validation and the transforms: the
 * prepared bytes go straight to V8. An entry is trusted only when its
 * trailer names the key asked for (a swapped or foreign file fails) and its
 * checksum holds (a corrupt or truncated one fails); anything else is a miss,
 * and the entry is rebuilt and overwritten. Writes are atomic: a temporary
 * file in the same folder, fsync, rename. The cache is best effort: a folder
 * that cannot be written costs speed, never a result.
 *
 * Folder: `$SWX_CACHE_DIR`, else `$XDG_CACHE_HOME/swx`, else `~/.cache/swx`.
 * Runtimes with custom host functions are never cached (functions have no key).
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { utf8 } from '../base/bytes.js';
import { packageVersion } from '../base/package-version.js';
import { ARTIFACT_FORMAT, createRuntimeFromArtifact, serializeArtifact } from './artifact.js';
import { prepareModule } from './prepare.js';
import { runtimeFromPrepared, settleVersion, type Runtime } from './runtime.js';
import { loadRuntimeCodeSync } from './runtime-code.js';
import { resolveSemantics, type Semantics, type SemanticsOpts } from './semantics.js';
import { createServices, type Services } from './services.js';

/** Length of the key and of the checksum in an entry's trailer (sha256). */
const DIGEST_LEN = 32;

/** Phases a cached creation reports through `mark`, in order. */
export type CachePhase = 'cache lookup' | 'decompress' | 'decode' | 'validate' | 'hash' | 'prepare' | 'compile' | 'version' | 'cache write';

/** Options of `createRuntimeCached`. */
export interface CachedRuntimeOpts extends SemanticsOpts {
  /** Services to share (created when absent). */
  services?: Services;
  /** Use the on-disk cache (default true; `--no-cache` sets false). */
  cache?: boolean;
  /** Cache folder (default `artifactCacheDir()`). */
  cacheDir?: string;
  /** Called as each phase ends (`--timings`). */
  mark?: (phase: CachePhase) => void;
}

/** How the runtime was obtained. */
export type CacheOutcome = 'hit' | 'miss' | 'off';

/** The cache folder: `$SWX_CACHE_DIR`, else `$XDG_CACHE_HOME/swx`, else `~/.cache/swx`. */
export function artifactCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const own = env['SWX_CACHE_DIR'];
  if (own !== undefined && own !== '') return own;
  const xdg = env['XDG_CACHE_HOME'];
  return join(xdg !== undefined && xdg !== '' ? xdg : join(homedir(), '.cache'), 'swx');
}

/** The cache key of `bytes` prepared for `semantics`. */
export function artifactKey(bytes: Uint8Array, semantics: Semantics): Uint8Array {
  const { hostFunctions: _hf, ...rest } = semantics;
  const h = createHash('sha256');
  h.update(utf8(`swx-artifact\n${packageVersion()}\n${ARTIFACT_FORMAT}\n${JSON.stringify(rest)}\n`));
  h.update(bytes);
  return new Uint8Array(h.digest());
}

function checksum(key: Uint8Array, artifact: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(key).update(artifact).digest());
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The path of the entry for `key` under `dir`. */
export function artifactEntryPath(dir: string, key: Uint8Array): string {
  return join(dir, 'artifacts', `${Buffer.from(key).toString('hex')}.swxa`);
}

/** The artifact stored under `key`, or undefined when absent, foreign, truncated or corrupt. */
export function readArtifactEntry(dir: string, key: Uint8Array): Uint8Array | undefined {
  let entry: Uint8Array;
  try {
    entry = readFileSync(artifactEntryPath(dir, key)); // a Buffer of its own (not pooled: entries are megabytes)
  } catch {
    return undefined;
  }
  if (entry.length < 2 * DIGEST_LEN) return undefined;
  const artifact = entry.subarray(0, entry.length - 2 * DIGEST_LEN);
  const storedKey = entry.subarray(artifact.length, artifact.length + DIGEST_LEN);
  const sum = entry.subarray(artifact.length + DIGEST_LEN);
  if (!equal(storedKey, key) || !equal(sum, checksum(key, artifact))) return undefined;
  return artifact;
}

/** Stores `artifact` under `key` atomically (temp file, fsync, rename); false when the folder is not writable. */
export function writeArtifactEntry(dir: string, key: Uint8Array, artifact: Uint8Array): boolean {
  const path = artifactEntryPath(dir, key);
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    mkdirSync(join(dir, 'artifacts'), { recursive: true });
    const fd = openSync(tmp, 'w', 0o644);
    try {
      for (const part of [artifact, key, checksum(key, artifact)]) {
        let o = 0;
        while (o < part.length) o += writeSync(fd, part, o, part.length - o);
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
    return true;
  } catch {
    rmSync(tmp, { force: true });
    return false;
  }
}

/**
 * Creates a runtime from a blob (maybe compressed) through the artifact
 * cache: from the stored artifact when there is a valid one, else by
 * loading, preparing and compiling, then storing the artifact.
 */
export async function createRuntimeCached(bytes: Uint8Array, opts: CachedRuntimeOpts = {}): Promise<{ runtime: Runtime; cache: CacheOutcome }> {
  const { cache = true, cacheDir, mark, services: given, ...createOpts } = opts;
  const semantics = resolveSemantics(createOpts);
  // Started first: the services' Wasm compiles off this thread while the entry is read and checksummed.
  const servicesReady = given !== undefined ? Promise.resolve(given) : createServices();
  const useCache = cache && semantics.hostFunctions.length === 0;
  const dir = cacheDir ?? artifactCacheDir();
  const key = useCache ? artifactKey(bytes, semantics) : undefined;
  const artifact = key !== undefined ? readArtifactEntry(dir, key) : undefined;
  const services = await servicesReady;
  if (key !== undefined) {
    mark?.('cache lookup');
    if (artifact !== undefined) {
      try {
        const runtime = await createRuntimeFromArtifact(artifact, { services, original: bytes });
        mark?.('compile');
        return { runtime, cache: 'hit' };
      } catch {
        // A verified entry V8 or the reader still refuses (another swx build wrote it): rebuild it.
      }
    }
  }
  const code = loadRuntimeCodeSync(bytes, services, semantics.wasmFeatures, mark);
  const prepared = prepareModule(code.wasm, semantics);
  mark?.('prepare');
  const runtime = runtimeFromPrepared(code, semantics, prepared);
  mark?.('compile');
  settleVersion(runtime);
  if (code.embeddedVersion === undefined) mark?.('version');
  if (key === undefined) return { runtime, cache: 'off' };
  writeArtifactEntry(dir, key, serializeArtifact(runtime, { withoutOriginal: true }));
  mark?.('cache write');
  return { runtime, cache: 'miss' };
}
