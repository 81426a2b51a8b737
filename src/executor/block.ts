/**
 * Blocks and genesis on top of the executor:
 * - `executeBlock`: `Core_execute_block` of a block (header without its seal,
 *   extrinsics) on a parent state, with the runtime found in that state's
 *   `:code` and its `:heappages`; the parent state is never modified, the new
 *   state is returned.
 * - `genesisInfo`: the genesis state root (layout = the `:code` runtime's
 *   state version) and the genesis block hash of a raw chain spec.
 */
import { SwxError } from '../base/errors.js';
import { fromHex } from '../base/bytes.js';
import type { Hashers } from '../base/hashing.js';
import { stateVersion as stateVersionOf, type Decompressor } from '../blob/index.js';
import {
  CODE_KEY,
  HEAP_PAGES_KEY,
  StateMachine,
  decodeHeader,
  encodeBlock,
  encodeHeader,
  genesisHash,
  genesisStateRoot,
  withoutSeal,
  withChildRoots,
  keyBytes,
  keyStr,
  prefixedChildKey,
  InMemoryBackend,
  type StateVersion,
  type StorageBackend,
} from '../state/index.js';
import { createRuntime, type CallResult, type CreateRuntimeOpts, type Runtime } from './runtime.js';
import { loadRuntimeCodeSync } from './runtime-code.js';

/** Shared resources for the helpers here. */
export interface ExecTools {
  hashers: Hashers;
  decompressor: Decompressor;
}

/** A block as `Core_execute_block` takes it. */
export interface BlockInput {
  /** SCALE header without the seal. */
  header: Uint8Array;
  /** SCALE-encoded extrinsics (each with its length prefix). */
  extrinsics: Uint8Array[];
}

/** Result of `executeBlock`. */
export interface ExecuteBlockResult {
  /** Storage root after the block (the runtime checked it against the header). */
  stateRoot: Uint8Array;
  /** Parent state ⊕ the block's changes. */
  state: InMemoryBackend;
  call: CallResult;
  runtime: Runtime;
}

