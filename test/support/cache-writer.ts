/**
 * Child process for the cache crash test (test/rpc/lmdb-cache.test.ts):
 * `node cache-writer.js --write-forever DIR` writes batches of facts into an
 * LmdbStateCache in DIR forever, printing each batch number once its
 * transaction is committed, until it is killed. Without that flag (e.g. when
 * `node --test` picks up every file under test/) it does nothing.
 * Batch b holds BATCH_SIZE values under block = 32 × b's low byte, keys
 * `b ‖ i` and values `cacheWriterValue(b, i)`.
 */
import { LmdbStateCache } from '../../src/rpc/index.js';

/** Facts per batch (one transaction). */
export const BATCH_SIZE = 500;

/** The block of batch `b`. */
export function cacheWriterBlock(b: number): Uint8Array {
  return new Uint8Array(32).fill(b & 0xff);
}

/** The key of fact `i` of batch `b`. */
export function cacheWriterKey(b: number, i: number): Uint8Array {
  const k = new Uint8Array(8);
  new DataView(k.buffer).setUint32(0, b);
  new DataView(k.buffer).setUint32(4, i);
  return k;
}

/** The value of fact `i` of batch `b` (absent for every seventh, to cover "absent" facts). */
export function cacheWriterValue(b: number, i: number): Uint8Array | undefined {
  if (i % 7 === 3) return undefined;
  const v = new Uint8Array(64 + (i % 50));
  for (let j = 0; j < v.length; j++) v[j] = (b * 31 + i * 7 + j) & 0xff;
  return v;
}

async function main(dir: string): Promise<void> {
  const cache = await LmdbStateCache.open(dir);
  for (let b = 0; ; b++) {
    const entries: Array<readonly [Uint8Array, Uint8Array | undefined]> = [];
    for (let i = 0; i < BATCH_SIZE; i++) entries.push([cacheWriterKey(b, i), cacheWriterValue(b, i)]);
    cache.putValues(cacheWriterBlock(b), undefined, entries);
    await cache.flush();
    process.stdout.write(`${b}\n`);
  }
}

/** The flag that makes this module write (see the file's doc). */
export const WRITE_FLAG = '--write-forever';

const at = process.argv.indexOf(WRITE_FLAG);
const dir = at >= 0 ? process.argv[at + 1] : undefined;
if (dir !== undefined && dir !== '') await main(dir);
