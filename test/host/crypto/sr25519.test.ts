import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fromHex, toHexRaw, utf8 } from '../../../src/base/bytes.js';
import {
  Sr25519Verifier,
  sr25519KeypairFromMiniSecret,
  sr25519PublicOf,
  sr25519Sign,
  sr25519VerifyJs,
} from '../../../src/host/crypto/sr25519.js';

// sp-core sr25519.rs `verify_from_old_wasm_works`: a schnorrkel-0.1 signature (no marker bit)
// of "SUBSTRATE" by the key of the all-zero mini secret.
const OLD_WASM_SIG = fromHex(
  '0x28a854d54903e056f89581c691c1f7d2ff39f8f896c9e9c22475e60902cc2b3547199e0e91fa32902028f2ca2355e8cdd16cfe19ba5e8b658c94aa80f3b81a00',
);
// R = 5·B (ristretto255), s = 5 with the marker: valid under the identity public key for any message.
const IDENTITY_KEY_SIG = fromHex(
  '0xe882b131016b52c1d3337080187cf768423efccbb517bb495ab812c4160ff44e0500000000000000000000000000000000000000000000000000000000000080',
);
/** Order ℓ of ristretto255, little-endian. */
const L_LE = fromHex('0xedd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010');

/** Runs `f` with console.error silenced; reports whether anything was printed (a wasm panic would). */
function quietly<T>(f: () => T): { value: T; printed: boolean } {
  const orig = console.error;
  let printed = false;
  console.error = () => {
    printed = true;
  };
  try {
    return { value: f(), printed };
  } finally {
    console.error = orig;
  }
}

describe('sr25519 (sp-core / schnorrkel rules)', () => {
  const kp0 = sr25519KeypairFromMiniSecret(new Uint8Array(32));
  const pub0 = sr25519PublicOf(kp0);

  it('should accept the legacy (schnorrkel 0.1) vector in verify_deprecated (v1) and reject it in verify (v2)', () => {
    const v = new Sr25519Verifier();
    assert.equal(v.verifyDeprecated(OLD_WASM_SIG, utf8('SUBSTRATE'), pub0), true);
    assert.equal(v.verify(OLD_WASM_SIG, utf8('SUBSTRATE'), pub0), false);
    assert.equal(v.verifyDeprecated(OLD_WASM_SIG, utf8('SUBSTRATe'), pub0), false);
  });

  it('should derive the sp-core seeded_pair_should_work key', () => {
    const kp = sr25519KeypairFromMiniSecret(utf8('12345678901234567890123456789012'));
    assert.equal(toHexRaw(sr25519PublicOf(kp)), '741c08a06f41c596608f6774259bd9043304adfa5d3eea62760bd9be97634d63');
  });

  it('should verify its own signatures in both versions, and agree with the pure-JS verifier', () => {
    const v = new Sr25519Verifier();
    for (let i = 0; i < 8; i++) {
      const msg = utf8(`message ${i}`);
      const sig = sr25519Sign(kp0, msg);
      assert.equal((sig[63]! & 0x80) !== 0, true, 'marker bit set');
      assert.equal(v.verify(sig, msg, pub0), true);
      assert.equal(v.verifyDeprecated(sig, msg, pub0), true);
      assert.equal(sr25519VerifyJs(sig, msg, pub0), true);
      const tampered = sig.slice();
      tampered[i]! ^= 4;
      assert.equal(v.verify(tampered, msg, pub0), sr25519VerifyJs(tampered, msg, pub0));
      assert.equal(v.verify(sig, utf8(`message ${i + 1}`), pub0), false);
    }
  });

  it('should not fall back to the legacy transcript for a marked signature that fails', () => {
    const v = new Sr25519Verifier();
    const sig = OLD_WASM_SIG.slice();
    sig[63]! |= 0x80;
    assert.equal(v.verifyDeprecated(sig, utf8('SUBSTRATE'), pub0), false);
  });

  it('should accept a signature under the identity public key, as schnorrkel does', () => {
    const v = new Sr25519Verifier();
    const identity = new Uint8Array(32);
    assert.equal(v.verify(IDENTITY_KEY_SIG, utf8('anything'), identity), true);
    assert.equal(sr25519VerifyJs(IDENTITY_KEY_SIG, utf8('anything'), identity), true);
  });

  it('should reject, without a wasm panic, an unmarked signature, a non-canonical scalar and an invalid key', () => {
    const v = new Sr25519Verifier();
    const msg = utf8('m');
    const sig = sr25519Sign(kp0, msg);
    const unmarked = sig.slice();
    unmarked[63]! &= 0x7f;
    const nonCanonical = new Uint8Array(64);
    nonCanonical.set(sig.subarray(0, 32), 0);
    nonCanonical.set(L_LE, 32);
    nonCanonical[63]! |= 0x80;
    const badKey = new Uint8Array(32).fill(0xff);
    const { value, printed } = quietly(() => [
      v.verify(unmarked, msg, pub0),
      v.verify(nonCanonical, msg, pub0),
      v.verifyDeprecated(nonCanonical, msg, pub0),
      v.verify(sig, msg, badKey),
      v.verifyDeprecated(sig, msg, badKey),
      v.verifyDeprecated(unmarked, msg, badKey),
    ]);
    assert.deepEqual(value, [false, false, false, false, false, false]);
    assert.equal(printed, false);
  });
});
