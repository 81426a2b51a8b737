/**
 * Getting metadata out of a runtime.
 *
 * Every runtime with the `Metadata` API (id blake2_64("Metadata") =
 * 0x37e397fc7c91f5e4) exports `Metadata_metadata`, which returns V14 (or older).
 * Version 2 of that API adds `Metadata_metadata_versions` (a `Vec<u32>` of the
 * versions the runtime can produce) and `Metadata_metadata_at_version(u32)`
 * (an `Option<OpaqueMetadata>`); V15 carries the runtime API signatures that
 * named API calls need, so `fetchMetadata` asks for the highest version both
 * the runtime and swx support, and falls back to `Metadata_metadata`.
 */
import { SwxError } from '../base/errors.js';
import { ScaleReader } from '../base/scale.js';
import { apiVersion, type RuntimeVersion } from '../blob/version.js';
import { SUPPORTED_METADATA_VERSIONS } from './open.js';

/** blake2_64("Metadata"): the id of the Metadata runtime API (sp-api `decl_runtime_apis`). */
export const METADATA_API_ID = new Uint8Array([0x37, 0xe3, 0x97, 0xfc, 0x7c, 0x91, 0xf5, 0xe4]);
/** The Metadata API version that added `metadata_at_version` and `metadata_versions`. */
export const METADATA_API_AT_VERSION = 2;

/** Calls a runtime entry point and returns its output (e.g. `(m, i) => runtime.call(m, i).then(r => r.output)`). */
export type EntryPointCall = (method: string, input: Uint8Array) => Promise<Uint8Array>;

/** Metadata as fetched: the bytes and which entry point produced them. */
export interface FetchedMetadata {
  /** The prefixed metadata ("meta" magic, version, body). */
  bytes: Uint8Array;
  /** The version byte. */
  version: number;
  /** The entry point that produced them. */
  source: 'Metadata_metadata' | 'Metadata_metadata_at_version';
  /** Versions the runtime lists (`Metadata_metadata_versions`), when it has the call. */
  available?: number[];
}

/** Options of `fetchMetadata`. */
export interface FetchMetadataOpts {
  /** Ask for this version instead of the highest supported one. */
  version?: number;
}

/** Decodes a SCALE `Vec<u32>`. */
function decodeVecU32(bytes: Uint8Array): number[] {
  const r = new ScaleReader(bytes);
  const n = r.compactU32();
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(r.u32());
  return out;
}

/** Unwraps `OpaqueMetadata` (a `Vec<u8>`). */
function unwrapOpaque(bytes: Uint8Array): Uint8Array {
  const r = new ScaleReader(bytes);
  const n = r.compactU32();
  return r.bytes.subarray(r.offset, r.offset + n);
}

/** Highest-supported metadata of a runtime (V15/V16 through `metadata_at_version` where available, else `Metadata_metadata`). */
export async function fetchMetadata(call: EntryPointCall, version: RuntimeVersion | undefined, opts: FetchMetadataOpts = {}): Promise<FetchedMetadata> {
  const apiV = version !== undefined ? apiVersion(version, METADATA_API_ID) : undefined;
  if (apiV !== undefined && apiV >= METADATA_API_AT_VERSION) {
    const available = decodeVecU32(await call('Metadata_metadata_versions', new Uint8Array(0)));
    const wanted = opts.version ?? Math.max(-1, ...available.filter((v) => SUPPORTED_METADATA_VERSIONS.includes(v)));
    if (wanted >= 0) {
      if (!available.includes(wanted)) {
        throw new SwxError('METADATA_UNSUPPORTED_VERSION', `the runtime does not provide metadata V${wanted} (it lists ${available.join(', ')})`, { version: wanted });
      }
      const input = new Uint8Array(4);
      new DataView(input.buffer).setUint32(0, wanted, true);
      const out = await call('Metadata_metadata_at_version', input);
      if (out[0] === 1) {
        const bytes = unwrapOpaque(out.subarray(1));
        return { bytes, version: bytes[4] ?? -1, source: 'Metadata_metadata_at_version', available };
      }
    }
  } else if (opts.version !== undefined && opts.version !== 14) {
    throw new SwxError('METADATA_UNSUPPORTED_VERSION', `the runtime has no Metadata_metadata_at_version (Metadata API ${apiV ?? 'absent'}): only Metadata_metadata`, { version: opts.version });
  }
  const bytes = unwrapOpaque(await call('Metadata_metadata', new Uint8Array(0)));
  return { bytes, version: bytes[4] ?? -1, source: 'Metadata_metadata' };
}
