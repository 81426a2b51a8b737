/**
 * Raw chain specs → in-memory backend.
 *
 * A raw chain spec (sc-chain-spec `RawGenesis`) carries its genesis state as
 *
 *   "genesis": { "raw": {
 *     "top":             { "0x<key>": "0x<value>", … },
 *     "childrenDefault": { "0x<child storage key, unprefixed>": { "0x<key>": "0x<value>", … }, … }
 *   } }
 *
 * The top map lists no child roots: a node computes each non-empty child
 * trie's root and stores it under `:child_storage:default:` ++ storage key
 * when it builds the genesis state (see `withChildRoots`).
 */
import { SwxError } from '../base/errors.js';
import { fromHex, utf8 } from '../base/bytes.js';
import { InMemoryBackend } from './backend.js';

function invalid(reason: string): SwxError {
  return new SwxError('CHAIN_SPEC_INVALID', `not a raw chain spec: ${reason}`, { reason });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function hex(s: unknown, where: string): Uint8Array {
  if (typeof s !== 'string') throw invalid(`${where} is not a hex string`);
  if (!s.startsWith('0x') && !s.startsWith('0X')) throw invalid(`${where} lacks the 0x prefix`);
  try {
    return fromHex(s, where);
  } catch (e) {
    throw invalid(e instanceof Error ? e.message : String(e));
  }
}

function pairs(obj: unknown, where: string): Array<[Uint8Array, Uint8Array]> {
  if (!isRecord(obj)) throw invalid(`${where} is not an object of hex keys to hex values`);
  return Object.entries(obj).map(([k, v]) => [hex(k, `${where} key ${k}`), hex(v, `${where}[${k}]`)]);
}

/**
 * The genesis state of a raw chain spec (the parsed JSON object or its text).
 * Throws `CHAIN_SPEC_INVALID` saying why when it is not a raw chain spec.
 */
export function backendFromChainSpec(json: unknown): InMemoryBackend {
  let spec = json;
  if (typeof spec === 'string') {
    try {
      spec = JSON.parse(spec) as unknown;
    } catch (e) {
      throw invalid(`unparsable JSON (${e instanceof Error ? e.message : String(e)})`);
    }
  } else if (spec instanceof Uint8Array) {
    return backendFromChainSpec(new TextDecoder().decode(spec));
  }
  if (!isRecord(spec)) throw invalid('the document is not a JSON object');
  const genesis = spec['genesis'];
  if (!isRecord(genesis)) throw invalid('no "genesis" object');
  const raw = genesis['raw'];
  if (!isRecord(raw)) {
    const kinds = Object.keys(genesis).join(', ');
    throw invalid(`"genesis" has no "raw" object (found: ${kinds || 'nothing'}); convert it with \`build-spec --raw\``);
  }
  const top = pairs(raw['top'], 'genesis.raw.top');
  const childrenRaw = raw['childrenDefault'] ?? {};
  if (!isRecord(childrenRaw)) throw invalid('genesis.raw.childrenDefault is not an object');
  const children: Array<[Uint8Array, Array<[Uint8Array, Uint8Array]>]> = Object.entries(childrenRaw).map(([sk, data]) => [
    hex(sk, `genesis.raw.childrenDefault key ${sk}`),
    pairs(data, `genesis.raw.childrenDefault[${sk}]`),
  ]);
  return InMemoryBackend.fromEntries(top, children);
}

/** `:code` (sp-storage `well_known_keys::CODE`): the runtime blob's key in the top trie. */
export const CODE_KEY: Uint8Array = utf8(':code');

/** `:heappages` (sp-storage `well_known_keys::HEAP_PAGES`): the u64 LE extra heap pages. */
export const HEAP_PAGES_KEY: Uint8Array = utf8(':heappages');
