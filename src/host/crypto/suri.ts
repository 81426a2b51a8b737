/**
 * Secret URIs (SURI) as sp-core reads them (`address_uri.rs`, `crypto.rs`
 * `SecretUri`, `Pair::from_string_with_seed`, `from_phrase`):
 *
 *   SURI     = [phrase] { "/" soft | "//" hard } [ "///" password ]
 *   phrase   = ASCII letters, digits and spaces; absent ⇒ the public DEV_PHRASE
 *   junction = any text without "/" (a decimal u64 or a string, see hdkd.ts)
 *   password = everything after "///" up to the end (no newline allowed)
 *
 * The phrase is either `0x` + hex of exactly 32 bytes (the seed itself) or an
 * English BIP-39 mnemonic. A mnemonic gives the seed through substrate-bip39:
 * the first 32 bytes of PBKDF2-HMAC-SHA512(password = mnemonic *entropy*,
 * salt = "mnemonic" ‖ SURI password, 2048 rounds) — not the BIP-39 seed.
 */
import { SwxError } from '../../base/errors.js';
import { utf8 } from '../../base/bytes.js';
import { bip39Entropy } from './bip39.js';
import { junctionChainCode } from './hdkd.js';
import { pbkdf2Sha512 } from './noble.js';

/** The public development phrase (sp-core `DEV_PHRASE`). */
export const DEV_PHRASE = 'bottom drive obey lake curtain smoke basket hold race lonely fit walk';
/** PBKDF2 rounds of substrate-bip39 `seed_from_entropy`. */
const SUBSTRATE_BIP39_ROUNDS = 2048;
/** Salt prefix of substrate-bip39 (as in BIP-39). */
const SUBSTRATE_BIP39_SALT = 'mnemonic';
/** Length of the seed ("mini secret") every scheme derives from. */
const SEED_LEN = 32;

/** One derivation step: hard or soft, with its 32-byte chain code. */
export interface Junction {
  readonly hard: boolean;
  readonly chainCode: Uint8Array;
}

/** A parsed SURI. */
export interface ParsedSuri {
  /** The phrase, or `DEV_PHRASE` when the SURI has none. */
  readonly phrase: string;
  readonly password: string | undefined;
  readonly junctions: readonly Junction[];
}

/** The error for a bad SURI; the SURI itself is secret material and never echoed. */
function invalid(why: string): SwxError {
  return new SwxError('INVALID_INPUT', `invalid secret URI: ${why}`);
}

function isPhraseChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x20;
}

/** Parses a SURI (sp-core `AddressUri::parse` + `SecretUri::from_str`). */
export function parseSuri(suri: string): ParsedSuri {
  let i = 0;
  while (i < suri.length && isPhraseChar(suri.charCodeAt(i))) i++;
  const phrase = i > 0 ? suri.slice(0, i) : DEV_PHRASE;
  let password: string | undefined;
  const junctions: Junction[] = [];
  while (i < suri.length) {
    if (suri.startsWith('///', i)) {
      let j = i + 3;
      while (j < suri.length && suri[j] !== '\n') j++;
      password = suri.slice(i + 3, j);
      i = j;
      if (i < suri.length) throw invalid(`invalid character in password at ${i}`);
    } else if (suri.startsWith('/', i)) {
      const hard = suri.startsWith('//', i);
      const start = i + (hard ? 2 : 1);
      let j = start;
      while (j < suri.length && suri[j] !== '/') j++;
      if (j === start) throw invalid(`missing character in ${hard ? 'hard' : 'soft'} path at ${j}`);
      junctions.push({ hard, chainCode: junctionChainCode(suri.slice(start, j)) });
      i = j;
    } else {
      throw invalid(`invalid character in phrase at ${i}`);
    }
  }
  return { phrase, password, junctions };
}

/** array_bytes `hex2bytes` (optional `0x`, even length, hex digits). */
function hexToBytes(hex: string): Uint8Array | undefined {
  const h = hex.startsWith('0x') ? hex.slice(2) : hex;
  if (h.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(h)) return undefined;
  const out = new Uint8Array(h.length / 2);
  for (let k = 0; k < out.length; k++) out[k] = parseInt(h.slice(2 * k, 2 * k + 2), 16);
  return out;
}

/** substrate-bip39 `seed_from_entropy`: the 64-byte PBKDF2 output. */
export function substrateBip39Seed(entropy: Uint8Array, password: string): Uint8Array {
  if (entropy.length < 16 || entropy.length > 32 || entropy.length % 4 !== 0) throw invalid('invalid BIP-39 entropy length');
  return pbkdf2Sha512(entropy, utf8(SUBSTRATE_BIP39_SALT + password), SUBSTRATE_BIP39_ROUNDS, 64);
}

/** The 32-byte root seed of a SURI phrase (hex seed, or mnemonic with the password). */
export function rootSeedOfPhrase(phrase: string, password: string | undefined): Uint8Array {
  if (phrase.startsWith('0x')) {
    const seed = hexToBytes(phrase.slice(2));
    if (seed === undefined || seed.length !== SEED_LEN) throw invalid(`hex seed must be ${SEED_LEN} bytes`);
    return seed;
  }
  const words = phrase.split(' ').filter((w) => w.length > 0);
  const entropy = bip39Entropy(words);
  if (entropy === undefined) throw invalid('not a valid English BIP-39 phrase');
  return substrateBip39Seed(entropy, password ?? '').slice(0, SEED_LEN);
}
