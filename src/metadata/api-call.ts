/**
 * Named runtime API calls. A runtime API method is the Wasm export
 * `<Api>_<method>` (e.g. `AccountNonceApi_account_nonce`) taking the SCALE
 * encoding of its arguments concatenated, and returning the SCALE encoding
 * of its result. Metadata V15 and later list each API's methods with their
 * input and output types; from these the arguments are encoded and the
 * output decoded with polkadot-api's dynamic codecs. V14 does not describe
 * runtime APIs, so a named call needs V15 (`Metadata_metadata_at_version`).
 */
import { SwxError } from '../base/errors.js';
import type { RuntimeMetadata } from './open.js';
import { findNamed, splitName } from './names.js';
import { fromText, fromJson, guard, toJson, type Json } from './values.js';
import { TypeNamer } from './type-names.js';

/** An encoded runtime API call. */
export interface EncodedApiCall {
  /** The Wasm export to call, `<Api>_<method>`. */
  method: string;
  /** The SCALE-encoded arguments. */
  input: Uint8Array;
  /** The API and method names as the metadata spells them. */
  api: string;
  name: string;
}

/** Resolves `Api.method` (or `Api_method`) against V15+ metadata. */
function resolve(meta: RuntimeMetadata, ref: string): { api: string; method: string; inputs: Array<{ name: string; type: number }>; output: number } {
  if (!meta.hasApiTypes) {
    throw new SwxError('METADATA_NO_API_TYPES', `metadata V${meta.version} does not describe runtime API signatures (V15+ does, through Metadata_metadata_at_version); call ${ref.replace('.', '_')} with hex input instead`, { version: meta.version, name: ref });
  }
  const apis = meta.unified.apis;
  let apiName: string;
  let methodName: string;
  const dot = ref.indexOf('.');
  if (dot > 0) [apiName, methodName] = splitName(ref, 'a runtime API method');
  else {
    // `Api_method`: the API name is the longest known API name followed by `_`.
    const api = apis.filter((a) => ref.startsWith(a.name + '_')).sort((a, b) => b.name.length - a.name.length)[0];
    [apiName, methodName] = api !== undefined ? [api.name, ref.slice(api.name.length + 1)] : splitName(ref, 'a runtime API method', true);
  }
  const api = findNamed(apis, (a) => a.name, apiName, 'runtime API', 'the metadata');
  const m = findNamed(api.methods, (x) => x.name, methodName, 'method', api.name);
  return { api: api.name, method: m.name, inputs: m.inputs, output: m.output };
}

/** The signature of a runtime API method as text, e.g. `account_nonce(account: AccountId32) -> u32`. */
export function apiSignature(meta: RuntimeMetadata, ref: string): string {
  const r = resolve(meta, ref);
  const names = new TypeNamer(meta.unified.lookup);
  return `${r.api}.${r.method}(${r.inputs.map((i) => `${i.name}: ${names.name(i.type)}`).join(', ')}) -> ${names.name(r.output)}`;
}

/**
 * Encodes a call of `Api.method` with `args`: strings are command-line text
 * (SS58 or hex accounts, numbers, hex bytes, JSON for structs and enums);
 * other values are taken as JSON.
 */
export function encodeApiCall(meta: RuntimeMetadata, ref: string, args: ReadonlyArray<string | Json>): EncodedApiCall {
  const r = resolve(meta, ref);
  if (args.length !== r.inputs.length) {
    throw new SwxError('METADATA_BAD_ARGUMENT', `${apiSignature(meta, ref)} takes ${r.inputs.length} argument(s), got ${args.length}`, { name: ref });
  }
  const values = r.inputs.map((inp, i) => {
    const entry = meta.lookup(inp.type);
    const a = args[i]!;
    const path = `${r.api}.${r.method} ${inp.name}`;
    return typeof a === 'string' ? fromText(meta.papi, entry, a, path, meta.ss58Prefix) : fromJson(meta.papi, entry, a, path, meta.ss58Prefix);
  });
  const codec = meta.builder.buildRuntimeCall(r.api, r.method);
  const input = guard('METADATA_BAD_ARGUMENT', `encoding the arguments of ${r.api}.${r.method}`, () => codec.args.enc(values));
  return { method: `${r.api}_${r.method}`, input, api: r.api, name: r.method };
}

/** Decodes the output of `Api.method` (JSON-safe). */
export function decodeApiResult(meta: RuntimeMetadata, ref: string, output: Uint8Array): Json {
  const r = resolve(meta, ref);
  const codec = meta.builder.buildRuntimeCall(r.api, r.method);
  return guard('METADATA_DECODE_FAILED', `decoding the output of ${r.api}.${r.method} (${output.length} bytes)`, () => {
    const v: unknown = codec.value.dec(output);
    const used = codec.value.enc(v).length;
    if (used !== output.length) throw new Error(`${output.length - used} bytes left over`);
    return toJson(v);
  });
}
