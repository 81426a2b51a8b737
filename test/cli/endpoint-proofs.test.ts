/**
 * Blocks executed on a served parent state, with the storage root from read
 * proofs (the partial trie) or, where the server serves none, from the
 * enumerated state — and the same root as the local execution either way.
 *
 * The server: chopsticks serving the parent state's top trie as its genesis,
 * behind a node front (support/node-front.ts) that adds what a Substrate
 * node serves and chopsticks does not: child tries, read proofs built from
 * the same state with swx's trie, and the header's real state root.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSwx as cli, useCacheDir } from '../support/cli.js';
import { backendFromChainSpec, backendFromStorageDump, type InMemoryBackend } from '../../src/state/index.js';
import { chopsticksBin, specOfState, startChopsticks, type Chopsticks } from '../support/chopsticks.js';
import { startNodeFront, type NodeFront } from '../support/node-front.js';
import { startFaultProxy } from '../support/fault-proxy.js';
import { readCorpus, readCorpusJson, skipUnlessCorpus } from '../support/corpus.js';

interface BlockRun {
  stateRoot: string;
  rpc: { requests: number; bytesReceived: number; methods: Record<string, number> };
}

/** `swx execute-block` of `blockFile` on `front`'s state, with the cache in `cacheDir` (or none). */
async function executeOn(front: NodeFront, blockFile: string, cacheDir: string | undefined): Promise<BlockRun> {
  const restore = cacheDir !== undefined ? useCacheDir(cacheDir) : undefined;
  try {
    const r = await cli('execute-block', '--endpoint', front.ws, '--at', front.block, '--no-header-check', '--block', blockFile, '--json', ...(cacheDir === undefined ? ['--no-cache'] : []));
    assert.equal(r.code, 0, r.err);
    return JSON.parse(r.out) as BlockRun;
  } finally {
    restore?.();
  }
}

const noChopsticks = chopsticksBin() === undefined ? '@acala-network/chopsticks is not installed' : false;
const KUSAMA = 'chain-specs/kusama.json.gz';
const KUSAMA_BLOCK = 'blocks/kusama-block-1.json';

describe('Kusama block 1 through an endpoint serving read proofs', { skip: skipUnlessCorpus(KUSAMA, KUSAMA_BLOCK) || noChopsticks }, () => {
  let server: Chopsticks;
  let front: NodeFront;
  let plain: NodeFront;
  let broken: NodeFront;
  let dir: string;
  let blockFile: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'swx-proofs-'));
    const k1 = readCorpusJson<{ header_without_seal: string; body: string[] }>(KUSAMA_BLOCK);
    blockFile = join(dir, 'block1.json');
    writeFileSync(blockFile, JSON.stringify({ header: k1.header_without_seal, extrinsics: k1.body }));
    server = await startChopsticks(KUSAMA);
    const state = backendFromChainSpec(JSON.parse(new TextDecoder().decode(readCorpus(KUSAMA))) as unknown);
    front = await startNodeFront(server, state, { version: 0, proofs: true });
    plain = await startNodeFront(server, state, { version: 0, proofs: false });
    broken = await startNodeFront(server, state, { version: 0, proofs: 'empty' });
  });
  after(async () => {
    await front?.stop();
    await plain?.stop();
    await broken?.stop();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('without proofs, an enumeration for the root that takes over a second shows its progress on stderr', async () => {
    const slow = await startFaultProxy(plain.port);
    slow.faults.delayMs = 25;
    try {
      const r = await cli('execute-block', '--endpoint', slow.url('ws'), '--at', plain.block, '--no-header-check', '--block', blockFile, '--no-cache', '--json');
      assert.equal(r.code, 0, r.err);
      assert.equal((JSON.parse(r.out) as BlockRun).stateRoot, '0xfabb0c6e92d29e8bb2167f3c6fb0ddeb956a4278a3cf853661af74a076fc9cb7');
      assert.match(r.err, /^swx: reading the state for the storage root: \d+ keys \(\d+ fetched\) in \d+ s$/m);
    } finally {
      await slow.stop();
    }
  });

  it('proofs that lack the nodes they must hold: exit 1, one line naming the endpoint and the block', async () => {
    const r = await cli('execute-block', '--endpoint', broken.ws, '--at', broken.block, '--no-header-check', '--block', blockFile, '--no-cache');
    assert.equal(r.code, 1, r.err);
    assert.match(r.err, new RegExp(`RPC_BAD_RESPONSE.*${broken.ws.replace(/[./]/g, '\\$&')}.*read proofs of block ${broken.block}`));
    assert.equal(r.err.trim().split('\n').length, 1);
  });

  it('the root comes from the changed keys\' proofs, not the whole state; the runtime accepts it; a second run makes zero requests', async () => {
    const cache = join(dir, 'cache');
    const first = await executeOn(front, blockFile, cache);
    assert.equal(first.stateRoot, '0xfabb0c6e92d29e8bb2167f3c6fb0ddeb956a4278a3cf853661af74a076fc9cb7');
    assert.ok((front.requests.get('state_getReadProof') ?? 0) >= 2, 'the probe, then the changed keys');
    assert.ok((first.rpc.methods['state_getReadProof'] ?? 0) <= 4, `a few proof rounds, got ${JSON.stringify(first.rpc.methods)}`);
    // The genesis holds thousands of keys: enumerating it takes pages of 1000 and their values.
    const enumerated = await executeOn(plain, blockFile, join(dir, 'cache-enum'));
    assert.equal(enumerated.stateRoot, first.stateRoot);
    assert.ok((enumerated.rpc.methods['state_getKeysPaged'] ?? 0) > (first.rpc.methods['state_getKeysPaged'] ?? 0), JSON.stringify({ proofs: first.rpc.methods, enumerated: enumerated.rpc.methods }));
    assert.ok(first.rpc.bytesReceived < enumerated.rpc.bytesReceived, `${first.rpc.bytesReceived} < ${enumerated.rpc.bytesReceived} bytes`);
    const second = await executeOn(front, blockFile, cache);
    assert.equal(second.stateRoot, first.stateRoot);
    assert.equal(second.rpc.requests, 0, 'nodes, values and the proof capability all came from the cache');
  });
});