function hexField(o: Record<string, unknown>, name: string, path: string): Uint8Array | undefined {
  const v = o[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new SwxError('INVALID_INPUT', `${path}: "${name}" must be a hex string`);
  return fromHex(v, `${path} ${name}`);
}

function hexList(v: unknown, what: string): Uint8Array[] {
  if (!Array.isArray(v)) throw new SwxError('INVALID_INPUT', `${what} must be an array of hex strings`);
  return v.map((x: unknown, i) => {
    if (typeof x !== 'string') throw new SwxError('INVALID_INPUT', `${what}[${i}] is not a hex string`);
    return fromHex(x, `${what}[${i}]`);
  });
}

/**
 * Parses BLOCK.json: `{header, extrinsics}` (DESIGN.md), also accepting
 * `{header_without_seal | header, body}` and `{block: {header, body}}`.
 * A trailing seal digest item is removed from the header.
 */
export function parseBlockJson(bytes: Uint8Array, path = 'block'): BlockInput {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    throw new SwxError('INVALID_INPUT', `${path} is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof json !== 'object' || json === null) throw new SwxError('INVALID_INPUT', `${path}: a JSON object is expected`);
  let o = json as Record<string, unknown>;
  if (typeof o['block'] === 'object' && o['block'] !== null) o = o['block'] as Record<string, unknown>;
  const header = hexField(o, 'header_without_seal', path) ?? hexField(o, 'header', path);
  if (header === undefined) throw new SwxError('INVALID_INPUT', `${path}: no "header"`);
  const xts = o['extrinsics'] ?? o['body'];
  if (xts === undefined) throw new SwxError('INVALID_INPUT', `${path}: no "extrinsics"`);
  const decoded = decodeHeader(header);
  const unsealed = withoutSeal(decoded);
  return { header: unsealed === decoded ? header : encodeHeader(unsealed), extrinsics: hexList(xts, `${path} extrinsics`) };
}

/**
 * A backend from a storage dump `{mainTrie: {hex: hex}, childTries: {hex child key (unprefixed): {hex: hex}}}`
 * (also accepted wrapped as `{parentStorage: …}`, the block-fixture format).
 */
export function backendFromStorageJson(json: unknown, path = 'state'): InMemoryBackend {
  let o = json as Record<string, unknown> | null;
  if (typeof o === 'object' && o !== null && typeof o['parentStorage'] === 'object') o = o['parentStorage'] as Record<string, unknown>;
  if (typeof o !== 'object' || o === null || typeof o['mainTrie'] !== 'object' || o['mainTrie'] === null) {
    throw new SwxError('CHAIN_SPEC_INVALID', `${path}: expected {mainTrie, childTries}`);
  }
  const pairs = (m: unknown, what: string): Array<[Uint8Array, Uint8Array]> => {
    if (typeof m !== 'object' || m === null) throw new SwxError('CHAIN_SPEC_INVALID', `${path}: ${what} is not an object`);
    return Object.entries(m as Record<string, unknown>).map(([k, v]) => {
      if (typeof v !== 'string') throw new SwxError('CHAIN_SPEC_INVALID', `${path}: ${what}[${k}] is not a hex string`);
      return [fromHex(k, `${what} key`), fromHex(v, `${what}[${k}]`)];
    });
  };
  const children = Object.entries((o['childTries'] ?? {}) as Record<string, unknown>).map(
    ([sk, m]) => [fromHex(sk, 'child storage key'), pairs(m, `childTries[${sk}]`)] as [Uint8Array, Array<[Uint8Array, Uint8Array]>],
  );
  return InMemoryBackend.fromEntries(pairs(o['mainTrie'], 'mainTrie'), children);
}

/**
 * The state as a node holds it: a raw chain spec lists child tries apart and
 * its top trie lacks their roots; they are added here in `runtime`'s layout
 * (`state` is returned as is when nothing is missing).
 */
export function stateForRuntime(state: StorageBackend, runtime: Runtime, hashers: Pick<Hashers, 'blake2_256'>): StorageBackend {
  const missing = state.childStorageKeys().some((sk) => state.get(keyBytes(prefixedChildKey(keyStr(sk)))) === undefined);
  return missing ? withChildRoots(state, runtimeStateVersion(runtime), hashers.blake2_256) : state;
}

/** `:heappages` of a state (u64 LE), if set. */
export function heapPagesOf(state: StorageBackend): number | undefined {
  const v = state.get(HEAP_PAGES_KEY);
  if (v === undefined || v.length < 8) return undefined;
  const n = new DataView(v.buffer, v.byteOffset, 8).getBigUint64(0, true);
  return n > BigInt(Number.MAX_SAFE_INTEGER) ? undefined : Number(n);
}

/** Creates the runtime stored in `state`'s `:code` (heap pages from `:heappages` unless `opts` says otherwise). */
export async function runtimeFromState(state: StorageBackend, tools: ExecTools, opts: CreateRuntimeOpts = {}): Promise<Runtime> {
  const blob = state.get(CODE_KEY);
  if (blob === undefined) throw new SwxError('CHAIN_SPEC_INVALID', 'the state has no :code');
  const code = loadRuntimeCodeSync(blob, tools.hashers, tools.decompressor);
  const pages = heapPagesOf(state);
  const heap = opts.heapAllocStrategy ?? (pages !== undefined ? { kind: 'static' as const, extraPages: pages } : undefined);
  return createRuntime(code, { hashers: tools.hashers, decompressor: tools.decompressor, ...opts, ...(heap ? { heapAllocStrategy: heap } : {}) });
}

/** The state version a runtime declares (V0 when it has no version). */
export function runtimeStateVersion(runtime: Runtime): StateVersion {
  return runtime.version !== undefined ? stateVersionOf(runtime.version) : 0;
}

/** Runs `Core_execute_block`; throws the runtime's error (exit code 1 in the CLI) on failure. */
export async function executeBlock(state: StorageBackend, block: BlockInput, tools: ExecTools, opts: CreateRuntimeOpts = {}): Promise<ExecuteBlockResult> {
  const runtime = await runtimeFromState(state, tools, opts);
  const machine = new StateMachine(stateForRuntime(state, runtime, tools.hashers), { hash: tools.hashers.blake2_256 });
  const call = runtime.callSync('Core_execute_block', encodeBlock(block.header, block.extrinsics), { storage: machine });
  const version = runtimeStateVersion(runtime);
  const stateRoot = machine.storageRoot(version);
  return { stateRoot, state: machine.toBackend(version), call, runtime };
}

/** Genesis facts of a raw chain spec's state. */
export interface GenesisInfo {
  stateVersion: StateVersion;
  stateRoot: Uint8Array;
  genesisHash: Uint8Array;
}

/** Genesis state root (layout per the `:code` runtime's state version) and genesis hash. */
export async function genesisInfo(state: StorageBackend, tools: ExecTools): Promise<GenesisInfo> {
  let version: StateVersion = 0;
  if (state.get(CODE_KEY) !== undefined) version = runtimeStateVersion(await runtimeFromState(state, tools, { allowMissingImports: true, instantiationStrategy: 'recreate' }));
  const stateRoot = genesisStateRoot(state, version, tools.hashers.blake2_256);
  return { stateVersion: version, stateRoot, genesisHash: genesisHash(stateRoot, tools.hashers) };
}

/** Calls `method` on `state` (or an empty state), returning output and changes. */
export async function callWithState(runtime: Runtime, method: string, input: Uint8Array, state: StorageBackend | undefined, tools?: ExecTools): Promise<CallResult> {
  if (state === undefined) return runtime.call(method, input, {});
  return runtime.call(method, input, { state: stateForRuntime(state, runtime, tools?.hashers ?? runtime.hashers) });
}
