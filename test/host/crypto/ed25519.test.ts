import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fromHex, toHexRaw, utf8 } from '../../../src/base/bytes.js';
import { Ed25519Verifier, ed25519DeriveHard, ed25519PublicFromSecretSeed, ed25519Sign, ed25519Verify } from '../../../src/host/crypto/ed25519.js';

// Key of seed [7; 32]; message "swx zip215 mixed-order R".
const PUB = fromHex('0xea4a6c63e29c520abef5507b132ec5f9954776aebebe7b92421eea691446d22c');
const MSG = fromHex('0x737778207a6970323135206d697865642d6f726465722052');
// R = 123456789·B + T with T of order 8 (c7176a70…037a), s = r + k·a: passes the cofactored
// (ZIP-215) equation only; OpenSSL / dalek (cofactorless) reject it.
const MIXED_ORDER_SIG = fromHex(
  '0xd63c01223147541df4e170763e9e2788a8bf5971f52a93c5829dbe6f5ff6bba9a00a09aeebf7fcaf06dc2d348b588ee501b2ccd5ea7ddefd3bb502fa78eeb503',
);
// RFC 8032 signature of MSG, and the same with S + ℓ (non-canonical S).
const GOOD_SIG = fromHex(
  '0x37706aa44c9e3b84798abafb2ef475d917b0588bd153973bf159521e7eaeeb6dd38a2c5377135a2f7b00fcd1554b79604a670db5cc3a95cfabda66a5c7cc530c',
);
const S_PLUS_L_SIG = fromHex(
  '0x37706aa44c9e3b84798abafb2ef475d917b0588bd153973bf159521e7eaeeb6dc05e22b091766c87519df374344558754a670db5cc3a95cfabda66a5c7cc531c',
);

describe('ed25519 (sp-core / ed25519-zebra rules)', () => {
  it('should sign deterministically (RFC 8032) and verify', () => {
    const seed = new Uint8Array(32).fill(7);
    assert.deepEqual(ed25519PublicFromSecretSeed(seed), PUB);
    assert.deepEqual(ed25519Sign(seed, MSG), GOOD_SIG);
    assert.equal(ed25519Verify(GOOD_SIG, MSG, PUB), true);
  });

  it('should accept a ZIP-215-only signature with a mixed-order R', () => {
    assert.equal(ed25519Verify(MIXED_ORDER_SIG, MSG, PUB), true);
  });

  it('should reject a non-canonical S (S + ℓ)', () => {
    assert.equal(ed25519Verify(S_PLUS_L_SIG, MSG, PUB), false);
  });

  it('should reject a tampered message or signature', () => {
    assert.equal(ed25519Verify(GOOD_SIG, utf8('other'), PUB), false);
    const sig = GOOD_SIG.slice();
    sig[0]! ^= 1;
    assert.equal(ed25519Verify(sig, MSG, PUB), false);
  });

  it('should accept the all-zero signature under the all-zero (small-order) key on an empty message', () => {
    assert.equal(ed25519Verify(new Uint8Array(64), new Uint8Array(0), new Uint8Array(32)), true);
  });

  it('should return false (not throw) for an undecodable public key or wrong lengths', () => {
    // y = 2 is not the y-coordinate of a curve point.
    const bad = new Uint8Array(32);
    bad[0] = 2;
    assert.equal(ed25519Verify(GOOD_SIG, MSG, bad), false);
    assert.equal(ed25519Verify(GOOD_SIG, MSG, PUB.subarray(0, 31)), false);
    assert.equal(ed25519Verify(GOOD_SIG.subarray(0, 63), MSG, PUB), false);
  });

  it('should give the same verdicts through the caching Ed25519Verifier, key reuse included', () => {
    const v = new Ed25519Verifier();
    for (let round = 0; round < 2; round++) {
      assert.equal(v.verify(GOOD_SIG, MSG, PUB), true);
      assert.equal(v.verify(MIXED_ORDER_SIG, MSG, PUB), true);
      assert.equal(v.verify(S_PLUS_L_SIG, MSG, PUB), false);
      assert.equal(v.verify(GOOD_SIG, utf8('other'), PUB), false);
      assert.equal(v.verify(new Uint8Array(64), new Uint8Array(0), new Uint8Array(32)), true);
    }
  });

  it('should match RFC 8032 test 1 and sp-core seed_and_derive_should_work', () => {
    const seed = fromHex('0x9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
    assert.equal(toHexRaw(ed25519PublicFromSecretSeed(seed)), 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
    const sig = ed25519Sign(seed, new Uint8Array(0));
    assert.equal(
      toHexRaw(sig),
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
    );
    // Hard junction [0; 32]: seed' = blake2_256(SCALE("Ed25519HDKD", seed, cc)).
    assert.equal(toHexRaw(ed25519DeriveHard(seed, new Uint8Array(32))), 'ede3354e133f9c8e337ddd6ee5415ed4b4ffe5fc7d21e933f4930a3730e5b21c');
  });
});
