/**
 * The oracle of the differential test: `@acala-network/chopsticks-executor`
 * (smoldot's executor, compiled to Wasm; chopsticks `executor/src/task.rs`).
 *
 * `run_task({wasm, calls, …}, callbacks)` compiles the blob, runs the calls
 * one after the other on one storage diff, and returns the last call's
 * output plus the accumulated diff (child-trie keys appear as
 * `:child_storage:default:` ++ child ++ key). Storage it does not hold in that
 * diff it asks the callbacks for: `getStorage(key)` and
 * `getNextKey(prefix, key)`, both with child keys prefixed like that.
 *
 * Workarounds, each needed to run the host-API test runtime at all or to ask
 * the oracle the same question swx answers:
 * - smoldot refuses a blob without a version (no `Core_version` here), so
 *   `runtime_version` / `runtime_apis` custom sections are appended (ADAPTER.md
 *   §0: "executors that insist need a dummy appended"); one variant per state
 *   version, as smoldot rejects `*_root_version_2` whose version differs from
 *   the runtime's (`Mismatch between the state trie version provided as
 *   parameter …`).
 * - smoldot asks for the next key with an `or_equal` flag that task.rs does
 *   not forward: it is set on the first request of a clear_prefix /
 *   storage_kill (runtime_call.rs `NextKey::or_equal`). The callbacks of such
 *   an op answer their first request inclusively, as smoldot wants.
 * - task.rs answers its root calculator's questions about the backend with
 *   "nothing" and carries only the main-trie diff from one call to the next,
 *   so a root over a state with child tries cannot be asked through
 *   `run_task`; `calculatorRoot` & co. ask smoldot's trie calculator
 *   (`calculate_state_root`) instead.
 */
import { calculate_state_root, run_task } from '@acala-network/chopsticks-executor';
import { concatBytes, fromHex, toHexRaw } from '../../../src/base/bytes.js';
import { decodeModule, encodeModule, type CustomSection } from '../../../src/wasm/index.js';
import { CORE_API_ID, encodeRuntimeVersion } from '../../../src/blob/index.js';
import type { InMemoryBackend } from '../../../src/state/index.js';
import { vec } from './ops.js';

/** `:child_storage:default:` in hex (sp-storage `DEFAULT_CHILD_STORAGE_KEY_PREFIX`). */
export const DEFAULT_CHILD_PREFIX_HEX = toHexRaw(new TextEncoder().encode(':child_storage:default:'));

/** Core API version declared by the dummy version (4: the encoding carries `system_version`). */
const DUMMY_CORE_VERSION = 4;

/** A state as the oracle's callbacks see it: lowercase hex without `0x`. */
export interface OracleState {
  top: Map<string, string>;
  /** Child tries by child storage key (hex, unprefixed). */
  children: Map<string, Map<string, string>>;
}

/** The oracle's view of `backend` (child roots included in the top trie, as a node's backend has them). */
export function oracleStateOf(backend: InMemoryBackend): OracleState {
  const top = new Map<string, string>();
  for (const [k, v] of backend.entries()) top.set(toHexRaw(k), toHexRaw(v));
  const children = new Map<string, Map<string, string>>();
  for (const sk of backend.childStorageKeys()) {
    const m = new Map<string, string>();
    for (const [k, v] of backend.childEntries(sk)) m.set(toHexRaw(k), toHexRaw(v));
    children.set(toHexRaw(sk), m);
  }
  return { top, children };
}

/** An empty state. */
export function emptyOracleState(): OracleState {
  return { top: new Map(), children: new Map() };
}

/**
 * `wasm` with `runtime_version` and `runtime_apis` custom sections appended
 * (Core v4, `system_version` = `stateVersion`), as `0x` hex for `run_task`.
 */
export function withDummyVersion(wasm: Uint8Array, stateVersion: 0 | 1): string {
  const m = decodeModule(wasm);
  const version = encodeRuntimeVersion({
    specName: 'hostapi-test',
    implName: 'swx-differential',
    authoringVersion: 0,
    specVersion: 1,
    implVersion: 0,
    apis: [],
    transactionVersion: 1,
    systemVersion: stateVersion,
  });
  const apis = new Uint8Array(12);
  apis.set(CORE_API_ID, 0);
  new DataView(apis.buffer).setUint32(8, DUMMY_CORE_VERSION, true);
  for (const section of [
    { name: 'runtime_version', payload: version },
    { name: 'runtime_apis', payload: apis },
  ] satisfies CustomSection[]) {
    m.customSections.push(section);
    m.sectionOrder.push(section);
  }
  return '0x' + toHexRaw(encodeModule(m));
}

