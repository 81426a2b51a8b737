/**
 * `swx call` runs the same call path with and without `--timeout` (in-process
 * vs a worker): the reproduction — the host-API test runtime reading
 * the child-trie root `:child_storage:default:abc` of a chain spec that lists
 * that child trie apart — answers `Some(root)` both ways.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSwx, type CliRun } from '../support/cli.js';
import { corpusPath, skipUnlessCorpus } from '../support/corpus.js';

const HOSTAPI = 'hostapi/hostapi_runtime.wasm';
/** SCALE `Vec<u8>` of `:child_storage:default:abc` (compact length 26 = 0x68). */
const KEY_ARG = '0x683a6368696c645f73746f726167653a64656661756c743a616263';
/** `Some(root)` of the child trie {0x01: 0x02} (layout V0), as the runtime returns it. */
const EXPECTED = '0x0180b702cfc0277a95e40d55cf7128e1e83a24ed70dabb92340a06b68bc4599fbb61';

const cli = (args: string[]): Promise<CliRun> => runSwx(...args);

describe('swx call: one path in-process and in a worker', { skip: skipUnlessCorpus(HOSTAPI) }, () => {
  let dir: string;
  let spec: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'swx-call-path-'));
    spec = join(dir, 'spec.json');
    writeFileSync(spec, JSON.stringify({ genesis: { raw: { top: {}, childrenDefault: { '0x616263': { '0x01': '0x02' } } } } }));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const extra of [[], ['--timeout', '20000']]) {
    it(`reads the child root a node holds ${extra.length > 0 ? 'with --timeout (worker)' : 'in-process'}`, async () => {
      const r = await cli(['call', corpusPath(HOSTAPI)!, 'rtm_ext_storage_get_version_1', KEY_ARG, '--state', spec, '--heap-pages', 'dynamic', '--json', ...extra]);
      assert.equal(r.code, 0, r.err);
      assert.equal((JSON.parse(r.out) as { output: string }).output, EXPECTED);
    });
  }
});
