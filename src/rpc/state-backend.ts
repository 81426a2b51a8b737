/**
 * The state of a served chain at one block, as an `AsyncStorageBackend`:
 * what a runtime running in a worker (executor/isolated.ts) reads over the
 * storage channel, answered from the cache (cache.ts) or fetched.
 *
 *   get(k)        cache ─miss─► state_queryStorageAt([k…], block)   (reads of one tick: one request)
 *   nextKey(k)    cache ─miss─► state_getKeysPaged("0x", n, k, block) → links k → k1 → … → kn
 *   childGet      cache ─miss─► childstate_getStorage(":child_storage:default:"‖sk, k, block)
 *   childNextKey  cache ─miss─► childstate_getKeysPaged(…)
 *   entries()     pages of 1000 keys, each page's values requested as soon as it arrives
 *
 * Pages are always fetched over the whole trie (prefix "0x"), so every page is
 * a run of consecutive keys and its links stay true for any later walk.
 *
 * Access patterns: `traced(codeHash, method, fn)` records the keys a call
 * reads, in order, and stores them under (runtime code hash, method); the next
 * traced run of that pair on any block first fetches them all in one batch.
 *
 * Read proofs: `readProof(keys)` where the server serves `state_getReadProof`
 * (a Substrate node; chopsticks does not), its nodes kept by hash.
 *
 * Storage roots (`rootAfter`, `childRootAfter`: the hooks a call's storage
 * root goes through, see state/roots.ts) come from a partial trie over the
 * header's state root (state/proof-backend.ts) whose nodes are the cached
 * ones plus what read proofs of the changed keys bring, so a block's root
 * costs the changed paths, not the state:
 *
 *   nodes cached? ──yes──► root, no request
 *        │no
 *   serves read proofs? (asked once per block, remembered in the cache)
 *        ├─yes─► state_getReadProof(changed keys ∪ missing) … until complete
 *        └─no──► undefined: the caller enumerates the state instead
 */
import { SwxError } from '../base/errors.js';
import { compareBytes, concatBytes, startsWith, toHex, utf8 } from '../base/bytes.js';
import { createHashers, type Hashers } from '../base/hashing.js';
import type { AsyncStorageBackend } from '../state/async-backend.js';
import { decodeHeader } from '../state/header.js';
import type { KeyChange } from '../state/diff.js';
import { ProofBackend, type ProofFetcher } from '../state/proof-backend.js';
import { NodeStore, type TrieVersion } from '../trie/index.js';
import { MemoryStateCache, type StateCache, type TrieRef } from './cache.js';
import { fetchHeader, resolveBlock, type BlockRef, type HeaderCheck } from './chain.js';
import { RpcClient, describeRequest, type RpcClientOpts, type RpcStats } from './client.js';
import { LmdbStateCache } from './lmdb-cache.js';
import { changeSetAnswer, hashAnswer, hexAnswer, keyPageAnswer, optHexAnswer, badResponse } from './response.js';

/** sc-rpc `STORAGE_KEYS_PAGED_MAX_COUNT`: the largest page a Substrate node serves. */
export const MAX_KEYS_PAGE = 1000;
/** Keys fetched ahead when the runtime asks for one next key. */
const NEXT_KEY_PAGE = 64;
/** Keys per `state_queryStorageAt` request. */
const VALUES_PER_QUERY = 500;
/** `:child_storage:default:` (sp-core `DEFAULT_CHILD_STORAGE_KEY_PREFIX`). */
const CHILD_PREFIX = utf8(':child_storage:default:');

/** Keys per read-proof request (sc-rpc `STORAGE_KEYS_PAGED_MAX_COUNT`'s order of size; larger lists are split). */
const PROOF_KEYS_PER_QUERY = 1000;
/** Cache fact name (followed by the endpoint): whether it serves `state_getReadProof` at a block (1 byte: 1 yes, 0 no). */
const FACT_READ_PROOFS = 'serves-read-proofs';

