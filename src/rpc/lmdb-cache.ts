/**
 * The persistent cache (cache.ts's facts) in LMDB, through the `lmdb`
 * package (the only file that imports it, lazily: importing swx loads no
 * native module). One environment file holds every
 * fact under a binary key:
 *
 *   tag (1 byte) ‖ block or hash (32) ‖ child length (u16 BE) ‖ child ‖ key
 *
 * and values as `0x00` (absent / none) or `0x01 ‖ bytes`. LMDB commits are
 * atomic copy-on-write transactions: a process killed at any point leaves the
 * last committed state readable and the store never half-written. Writes are
 * queued and committed in batched transactions (lmdb's async writes);
 * `flush()` resolves once they are durable. Facts whose key exceeds LMDB's
 * key limit are simply not cached.
 */
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Database, RootDatabase } from 'lmdb';
import { utf8 } from '../base/bytes.js';
import { SwxError } from '../base/errors.js';
import type { Lookup, StateCache, TrieRef } from './cache.js';

/** LMDB's default largest key, in bytes (lmdb-js `maxKeySize` 1978). */
const MAX_KEY_BYTES = 1978;
/** File name of the store inside the cache folder (v1: the key layout above). */
const STORE_FILE = 'rpc-state-v1.mdb';

const TAG_VALUE = 0x76; // 'v'
const TAG_NEXT = 0x6e; // 'n'
const TAG_HEADER = 0x68; // 'h'
const TAG_NODE = 0x74; // 't'
const TAG_PATTERN = 0x70; // 'p'
const TAG_FACT = 0x66; // 'f'

const ABSENT = Buffer.from([0]);

/** The cache folder: `$SWX_CACHE_DIR`, else `$XDG_CACHE_HOME/swx`, else `~/.cache/swx`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const own = env['SWX_CACHE_DIR'];
  if (own !== undefined && own !== '') return own;
  const xdg = env['XDG_CACHE_HOME'];
  return join(xdg !== undefined && xdg !== '' ? xdg : join(homedir(), '.cache'), 'swx');
}

function factKey(tag: number, id: Uint8Array, child: TrieRef, key: Uint8Array): Buffer | undefined {
  const c = child ?? new Uint8Array(0);
  const len = 1 + id.length + 2 + c.length + key.length;
  if (len > MAX_KEY_BYTES) return undefined;
  const out = Buffer.allocUnsafe(len);
  out[0] = tag;
  out.set(id, 1);
  out.writeUInt16BE(c.length, 1 + id.length);
  out.set(c, 3 + id.length);
  out.set(key, 3 + id.length + c.length);
  return out;
}

function encodeOpt(v: Uint8Array | undefined): Buffer {
  if (v === undefined) return ABSENT;
  const out = Buffer.allocUnsafe(v.length + 1);
  out[0] = 1;
  out.set(v, 1);
  return out;
}

/** A cache in an LMDB file under `dir`. */
export class LmdbStateCache implements StateCache {
  readonly persistent = true;
  private pending: Array<Promise<unknown>> = [];

  private constructor(private readonly db: RootDatabase<Buffer, Buffer>, readonly path: string) {}

  /** Opens (creating) the store in `dir` (default: `defaultCacheDir()`); loads lmdb's native module on first use. */
  static async open(dir: string = defaultCacheDir()): Promise<LmdbStateCache> {
    const path = join(dir, STORE_FILE);
    try {
      mkdirSync(dir, { recursive: true });
      const { open } = await import('lmdb');
      const db = open<Buffer, Buffer>({ path, keyEncoding: 'binary', encoding: 'binary', compression: false });
      return new LmdbStateCache(db, path);
    } catch (e) {
      throw new SwxError('CACHE_FAILED', `cannot open the cache at ${path}: ${e instanceof Error ? e.message : String(e)} (set SWX_CACHE_DIR, or bypass the cache)`, { path });
    }
  }

  private lookup(k: Buffer | undefined): Lookup {
    if (k === undefined) return { found: false };
    const v = (this.db as Database<Buffer, Buffer>).getBinary(k);
    if (v === undefined || v.length === 0) return { found: false };
    return v[0] === 0 ? { found: true, value: undefined } : { found: true, value: new Uint8Array(v.subarray(1)) };
  }

