/**
 * The fuzz harness's short seeded run (the long run is `npm run fuzz`):
 * 200 cases of each kind from seed 1, each kind in its own child process.
 * Every case must end in success or a SwxError: no untyped error, no crash.
 * A failure names the case; replay it with
 * `npm run fuzz -- --kinds=KIND --seed=1 --first=INDEX --count=1`.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runKind } from '../../fuzz/run.js';
import { KINDS } from '../../fuzz/kinds.js';
import { skipUnlessCorpus } from '../support/corpus.js';

const CASES = 200;
const SEED = 1;

/** Corpus files each kind reads. */
const NEEDS: Record<string, string[]> = {
  blob: ['runtimes/hostapi-runtime-chainsafe-master.wasm.gz', 'runtimes/kusama-1020-genesis.wasm.gz'],
  wasm: [],
  hostcall: [],
  spec: ['chain-specs/kusama.json.gz', 'blocks/kusama-block-1.json'],
};

describe(`fuzz: ${CASES} seeded cases per kind`, () => {
  for (const kind of KINDS) {
    it(`${kind.name} (${kind.description}): no untyped error, no crash`, { skip: skipUnlessCorpus(...(NEEDS[kind.name] ?? [])) }, async () => {
      const r = await runKind(kind.name, { count: CASES, seed: SEED, kinds: [kind.name], first: 0, hangMs: 60_000 });
      assert.equal(r.cases, CASES);
      assert.deepEqual(r.crashes, [], 'crashes');
      assert.deepEqual(r.untyped.map((u) => `#${u.index}: ${u.message}`), [], 'untyped errors');
      assert.deepEqual(r.hangs, [], 'hangs');
    });
  }
});
