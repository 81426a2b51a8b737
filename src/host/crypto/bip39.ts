/**
 * Adapter over `@scure/bip39` (pinned in package.json): the only file that
 * loads it (on first use). Substrate reads a phrase with rust-bip39's
 * `Mnemonic::parse_in(Language::English, phrase)`: words split on whitespace,
 * 12/15/18/21/24 words from the English list, checksum verified.
 */
import { createRequire } from 'node:module';

/** Loads the library on first use (synchronously; Node's module cache keeps it). */
const load = createRequire(import.meta.url);

/** The BIP-39 entropy of an English phrase given as words, or undefined when invalid. */
export function bip39Entropy(words: readonly string[]): Uint8Array | undefined {
  try {
    const { mnemonicToEntropy } = load('@scure/bip39') as typeof import('@scure/bip39');
    const { wordlist } = load('@scure/bip39/wordlists/english.js') as typeof import('@scure/bip39/wordlists/english.js');
    return mnemonicToEntropy(words.join(' '), wordlist);
  } catch {
    return undefined;
  }
}