/** Pattern entry kinds (first byte of a recorded key). */
const PATTERN_GET = 0;
const PATTERN_NEXT = 1;

/** Progress of an enumeration. */
export interface EnumerationProgress {
  /** Keys listed so far. */
  keys: number;
  /** Keys listed from the network (the rest came from the cache). */
  fetchedKeys: number;
}

/** Options of `RpcStateBackend.connect`; every field optional. */
export interface RpcStateOpts extends RpcClientOpts, HeaderCheck {
  /** The block: a 0x hash, a number, or the best block (default). */
  at?: BlockRef;
  /**
   * The cache: `true` (default) the persistent one in `cacheDir`, `false`
   * facts in memory only (nothing read or written on disk), or a cache object.
   */
  cache?: boolean | StateCache;
  /** Folder of the persistent cache (default `defaultCacheDir()`). */
  cacheDir?: string;
  /** Hash functions (default: created). */
  hashers?: Hashers;
  /** Told how an enumeration of the whole top trie advances, when its caller passes no callback (e.g. the root of a call without proofs). */
  progress?: (p: EnumerationProgress) => void;
}

/** A served chain's state at one block. */
export class RpcStateBackend implements AsyncStorageBackend {
  readonly async = true as const;
  private readonly inflight = new Map<string, Promise<unknown>>();
  private pendingGets: Array<{ key: Uint8Array; resolve(v: Uint8Array | undefined): void; reject(e: unknown): void }> = [];
  private getsScheduled = false;
  private recording: Uint8Array[] | undefined;
  private proofs: Promise<boolean> | undefined;
  private proofState: ProofBackend | undefined;
  private readonly blockHex: string;

  private constructor(
    readonly client: RpcClient,
    readonly cache: StateCache,
    /** The block whose state this is. */
    readonly block: Uint8Array,
    /** Its SCALE header. */
    readonly header: Uint8Array,
    private readonly hashers: Hashers,
    /** What `close` closes: the client, and the cache when `connect` opened it. */
    private readonly owned: { client: boolean; cache: boolean },
    private readonly progress: ((p: EnumerationProgress) => void) | undefined,
  ) {
    this.blockHex = toHex(block);
  }

  /** Connects to `endpoint` and resolves the block (`opts.at`, default the best block). */
  static async connect(endpoint: string, opts: RpcStateOpts = {}): Promise<RpcStateBackend> {
    const client = new RpcClient(endpoint, opts);
    const cache = opts.cache === false ? new MemoryStateCache() : opts.cache === true || opts.cache === undefined ? await LmdbStateCache.open(opts.cacheDir) : opts.cache;
    try {
      return await RpcStateBackend.atBlock(client, cache, opts, { client: true, cache: opts.cache !== cache });
    } catch (e) {
      await client.close();
      if (opts.cache !== cache) await cache.close();
      throw e;
    }
  }

  /** A state on an existing client and cache (not closed by `close`). */
  static async on(client: RpcClient, cache: StateCache, opts: HeaderCheck & Pick<RpcStateOpts, 'at' | 'hashers' | 'progress'> = {}): Promise<RpcStateBackend> {
    return RpcStateBackend.atBlock(client, cache, opts, { client: false, cache: false });
  }

  private static async atBlock(client: RpcClient, cache: StateCache, opts: HeaderCheck & Pick<RpcStateOpts, 'at' | 'hashers' | 'progress'>, owned: { client: boolean; cache: boolean }): Promise<RpcStateBackend> {
    const hashers = opts.hashers ?? (await createHashers());
    const block = await resolveBlock(client, opts.at);
    const header = await fetchHeader(client, cache, hashers, block, opts);
    return new RpcStateBackend(client, cache, block, header, hashers, owned, opts.progress);
  }

  /** Requests and bytes so far. */
  get stats(): RpcStats {
    return this.client.stats;
  }

  // ---- point reads -------------------------------------------------------

