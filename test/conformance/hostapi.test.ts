/**
 * The W3F host-API conformance suite (`corpus/hostapi/cases.json`, 339
 * cases of 38 functions) and the state-trie suite (`state-trie-roots.json`,
 * 18 cases), run in-process through the adapter of `src/w3f/` and `swx hostapi`'s option parsing:
 * every checked output must match the reference adapter's stdout byte for
 * byte, and every unchecked case must finish with all its assertions holding.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { corpusPath, readCorpus, readCorpusJson, skipUnlessCorpus } from '../support/corpus.js';
import { parseArgs } from '../../src/cli/args.js';
import { HOSTAPI_SPEC } from '../../src/cli/commands/hostapi.js';
import {
  HOSTAPI_FUNCTIONS,
  createHostApiEnv,
  parseStateTrieYaml,
  runHostApiCase,
  splitHostApiInput,
  stateTrieEntries,
  stateTrieInsertAndDeleteOutput,
  stateTrieRootOutput,
  type HostApiEnv,
} from '../../src/w3f/index.js';
import { isSwxError } from '../../src/base/errors.js';
import { createHashers } from '../../src/base/hashing.js';

interface HostApiCase {
  group: string;
  function: string;
  args: string[] | null;
  expected: string | null;
}

interface StateTrieCase {
  cmd: string;
  expected: string;
}

/** Counts `cases.json` states (ADAPTER.md §3). */
const CASE_COUNT = 339;
const CHECKED_COUNT = 263;
const FUNCTION_COUNT = 38;
const STATE_TRIE_CASE_COUNT = 18;

/** Runs `swx hostapi ARGV` in-process; returns stdout as the CLI would write it. */
async function hostapiCli(argv: string[]): Promise<string> {
  let out = '';
  const io = { out: (s: string) => void (out += s.endsWith('\n') ? s : s + '\n'), err: () => undefined, outBytes: () => undefined };
  await HOSTAPI_SPEC.run(parseArgs(argv, HOSTAPI_SPEC.options, HOSTAPI_SPEC.args, 'hostapi'), io);
  return out;
}

const skip = skipUnlessCorpus('hostapi/cases.json', 'hostapi/hostapi_runtime.wasm');
const cases = skip ? [] : readCorpusJson<{ count: number; cases: HostApiCase[] }>('hostapi/cases.json').cases;

describe('W3F host-API cases (hostapi_runtime.wasm)', { skip }, () => {
  let env: HostApiEnv;
  before(async () => {
    env = await createHostApiEnv(readCorpus('hostapi/hostapi_runtime.wasm'));
  });

  it('should cover the 339 cases of 38 functions, 263 of them checked', () => {
    assert.equal(cases.length, CASE_COUNT);
    assert.equal(cases.filter((c) => c.expected !== null).length, CHECKED_COUNT);
    const fns = new Set(cases.map((c) => c.function));
    assert.equal(fns.size, FUNCTION_COUNT);
    assert.deepEqual([...fns].sort(), [...HOSTAPI_FUNCTIONS].sort());
  });

  const byFunction = new Map<string, HostApiCase[]>();
  for (const c of cases) byFunction.set(c.function, [...(byFunction.get(c.function) ?? []), c]);
  for (const [fn, group] of byFunction) {
    it(`${fn}: ${group.length} case(s) print the reference output`, () => {
      for (const c of group) {
        const what = `${fn} --input ${JSON.stringify(c.args?.join(',') ?? null)}`;
        const out = runHostApiCase(fn, c.args, env);
        if (c.expected !== null) assert.equal(out, c.expected, what);
      }
    });
  }

  it('should fail a case whose assertion does not hold (append with k1 == k2: GET(k2) is not None)', () => {
    assert.throws(
      () => runHostApiCase('ext_storage_append_version_1', ['same', 'a', 'same', 'b'], env),
      (e: unknown) => isSwxError(e) && e.code === 'RUNTIME_ERROR_RESULT' && /assertion failed/.test(e.message),
    );
  });

  it('should refuse an unknown function and too few inputs', () => {
    assert.throws(() => runHostApiCase('ext_nope_version_1', null, env), (e: unknown) => isSwxError(e) && e.context['unsupported'] === true);
    assert.throws(() => runHostApiCase('ext_storage_set_version_1', ['only-key'], env), (e: unknown) => isSwxError(e) && e.code === 'INVALID_INPUT');
  });

  it('should refuse to guess the conformance runtime: --runtime or $SWX_HOSTAPI_RUNTIME', async () => {
    const saved = process.env['SWX_HOSTAPI_RUNTIME'];
    delete process.env['SWX_HOSTAPI_RUNTIME'];
    try {
      await assert.rejects(hostapiCli(['--function', 'ext_storage_get_version_1']), (e) => isSwxError(e, 'INVALID_INPUT') && /--runtime.*SWX_HOSTAPI_RUNTIME/.test(e.message));
    } finally {
      if (saved !== undefined) process.env['SWX_HOSTAPI_RUNTIME'] = saved;
    }
  });

  it('should run a case through the CLI command (--function, --input, --runtime)', async () => {
    const runtime = corpusPath('hostapi/hostapi_runtime.wasm')!;
    const c = cases.find((x) => x.function === 'ext_storage_read_version_1' && x.expected === '\n')!;
    assert.equal(await hostapiCli(['--function', c.function, '--input', c.args!.join(','), '--runtime', runtime]), c.expected);
    const init = cases.find((x) => x.function === 'test_storage_init')!;
    assert.equal(await hostapiCli(['host-api', '--function', init.function, '--runtime', runtime]), init.expected);
  });

  it('should split --input on commas, keeping spaces and empty values', () => {
    assert.deepEqual(splitHostApiInput('Face to face,,x'), ['Face to face', '', 'x']);
    assert.equal(splitHostApiInput(undefined), null);
  });
});

