/**
 * A state from a storage dump, the form block fixtures and snapshot tools
 * use beside chain specs (chain-spec.ts):
 *
 *   { "mainTrie": { "0x<key>": "0x<value>", … },
 *     "childTries": { "0x<child storage key, unprefixed>": { "0x<key>": "0x<value>", … }, … } }
 *
 * also accepted wrapped as `{ "parentStorage": { … } }` (the block-fixture format).
 */
import { SwxError } from '../base/errors.js';
import { fromHex } from '../base/bytes.js';
import { InMemoryBackend } from './backend.js';

/** Whether `json` looks like a storage dump rather than a chain spec. */
export function isStorageDump(json: unknown): boolean {
  return typeof json === 'object' && json !== null && ('mainTrie' in json || 'parentStorage' in json);
}

/** A backend from a storage dump; `path` names the input in errors. */
export function backendFromStorageDump(json: unknown, path = 'state'): InMemoryBackend {
  let o = json as Record<string, unknown> | null;
  if (typeof o === 'object' && o !== null && typeof o['parentStorage'] === 'object') o = o['parentStorage'] as Record<string, unknown>;
  if (typeof o !== 'object' || o === null || typeof o['mainTrie'] !== 'object' || o['mainTrie'] === null) {
    throw new SwxError('CHAIN_SPEC_INVALID', `${path}: expected {mainTrie, childTries}`);
  }
  const pairs = (m: unknown, what: string): Array<[Uint8Array, Uint8Array]> => {
    if (typeof m !== 'object' || m === null) throw new SwxError('CHAIN_SPEC_INVALID', `${path}: ${what} is not an object`);
    return Object.entries(m as Record<string, unknown>).map(([k, v]) => {
      if (typeof v !== 'string') throw new SwxError('CHAIN_SPEC_INVALID', `${path}: ${what}[${k}] is not a hex string`);
      return [fromHex(k, `${what} key`), fromHex(v, `${what}[${k}]`)];
    });
  };
  const children = Object.entries((o['childTries'] ?? {}) as Record<string, unknown>).map(
    ([sk, m]) => [fromHex(sk, 'child storage key'), pairs(m, `childTries[${sk}]`)] as [Uint8Array, Array<[Uint8Array, Uint8Array]>],
  );
  return InMemoryBackend.fromEntries(pairs(o['mainTrie'], 'mainTrie'), children);
}
