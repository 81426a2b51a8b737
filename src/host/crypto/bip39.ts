/**
 * Adapter over `@scure/bip39` (pinned in package.json): the only file that
 * imports it. Substrate reads a phrase with rust-bip39's
 * `Mnemonic::parse_in(Language::English, phrase)`: words split on whitespace,
 * 12/15/18/21/24 words from the English list, checksum verified.
 */
import { mnemonicToEntropy } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';

/** The BIP-39 entropy of an English phrase given as words, or undefined when invalid. */
export function bip39Entropy(words: readonly string[]): Uint8Array | undefined {
  try {
    return mnemonicToEntropy(words.join(' '), wordlist);
  } catch {
    return undefined;
  }
}