  async get(key: Uint8Array): Promise<Uint8Array | undefined> {
    this.recording?.push(concatBytes(Uint8Array.of(PATTERN_GET), key));
    const l = this.cache.getValue(this.block, undefined, key);
    if (l.found) return l.value;
    return this.once(`v${toHex(key)}`, () => new Promise<Uint8Array | undefined>((resolve, reject) => {
      this.pendingGets.push({ key: key.slice(), resolve, reject });
      if (!this.getsScheduled) {
        this.getsScheduled = true;
        queueMicrotask(() => this.flushGets());
      }
    }));
  }

  /** Values of `keys` (absent: undefined), fetching the unknown ones in batched requests. */
  async getMany(keys: readonly Uint8Array[]): Promise<Array<Uint8Array | undefined>> {
    return Promise.all(keys.map((k) => this.get(k)));
  }

  private flushGets(): void {
    this.getsScheduled = false;
    const all = this.pendingGets;
    this.pendingGets = [];
    for (let i = 0; i < all.length; i += VALUES_PER_QUERY) {
      const part = all.slice(i, i + VALUES_PER_QUERY);
      const keys = part.map((p) => p.key);
      this.fetchValues(keys).then(
        (values) => part.forEach((p, j) => p.resolve(values[j])),
        (e: unknown) => part.forEach((p) => p.reject(e)),
      );
    }
  }

  private async fetchValues(keys: Uint8Array[]): Promise<Array<Uint8Array | undefined>> {
    const params = [keys.map(toHex), this.blockHex];
    const r = await this.client.call('state_queryStorageAt', params);
    const values = changeSetAnswer({ endpoint: this.client.url, request: describeRequest('state_queryStorageAt', params) }, r, this.block, keys);
    this.cache.putValues(this.block, undefined, keys.map((k, i) => [k, values[i]] as const));
    return values;
  }

  async childGet(storageKey: Uint8Array, key: Uint8Array): Promise<Uint8Array | undefined> {
    const l = this.cache.getValue(this.block, storageKey, key);
    if (l.found) return l.value;
    return this.once(`c${toHex(storageKey)}/${toHex(key)}`, async () => {
      const params = [toHex(concatBytes(CHILD_PREFIX, storageKey)), toHex(key), this.blockHex];
      const r = await this.client.call('childstate_getStorage', params);
      const v = optHexAnswer({ endpoint: this.client.url, request: describeRequest('childstate_getStorage', params) }, r, 'value');
      this.cache.putValues(this.block, storageKey, [[key.slice(), v]]);
      return v;
    });
  }

  // ---- ordered keys ------------------------------------------------------

  async nextKey(key: Uint8Array): Promise<Uint8Array | undefined> {
    this.recording?.push(concatBytes(Uint8Array.of(PATTERN_NEXT), key));
    return this.next(undefined, key, NEXT_KEY_PAGE);
  }

  async childNextKey(storageKey: Uint8Array, key: Uint8Array): Promise<Uint8Array | undefined> {
    return this.next(storageKey, key, NEXT_KEY_PAGE);
  }

  private async next(child: TrieRef, key: Uint8Array, count: number): Promise<Uint8Array | undefined> {
    const l = this.cache.getNext(this.block, child, key);
    if (l.found) return l.value;
    const page = await this.page(child, key, count);
    return page[0];
  }

