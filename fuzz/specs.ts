/**
 * Fuzz kind `spec`: malformed chain specs, storage dumps and blocks.
 *
 * Bases: a small raw chain spec cut from the corpus Kusama spec (30 genesis
 * entries, one default child trie), the same state as a `{mainTrie,
 * childTries}` dump, and the corpus Kusama block 1 as `{header, extrinsics}`.
 * Each case mutates one base structurally (a value at a random path replaced
 * by a wrong type, bad hex — odd length, non-hex digits, no `0x`, a field
 * deleted or added, deep nesting) or textually (bytes of its JSON text), then:
 *
 *   spec   backendFromChainSpec → genesisStateRoot (V0 and V1)
 *   dump   backendFromStorageDump → genesisStateRoot
 *   block  parseBlockJson
 */
import { createHashers, type Hashers } from '../src/base/hashing.js';
import { backendFromChainSpec, backendFromStorageDump, genesisStateRoot } from '../src/state/index.js';
import { parseBlockJson } from '../src/cli/block-json.js';
import { readCorpusJson, skipUnlessCorpus } from '../test/support/corpus.js';
import { mutate } from './blobs.js';
import type { CaseKind, Rng } from './harness.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

interface SpecCtx {
  hashers: Hashers;
  spec: Json;
  dump: Json;
  block: Json;
}

const SPEC = 'chain-specs/kusama.json.gz';
const BLOCK = 'blocks/kusama-block-1.json';
const GENESIS_ENTRIES = 30;

/** Replacement values: wrong types and bad hex. */
function junk(rng: Rng): Json {
  switch (rng.int(12)) {
    case 0:
      return null;
    case 1:
      return rng.int(1000) - 500;
    case 2:
      return rng.chance(0.5);
    case 3:
      return [];
    case 4:
      return {};
    case 5:
      return '0x' + 'a'.repeat(2 * rng.int(8) + 1);
    case 6:
      return '0xzz' + rng.int(100);
    case 7:
      return 'deadbeef';
    case 8:
      return '0X' + 'AB'.repeat(rng.int(4));
    case 9:
      return '';
    case 10: {
      let v: Json = '0x00';
      for (let i = rng.int(2000); i > 0; i--) v = [v];
      return v;
    }
    default:
      return '0x' + '00'.repeat(rng.int(40));
  }
}

/** Every [parent, key] path of a JSON value. */
function paths(v: Json, out: Array<[Json[] | { [k: string]: Json }, string | number]> = []): typeof out {
  if (Array.isArray(v)) v.forEach((c, i) => (out.push([v, i]), paths(c, out)));
  else if (v !== null && typeof v === 'object') for (const k of Object.keys(v)) out.push([v, k]), paths(v[k]!, out);
  return out;
}

/** One structural mutation in place. */
function mutateJson(rng: Rng, doc: Json): Json {
  const all = paths(doc);
  if (all.length === 0 || rng.chance(0.05)) return junk(rng);
  const [parent, key] = rng.pick(all);
  const p = parent as Record<string | number, Json>;
  switch (rng.int(4)) {
    case 0:
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete p[key];
      break;
    case 1:
      if (!Array.isArray(parent) && typeof p[key] === 'string') {
        // A string value becomes a key and the other way round: bad hex in keys too.
        const v = p[key] as string;
        delete p[key];
        p[rng.chance(0.5) ? v : (junk(rng) as string)?.toString?.() ?? 'null'] = junk(rng);
        break;
      }
      p[key] = junk(rng);
      break;
    default:
      p[key] = junk(rng);
  }
  return doc;
}

function clone(v: Json): Json {
  return JSON.parse(JSON.stringify(v)) as Json;
}

/** The `spec` case kind. */
export const SPEC_KIND: CaseKind<SpecCtx> = {
  name: 'spec',
  description: 'malformed chain specs, storage dumps and blocks → backendFromChainSpec / backendFromStorageDump / parseBlockJson',
  async setup() {
    const missing = skipUnlessCorpus(SPEC, BLOCK);
    if (missing !== false) throw new Error(missing);
    const full = readCorpusJson<{ name: string; id: string; genesis: { raw: { top: Record<string, string> } } }>(SPEC);
    const top = Object.fromEntries(Object.entries(full.genesis.raw.top).filter(([k]) => k !== '0x3a636f6465').slice(0, GENESIS_ENTRIES));
    const child = { '0x01': '0x02', '0x0102': '0x' + '03'.repeat(40) };
    const spec: Json = { name: full.name, id: full.id, genesis: { raw: { top, childrenDefault: { '0x6368696c64': child } } } };
    const dump: Json = { mainTrie: top, childTries: { '0x6368696c64': child } };
    const raw = readCorpusJson<Record<string, string | string[]>>(BLOCK);
    const block: Json = { header: raw['header_with_seal'] ?? raw['header'] ?? '0x', extrinsics: (raw['extrinsics'] ?? raw['body'] ?? []) as Json };
    return { hashers: await createHashers(), spec, dump, block };
  },
  async run(ctx, rng) {
    const which = rng.pick(['spec', 'dump', 'block'] as const);
    let doc = clone(ctx[which]);
    for (let n = 1 + rng.int(3); n > 0; n--) doc = mutateJson(rng, doc);
    let bytes = new TextEncoder().encode(JSON.stringify(doc));
    if (rng.chance(0.2)) bytes = mutate(rng, bytes, [bytes]) as Uint8Array<ArrayBuffer>;
    const hash = ctx.hashers.blake2_256;
    if (which === 'block') {
      parseBlockJson(bytes, 'fuzz-block.json');
      return;
    }
    const text = new TextDecoder().decode(bytes);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text; // backendFromChainSpec takes text too and must say why it is not JSON
    }
    const backend = which === 'spec' ? backendFromChainSpec(parsed) : backendFromStorageDump(parsed, 'fuzz-dump.json');
    genesisStateRoot(backend, rng.pick([0, 1] as const), hash);
  },
};
