/**
 * Fuzz kind `blob`: real runtimes from the corpus, mutated, then loaded,
 * compiled and asked for their version, as `swx version` does:
 *
 *   loadRuntimeCodeSync(mutated) → createRuntime → call('Core_version')
 *
 * Mutations (1–4 per case, on the raw Wasm or on its zstd-compressed form):
 * bit flips, byte overwrites with boundary values, truncation, a byte range
 * deleted or duplicated, a range spliced in from another runtime, a LEB128
 * length bumped (the section and vector lengths a parser trusts).
 */
import { createHashers, type Hashers } from '../src/base/hashing.js';
import { compress, createDecompressor, type Decompressor } from '../src/blob/index.js';
import { createRuntime, loadRuntimeCodeSync } from '../src/executor/index.js';
import { readCorpus, skipUnlessCorpus } from '../test/support/corpus.js';
import type { CaseKind, Rng } from './harness.js';

/** Runtimes mutated (small and mid-sized, so a case costs milliseconds). */
const RUNTIMES = ['runtimes/hostapi-runtime-chainsafe-master.wasm.gz', 'runtimes/kusama-1020-genesis.wasm.gz'];

interface BlobCtx {
  hashers: Hashers;
  decompressor: Decompressor;
  blobs: Uint8Array[];
  compressed: Uint8Array[];
}

/** Bytes at boundaries of LEB128 and section ids. */
const BOUNDARY_BYTES = [0x00, 0x01, 0x7f, 0x80, 0xff, 0x0b, 0x0c, 0x40, 0x60];

/** Applies one random mutation; returns a new array. */
export function mutate(rng: Rng, b: Uint8Array, donors: readonly Uint8Array[]): Uint8Array {
  if (b.length === 0) return rng.bytes(rng.int(16));
  const at = rng.int(b.length);
  switch (rng.int(7)) {
    case 0: {
      const out = b.slice();
      out[at] = out[at]! ^ (1 << rng.int(8));
      return out;
    }
    case 1: {
      const out = b.slice();
      out[at] = rng.pick(BOUNDARY_BYTES);
      return out;
    }
    case 2:
      return b.slice(0, at);
    case 3: {
      const len = 1 + rng.int(Math.min(4096, b.length - at));
      const out = new Uint8Array(b.length - len);
      out.set(b.subarray(0, at));
      out.set(b.subarray(at + len), at);
      return out;
    }
    case 4: {
      const len = 1 + rng.int(Math.min(4096, b.length - at));
      const out = new Uint8Array(b.length + len);
      out.set(b.subarray(0, at + len));
      out.set(b.subarray(at), at + len);
      return out;
    }
    case 5: {
      const donor = rng.pick(donors);
      const from = rng.int(donor.length);
      const piece = donor.subarray(from, from + 1 + rng.int(2048));
      const out = new Uint8Array(b.length + piece.length);
      out.set(b.subarray(0, at));
      out.set(piece, at);
      out.set(b.subarray(at), at + piece.length);
      return out;
    }
    default: {
      // A LEB128 byte with its continuation bit clear, bumped: lengths that lie.
      const out = b.slice();
      for (let i = at; i < Math.min(out.length, at + 64); i++) {
        if ((out[i]! & 0x80) === 0 && out[i]! > 0) {
          out[i] = (out[i]! + 1 + rng.int(8)) & 0x7f;
          break;
        }
      }
      return out;
    }
  }
}

/** The `blob` case kind. */
export const BLOB_KIND: CaseKind<BlobCtx> = {
  name: 'blob',
  description: 'mutated corpus runtimes → loadRuntimeCode + createRuntime + Core_version',
  async setup() {
    const missing = skipUnlessCorpus(...RUNTIMES);
    if (missing !== false) throw new Error(missing);
    const [hashers, decompressor] = await Promise.all([createHashers(), createDecompressor()]);
    const blobs = RUNTIMES.map((r) => readCorpus(r));
    const compressed = await Promise.all(blobs.map((b) => compress(b)));
    return { hashers, decompressor, blobs, compressed };
  },
  async run(ctx, rng) {
    const i = rng.int(ctx.blobs.length);
    let bytes = rng.chance(0.15) ? ctx.compressed[i]! : ctx.blobs[i]!;
    for (let n = 1 + rng.int(4); n > 0; n--) bytes = mutate(rng, bytes, ctx.blobs);
    const code = loadRuntimeCodeSync(bytes, { hashers: ctx.hashers, decompressor: ctx.decompressor });
    const runtime = await createRuntime(code, { allowMissingImports: rng.chance(0.5) });
    await runtime.call('Core_version');
  },
};
