/**
 * A state known by its root and the trie nodes fetched so far: a
 * `StorageBackend` over a partial trie (trie/partial.ts), the way a
 * parachain's `validate_block` runs on its PoV. Reads walk the nodes; the
 * storage root after a call is computed from the nodes on the changed keys'
 * paths only (`rootAfter`, the hook the state machine uses instead of
 * enumerating `entries()`), byte-exact with a node's full recomputation in
 * both layouts and for hybrid (V0 → V1 migrating) states.
 *
 * Child tries live in the same node store: the root of child trie `sk` is the
 * value of `:child_storage:default:` ++ `sk` in the top trie.
 *
 * ## Missing nodes, and fetching them (for an RPC backend)
 *
 * The synchronous `StorageBackend` methods throw `SwxError('TRIE_INCOMPLETE')`
 * when a node is not held; `error.context.missing` lists `MissingNode`s
 * (hash + a key whose proof contains the node) and `context.childStorageKey`
 * (0x hex) says which child trie, if not the top one. Nothing is left half
 * done: add the nodes (`addNodes`) and call again. A backend behind RPC does
 * that in a loop with `state_getReadProof(keys, at)` (or
 * `state_getChildReadProof(childKey, keys, at)`): the proof of `missing.key`
 * contains the missing node. The `…Async` methods run that loop with a
 * `ProofFetcher`:
 *
 *   const state = new ProofBackend(header.stateRoot, { hash: blake2_256 });
 *   const fetch: ProofFetcher = async (keys, childStorageKey) =>
 *     (await rpc(childStorageKey ? 'state_getChildReadProof' : 'state_getReadProof', …)).proof.map(fromHex);
 *   await state.getAsync(key, fetch);                       // reads, prefetching the nodes
 *   await state.storageRootAfterAsync(diff, version, fetch); // the root after a block: fetches
 *                                                            // only what the changes touch
 *
 * Prefetching the proof of every key a call writes (from the diff) before
 * computing its root usually leaves one more round: the siblings that a
 * deletion merges into their parent.
 *
 * Known values (`opts.known`: fetched values, e.g. from `state_getStorage` or a
 * cache) answer `get` without nodes; they are not checked against the root.
 */
import { equalBytes, fromHex, toHex } from '../base/bytes.js';
import { SwxError } from '../base/errors.js';
import { NodeStore, PartialTrie, type MissingNode, type PartialRead, type TrieHasher, type TrieVersion } from '../trie/index.js';
import type { StorageBackend } from './backend.js';
import type { KeyChange, StorageDiff } from './diff.js';
import { DEFAULT_CHILD_STORAGE_KEY_PREFIX, keyBytes, keyStr, type KeyStr } from './keys.js';
import type { SortedEntries } from './sorted-store.js';

/** Fetches nodes: the storage proof of `keys` in the top trie, or in child trie `childStorageKey` (unprefixed). */
export type ProofFetcher = (keys: Uint8Array[], childStorageKey: Uint8Array | undefined) => Promise<Iterable<Uint8Array>>;

/** Options of a proof backend. */
export interface ProofBackendOpts {
  /** The trie hasher (Substrate state: blake2_256). */
  hash: TrieHasher;
  /** Nodes known from the start (a storage proof, a cache); more can be added with `addNodes`. */
  nodes?: Iterable<Uint8Array>;
  /** A store to share (e.g. between the states of consecutive blocks); default: a new one. */
  store?: NodeStore;
  /** Top-trie values known without nodes (null: known absent). Default: none. */
  known?: Iterable<readonly [Uint8Array, Uint8Array | null]>;
}

const CHILD_PREFIX_BYTES = keyBytes(DEFAULT_CHILD_STORAGE_KEY_PREFIX);

function childRootKey(storageKey: Uint8Array): Uint8Array {
  const out = new Uint8Array(CHILD_PREFIX_BYTES.length + storageKey.length);
  out.set(CHILD_PREFIX_BYTES);
  out.set(storageKey, CHILD_PREFIX_BYTES.length);
  return out;
}

function incomplete(missing: MissingNode[], childStorageKey: Uint8Array | undefined): SwxError {
  const where = childStorageKey === undefined ? 'the top trie' : `child trie ${toHex(childStorageKey)}`;
  return new SwxError('TRIE_INCOMPLETE', `state: ${missing.length} trie node(s) of ${where} not held (first: ${toHex(missing[0]!.hash)})`, {
    missing,
    ...(childStorageKey === undefined ? {} : { childStorageKey: toHex(childStorageKey) }),
  });
}

/** The value of a read, or the TRIE_INCOMPLETE error. */
function unwrap<T>(r: PartialRead<T>, childStorageKey: Uint8Array | undefined): T | undefined {
  if (r.kind === 'missing') throw incomplete([r.missing], childStorageKey);
  return r.kind === 'found' ? r.value : undefined;
}