const skipTrie = skipUnlessCorpus('hostapi/state-trie-roots.json', 'hostapi/state-trie');
const trieCases = skipTrie ? [] : readCorpusJson<{ cases: StateTrieCase[] }>('hostapi/state-trie-roots.json').cases;

describe('W3F state-trie cases (V0 roots)', { skip: skipTrie }, () => {
  it('should list 18 cases', () => assert.equal(trieCases.length, STATE_TRIE_CASE_COUNT));
  for (const c of trieCases) {
    it(`swx hostapi ${c.cmd}`, async () => {
      const argv = c.cmd.split(' ');
      const file = argv.indexOf('--state-file') + 1;
      argv[file] = corpusPath(`hostapi/state-trie/${argv[file]!}`)!;
      assert.equal(await hostapiCli(argv), c.expected);
    });
  }
});

describe('state-trie YAML and roots', () => {
  it('should read plain scalars as trimmed literal text', () => {
    const y = parseStateTrieYaml('keys:\n  - 01\n  - 1357\nvalues:\n  - 00\n  - "9 "\n  - 9 \n');
    assert.deepEqual(y, { keys: ['01', '1357'], values: ['00', '9 ', '9'] });
  });

  it('should zip keys and values by index and decode hex keys on request', () => {
    const y = { keys: ['0a', '0b', '0c'], values: ['x', 'y'] };
    const utf8Keys = stateTrieEntries(y, { keysInHex: false, valuesInHex: false });
    assert.equal(utf8Keys.length, 2);
    assert.deepEqual([...utf8Keys[0]![0]], [0x30, 0x61]);
    const hexKeys = stateTrieEntries(y, { keysInHex: true, valuesInHex: false });
    assert.deepEqual([...hexKeys[1]![0]], [0x0b]);
    assert.deepEqual([...hexKeys[1]![1]], [0x79]);
  });

  it('should print the empty root last in insert-and-delete, and the 1c1 root first', async () => {
    const { blake2_256 } = await createHashers();
    const entries = stateTrieEntries({ keys: ['1'], values: ['1'] }, { keysInHex: false, valuesInHex: false });
    const expected1c1 = 'state root: 43e6ad6c4f2c34989b14cbe107b2628072f7cda5ec948b899ca7cab9fe987f99\n';
    assert.equal(stateTrieRootOutput(entries, blake2_256), expected1c1);
    assert.equal(
      stateTrieInsertAndDeleteOutput(entries, blake2_256),
      expected1c1 + 'state root: 03170a2e7597b7b7e3d84c05391d139a62b157e78786d8c082f29dcf4c111314\n',
    );
  });
});
