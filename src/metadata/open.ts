/**
 * From metadata bytes to a decoded handle.
 *
 * What a runtime returns for `Metadata_metadata` is `OpaqueMetadata`: a SCALE
 * `Vec<u8>` (compact length, then the bytes). Inside is the prefixed metadata:
 *
 *   6d 65 74 61   magic "meta" (frame-metadata `META_RESERVED`)
 *   0e            version: 14 (V14), 15, 16 … a `RuntimeMetadata` enum index
 *   …             the version's structure (V14+: a type registry + pallets)
 *
 * `Metadata_metadata_at_version(v)` returns `Option<OpaqueMetadata>`.
 * `openMetadata` accepts the prefixed bytes or the `Vec<u8>` around them,
 * decodes V14, V15 and V16 with substrate-bindings, and refuses older versions
 * (V8…V13 have no type registry: their types are Rust source strings) with
 * `METADATA_UNSUPPORTED_VERSION` saying the version and size.
 */
import { SwxError } from '../base/errors.js';
import { ScaleReader } from '../base/scale.js';
import { loadPapi, type ChecksumBuilder, type DynamicBuilder, type MetadataLookup, type Papi, type UnifiedMetadata } from './papi.js';

/** "meta" little-endian u32 (frame-metadata `META_RESERVED` = 0x6174656d). */
export const METADATA_MAGIC = new Uint8Array([0x6d, 0x65, 0x74, 0x61]);
/** Metadata versions swx decodes (those with a scale-info type registry). */
export const SUPPORTED_METADATA_VERSIONS: readonly number[] = [14, 15, 16];

/** Version and size of metadata bytes, read without decoding them. */
export interface MetadataHeader {
  /** The `RuntimeMetadata` version byte after the magic. */
  version: number;
  /** Length of the prefixed metadata (magic included). */
  length: number;
  /** The prefixed metadata (a view into the input). */
  bytes: Uint8Array;
}

function hasMagic(b: Uint8Array, at: number): boolean {
  return b.length >= at + 5 && METADATA_MAGIC.every((m, i) => b[at + i] === m);
}

/** Finds the prefixed metadata in `bytes` (bare, or inside the `Vec<u8>` of `Metadata_metadata`). */
export function readMetadataHeader(bytes: Uint8Array): MetadataHeader {
  let inner: Uint8Array | undefined;
  if (hasMagic(bytes, 0)) inner = bytes;
  else {
    try {
      const r = new ScaleReader(bytes);
      const len = r.compactU32();
      if (len === r.remaining && hasMagic(bytes, r.offset)) inner = bytes.subarray(r.offset);
    } catch {
      inner = undefined;
    }
  }
  if (inner === undefined) {
    throw new SwxError('METADATA_INVALID', `not runtime metadata: no "meta" magic (${bytes.length} bytes starting ${hexStart(bytes)})`, { length: bytes.length });
  }
  return { version: inner[4]!, length: inner.length, bytes: inner };
}

function hexStart(b: Uint8Array): string {
  return '0x' + Array.from(b.subarray(0, 8), (x) => x.toString(16).padStart(2, '0')).join('');
}

/**
 * Decoded metadata and the codec machinery built over it. Build with
 * `openMetadata`; the fields are the libraries' own objects.
 */
export class RuntimeMetadata {
  /** @internal use `openMetadata`. */
  constructor(
    /** The metadata version (14, 15 or 16). */
    readonly version: 14 | 15 | 16,
    /** Length in bytes of the prefixed metadata. */
    readonly length: number,
    /** substrate-bindings' version-independent view. */
    readonly unified: UnifiedMetadata,
    /** metadata-builders' denormalized type lookup. */
    readonly lookup: MetadataLookup,
    /** Codecs for storage, calls, events, constants and runtime APIs. */
    readonly builder: DynamicBuilder,
    /** Type-shape checksums (equal checksum ⇔ same encoding shape). */
    readonly checksums: ChecksumBuilder,
    /** The loaded libraries. */
    readonly papi: Papi,
  ) {}

  /** The chain's SS58 prefix (System.SS58Prefix), if it declares one. */
  get ss58Prefix(): number | undefined {
    return this.builder.ss58Prefix;
  }

  /** Whether this version carries runtime API signatures (V15 and later). */
  get hasApiTypes(): boolean {
    return this.version >= 15;
  }
}

/** Decodes metadata bytes (prefixed, or the `Vec<u8>` of `Metadata_metadata`) into a handle. */
export async function openMetadata(bytes: Uint8Array): Promise<RuntimeMetadata> {
  const header = readMetadataHeader(bytes);
  if (!SUPPORTED_METADATA_VERSIONS.includes(header.version)) {
    throw new SwxError(
      'METADATA_UNSUPPORTED_VERSION',
      `metadata V${header.version} (${header.length} bytes) is not decoded: versions before V14 carry no type registry, only Rust type names`,
      { version: header.version, length: header.length },
    );
  }
  const papi = await loadPapi();
  let unified: UnifiedMetadata;
  try {
    unified = papi.bindings.unifyMetadata(papi.bindings.decAnyMetadata(header.bytes));
  } catch (e) {
    throw new SwxError('METADATA_INVALID', `metadata V${header.version} (${header.length} bytes) does not decode: ${errText(e)}`, { version: header.version, length: header.length }, { cause: e });
  }
  const lookup = papi.builders.getLookupFn(unified);
  const builder = papi.builders.getDynamicBuilder(lookup);
  const checksums = papi.builders.getChecksumBuilder(lookup);
  return new RuntimeMetadata(unified.version, header.length, unified, lookup, builder, checksums, papi);
}

/** A thrown value as text (the libraries sometimes throw non-Errors). */
export function errText(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
