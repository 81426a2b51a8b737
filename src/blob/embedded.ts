/**
 * The version a runtime embeds in custom sections, read without running it
 * (polkadot-sdk `substrate/client/executor/src/wasm_runtime.rs`
 * `read_embedded_version`):
 *
 *   runtime_version  SCALE RuntimeVersion whose `apis` is empty
 *   runtime_apis     the APIs, as a bare concatenation of 12-byte items
 *                    `[8-byte id][u32 LE version]` (sp-api `serialize_runtime_api_info`)
 *
 * Without a `runtime_version` section there is no embedded version (the
 * executor calls `Core_version` instead). Otherwise the Core version for
 * `decode_with_version_hint` comes from the `runtime_apis` section (none when
 * that section is absent or lacks Core, so the decoder then looks in the
 * version section's own, normally empty, apis), and the section's APIs
 * replace the decoded ones. Only the first section of each name counts;
 * picking it is the caller's job (the Wasm reader).
 */
import { SwxError } from '../base/errors.js';
import { API_ID_LENGTH, coreVersionFromApis, decodeRuntimeVersion, type RuntimeApi, type RuntimeVersion } from './version.js';

/** Size of one `runtime_apis` item (sp-api `RUNTIME_API_INFO_SIZE`). */
export const RUNTIME_API_INFO_SIZE = 12;

/** Decodes a `runtime_apis` section; a trailing partial item is an error (VERSION_INVALID). */
export function decodeRuntimeApisSection(bytes: Uint8Array): RuntimeApi[] {
  if (bytes.length % RUNTIME_API_INFO_SIZE !== 0) {
    throw new SwxError('VERSION_INVALID', 'a clipped runtime api info declaration', { sectionLength: bytes.length });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const apis: RuntimeApi[] = [];
  for (let o = 0; o < bytes.length; o += RUNTIME_API_INFO_SIZE) {
    apis.push([bytes.slice(o, o + API_ID_LENGTH), view.getUint32(o + API_ID_LENGTH, true)]);
  }
  return apis;
}

/**
 * The embedded RuntimeVersion given the payloads of the first `runtime_version`
 * and `runtime_apis` custom sections; undefined when there is no version
 * section. Throws VERSION_INVALID on a malformed section.
 */
export function readEmbeddedVersion(runtimeVersionSection: Uint8Array | undefined, runtimeApisSection?: Uint8Array): RuntimeVersion | undefined {
  if (runtimeVersionSection === undefined) return undefined;
  const apis = runtimeApisSection === undefined ? undefined : decodeRuntimeApisSection(runtimeApisSection);
  const core = apis === undefined ? undefined : coreVersionFromApis(apis);
  let version: RuntimeVersion;
  try {
    version = decodeRuntimeVersion(runtimeVersionSection, core);
  } catch (e) {
    if (e instanceof SwxError) throw new SwxError('VERSION_INVALID', `failed to decode version section: ${e.message}`, {}, { cause: e });
    throw e;
  }
  if (apis !== undefined) version.apis = apis;
  return version;
}
