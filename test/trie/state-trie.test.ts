/**
 * The W3F host-API "state-trie" conformance cases (`corpus/hostapi/state-trie-roots.json`
 * with `state-trie/*.yaml`, ADAPTER.md §4): V0 roots of YAML key/value lists,
 * and an insert-then-delete sequence printing every intermediate root (run
 * through `TrieRootCache`, checked against `trieRoot` too).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { compareBytes, fromHex, toHexRaw, utf8 } from '../../src/base/bytes.js';
import { TrieRootCache, trieRootUnsorted, type TrieEntry } from '../../src/trie/index.js';
import { corpusPath, readCorpusJson, skipUnlessCorpus } from '../support/corpus.js';
import { testHashers } from '../support/fake-context.js';

const { blake2_256: blake2 } = await testHashers;

/**
 * Reads the fixtures' YAML subset: top-level `keys:` and `values:` block
 * sequences of plain scalars, each taken as its literal (trimmed) text.
 */
function parseStateYaml(text: string): { keys: string[]; values: string[] } {
  const out: { keys: string[]; values: string[] } = { keys: [], values: [] };
  let current: string[] | undefined;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    if (line === 'keys:') current = out.keys;
    else if (line === 'values:') current = out.values;
    else if (/^\s+- /.test(line) && current !== undefined) current.push(line.replace(/^\s+- /, '').trim());
    else throw new Error(`unsupported YAML line: ${JSON.stringify(line)}`);
  }
  return out;
}

interface Case {
  cmd: string;
  expected: string;
}

const SKIP = skipUnlessCorpus('hostapi/state-trie-roots.json', 'hostapi/state-trie/1c1.yaml');

function loadPairs(file: string, keysInHex: boolean): Array<[Uint8Array, Uint8Array]> {
  const { keys, values } = parseStateYaml(readFileSync(corpusPath(`hostapi/state-trie/${file}`)!, 'utf8'));
  const n = Math.min(keys.length, values.length);
  const pairs: Array<[Uint8Array, Uint8Array]> = [];
  for (let i = 0; i < n; i++) pairs.push([keysInHex ? fromHex(keys[i]!) : utf8(keys[i]!), utf8(values[i]!)]);
  return pairs;
}

const line = (root: Uint8Array): string => `state root: ${toHexRaw(root)}\n`;

/** ADAPTER.md §4 `insert-and-delete`: insert one by one, then delete `keys[root[0] % remaining]` until empty. */
function insertAndDelete(pairs: Array<[Uint8Array, Uint8Array]>): string {
  const cache = new TrieRootCache(0, blake2);
  const live = new Map<string, TrieEntry>();
  let out = '';
  const check = (root: Uint8Array): void => {
    const full = trieRootUnsorted(live.values(), 0, blake2);
    assert.deepEqual(root, full, 'TrieRootCache diverged from a full recomputation');
  };
  for (const [k, v] of pairs) {
    cache.set(k, v);
    live.set(toHexRaw(k), [k, v]);
    const root = cache.root();
    check(root);
    out += line(root);
  }
  const keys = pairs.map(([k]) => k);
  let root = cache.root();
  while (keys.length > 0) {
    const idx = root[0]! % keys.length;
    const [k] = keys.splice(idx, 1);
    cache.delete(k!);
    live.delete(toHexRaw(k!));
    root = cache.root();
    check(root);
    out += line(root);
  }
  return out;
}

describe('W3F state-trie cases', { skip: SKIP }, () => {
  const cases = SKIP === false ? readCorpusJson<{ cases: Case[] }>('hostapi/state-trie-roots.json').cases : [];

  it('should parse the fixtures literally (strings stay strings, whitespace trimmed)', () => {
    const parsed = parseStateYaml('keys:\n  - 01\n  - 9 \nvalues:\n  - 00\n  - x\n');
    assert.deepEqual(parsed, { keys: ['01', '9'], values: ['00', 'x'] });
  });

  it('should cover the 18 cases', () => {
    assert.equal(cases.length, 18);
  });

  for (const c of cases) {
    it(`should reproduce: ${c.cmd}`, () => {
      const file = /--state-file (\S+)/.exec(c.cmd)![1]!;
      const pairs = loadPairs(file, c.cmd.includes('--keys-in-hex'));
      if (c.cmd.includes('trie-root')) {
        assert.equal(line(trieRootUnsorted(pairs, 0, blake2)), c.expected);
      } else {
        assert.ok(c.cmd.includes('insert-and-delete'), c.cmd);
        // No duplicate keys in these fixtures (the deletion walk assumes it).
        const sorted = pairs.map(([k]) => k).sort(compareBytes);
        assert.ok(sorted.every((k, i) => i === 0 || compareBytes(sorted[i - 1]!, k) !== 0));
        assert.equal(insertAndDelete(pairs), c.expected);
      }
    });
  }
});
