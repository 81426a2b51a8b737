/**
 * One call path: every caller — `Runtime` (in-process), `IsolatedRuntime`
 * (a worker) and `RuntimePool` (workers) — runs the same `Runtime.call` on the
 * same prepared state, so each corpus call case gives identical output,
 * storage changes, child storage changes and logs through all three. The
 * state preparation that used to exist only in-process (child-trie roots of a
 * chain spec, `:heappages`) is checked explicitly.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { toHex, utf8 } from '../../src/base/bytes.js';
import { isSwxError } from '../../src/base/errors.js';
import { ScaleWriter } from '../../src/base/scale.js';
import { backendFromChainSpec, backendFromStorageDump, encodeBlock, CODE_KEY, HEAP_PAGES_KEY, InMemoryBackend, type StorageBackend } from '../../src/state/index.js';
import {
  createRuntime,
  createServices,
  loadRuntimeCodeSync,
  IsolatedRuntime,
  RuntimePool,
  type CallResult,
  type RuntimeCaller,
  type Services,
  type SemanticsOpts,
} from '../../src/executor/index.js';
import { parseBlockJson } from '../../src/cli/block-json.js';
import { readCorpus, skipUnlessCorpus } from '../support/corpus.js';

let services: Services;
before(async () => {
  services = await createServices();
});

/** The three callers of one blob; closed after use. */
async function callersOf(blob: Uint8Array, semantics: SemanticsOpts = {}): Promise<Array<[string, RuntimeCaller]>> {
  return [
    ['Runtime', await createRuntime(loadRuntimeCodeSync(blob, services), semantics)],
    ['IsolatedRuntime', await IsolatedRuntime.create(blob, semantics)],
    ['RuntimePool', await RuntimePool.create(blob, { ...semantics, size: 2 })],
  ];
}

/** A call result as comparable text. */
function fingerprint(r: CallResult): unknown {
  const pairs = (l: ReadonlyArray<readonly [Uint8Array, Uint8Array | null]>) => l.map(([k, v]) => [toHex(k), v === null ? null : toHex(v)]);
  return {
    output: toHex(r.output),
    storageChanges: pairs(r.storageChanges),
    childStorageChanges: r.childStorageChanges.map(([sk, c]) => [toHex(sk), pairs(c)]),
    logs: r.logs,
    offchainIndex: r.offchainIndex.map(([k, v]) => [toHex(k), v === undefined ? null : toHex(v)]),
    submittedTransactions: r.submittedTransactions.map(toHex),
  };
}

/** Runs `method` through every caller and checks the results are identical; returns one. */
async function sameEverywhere(callers: Array<[string, RuntimeCaller]>, method: string, input: Uint8Array, state: StorageBackend | undefined): Promise<CallResult> {
  const results: Array<[string, CallResult]> = [];
  for (const [name, caller] of callers) results.push([name, await caller.call(method, input, state !== undefined ? { state } : {})]);
  const [, first] = results[0]!;
  for (const [name, r] of results.slice(1)) assert.deepEqual(fingerprint(r), fingerprint(first), `${name} differs from Runtime on ${method}`);
  return first;
}

async function closeAll(callers: Array<[string, RuntimeCaller]>): Promise<void> {
  await Promise.all(callers.map(([, c]) => c.close()));
}

const SPEC = 'chain-specs/rococo_v2_2_asset_hub.json.gz';
describe('version and metadata of a chain spec runtime on its genesis', { skip: skipUnlessCorpus(SPEC) }, () => {
  let callers: Array<[string, RuntimeCaller]>;
  let state: InMemoryBackend;
  before(async () => {
    state = backendFromChainSpec(readCorpus(SPEC));
    callers = await callersOf(state.get(CODE_KEY)!);
  });
  after(() => closeAll(callers));

  it('every caller reports the same version', () => {
    for (const [name, c] of callers) assert.equal(c.version?.specName, 'statemine', name);
  });
  it('Core_version and Metadata_metadata are identical through all callers', async () => {
    await sameEverywhere(callers, 'Core_version', new Uint8Array(0), state);
    const md = await sameEverywhere(callers, 'Metadata_metadata', new Uint8Array(0), state);
    assert.equal(md.output.length, 147382);
  });
  it('a failing call fails the same way everywhere (unknown export)', async () => {
    for (const [name, c] of callers) {
      await assert.rejects(c.call('No_such_method'), (e) => isSwxError(e, 'EXPORT_NOT_FOUND') && e.context.method === 'No_such_method', name);
    }
  });
});