/** Is `e` the TRIE_INCOMPLETE error of this module? */
function missingOf(e: unknown): { missing: MissingNode[]; childStorageKey: Uint8Array | undefined } | undefined {
  if (!(e instanceof SwxError) || e.code !== 'TRIE_INCOMPLETE') return undefined;
  const sk = e.context['childStorageKey'];
  return { missing: e.context['missing'] as MissingNode[], childStorageKey: typeof sk === 'string' ? fromHex(sk) : undefined };
}

/** A StorageBackend over a partial trie: see the file comment. */
export class ProofBackend implements StorageBackend {
  /** The nodes held (shared by the top trie and the child tries). */
  readonly store: NodeStore;
  private readonly top: PartialTrie;
  private readonly known = new Map<KeyStr, Uint8Array | null>();

  constructor(
    /** The state root. */
    readonly stateRoot: Uint8Array,
    opts: ProofBackendOpts,
  ) {
    this.store = opts.store ?? new NodeStore(opts.hash);
    if (opts.nodes !== undefined) this.store.add(opts.nodes);
    for (const [k, v] of opts.known ?? []) this.known.set(keyStr(k), v === null ? null : v.slice());
    this.top = new PartialTrie(stateRoot.slice(), this.store);
  }

  /** Adds nodes (e.g. a `state_getReadProof` answer); returns how many were new. */
  addNodes(nodes: Iterable<Uint8Array>): number {
    return this.store.add(nodes);
  }

  /** The child trie `storageKey`, or undefined when the state has none. */
  private child(storageKey: Uint8Array): PartialTrie | undefined {
    const root = this.get(childRootKey(storageKey));
    return root === undefined ? undefined : new PartialTrie(root, this.store);
  }

  // ---- StorageBackend ------------------------------------------------------

  get(key: Uint8Array): Uint8Array | undefined {
    const k = this.known.get(keyStr(key));
    if (k !== undefined) return k ?? undefined;
    return unwrap(this.top.get(key), undefined);
  }

  nextKey(key: Uint8Array): Uint8Array | undefined {
    return unwrap(this.top.nextKey(key), undefined);
  }

  *keys(prefix: Uint8Array, startAt?: Uint8Array): Iterable<Uint8Array> {
    yield* keysOf((k) => this.nextKey(k), (k) => unwrap(this.top.get(k), undefined) !== undefined, prefix, startAt);
  }

  /** Every entry, walking every node: throws TRIE_INCOMPLETE unless the whole trie is held. */
  entries(): SortedEntries {
    return [...this.keys(new Uint8Array(0))].map((k) => [k, this.get(k)!] as const);
  }

  childGet(storageKey: Uint8Array, key: Uint8Array): Uint8Array | undefined {
    const t = this.child(storageKey);
    return t === undefined ? undefined : unwrap(t.get(key), storageKey);
  }

  childNextKey(storageKey: Uint8Array, key: Uint8Array): Uint8Array | undefined {
    const t = this.child(storageKey);
    return t === undefined ? undefined : unwrap(t.nextKey(key), storageKey);
  }

  *childKeys(storageKey: Uint8Array, prefix: Uint8Array, startAt?: Uint8Array): Iterable<Uint8Array> {
    const t = this.child(storageKey);
    if (t === undefined) return;
    yield* keysOf((k) => unwrap(t.nextKey(k), storageKey), (k) => unwrap(t.get(k), storageKey) !== undefined, prefix, startAt);
  }

  childEntries(storageKey: Uint8Array): SortedEntries {
    return [...this.childKeys(storageKey, new Uint8Array(0))].map((k) => [k, this.childGet(storageKey, k)!] as const);
  }

  childStorageKeys(): Uint8Array[] {
    return [...this.keys(CHILD_PREFIX_BYTES)].map((k) => k.slice(CHILD_PREFIX_BYTES.length));
  }

  /** Root of the top trie after `changes` (sorted; child roots already written): the state machine's hook. */
  rootAfter(changes: ReadonlyArray<KeyChange>, version: TrieVersion): Uint8Array {
    return this.topAfter(changes, version).root;
  }

  /** Root of child trie `storageKey` after `changes` (sorted); the empty trie's root when it ends empty. */
  childRootAfter(storageKey: Uint8Array, changes: ReadonlyArray<KeyChange>, version: TrieVersion): Uint8Array {
    return this.childAfter(storageKey, changes, version).root;
  }

  private topAfter(changes: ReadonlyArray<KeyChange>, version: TrieVersion): { root: Uint8Array; nodes: Uint8Array[] } {
    const r = this.top.rootAfter(changes, version);
    if (r.kind === 'missing') throw incomplete(r.missing, undefined);
    return r;
  }

  private childAfter(storageKey: Uint8Array, changes: ReadonlyArray<KeyChange>, version: TrieVersion): { root: Uint8Array; nodes: Uint8Array[] } {
    const root = this.get(childRootKey(storageKey)) ?? this.store.hash(new Uint8Array([0]));
    const r = new PartialTrie(root, this.store).rootAfter(changes, version);
    if (r.kind === 'missing') throw incomplete(r.missing, storageKey);
    return r;
  }

  // ---- whole diffs ----------------------------------------------------------

