/**
 * The W3F state-trie cases (`corpus/hostapi/ADAPTER.md` §4): a YAML file of
 * `keys:` and `values:` block sequences, paired by index, whose V0 trie root
 * (`trie-root`) or sequence of roots while inserting then deleting
 * (`insert-and-delete`) the adapter prints as `state root: <hex>` lines.
 *
 *   insert-and-delete:
 *     for each pair in order: insert it, print the root          (N lines)
 *     while keys remain:                                         (N lines)
 *       idx = first byte of the current root mod remaining count
 *       remove keys[idx] from the trie and from the list, print the root
 */
import { SwxError } from '../base/errors.js';
import { fromHex, toHexRaw, utf8 } from '../base/bytes.js';
import { trieRootUnsorted, type TrieEntry, type TrieHasher } from '../trie/index.js';
import { keyStr } from '../state/index.js';

/** The two lists of a state-trie YAML file, as literal text. */
export interface StateTrieYaml {
  keys: string[];
  values: string[];
}

/** How keys and values of the YAML are turned into bytes. */
export interface StateTrieEncoding {
  /** `--keys-in-hex`: keys are hex (no `0x`); default UTF-8. */
  keysInHex: boolean;
  /** `--values-in-hex`: values are hex; default UTF-8. */
  valuesInHex: boolean;
}

/** A scalar's literal text: trimmed, surrounding quotes of a quoted scalar removed. */
function scalarText(raw: string): string {
  const t = raw.trim();
  if (t.length >= 2 && ((t.startsWith('"') && t.endsWith('"')) || (t.startsWith("'") && t.endsWith("'")))) return t.slice(1, -1);
  return t;
}

/**
 * Parses the state-trie YAML subset: top-level `name:` lines open a block
 * sequence, `- item` lines append to it. Every scalar is kept as text (`01`
 * stays `01`). Sections other than `keys` and `values` are ignored.
 */
export function parseStateTrieYaml(text: string, path = 'state file'): StateTrieYaml {
  const out: StateTrieYaml = { keys: [], values: [] };
  let current: string[] | undefined;
  let seen = false;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const section = /^([A-Za-z_][\w-]*)\s*:\s*$/.exec(line);
    if (section !== null) {
      const name = section[1]!;
      current = name === 'keys' ? out.keys : name === 'values' ? out.values : undefined;
      seen ||= current !== undefined;
      continue;
    }
    const item = /^\s*-(?:\s(.*))?$/.exec(line);
    if (item === null) throw new SwxError('INVALID_INPUT', `${path}:${i + 1}: expected "name:" or "- item"`, { path, line: i + 1 });
    current?.push(scalarText(item[1] ?? ''));
  }
  if (!seen) throw new SwxError('INVALID_INPUT', `${path}: no keys/values sequences`, { path });
  return out;
}

/** The key/value pairs of a parsed file (zip by index, surplus ignored). */
export function stateTrieEntries(yaml: StateTrieYaml, enc: StateTrieEncoding): TrieEntry[] {
  const n = Math.min(yaml.keys.length, yaml.values.length);
  const entries: TrieEntry[] = [];
  for (let i = 0; i < n; i++) {
    const k = enc.keysInHex ? fromHex(yaml.keys[i]!, `key ${i}`) : utf8(yaml.keys[i]!);
    const v = enc.valuesInHex ? fromHex(yaml.values[i]!, `value ${i}`) : utf8(yaml.values[i]!);
    entries.push([k, v]);
  }
  return entries;
}

function rootLine(root: Uint8Array): string {
  return `state root: ${toHexRaw(root)}\n`;
}

/** `trie-root`: one line with the V0 root of the pairs (a duplicate key: last wins). */
export function stateTrieRootOutput(entries: readonly TrieEntry[], hash: TrieHasher): string {
  return rootLine(trieRootUnsorted(entries, 0, hash));
}

/** `insert-and-delete`: the 2N root lines described above. */
export function stateTrieInsertAndDeleteOutput(entries: readonly TrieEntry[], hash: TrieHasher): string {
  const trie = new Map<string, TrieEntry>();
  const root = (): Uint8Array => trieRootUnsorted(trie.values(), 0, hash);
  let out = '';
  let current: Uint8Array = root();
  for (const e of entries) {
    trie.set(keyStr(e[0]), e);
    current = root();
    out += rootLine(current);
  }
  const keys = entries.map((e) => e[0]);
  while (keys.length > 0) {
    const idx = current[0]! % keys.length;
    const [removed] = keys.splice(idx, 1);
    trie.delete(keyStr(removed!));
    current = root();
    out += rootLine(current);
  }
  return out;
}