/** Where the callbacks of one task look things up. */
export type OracleScope = { kind: 'top' } | { kind: 'child'; childHex: string };

/** The outcome of one oracle task. */
export type OracleResult =
  | { kind: 'ok'; output: Uint8Array; diff: Array<[string, string | null]> }
  | { kind: 'error'; message: string };

/** Smallest key of `keys` after `key` (or at it, if `inclusive`) that starts with `prefix`. */
function nextKeyIn(keys: Iterable<string>, prefix: string, key: string, inclusive: boolean): string | undefined {
  let best: string | undefined;
  for (const k of keys) {
    if (!k.startsWith(prefix)) continue;
    if (inclusive ? k < key : k <= key) continue;
    if (best === undefined || k < best) best = k;
  }
  return best;
}

function strip0x(h: string): string {
  return h.startsWith('0x') ? h.slice(2) : h;
}

/** Task options fixed by the harness (chopsticks `TaskCall`, 1.5.1). */
const TASK_DEFAULTS = { id: 0, mockSignatureHost: 0, allowUnresolvedImports: false, runtimeLogLevel: 0, storageProofSize: 0 };

/**
 * Runs `calls` (method, input) in one oracle task whose storage requests are
 * answered from `state` in `scope`. `clearsRange`: the op's first next-key
 * request is inclusive (see the module doc). Requests outside the scope are
 * collected in `anomalies` and answered "absent".
 */
export async function runOracle(
  wasmHex: string,
  calls: ReadonlyArray<readonly [string, Uint8Array]>,
  state: OracleState,
  scope: OracleScope,
  clearsRange: boolean,
  anomalies: string[],
): Promise<OracleResult> {
  const childPrefix = scope.kind === 'child' ? DEFAULT_CHILD_PREFIX_HEX + scope.childHex : '';
  const trie = scope.kind === 'child' ? (state.children.get(scope.childHex) ?? new Map<string, string>()) : state.top;
  const relative = (h: string, what: string): string | undefined => {
    const raw = strip0x(h);
    if (scope.kind === 'top') return raw;
    if (raw.startsWith(childPrefix)) return raw.slice(childPrefix.length);
    anomalies.push(`${what} 0x${raw} outside child trie 0x${scope.kind === 'child' ? scope.childHex : ''}`);
    return undefined;
  };
  let firstNext = true;
  const callbacks = {
    getStorage: async (key: `0x${string}`): Promise<string | undefined> => {
      const k = relative(key, 'getStorage');
      if (k === undefined) return undefined;
      const v = trie.get(k);
      return v === undefined ? undefined : '0x' + v;
    },
    getNextKey: async (prefix: `0x${string}`, key: `0x${string}`): Promise<string | undefined> => {
      const inclusive = clearsRange && firstNext;
      firstNext = false;
      const p = relative(prefix, 'getNextKey prefix');
      const k = relative(key, 'getNextKey key');
      if (p === undefined || k === undefined) return undefined;
      const next = nextKeyIn(trie.keys(), p, k, inclusive);
      return next === undefined ? undefined : '0x' + next;
    },
    offchainGetStorage: async (): Promise<string | undefined> => undefined,
    offchainTimestamp: async (): Promise<number> => 0,
    offchainRandomSeed: async (): Promise<`0x${string}`> => `0x${'00'.repeat(32)}`,
    offchainSubmitTransaction: async (): Promise<boolean> => false,
  };
  const task = { ...TASK_DEFAULTS, wasm: wasmHex, calls: calls.map(([m, input]) => [m, ['0x' + toHexRaw(input)]]) };
  let res: unknown;
  try {
    res = await run_task(task, callbacks);
  } catch (e) {
    return { kind: 'error', message: `run_task threw: ${e instanceof Error ? e.message : String(e)}` };
  }
  const r = res as { Call?: { result: string; storageDiff: Array<[string, string | null | undefined]> }; Error?: string };
  if (r.Call !== undefined) {
    return {
      kind: 'ok',
      output: fromHex(r.Call.result),
      diff: r.Call.storageDiff.map(([k, v]) => [strip0x(k), v === null || v === undefined ? null : strip0x(v)]),
    };
  }
  return { kind: 'error', message: r.Error ?? JSON.stringify(res) };
}