const CHILD_TRIE_BLOCKS = ['create-one', 'create-multiple', 'read-basic', 'destroy'];

for (const name of CHILD_TRIE_BLOCKS) {
  const file = `blocks/child-trie-${name}.json.gz`;
  describe(`child-trie block ${name} through an endpoint serving its parent state`, { skip: skipUnlessCorpus(file) || noChopsticks }, () => {
    let server: Chopsticks;
    let withProofs: NodeFront;
    let withoutProofs: NodeFront;
    let dir: string;
    let blockFile: string;
    let local: string;
    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'swx-child-'));
      const data = readCorpusJson<{ block: unknown; parentStorage: { mainTrie: Record<string, string>; childTries: Record<string, Record<string, string>> } }>(file);
      blockFile = join(dir, 'block.json');
      writeFileSync(blockFile, JSON.stringify({ block: data.block }));
      const stateFile = join(dir, 'parent.json');
      writeFileSync(stateFile, JSON.stringify(data.parentStorage));
      const l = await cli('execute-block', '--state', stateFile, '--block', blockFile, '--json');
      assert.equal(l.code, 0, l.err);
      local = (JSON.parse(l.out) as { stateRoot: string }).stateRoot;
      const state: InMemoryBackend = backendFromStorageDump(data.parentStorage);
      server = await startChopsticks(specOfState(data.parentStorage.mainTrie));
      withProofs = await startNodeFront(server, state, { version: 1, proofs: true });
      withoutProofs = await startNodeFront(server, state, { version: 1, proofs: false });
    });
    after(async () => {
      await withProofs?.stop();
      await withoutProofs?.stop();
      await server?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('executes with the root from read proofs (child tries\' too), equal to the local root', async () => {
      const r = await executeOn(withProofs, blockFile, undefined);
      assert.equal(r.stateRoot, local);
      assert.ok((r.rpc.methods['state_getReadProof'] ?? 0) >= 1);
    });

    it('executes with the state enumerated (child tries over childstate_*) where no proofs are served, equal to the local root', async () => {
      const r = await executeOn(withoutProofs, blockFile, undefined);
      assert.equal(r.stateRoot, local);
      assert.equal(r.rpc.methods['state_getReadProof'] ?? 0, 1, 'only the probe');
    });
  });
}