  /** Up to `count` keys after `start` (whole trie), fetched and stored as links. */
  private page(child: TrieRef, start: Uint8Array, count: number): Promise<Uint8Array[]> {
    const id = `p${child === undefined ? '' : toHex(child)}/${toHex(start)}/${count}`;
    return this.once(id, async () => {
      const method = child === undefined ? 'state_getKeysPaged' : 'childstate_getKeysPaged';
      const params = child === undefined ? ['0x', count, toHex(start), this.blockHex] : [toHex(concatBytes(CHILD_PREFIX, child)), '0x', count, toHex(start), this.blockHex];
      const r = await this.client.call(method, params);
      const keys = keyPageAnswer({ endpoint: this.client.url, request: describeRequest(method, params) }, r, new Uint8Array(0), start, count);
      const links: Array<readonly [Uint8Array, Uint8Array | undefined]> = [];
      let prev: Uint8Array = start.slice();
      for (const k of keys) {
        links.push([prev, k]);
        prev = k;
      }
      if (keys.length < count) links.push([prev, undefined]);
      this.cache.putNext(this.block, child, links);
      return keys;
    });
  }

  /** Keys under `prefix` in order, from the cache's links, fetching missing pages of `MAX_KEYS_PAGE`. */
  private async keysUnder(child: TrieRef, prefix: Uint8Array, onPage?: (keys: Uint8Array[], fetched: boolean) => void): Promise<Uint8Array[]> {
    const out: Uint8Array[] = [];
    let cur = prefix;
    for (;;) {
      const l = this.cache.getNext(this.block, child, cur);
      let run: Uint8Array[];
      let fetched = false;
      let ended = false;
      if (l.found) {
        run = [];
        let k = l.value;
        while (k !== undefined && startsWith(k, prefix) && run.length < MAX_KEYS_PAGE) {
          run.push(k);
          const n = this.cache.getNext(this.block, child, k);
          if (!n.found) break;
          if (n.value === undefined) ended = true;
          k = n.value;
        }
        if (k === undefined || !startsWith(k, prefix)) ended = true;
      } else {
        run = await this.page(child, cur, MAX_KEYS_PAGE);
        fetched = true;
        ended = run.length < MAX_KEYS_PAGE;
      }
      const under = run.filter((k) => startsWith(k, prefix));
      if (under.length < run.length) ended = true;
      out.push(...under);
      onPage?.(under, fetched);
      if (ended || under.length === 0) return out;
      cur = under[under.length - 1]!;
    }
  }

  // ---- whole state -------------------------------------------------------

  /** Every top-trie entry, sorted; values of each page are requested as soon as its keys arrive. */
  async entries(progress?: (p: EnumerationProgress) => void): Promise<Array<readonly [Uint8Array, Uint8Array]>> {
    return this.enumerate(undefined, progress ?? this.progress);
  }

  async childEntries(storageKey: Uint8Array): Promise<Array<readonly [Uint8Array, Uint8Array]>> {
    return this.enumerate(storageKey);
  }

  async childStorageKeys(): Promise<Uint8Array[]> {
    // Recorded as a walk from the prefix, so a prefetch brings the key page this listing reads.
    this.recording?.push(concatBytes(Uint8Array.of(PATTERN_NEXT), CHILD_PREFIX));
    return (await this.keysUnder(undefined, CHILD_PREFIX)).map((k) => k.slice(CHILD_PREFIX.length));
  }

  private async enumerate(child: TrieRef, progress?: (p: EnumerationProgress) => void): Promise<Array<readonly [Uint8Array, Uint8Array]>> {
    const read = (k: Uint8Array): Promise<Uint8Array | undefined> => (child === undefined ? this.get(k) : this.childGet(child, k));
    const values: Array<Promise<Uint8Array | undefined>> = [];
    const p: EnumerationProgress = { keys: 0, fetchedKeys: 0 };
    const empty = new Uint8Array(0);
    const first = read(empty);
    const keys = await this.keysUnder(child, empty, (page, fetched) => {
      for (const k of page) values.push(read(k));
      p.keys += page.length;
      if (fetched) p.fetchedKeys += page.length;
      progress?.({ ...p });
    });
    const got = await Promise.all(values);
    const out: Array<readonly [Uint8Array, Uint8Array]> = [];
    const v0 = await first;
    if (v0 !== undefined) out.push([empty, v0]);
    keys.forEach((k, i) => {
      const v = got[i];
      if (v !== undefined) out.push([k, v]);
    });
    return out;
  }

