/**
 * The one adapter for the polkadot-api libraries swx decodes metadata with:
 * `@polkadot-api/substrate-bindings` (the metadata codecs V14/V15/V16, SS58,
 * storage hashers, SCALE primitives) and `@polkadot-api/metadata-builders`
 * (the type lookup made navigable, and codecs built from it at run time).
 *
 * They are imported lazily, on the first metadata operation: importing them
 * costs ~90 ms of cold start (measured on Node 20), which `import('swx')` and
 * every command that does not decode metadata must not pay. Nothing else in
 * swx imports these packages (types excepted, which vanish at compile time).
 */
import type * as Bindings from '@polkadot-api/substrate-bindings';
import type * as Builders from '@polkadot-api/metadata-builders';

export type { UnifiedMetadata, V14Lookup, Codec } from '@polkadot-api/substrate-bindings';
export type { LookupEntry, MetadataLookup, EnumVar, StructVar, TupleVar, ArrayVar } from '@polkadot-api/metadata-builders';

/** The dynamic codec builder metadata-builders makes from a lookup. */
export type DynamicBuilder = ReturnType<typeof Builders.getDynamicBuilder>;
/** The checksum (type-shape hash) builder metadata-builders makes from a lookup. */
export type ChecksumBuilder = ReturnType<typeof Builders.getChecksumBuilder>;

/** Both libraries, loaded. */
export interface Papi {
  bindings: typeof Bindings;
  builders: typeof Builders;
}

/** Imports both libraries (Node caches the modules: the cost is paid once per process). */
export async function loadPapi(): Promise<Papi> {
  const [bindings, builders] = await Promise.all([
    import('@polkadot-api/substrate-bindings'),
    import('@polkadot-api/metadata-builders'),
  ]);
  return { bindings, builders };
}
