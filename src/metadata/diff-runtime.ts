/**
 * `swx diff A B`: two runtimes compared as a whole. Their `RuntimeVersion`s
 * (spec name and version, impl and authoring versions, transaction and system
 * versions, the implemented runtime APIs with their versions) and, when both
 * have V14+ metadata, what `diffMetadata` finds. Runtime APIs are listed in
 * the version by id, blake2_64 of the API's trait name; ids are named from
 * the names in V15+ metadata and a list of common API traits.
 *
 * Beyond listing changes, the verdicts a release reviewer checks:
 * `transactionVersionBumpNeeded` (with reasons) against whether the
 * transaction version was bumped, and the spec version going up.
 */
import { toHex, utf8 } from '../base/bytes.js';
import type { Hashers } from '../base/hashing.js';
import type { RuntimeVersion } from '../blob/version.js';
import type { RuntimeMetadata } from './open.js';
import { diffMetadata, type MetadataDiff } from './diff-metadata.js';

/** Common runtime API trait names (sp-api, FRAME and Polkadot traits), to name API ids of V14 runtimes. */
export const COMMON_API_NAMES: readonly string[] = [
  'Core', 'Metadata', 'BlockBuilder', 'TaggedTransactionQueue', 'OffchainWorkerApi', 'SessionKeys', 'AccountNonceApi',
  'TransactionPaymentApi', 'TransactionPaymentCallApi', 'GrandpaApi', 'BabeApi', 'AuraApi', 'AuthorityDiscoveryApi',
  'ParachainHost', 'BeefyApi', 'BeefyMmrApi', 'MmrApi', 'GenesisBuilder', 'CollectCollationInfo', 'NominationPoolsApi',
  'StakingApi', 'DryRunApi', 'XcmPaymentApi', 'LocationToAccountApi', 'FungiblesApi', 'AuraUnincludedSegmentApi',
];

/** A runtime to compare: its version and its decoded metadata (absent when older than V14). */
export interface RuntimeSide {
  version?: RuntimeVersion;
  metadata?: RuntimeMetadata;
  /** The metadata version when `metadata` is absent (e.g. 9 for Kusama's genesis runtime). */
  metadataVersion?: number;
}

/** An API in a runtime version. */
export interface ApiVersionEntry {
  id: string;
  name?: string;
  version: number;
}

/** Differences between two runtime versions. */
export interface VersionDiff {
  /** Changed scalar fields. */
  fields: Array<{ field: string; from: string | number; to: string | number }>;
  apis: { added: ApiVersionEntry[]; removed: ApiVersionEntry[]; changed: Array<{ id: string; name?: string; from: number; to: number }> };
}

/** What `diffRuntimes` returns (`swx diff --json`). */
export interface RuntimeDiff {
  version: VersionDiff | null;
  /** The metadata diff; null when a side has no V14+ metadata (see `metadataNote`). */
  metadata: MetadataDiff | null;
  metadataNote?: string;
  transactionVersionBumpNeeded: boolean;
  reasons: string[];
  /** Whether B's transaction version is above A's (null without versions). */
  transactionVersionBumped: boolean | null;
  /** Findings a reviewer should see (a needed bump that did not happen, a spec version not going up). */
  warnings: string[];
  identical: boolean;
}

/** Options of `diffRuntimes`. */
export interface DiffRuntimesOpts {
  /** To name API ids (blake2_64 of trait names); without it ids stay hex. */
  hashers?: Hashers;
}

const VERSION_FIELDS = ['specName', 'implName', 'authoringVersion', 'specVersion', 'implVersion', 'transactionVersion', 'systemVersion'] as const;

/** Compares two runtime versions; `names` maps API id hex → trait name. */
export function diffRuntimeVersions(a: RuntimeVersion, b: RuntimeVersion, names: ReadonlyMap<string, string> = new Map()): VersionDiff {
  const fields: VersionDiff['fields'] = [];
  for (const f of VERSION_FIELDS) if (a[f] !== b[f]) fields.push({ field: f, from: a[f], to: b[f] });
  const entry = (id: string, version: number): ApiVersionEntry => {
    const name = names.get(id);
    return name !== undefined ? { id, name, version } : { id, version };
  };
  const va = new Map(a.apis.map(([id, v]) => [toHex(id), v]));
  const vb = new Map(b.apis.map(([id, v]) => [toHex(id), v]));
  const added = [...vb].filter(([id]) => !va.has(id)).map(([id, v]) => entry(id, v));
  const removed = [...va].filter(([id]) => !vb.has(id)).map(([id, v]) => entry(id, v));
  const changed: VersionDiff['apis']['changed'] = [];
  for (const [id, v] of va) {
    const w = vb.get(id);
    if (w !== undefined && w !== v) {
      const name = names.get(id);
      changed.push(name !== undefined ? { id, name, from: v, to: w } : { id, from: v, to: w });
    }
  }
  return { fields, apis: { added, removed, changed } };
}

/** API id hex → name, from the sides' V15+ metadata and the common names. */
function apiNames(sides: RuntimeSide[], hashers: Hashers | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (hashers === undefined) return out;
  const names = new Set(COMMON_API_NAMES);
  for (const s of sides) for (const api of s.metadata?.unified.apis ?? []) names.add(api.name);
  for (const n of names) out.set(toHex(hashers.blake2_64(utf8(n))), n);
  return out;
}

/** Compares two runtimes: versions, metadata, and the transaction-version verdict. */
export function diffRuntimes(a: RuntimeSide, b: RuntimeSide, opts: DiffRuntimesOpts = {}): RuntimeDiff {
  const version = a.version !== undefined && b.version !== undefined ? diffRuntimeVersions(a.version, b.version, apiNames([a, b], opts.hashers)) : null;
  let metadata: MetadataDiff | null = null;
  let metadataNote: string | undefined;
  if (a.metadata !== undefined && b.metadata !== undefined) metadata = diffMetadata(a.metadata, b.metadata);
  else {
    const v = (s: RuntimeSide): string => (s.metadata !== undefined ? `V${s.metadata.version}` : s.metadataVersion !== undefined ? `V${s.metadataVersion}` : 'none');
    metadataNote = `metadata not compared (A: ${v(a)}, B: ${v(b)}): swx compares V14 and later`;
  }
  const reasons = metadata?.reasons ?? [];
  const needed = metadata?.transactionVersionBumpNeeded ?? false;
  const bumped = a.version !== undefined && b.version !== undefined ? b.version.transactionVersion > a.version.transactionVersion : null;
  const warnings: string[] = [];
  if (needed && bumped === false) warnings.push(`transaction_version should have been bumped (still ${b.version!.transactionVersion})`);
  if (a.version !== undefined && b.version !== undefined && a.version.specName === b.version.specName && b.version.specVersion <= a.version.specVersion && !(version?.fields.length === 0 && metadata?.identical === true)) {
    warnings.push(`spec_version did not increase (${a.version.specVersion} → ${b.version.specVersion})`);
  }
  const versionSame = version === null || (version.fields.length === 0 && version.apis.added.length + version.apis.removed.length + version.apis.changed.length === 0);
  const out: RuntimeDiff = {
    version,
    metadata,
    transactionVersionBumpNeeded: needed,
    reasons,
    transactionVersionBumped: bumped,
    warnings,
    identical: versionSame && (metadata?.identical ?? false),
  };
  if (metadataNote !== undefined) out.metadataNote = metadataNote;
  return out;
}
