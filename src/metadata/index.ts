/**
 * Decoded views of a runtime: its metadata, runtime API calls and storage by
 * name, and the difference between two runtimes.
 *
 * ## What metadata is
 * A runtime describes itself: `Metadata_metadata` returns a SCALE blob
 * ("meta" magic, a version byte, then the body) listing every pallet with its
 * index, calls, events, errors, storage items and constants, and the types of
 * all of them. Without it, everything a runtime takes and returns is opaque
 * SCALE bytes; with it, a tool can encode `Balances.transfer_keep_alive(dest,
 * value)` or decode `System.Account` into `{ nonce, data: { free, … } }`.
 *
 * ## Versions
 *   V8–V13   types are Rust source strings ("T::AccountId"): not decodable
 *            without a hand-kept table per chain; swx reports version and
 *            size only (Kusama's genesis runtime has V9).
 *   V14      (2021) a scale-info type registry: every type by id, with its
 *            path, generic parameters and structure. Pallets refer to ids.
 *   V15      (2023) adds runtime API descriptions (methods, input and output
 *            types), outer enums, custom data. Served by
 *            `Metadata_metadata_at_version(15)` (Metadata API v2), next to
 *            V14 from `Metadata_metadata`.
 *   V16      (2025) adds API versions, deprecation info, associated types,
 *            view functions, extrinsic V5 extensions by version.
 *
 * ## How a storage key is built
 *   twox128("System") ++ twox128("Account") ++ blake2_128(k) ++ k
 *   └── pallet prefix ─┘ └── item name ────┘ └─ Blake2_128Concat(key) ┘
 * Each key part is SCALE-encoded and hashed with its hasher; the `…Concat`
 * hashers and `Identity` keep the encoded key readable, so map entries can
 * be listed and their keys read back. Fewer key parts give a prefix.
 *
 * ## Pieces
 *   open.ts          bytes → `RuntimeMetadata` (V14/V15/V16; older: typed error)
 *   fetch.ts         a runtime → its highest supported metadata
 *   decode.ts        `decodeMetadata` → `{ version, pallets, apis, extrinsic }`
 *   text.ts          `formatMetadataText`
 *   api-call.ts      `encodeApiCall` / `decodeApiResult` (V15+)
 *   storage.ts       `storageKey`, `decodeStorageValue`, `decodeStorageKey`,
 *                    `listStorageEntries`, `readStorage`
 *   shape.ts         type shapes (encoding hashes) for "changed by type"
 *   compat.ts        old ⊑ new encoding compatibility of changed entries
 *   diff-*.ts        `diffMetadata`, `diffRuntimeVersions`, `diffRuntimes`,
 *                    `formatDiffText`
 * All type encoding and decoding goes through polkadot-api's libraries
 * (`papi.ts`, imported lazily: ~90 ms that only metadata work pays).
 */
export { openMetadata, readMetadataHeader, RuntimeMetadata, METADATA_MAGIC, SUPPORTED_METADATA_VERSIONS } from './open.js';
export type { MetadataHeader } from './open.js';
export { fetchMetadata, METADATA_API_ID } from './fetch.js';
export type { FetchedMetadata, FetchMetadataOpts, EntryPointCall } from './fetch.js';
export { decodeMetadata, describeMetadata, viewMetadata } from './decode.js';
export type {
  DecodedMetadata,
  DecodeMetadataOpts,
  MetadataView,
  PalletInfo,
  CallInfo,
  EventInfo,
  ErrorInfo,
  StorageInfo,
  ConstantInfo,
  ApiInfo,
  ApiMethodInfo,
  FieldInfo,
  ExtrinsicInfo,
} from './decode.js';
export { formatMetadataText } from './text.js';
export type { FormatMetadataOpts } from './text.js';
export { encodeApiCall, decodeApiResult, apiSignature } from './api-call.js';
export type { EncodedApiCall } from './api-call.js';
export { storageItem, storageKey, decodeStorageValue, decodeStorageKey, listStorageEntries, readStorage } from './storage.js';
export type { StorageItem, BuiltStorageKey, StorageEntry, StorageListing, StorageReader, ListStorageOpts, StorageRead } from './storage.js';
export { diffMetadata } from './diff-metadata.js';
export type { MetadataDiff, PalletDiff, ApiDiff, EntriesDiff, EntryChange } from './diff-metadata.js';
export { diffRuntimes, diffRuntimeVersions, COMMON_API_NAMES } from './diff-runtime.js';
export type { RuntimeDiff, RuntimeSide, VersionDiff, ApiVersionEntry, DiffRuntimesOpts } from './diff-runtime.js';
export { formatDiffText } from './diff-text.js';
export { toJson } from './values.js';
export type { Json } from './values.js';
