/**
 * Block headers and blocks, SCALE (sp-runtime `generic::Header`, `generic::Digest`,
 * `generic::Block`, `OpaqueExtrinsic`).
 *
 *   Header = parent_hash [32] ++ Compact<u32> number ++ state_root [32] ++ extrinsics_root [32]
 *            ++ Compact(n) ++ n × DigestItem
 *   DigestItem = 0x06 PreRuntime(engine [4], Vec<u8>) | 0x04 Consensus(engine [4], Vec<u8>)
 *              | 0x05 Seal(engine [4], Vec<u8>)        | 0x00 Other(Vec<u8>)
 *              | 0x08 RuntimeEnvironmentUpdated
 *   Block = Header ++ Compact(m) ++ m × OpaqueExtrinsic
 *
 * An `OpaqueExtrinsic` encodes as the extrinsic's own SCALE encoding (which
 * is already length-prefixed, like a `Vec<u8>`): a block's extrinsics are
 * concatenated as given, with no extra prefix. Hashes are 32 bytes and block
 * numbers `u32`, as on Polkadot and Kusama.
 */
import { SwxError } from '../base/errors.js';
import { ScaleReader, ScaleWriter } from '../base/scale.js';

/** A digest item (sp-runtime `DigestItem`). */
export type DigestItem =
  | { kind: 'preRuntime'; engine: Uint8Array; data: Uint8Array }
  | { kind: 'consensus'; engine: Uint8Array; data: Uint8Array }
  | { kind: 'seal'; engine: Uint8Array; data: Uint8Array }
  | { kind: 'other'; data: Uint8Array }
  | { kind: 'runtimeEnvironmentUpdated' };

/** A block header (sp-runtime `generic::Header<u32, BlakeTwo256>`). */
export interface Header {
  parentHash: Uint8Array;
  number: number;
  stateRoot: Uint8Array;
  extrinsicsRoot: Uint8Array;
  digest: DigestItem[];
}

/** sp-runtime `DigestItemType` discriminants. */
const DIGEST = { other: 0, consensus: 4, seal: 5, preRuntime: 6, runtimeEnvironmentUpdated: 8 } as const;

/** Length of a block hash / trie root (H256). */
const HASH_LENGTH = 32;

/** Length of a consensus engine id (`ConsensusEngineId = [u8; 4]`). */
const ENGINE_ID_LENGTH = 4;

function hash32(v: Uint8Array, what: string): Uint8Array {
  if (v.length !== HASH_LENGTH) throw new SwxError('INVALID_INPUT', `header ${what} must be ${HASH_LENGTH} bytes, got ${v.length}`);
  return v;
}

function readDigestItem(r: ScaleReader): DigestItem {
  const at = r.offset;
  const tag = r.u8();
  switch (tag) {
    case DIGEST.preRuntime:
      return { kind: 'preRuntime', engine: r.fixed(ENGINE_ID_LENGTH).slice(), data: r.bytesVec().slice() };
    case DIGEST.consensus:
      return { kind: 'consensus', engine: r.fixed(ENGINE_ID_LENGTH).slice(), data: r.bytesVec().slice() };
    case DIGEST.seal:
      return { kind: 'seal', engine: r.fixed(ENGINE_ID_LENGTH).slice(), data: r.bytesVec().slice() };
    case DIGEST.other:
      return { kind: 'other', data: r.bytesVec().slice() };
    case DIGEST.runtimeEnvironmentUpdated:
      return { kind: 'runtimeEnvironmentUpdated' };
    default:
      throw new SwxError('INVALID_INPUT', `unknown digest item type ${tag} at byte ${at}`, { offset: at });
  }
}

function writeDigestItem(w: ScaleWriter, item: DigestItem): void {
  switch (item.kind) {
    case 'preRuntime':
    case 'consensus':
    case 'seal':
      if (item.engine.length !== ENGINE_ID_LENGTH) throw new SwxError('INVALID_INPUT', `consensus engine id must be ${ENGINE_ID_LENGTH} bytes`);
      w.u8(DIGEST[item.kind]).raw(item.engine).bytesVec(item.data);
      return;
    case 'other':
      w.u8(DIGEST.other).bytesVec(item.data);
      return;
    case 'runtimeEnvironmentUpdated':
      w.u8(DIGEST.runtimeEnvironmentUpdated);
      return;
    default: {
      const never: never = item;
      throw new SwxError('INVALID_INPUT', `unknown digest item ${JSON.stringify(never)}`);
    }
  }
}

/** Reads a header from `r` (leaves the reader after it). */
export function readHeader(r: ScaleReader): Header {
  const parentHash = r.fixed(HASH_LENGTH).slice();
  const number = r.compactU32();
  const stateRoot = r.fixed(HASH_LENGTH).slice();
  const extrinsicsRoot = r.fixed(HASH_LENGTH).slice();
  const digest = r.vec(readDigestItem);
  return { parentHash, number, stateRoot, extrinsicsRoot, digest };
}

/** Decodes a SCALE header; the whole input must be consumed. */
export function decodeHeader(bytes: Uint8Array): Header {
  const r = new ScaleReader(bytes);
  const h = readHeader(r);
  if (r.remaining !== 0) throw new SwxError('INVALID_INPUT', `header has ${r.remaining} trailing bytes`, { offset: r.offset });
  return h;
}

/** SCALE-encodes a header. */
export function encodeHeader(h: Header): Uint8Array {
  const w = new ScaleWriter(HASH_LENGTH * 3 + 16);
  w.raw(hash32(h.parentHash, 'parentHash'));
  if (!Number.isInteger(h.number) || h.number < 0 || h.number > 0xffffffff) throw new SwxError('INVALID_INPUT', `block number must be a u32, got ${h.number}`);
  w.compact(h.number);
  w.raw(hash32(h.stateRoot, 'stateRoot')).raw(hash32(h.extrinsicsRoot, 'extrinsicsRoot'));
  w.compact(h.digest.length);
  for (const item of h.digest) writeDigestItem(w, item);
  return w.finish().slice();
}

/** The header without its last digest item when that is a seal (what `Core_execute_block` takes). */
export function withoutSeal(h: Header): Header {
  const last = h.digest[h.digest.length - 1];
  return last?.kind === 'seal' ? { ...h, digest: h.digest.slice(0, -1) } : h;
}

/**
 * A SCALE block: header ++ Compact(n) ++ extrinsics, each already SCALE-encoded
 * (a valid compact length prefix covering exactly its bytes is required).
 */
export function encodeBlock(header: Uint8Array | Header, extrinsics: readonly Uint8Array[]): Uint8Array {
  const head = header instanceof Uint8Array ? header : encodeHeader(header);
  let total = head.length + 5;
  extrinsics.forEach((x, i) => {
    const r = new ScaleReader(x);
    let len: number;
    try {
      len = r.compactU32();
    } catch {
      throw new SwxError('INVALID_INPUT', `extrinsic ${i} does not start with a SCALE length prefix`, { extrinsic: i });
    }
    if (r.remaining !== len) {
      throw new SwxError('INVALID_INPUT', `extrinsic ${i}: length prefix says ${len} bytes, ${r.remaining} follow`, { extrinsic: i });
    }
    total += x.length;
  });
  const w = new ScaleWriter(total);
  w.raw(head).compact(extrinsics.length);
  for (const x of extrinsics) w.raw(x);
  return w.finish().slice();
}