for (const name of ['create-one', 'create-multiple', 'read-basic', 'destroy']) {
  const file = `blocks/child-trie-${name}.json.gz`;
  describe(`child-trie block ${name}: Core_execute_block through every caller`, { skip: skipUnlessCorpus(file) }, () => {
    it('gives identical output, storage changes and child storage changes', async () => {
      const raw = readCorpus(file);
      const state = backendFromStorageDump(JSON.parse(new TextDecoder().decode(raw)));
      const block = parseBlockJson(raw);
      const callers = await callersOf(state.get(CODE_KEY)!);
      try {
        const r = await sameEverywhere(callers, 'Core_execute_block', encodeBlock(block.header, block.extrinsics), state);
        assert.ok(r.storageChanges.length > 0);
      } finally {
        await closeAll(callers);
      }
    });
  });
}

const HOSTAPI = 'hostapi/hostapi_runtime.wasm';
describe('a child-trie root read from a chain spec that lists the child trie apart', { skip: skipUnlessCorpus(HOSTAPI) }, () => {
  it('returns the root (0x0180…) through every caller, as a node holds it', async () => {
    const spec = {
      genesis: { raw: { top: {}, childrenDefault: { [toHex(utf8('abc'))]: { '0x01': '0x02' } } } },
    };
    const state = backendFromChainSpec(spec);
    const key = utf8(':child_storage:default:abc');
    const input = new ScaleWriter(64).bytesVec(key).finish().slice();
    // The test runtime grows its memory itself (see the W3F adapter's heap strategy).
    const callers = await callersOf(readCorpus(HOSTAPI), { heapAllocStrategy: { kind: 'dynamic' }, instantiationStrategy: 'recreate' });
    try {
      const r = await sameEverywhere(callers, 'rtm_ext_storage_get_version_1', input, state);
      // Option<Vec<u8>>: Some, compact(32) = 0x80, then the 32-byte child root.
      assert.match(toHex(r.output), /^0x(?:..)*0180[0-9a-f]{64}$/);
    } finally {
      await closeAll(callers);
    }
  });
});

const WESTEND = 'runtimes/westend-v9300.wasm.gz';
describe("a state's :heappages sets the heap of every caller", { skip: skipUnlessCorpus(WESTEND) }, () => {
  it('one extra heap page is too few for Metadata_metadata, everywhere; the default is enough', async () => {
    const blob = readCorpus(WESTEND);
    const pages = new Uint8Array(8);
    new DataView(pages.buffer).setBigUint64(0, 1n, true);
    const small = InMemoryBackend.fromEntries([[HEAP_PAGES_KEY, pages]]);
    const callers = await callersOf(blob);
    try {
      for (const [name, c] of callers) {
        await assert.rejects(c.call('Metadata_metadata', new Uint8Array(0), { state: small }), (e) => isSwxError(e) && e.context.method === 'Metadata_metadata', name);
        assert.ok((await c.call('Metadata_metadata', new Uint8Array(0), { state: InMemoryBackend.empty() })).output.length > 0, name);
      }
    } finally {
      await closeAll(callers);
    }
  });
});

describe('options that cannot cross a thread', () => {
  it('are refused by the isolated callers, not ignored', { skip: skipUnlessCorpus(WESTEND) }, async () => {
    const isolated = await IsolatedRuntime.create(readCorpus(WESTEND));
    try {
      const storage = new (await import('../../src/state/index.js')).StateMachine(InMemoryBackend.empty(), { hash: services.hashers.blake2_256 });
      await assert.rejects(isolated.call('Core_version', new Uint8Array(0), { storage }), (e) => isSwxError(e, 'INVALID_INPUT') && /storage/.test(e.message));
    } finally {
      await isolated.close();
    }
  });
  it('a time limit is refused in-process', { skip: skipUnlessCorpus(WESTEND) }, async () => {
    const rt = await createRuntime(loadRuntimeCodeSync(readCorpus(WESTEND), services));
    await assert.rejects(rt.call('Core_version', new Uint8Array(0), { timeoutMs: 10 }), (e) => isSwxError(e, 'INVALID_INPUT'));
  });
});