  // ---- access patterns ---------------------------------------------------

  /**
   * Runs `fn` (a call of `method` of the runtime whose code hashes to
   * `codeHash`, on this state): first fetches, in one batch, what the last
   * traced run of that pair read, then records what this run reads.
   */
  async traced<T>(codeHash: Uint8Array, method: string, fn: () => Promise<T>): Promise<T> {
    await this.prefetch(codeHash, method);
    const log: Uint8Array[] = [];
    this.recording = log;
    try {
      return await fn();
    } finally {
      this.recording = undefined;
      if (log.length > 0) this.cache.putPattern(codeHash, method, log);
    }
  }

  /** Fetches what the pattern stored for (codeHash, method) reads; returns the number of reads it lists. */
  async prefetch(codeHash: Uint8Array, method: string): Promise<number> {
    const pattern = this.cache.getPattern(codeHash, method);
    if (pattern === undefined) return 0;
    const work: Array<Promise<unknown>> = [];
    for (const e of pattern) {
      const key = e.subarray(1);
      if (e[0] === PATTERN_GET && !this.cache.getValue(this.block, undefined, key).found) work.push(this.get(key));
      else if (e[0] === PATTERN_NEXT && !this.cache.getNext(this.block, undefined, key).found) work.push(this.next(undefined, key, NEXT_KEY_PAGE));
    }
    await Promise.all(work);
    return pattern.length;
  }

  // ---- read proofs -------------------------------------------------------

  /**
   * Whether the server serves `state_getReadProof` at this block: asked once
   * (a proof of one key), the answer kept in the cache so that a run answered
   * from the cache asks nothing. A server that answers with an error serves none.
   */
  servesReadProofs(): Promise<boolean> {
    this.proofs ??= (async () => {
      // Per endpoint: two servers of one chain may differ (a node, a fork tool).
      const fact = `${FACT_READ_PROOFS} ${this.client.url}`;
      const known = this.cache.getFact(this.block, fact);
      if (known !== undefined && known.length === 1) return known[0] === 1;
      let yes: boolean;
      try {
        await this.readProof([Uint8Array.of(0)]);
        yes = true;
      } catch (e) {
        if (!(e instanceof SwxError && e.code === 'RPC_SERVER_ERROR')) throw e;
        yes = false;
      }
      this.cache.putFact(this.block, fact, Uint8Array.of(yes ? 1 : 0));
      return yes;
    })();
    return this.proofs;
  }

  /** The trie nodes proving `keys` at this block (kept in the cache by node hash). */
  readProof(keys: readonly Uint8Array[]): Promise<Uint8Array[]> {
    return this.proofCall('state_getReadProof', [keys.map(toHex), this.blockHex]);
  }

  /** The nodes proving `keys` in child trie `storageKey` (unprefixed) at this block (cached by node hash). */
  childReadProof(storageKey: Uint8Array, keys: readonly Uint8Array[]): Promise<Uint8Array[]> {
    return this.proofCall('state_getChildReadProof', [toHex(concatBytes(CHILD_PREFIX, storageKey)), keys.map(toHex), this.blockHex]);
  }

  private async proofCall(method: string, params: unknown[]): Promise<Uint8Array[]> {
    const r = await this.client.call<{ at?: unknown; proof?: unknown }>(method, params);
    const o = { endpoint: this.client.url, request: describeRequest(method, params) };
    if (typeof r !== 'object' || r === null || !Array.isArray(r.proof)) throw badResponse(o, 'expected {at, proof}');
    const at = hashAnswer(o, r.at, 'at');
    if (compareBytes(at, this.block) !== 0) throw badResponse(o, `proof for block ${toHex(at)}, asked for ${this.blockHex}`);
    const nodes = r.proof.map((n, i) => hexAnswer(o, n, `proof node ${i}`));
    this.cache.putNodes(nodes.map((n) => [this.hashers.blake2_256(n), n] as const));
    return nodes;
  }