/** `state` after the oracle's `diff` of a task in `scope` (writes under `:child_storage:` in the top trie are child-root bookkeeping: skipped). */
export function applyOracleDiff(state: OracleState, diff: ReadonlyArray<[string, string | null]>, scope: OracleScope): OracleState {
  const top = new Map(state.top);
  const children = new Map([...state.children].map(([c, m]) => [c, new Map(m)] as const));
  const childPrefix = scope.kind === 'child' ? DEFAULT_CHILD_PREFIX_HEX + scope.childHex : undefined;
  const childStoragePrefixHex = toHexRaw(new TextEncoder().encode(':child_storage:'));
  for (const [k, v] of diff) {
    if (childPrefix !== undefined && k.startsWith(childPrefix) && k.length > childPrefix.length) {
      const c = scope.kind === 'child' ? scope.childHex : '';
      let m = children.get(c);
      if (m === undefined) children.set(c, (m = new Map()));
      const inner = k.slice(childPrefix.length);
      if (v === null) m.delete(inner);
      else m.set(inner, v);
      continue;
    }
    if (k.startsWith(childStoragePrefixHex)) continue;
    if (v === null) top.delete(k);
    else top.set(k, v);
  }
  for (const [c, m] of children) if (m.size === 0) children.delete(c);
  return { top, children };
}

/** The comparable part of a state: top without `:child_storage:` keys, non-empty child tries. */
export function comparableState(state: OracleState): { top: Array<[string, string]>; children: Array<[string, Array<[string, string]>]> } {
  const childStoragePrefixHex = toHexRaw(new TextEncoder().encode(':child_storage:'));
  const top = [...state.top].filter(([k]) => !k.startsWith(childStoragePrefixHex)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const children = [...state.children]
    .filter(([, m]) => m.size > 0)
    .map(([c, m]) => [c, [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))] as [string, Array<[string, string]>])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { top, children };
}

/** The writes that rebuild `state` in a fresh task: top sets (the oracle ignores `:child_storage:` ones, as Substrate) then child sets. */
export function replayCalls(state: OracleState): Array<[string, Uint8Array]> {
  const calls: Array<[string, Uint8Array]> = [];
  for (const [k, v] of state.top) calls.push(['rtm_ext_storage_set_version_1', concatBytes(vec(fromHex(k)), vec(fromHex(v)))]);
  for (const [c, m] of state.children) {
    for (const [k, v] of m) calls.push(['rtm_ext_default_child_storage_set_version_1', concatBytes(vec(fromHex(c)), vec(fromHex(k)), vec(fromHex(v)))]);
  }
  return calls;
}

/**
 * Root of `entries` (hex pairs; a duplicate key: last wins) by smoldot's trie
 * root calculator (`calculate_state_root`, task.rs), as raw bytes.
 */
export async function calculatorRoot(entries: ReadonlyArray<readonly [string, string]>, version: 0 | 1): Promise<Uint8Array> {
  const root: unknown = await calculate_state_root(
    entries.map(([k, v]) => ['0x' + k, '0x' + v]),
    version,
  );
  if (typeof root !== 'string') throw new Error(`calculate_state_root returned ${JSON.stringify(root)}`);
  return fromHex(root);
}

/** Root of child trie `childHex` of `state` under `version` (empty trie root if absent). */
export async function calculatorChildRoot(state: OracleState, childHex: string, version: 0 | 1): Promise<Uint8Array> {
  return calculatorRoot([...(state.children.get(childHex) ?? new Map<string, string>())], version);
}

/**
 * The top root Substrate computes when the whole state sits in the overlay:
 * top entries (without `:child_storage:` keys) plus, for each non-empty child
 * trie, `:child_storage:default:` ++ child → its root, all under `version`.
 */
export async function calculatorStorageRoot(state: OracleState, version: 0 | 1): Promise<Uint8Array> {
  const childStoragePrefixHex = toHexRaw(new TextEncoder().encode(':child_storage:'));
  const entries: Array<[string, string]> = [...state.top].filter(([k]) => !k.startsWith(childStoragePrefixHex));
  for (const [c, m] of state.children) {
    if (m.size === 0) continue;
    entries.push([DEFAULT_CHILD_PREFIX_HEX + c, toHexRaw(await calculatorChildRoot(state, c, version))]);
  }
  return calculatorRoot(entries, version);
}