  /**
   * The state root after `diff` (as `StateMachine.storageRoot` after the
   * call, and a block import): each changed child trie's new root written
   * under `:child_storage:default:` ++ its key (deleted when empty), over the
   * top changes, then the top root.
   */
  storageRootAfter(diff: Pick<StorageDiff, 'top' | 'children'>, version: TrieVersion): Uint8Array {
    return this.applied(diff, version).root;
  }

  /**
   * The state after `diff`: a proof backend on the new root sharing this
   * one's store, into which the new nodes are added (so it holds every
   * changed key's path: the next block runs on it). Known values carry over,
   * updated by the diff.
   */
  afterChanges(diff: Pick<StorageDiff, 'top' | 'children'>, version: TrieVersion): ProofBackend {
    const { root, nodes } = this.applied(diff, version);
    this.store.add(nodes);
    const known = new Map(this.known);
    for (const [k, v] of diff.top) known.set(keyStr(k), v);
    return new ProofBackend(root, { hash: this.store.hash, store: this.store, known: [...known].map(([k, v]) => [keyBytes(k), v] as const) });
  }

  /** Root and new nodes after a diff: child roots first, written into the top delta (deleted when empty). */
  private applied(diff: Pick<StorageDiff, 'top' | 'children'>, version: TrieVersion): { root: Uint8Array; nodes: Uint8Array[] } {
    const empty = this.store.hash(new Uint8Array([0]));
    const delta = new Map<KeyStr, Uint8Array | null>();
    const nodes: Uint8Array[] = [];
    for (const [k, v] of diff.top) delta.set(keyStr(k), v);
    for (const [sk, changes] of diff.children) {
      const r = this.childAfter(sk, changes, version);
      nodes.push(...r.nodes);
      delta.set(keyStr(childRootKey(sk)), equalBytes(r.root, empty) ? null : r.root);
    }
    const sorted = [...delta.keys()].sort().map((k): KeyChange => [keyBytes(k), delta.get(k)!]);
    const top = this.topAfter(sorted, version);
    nodes.push(...top.nodes);
    return { root: top.root, nodes };
  }

  /** `storageRootAfter`, fetching the nodes it needs through `fetch` (the changed keys' proofs first, in one request per trie). */
  async storageRootAfterAsync(diff: Pick<StorageDiff, 'top' | 'children'>, version: TrieVersion, fetch: ProofFetcher): Promise<Uint8Array> {
    if (diff.top.length > 0) this.addNodes(await fetch(diff.top.map(([k]) => k), undefined));
    for (const [sk, changes] of diff.children) if (changes.length > 0) this.addNodes(await fetch(changes.map(([k]) => k), sk));
    return this.retrying(() => this.storageRootAfter(diff, version), fetch);
  }

  /** `rootAfter`, fetching what it needs (for an asynchronous backend's hook: the worker's storage channel). */
  rootAfterAsync(changes: ReadonlyArray<KeyChange>, version: TrieVersion, fetch: ProofFetcher): Promise<Uint8Array> {
    return this.retrying(() => this.rootAfter(changes, version), fetch);
  }

  /** `childRootAfter`, fetching what it needs. */
  childRootAfterAsync(storageKey: Uint8Array, changes: ReadonlyArray<KeyChange>, version: TrieVersion, fetch: ProofFetcher): Promise<Uint8Array> {
    return this.retrying(() => this.childRootAfter(storageKey, changes, version), fetch);
  }

  /** `get`, fetching what it needs. */
  getAsync(key: Uint8Array, fetch: ProofFetcher): Promise<Uint8Array | undefined> {
    return this.retrying(() => this.get(key), fetch);
  }

  /** `nextKey`, fetching what it needs. */
  nextKeyAsync(key: Uint8Array, fetch: ProofFetcher): Promise<Uint8Array | undefined> {
    return this.retrying(() => this.nextKey(key), fetch);
  }

  /** Runs `op` until it stops throwing TRIE_INCOMPLETE, fetching the missing nodes between tries. */
  private async retrying<T>(op: () => T, fetch: ProofFetcher): Promise<T> {
    for (;;) {
      let m;
      try {
        return op();
      } catch (e) {
        m = missingOf(e);
        if (m === undefined) throw e;
      }
      this.addNodes(await fetch(m.missing.map((x) => x.key), m.childStorageKey));
      // Progress or stop: a source that lacks the nodes must not make this loop forever.
      if (!m.missing.some((x) => this.store.has(x.hash))) throw incomplete(m.missing, m.childStorageKey);
    }
  }
}

/** Keys `>= startAt` under `prefix`, ascending, from a next-key function. */
function* keysOf(
  next: (k: Uint8Array) => Uint8Array | undefined,
  exists: (k: Uint8Array) => boolean,
  prefix: Uint8Array,
  startAt: Uint8Array | undefined,
): IterableIterator<Uint8Array> {
  const from = startAt !== undefined && keyStr(startAt) > keyStr(prefix) ? startAt : prefix;
  let k: Uint8Array | undefined = exists(from) ? from : next(from);
  const p = keyStr(prefix);
  while (k !== undefined && keyStr(k).startsWith(p)) {
    yield k;
    k = next(k);
  }
}
