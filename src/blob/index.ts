/**
 * blob — what a runtime blob is before it is compiled: maybe-compressed
 * bytes, and the version it declares.
 *
 * 1. Compression (sp-maybe-compressed-blob, polkadot-sdk master):
 *
 *      bytes = 52 bc 53 76 46 db 8e 05 ‖ zstd frame(s)   → zstd-decode, ≤ 50 MiB
 *      bytes = 00 61 73 6d 01 00 00 00 ‖ …               → raw Wasm, as is
 *
 *    More than CODE_BLOB_BOMB_LIMIT decoded bytes is a possible bomb
 *    (BLOB_BOMB); a corrupt stream is BLOB_DECOMPRESSION_FAILED; anything that
 *    is not then a Wasm module is BLOB_INVALID (RFC-0135's typed prefixes
 *    `…8e06/07/08` included: master does not know them). `swx compress` writes
 *    the prefix and a level-22 frame, refusing input over the limit.
 *
 * 2. Runtime version (sp-version): a SCALE struct whose tail depends on the
 *    version of the `Core` API (id `df6acb689907609b`) it lists:
 *
 *      spec_name, impl_name, authoring, spec, impl, apis,
 *      [transaction_version if Core ≥ 3, else 1], [system_version if Core ≥ 4, else 0]
 *
 *    It is either embedded (custom sections `runtime_version` + `runtime_apis`,
 *    see `readEmbeddedVersion`) or returned by calling `Core_version`
 *    (`decodeRuntimeVersion`). The system version selects the trie layout:
 *    `stateVersion` (0 → V0, else V1) and `extrinsicsRootStateVersion`
 *    (0, 1 → V0, else V1).
 *
 * The zstd libraries are wrapped by `zstd.ts` (decoding: zstddec, fzstd) and
 * `compress.ts` (encoding: @hpcc-js/wasm-zstd); each needs one asynchronous
 * initialisation, held by the Decompressor / Compressor the caller keeps.
 */
export {
  CODE_BLOB_BOMB_LIMIT,
  ZSTD_PREFIX,
  createDecompressor,
  createSyncDecompressor,
  isCompressed,
  maybeDecompress,
  maybeDecompressSync,
} from './compressed.js';
export type { Decompressor, DecompressorOpts, MaybeDecompressed } from './compressed.js';
export type { ZstdEngine } from './zstd.js';
export { STRONG_COMPRESSION_LEVEL, compress, createCompressor } from './compress.js';
export type { CompressOpts, Compressor } from './compress.js';
export {
  API_ID_LENGTH,
  CORE_API_ID,
  apiVersion,
  coreVersionFromApis,
  decodeRuntimeVersion,
  encodeRuntimeVersion,
  extrinsicsRootStateVersion,
  runtimeVersionToJson,
  stateVersion,
} from './version.js';
export type { RuntimeApi, RuntimeVersion, RuntimeVersionJson, StateVersion } from './version.js';
export { RUNTIME_API_INFO_SIZE, decodeRuntimeApisSection, readEmbeddedVersion } from './embedded.js';
