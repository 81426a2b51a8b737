/**
 * RuntimeVersion and its SCALE codec (polkadot-sdk
 * `substrate/primitives/version/src/lib.rs`):
 *
 *   spec_name: String, impl_name: String,
 *   authoring_version: u32, spec_version: u32, impl_version: u32,
 *   apis: Vec<([u8; 8], u32)>,
 *   transaction_version: u32   only if Core ≥ 3, else 1
 *   system_version: u8         only if Core ≥ 4, else 0
 *
 * "Core" is the version of the `Core` runtime API (id blake2b-64("Core"))
 * found in `apis`, unless the caller knows it (`decode_with_version_hint`).
 * Bytes after the last field are ignored, as `Decode::decode` does.
 * Encoding always writes all eight fields (the derived `Encode`).
 */
import { SwxError } from '../base/errors.js';
import { decodeUtf8, equalBytes, toHex } from '../base/bytes.js';
import { ScaleReader, ScaleWriter } from '../base/scale.js';
import type { StateVersion } from '../base/constants.js';

/** `Core` API id: blake2b-64("Core") (sp-api `Core::ID`). */
export const CORE_API_ID: Uint8Array = Uint8Array.of(0xdf, 0x6a, 0xcb, 0x68, 0x99, 0x07, 0x60, 0x9b);

/** Length of an API id (sp-version `ApiId = [u8; 8]`). */
export const API_ID_LENGTH = 8;

/** A runtime API and its version: `[8-byte id, version]`. */
export type RuntimeApi = [Uint8Array, number];

/** A runtime's version (sp-version `RuntimeVersion`). */
export interface RuntimeVersion {
  specName: string;
  implName: string;
  authoringVersion: number;
  specVersion: number;
  implVersion: number;
  /** Implemented runtime APIs, in the runtime's order. */
  apis: RuntimeApi[];
  /** 1 when the encoding predates it (Core < 3). */
  transactionVersion: number;
  /** A u8; 0 when the encoding predates it (Core < 4). */
  systemVersion: number;
}

export type { StateVersion };

/** `swx version --json` / Substrate RPC shape (apis as `["0x<8 bytes>", n]`). */
export interface RuntimeVersionJson {
  specName: string;
  implName: string;
  authoringVersion: number;
  specVersion: number;
  implVersion: number;
  apis: Array<[string, number]>;
  transactionVersion: number;
  /** sp-version's serde writes `system_version` under this (legacy) name. */
  stateVersion: number;
}

/** Version of the Core API among `apis`, if present (sp-version `core_version_from_apis`). */
export function coreVersionFromApis(apis: readonly RuntimeApi[]): number | undefined {
  for (const [id, version] of apis) if (equalBytes(id, CORE_API_ID)) return version;
  return undefined;
}

/** Version of the API `id` (8 bytes) among `v.apis`, if present. */
export function apiVersion(v: RuntimeVersion, id: Uint8Array): number | undefined {
  for (const [apiId, version] of v.apis) if (equalBytes(apiId, id)) return version;
  return undefined;
}

/** Trie version for storage: system version 0 → V0, anything else → V1 (`state_version`). */
export function stateVersion(v: RuntimeVersion): StateVersion {
  return v.systemVersion === 0 ? 0 : 1;
}

/** Trie version for the extrinsics root: V0 for system version 0 or 1, V1 above (`extrinsics_root_state_version`). */
export function extrinsicsRootStateVersion(v: RuntimeVersion): StateVersion {
  return v.systemVersion <= 1 ? 0 : 1;
}

function versionError(message: string, cause?: unknown): SwxError {
  return new SwxError('VERSION_INVALID', message, {}, cause === undefined ? undefined : { cause });
}

/**
 * Decodes a SCALE RuntimeVersion like `RuntimeVersion::decode_with_version_hint`:
 * `coreVersionHint` undefined means "read it from the decoded apis".
 * Throws VERSION_INVALID.
 */
export function decodeRuntimeVersion(bytes: Uint8Array, coreVersionHint?: number): RuntimeVersion {
  const r = new ScaleReader(bytes);
  try {
    const specName = readString(r, 'specName');
    const implName = readString(r, 'implName');
    const authoringVersion = r.u32();
    const specVersion = r.u32();
    const implVersion = r.u32();
    const apis = r.vec((rr): RuntimeApi => [rr.fixed(API_ID_LENGTH).slice(), rr.u32()]);
    const core = coreVersionHint ?? coreVersionFromApis(apis);
    const transactionVersion = core !== undefined && core >= 3 ? r.u32() : 1;
    const systemVersion = core !== undefined && core >= 4 ? r.u8() : 0;
    return { specName, implName, authoringVersion, specVersion, implVersion, apis, transactionVersion, systemVersion };
  } catch (e) {
    if (e instanceof SwxError && e.code !== 'VERSION_INVALID') throw versionError(`cannot decode RuntimeVersion: ${e.message}`, e);
    throw e;
  }
}

/** A SCALE `String`: strict UTF-8, a leading BOM kept (Rust's `String::from_utf8`). */
function readString(r: ScaleReader, what: string): string {
  const at = r.offset;
  const s = decodeUtf8(r.bytesVec());
  if (s === undefined) throw versionError(`cannot decode RuntimeVersion: ${what} is not valid UTF-8 (at byte ${at})`);
  return s;
}

/** The full SCALE encoding of `v` (all eight fields, as `ext_misc_runtime_version` returns it). */
export function encodeRuntimeVersion(v: RuntimeVersion): Uint8Array {
  checkU32(v.authoringVersion, 'authoringVersion');
  checkU32(v.specVersion, 'specVersion');
  checkU32(v.implVersion, 'implVersion');
  checkU32(v.transactionVersion, 'transactionVersion');
  if (!Number.isInteger(v.systemVersion) || v.systemVersion < 0 || v.systemVersion > 0xff) {
    throw new SwxError('INVALID_INPUT', `RuntimeVersion.systemVersion must be a u8, got ${v.systemVersion}`);
  }
  const w = new ScaleWriter(64 + v.specName.length + v.implName.length + 12 * v.apis.length);
  w.string(v.specName).string(v.implName).u32(v.authoringVersion).u32(v.specVersion).u32(v.implVersion);
  w.compact(v.apis.length);
  for (const [id, version] of v.apis) {
    if (id.length !== API_ID_LENGTH) throw new SwxError('INVALID_INPUT', `API id must be 8 bytes, got ${id.length}`);
    checkU32(version, 'API version');
    w.raw(id).u32(version);
  }
  return w.u32(v.transactionVersion).u8(v.systemVersion).finish().slice();
}

function checkU32(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new SwxError('INVALID_INPUT', `RuntimeVersion.${what} must be a u32, got ${n}`);
}

/**
 * The `swx version --json` object. `stateVersion` is the raw system version,
 * as Substrate's JSON (`state_getRuntimeVersion`) shows it.
 */
export function runtimeVersionToJson(v: RuntimeVersion): RuntimeVersionJson {
  return {
    specName: v.specName,
    implName: v.implName,
    authoringVersion: v.authoringVersion,
    specVersion: v.specVersion,
    implVersion: v.implVersion,
    apis: v.apis.map(([id, n]) => [toHex(id), n]),
    transactionVersion: v.transactionVersion,
    stateVersion: v.systemVersion,
  };
}