  private write(puts: Array<readonly [Buffer | undefined, Buffer]>): void {
    if (puts.length === 0) return;
    const p = this.db.transaction(() => {
      for (const [k, v] of puts) if (k !== undefined) void this.db.put(k, v);
    });
    this.pending.push(p);
  }

  getValue(block: Uint8Array, child: TrieRef, key: Uint8Array): Lookup {
    return this.lookup(factKey(TAG_VALUE, block, child, key));
  }

  putValues(block: Uint8Array, child: TrieRef, entries: ReadonlyArray<readonly [Uint8Array, Uint8Array | undefined]>): void {
    this.write(entries.map(([k, v]) => [factKey(TAG_VALUE, block, child, k), encodeOpt(v)] as const));
  }

  getNext(block: Uint8Array, child: TrieRef, key: Uint8Array): Lookup {
    return this.lookup(factKey(TAG_NEXT, block, child, key));
  }

  putNext(block: Uint8Array, child: TrieRef, links: ReadonlyArray<readonly [Uint8Array, Uint8Array | undefined]>): void {
    this.write(links.map(([k, n]) => [factKey(TAG_NEXT, block, child, k), encodeOpt(n)] as const));
  }

  getHeader(block: Uint8Array): Uint8Array | undefined {
    const l = this.lookup(factKey(TAG_HEADER, block, undefined, new Uint8Array(0)));
    return l.found ? l.value : undefined;
  }

  putHeader(block: Uint8Array, header: Uint8Array): void {
    this.write([[factKey(TAG_HEADER, block, undefined, new Uint8Array(0)), encodeOpt(header)]]);
  }

  getNode(hash: Uint8Array): Uint8Array | undefined {
    const l = this.lookup(factKey(TAG_NODE, hash, undefined, new Uint8Array(0)));
    return l.found ? l.value : undefined;
  }

  putNodes(nodes: ReadonlyArray<readonly [Uint8Array, Uint8Array]>): void {
    this.write(nodes.map(([h, n]) => [factKey(TAG_NODE, h, undefined, new Uint8Array(0)), encodeOpt(n)] as const));
  }

  getPattern(codeHash: Uint8Array, method: string): Uint8Array[] | undefined {
    const l = this.lookup(factKey(TAG_PATTERN, codeHash, undefined, utf8(method)));
    if (!l.found || l.value === undefined) return undefined;
    const keys: Uint8Array[] = [];
    const b = Buffer.from(l.value.buffer, l.value.byteOffset, l.value.byteLength);
    for (let at = 0; at + 4 <= b.length; ) {
      const n = b.readUInt32BE(at);
      keys.push(new Uint8Array(b.subarray(at + 4, at + 4 + n)));
      at += 4 + n;
    }
    return keys;
  }

  putPattern(codeHash: Uint8Array, method: string, keys: readonly Uint8Array[]): void {
    const parts: Buffer[] = [];
    for (const k of keys) {
      const len = Buffer.allocUnsafe(4);
      len.writeUInt32BE(k.length);
      parts.push(len, Buffer.from(k));
    }
    this.write([[factKey(TAG_PATTERN, codeHash, undefined, utf8(method)), encodeOpt(Buffer.concat(parts))]]);
  }

  getFact(block: Uint8Array, name: string): Uint8Array | undefined {
    const l = this.lookup(factKey(TAG_FACT, block, undefined, utf8(name)));
    return l.found ? l.value : undefined;
  }

  putFact(block: Uint8Array, name: string, value: Uint8Array): void {
    this.write([[factKey(TAG_FACT, block, undefined, utf8(name)), encodeOpt(value)]]);
  }

  async flush(): Promise<void> {
    const p = this.pending;
    this.pending = [];
    try {
      await Promise.all(p);
    } catch (e) {
      throw new SwxError('CACHE_FAILED', `cannot write the cache at ${this.path}: ${e instanceof Error ? e.message : String(e)}`, { path: this.path });
    }
  }

  async close(): Promise<void> {
    await this.flush();
    await this.db.close();
  }
}