  // ---- storage roots -----------------------------------------------------

  /** The partial trie of this state: the header's root, nodes from the cache and from proofs. */
  private partial(): ProofBackend {
    const hash = this.hashers.blake2_256;
    this.proofState ??= new ProofBackend(decodeHeader(this.header).stateRoot, { hash, store: new NodeStore(hash, (h) => this.cache.getNode(h)) });
    return this.proofState;
  }

  /**
   * The top-trie root of this state with `changes` (sorted; child roots
   * written) applied, from read proofs; undefined when the nodes are not
   * cached and the server serves no proofs (then enumerate the state).
   */
  rootAfter(changes: ReadonlyArray<KeyChange>, version: TrieVersion): Promise<Uint8Array | undefined> {
    const p = this.partial();
    return this.rootVia(() => p.rootAfter(changes, version), (fetch) => p.rootAfterAsync(changes, version, fetch), changes, undefined);
  }

  /** The root of child trie `storageKey` after `changes` (sorted), as `rootAfter`. */
  childRootAfter(storageKey: Uint8Array, changes: ReadonlyArray<KeyChange>, version: TrieVersion): Promise<Uint8Array | undefined> {
    const p = this.partial();
    return this.rootVia(() => p.childRootAfter(storageKey, changes, version), (fetch) => p.childRootAfterAsync(storageKey, changes, version, fetch), changes, storageKey);
  }

  /**
   * A root from the held nodes, else (proofs served) fetching: the first
   * request for the changed trie asks for every changed key's proof at once,
   * so that one more round at most follows (siblings a deletion merges).
   */
  private async rootVia(
    held: () => Uint8Array,
    fetching: (fetch: ProofFetcher) => Promise<Uint8Array>,
    changes: ReadonlyArray<KeyChange>,
    trie: Uint8Array | undefined,
  ): Promise<Uint8Array | undefined> {
    try {
      return held();
    } catch (e) {
      if (!(e instanceof SwxError && e.code === 'TRIE_INCOMPLETE')) throw e;
    }
    if (!(await this.servesReadProofs())) return undefined;
    let first = true;
    const fetch: ProofFetcher = (keys, sk) => {
      const same = sk === undefined ? trie === undefined : trie !== undefined && compareBytes(sk, trie) === 0;
      const all = first && same ? [...keys, ...changes.map(([k]) => k)] : keys;
      if (same) first = false;
      const parts: Array<Promise<Uint8Array[]>> = [];
      for (let i = 0; i < all.length; i += PROOF_KEYS_PER_QUERY) {
        const part = all.slice(i, i + PROOF_KEYS_PER_QUERY);
        parts.push(sk === undefined ? this.readProof(part) : this.childReadProof(sk, part));
      }
      return Promise.all(parts).then((got) => got.flat());
    };
    try {
      return await fetching(fetch);
    } catch (e) {
      if (e instanceof SwxError && e.code === 'TRIE_INCOMPLETE') {
        throw new SwxError('RPC_BAD_RESPONSE', `${this.client.url}: the read proofs of block ${this.blockHex} lack trie nodes of its state (root ${toHex(this.partial().stateRoot)}): ${e.message}`, {
          endpoint: this.client.url,
          request: 'state_getReadProof',
        });
      }
      throw e;
    }
  }

  // ---- lifecycle ---------------------------------------------------------

  private once<T>(id: string, f: () => Promise<T>): Promise<T> {
    const got = this.inflight.get(id);
    if (got !== undefined) return got as Promise<T>;
    const p = f().finally(() => this.inflight.delete(id));
    this.inflight.set(id, p);
    return p;
  }

  /** Waits for cache writes, then closes what `connect` opened. */
  async close(): Promise<void> {
    await this.cache.flush();
    if (this.owned.client) await this.client.close();
    if (this.owned.cache) await this.cache.close();
  }
}
