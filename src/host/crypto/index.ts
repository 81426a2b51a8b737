/**
 * crypto — the `ext_crypto_*` host functions of the Polkadot host API and the
 * primitives behind them, with sp-io / sp-core's exact acceptance rules.
 *
 *   scheme   keys / sigs      verify rule (Substrate)                    swx engine
 *   ed25519  32 B / 64 B      ZIP-215 (ed25519-zebra)                    OpenSSL accept, else noble
 *   sr25519  32 B / 64 B      schnorrkel; v1 also schnorrkel-0.1 sigs     schnorrkel (wasm) + Merlin/noble
 *   ecdsa    33 B / 65 B rsv  recover-and-compare over blake2_256(msg);  noble secp256k1 + own rules
 *                             v1 reduces r, s mod n, v2 rejects ≥ n
 *
 * Keystore functions (`public_keys`, `generate`, `sign`) go through
 * `HostContext.keystore` and trap without one; the rest are pure. Host
 * functions read fixed-size arguments by pointer (`[u8; N]`) and byte strings
 * by fat pointer, and return SCALE values through the allocator:
 *
 *   generate → ptr to the public key          sign → Option<[u8; S]>
 *   public_keys → Vec<[u8; N]>                recover → Result<[u8; 64|33], EcdsaVerifyError>
 *
 * Key material comes from SURIs (`//Alice`, BIP-39 phrases with `/soft`,
 * `//hard` junctions and `///password`, `0x` seeds), see `suri.ts`, `pairs.ts`.
 * Each library is reached through one adapter: `noble.ts` (@noble/curves,
 * @noble/hashes), `schnorrkel.ts` (@polkadot-labs/schnorrkel-wasm), `bip39.ts`
 * (@scure/bip39), `openssl.ts` (node:crypto).
 */
import type { HostFunction } from '../types.js';
import { KEYSTORE_HOST_FUNCTIONS } from './host-keystore.js';
import { VERIFY_HOST_FUNCTIONS } from './host-verify.js';

/** Every `ext_crypto_*` host function swx provides (sp-io `crypto`, all master versions). */
export const CRYPTO_HOST_FUNCTIONS: HostFunction[] = [...KEYSTORE_HOST_FUNCTIONS, ...VERIFY_HOST_FUNCTIONS];

export { Ed25519Verifier, ed25519Verify, ed25519Sign, ed25519PublicFromSecretSeed, ed25519DeriveHard } from './ed25519.js';
export { Sr25519Verifier, sr25519VerifyJs, sr25519KeypairFromMiniSecret, sr25519PublicOf, sr25519Sign, sr25519DeriveHard, sr25519DeriveSoft } from './sr25519.js';
export {
  secp256k1EcdsaRecover,
  ecdsaVerifyPrehashed,
  ecdsaCompress,
  ecdsaSign,
  ecdsaSignPrehashed,
  ecdsaPublicFromSecret,
  ecdsaDeriveHard,
  ECDSA_VERIFY_ERROR_INDEX,
} from './ecdsa.js';
export type { EcdsaVerifyError, EcdsaParsing, EcdsaRecovery } from './ecdsa.js';
export { pairFromSuri, pairFromSeed, randomPair } from './pairs.js';
export type { KeyPair, KeyScheme } from './pairs.js';
export { parseSuri, rootSeedOfPhrase, substrateBip39Seed, DEV_PHRASE } from './suri.js';
export type { ParsedSuri, Junction } from './suri.js';
export { junctionChainCode } from './hdkd.js';
export { Transcript } from './merlin.js';
