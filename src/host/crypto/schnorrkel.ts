/**
 * Adapter over `@polkadot-labs/schnorrkel-wasm` (a wasm-bindgen build of the
 * Rust `schnorrkel` crate that sp-core uses; pinned in package.json): the only
 * file that loads it (on first use).
 *
 * Caveat: the library `expect`s its inputs. An invalid public key, a signature
 * without the schnorrkel marker bit or with a non-canonical scalar makes the
 * Rust code panic: the panic hook prints to stderr, the Wasm traps, and the
 * module's shadow stack and argument buffers leak. Callers must therefore only
 * pass inputs they validated (see `sr25519.ts`); a panic here is a bug.
 *
 * Keypairs are schnorrkel's 96-byte `to_half_ed25519_bytes()` layout:
 * `secret key (32, ed25519-style scalar) ‖ nonce (32) ‖ public key (32)`.
 */
import { createRequire } from 'node:module';
import { InternalError } from '../../base/errors.js';

/**
 * The library (and its Wasm) loads on first use, synchronously through its
 * CommonJS build; Node's module cache keeps it afterwards.
 */
const load = createRequire(import.meta.url);
type Schnorrkel = typeof import('@polkadot-labs/schnorrkel-wasm');
const lib = (): Schnorrkel => load('@polkadot-labs/schnorrkel-wasm') as Schnorrkel;

function guarded<T>(what: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw new InternalError(`schnorrkel ${what} panicked on validated input: ${String(e)}`);
  }
}

/**
 * `PublicKey::verify_simple("substrate", msg, sig)`. Preconditions: `pub`
 * decodes as ristretto255, `sig[63]` has the marker bit, its scalar is canonical.
 */
export function schnorrkelVerify(pub: Uint8Array, msg: Uint8Array, sig: Uint8Array): boolean {
  return guarded('verify', () => lib().sr25519_verify(pub, msg, sig));
}

/** Signs `msg` in the "substrate" signing context (randomized nonce, as schnorrkel). */
export function schnorrkelSign(keypair: Uint8Array, msg: Uint8Array): Uint8Array {
  return guarded('sign', () => lib().sr25519_sign(keypair.subarray(64, 96), keypair.subarray(0, 64), msg));
}

/** `MiniSecretKey::expand_to_keypair(ExpansionMode::Ed25519)` of a 32-byte mini secret. */
export function schnorrkelKeypairFromMiniSecret(miniSecret: Uint8Array): Uint8Array {
  return guarded('keypair_from_seed', () => lib().sr25519_keypair_from_seed(miniSecret));
}

/** Hard junction: `hard_derive_mini_secret_key(Some(cc), b"")` then Ed25519-mode expansion. */
export function schnorrkelDeriveHard(keypair: Uint8Array, chainCode: Uint8Array): Uint8Array {
  return guarded('derive_keypair_hard', () => lib().sr25519_derive_keypair_hard(keypair, chainCode));
}

/** Soft junction: `derived_key_simple(cc, [])` (the new nonce is random, the public key is not). */
export function schnorrkelDeriveSoft(keypair: Uint8Array, chainCode: Uint8Array): Uint8Array {
  return guarded('derive_keypair_soft', () => lib().sr25519_derive_keypair_soft(keypair, chainCode));
}
