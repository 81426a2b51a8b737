import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fromHex, toHexRaw } from '../../../src/base/bytes.js';
import {
  ecdsaDeriveHard,
  ecdsaPublicFromSecret,
  ecdsaSign,
  ecdsaVerifyPrehashed,
  secp256k1EcdsaRecover,
  type EcdsaRecovery,
} from '../../../src/host/crypto/ecdsa.js';

/** SEC 2 group order n, big-endian. */
const N_BE = fromHex('0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141');
// blake2_256("swx ecdsa").
const HASH = fromHex('0x2ab431c33a8c29885a76886cbd4ca04236c1ca6587de4fc298cd87762d789d8a');
// r = x(G), s = 1, v = 0 on HASH: recovers Q = r⁻¹(R − h·G) (computed independently).
const SMALL_S_SIG = fromHex(
  '0x79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798000000000000000000000000000000000000000000000000000000000000000100',
);
// Same with s + n (fits in 256 bits because s is small).
const S_PLUS_N_SIG = fromHex(
  '0x79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd036414200',
);
const SMALL_S_KEY =
  '045d474ed91d652798d25596f72b094912c38f27eba49198fc93ad62f648b83b4c2017bd590ecd6ebff27a98f917829c1ecc01043ec69b74f020cff8080e61d0af';
// //Alice's ECDSA signature of HASH (low S) and its high-S twin (s' = n − s, v' = v ⊕ 1).
const ALICE_PUB = fromHex('0x020a1091341fe5664bfa1782d5e04779689068c916b04cb365ec3153755684d9a1');
const ALICE_SIG = fromHex(
  '0xe9a256b1e726ca99f76d7e201687dbf54694ab2a9d8f31942c6f20dcab43e9fd4f5416bc13e55c232c1d58dfbe13f2f1a7023ac213b65f169fa47a782783aea401',
);
const ALICE_HIGH_S_SIG = fromHex(
  '0xe9a256b1e726ca99f76d7e201687dbf54694ab2a9d8f31942c6f20dcab43e9fdb0abe943ec1aa3dcd3e2a72041ec0d0d13aca2249b924125202de414a8b2929d00',
);
const ALICE_UNCOMPRESSED =
  '040a1091341fe5664bfa1782d5e04779689068c916b04cb365ec3153755684d9a12da8d65fae6d63a4abca410b7e50d50cd95d36001c28712fd2adf944adb03b12';

function ok(rec: EcdsaRecovery): string {
  assert.equal(rec.kind, 'ok', JSON.stringify(rec));
  return rec.kind === 'ok' ? toHexRaw(rec.uncompressed) : '';
}

function withV(sig: Uint8Array, v: number): Uint8Array {
  const out = sig.slice();
  out[64] = v;
  return out;
}

describe('secp256k1 ECDSA (sp-io / sp-core rules)', () => {
  it('should sign like sp-core test_vector_should_work (RFC 6979, low S, recid last)', () => {
    const secret = fromHex('0x9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
    assert.equal(toHexRaw(ecdsaPublicFromSecret(secret)), '028db55b05db86c0b1786ca49f095d76344c9e6056b2f02701a7e7f3c20aabfd91');
    assert.equal(
      toHexRaw(ecdsaSign(secret, new Uint8Array(0))),
      '3dde91174bd9359027be59a428b8146513df80a2a3c7eda2194f64de04a69ab97b753169e94db6ffd50921a2668a48b94ca11e3d32c1ff19cfe88890aa7e8f3c00',
    );
    // sp-core seed_and_derive_should_work: Hard([0; 32]).
    assert.equal(toHexRaw(ecdsaDeriveHard(secret, new Uint8Array(32))), 'b8eefc4937200a8382d00050e050ced2d4ab72cc2ef1b061477afb51564fdd61');
  });

  it('should recover a key in both parsings and normalise v = 27/28', () => {
    assert.equal(ok(secp256k1EcdsaRecover(SMALL_S_SIG, HASH, 'overflowing')), SMALL_S_KEY);
    assert.equal(ok(secp256k1EcdsaRecover(SMALL_S_SIG, HASH, 'strict')), SMALL_S_KEY);
    assert.equal(ok(secp256k1EcdsaRecover(withV(SMALL_S_SIG, 27), HASH, 'strict')), SMALL_S_KEY);
  });

  it('should accept s + n in v1 (reduced mod n) and reject it in v2 with BadRS', () => {
    assert.equal(ok(secp256k1EcdsaRecover(S_PLUS_N_SIG, HASH, 'overflowing')), SMALL_S_KEY);
    assert.deepEqual(secp256k1EcdsaRecover(S_PLUS_N_SIG, HASH, 'strict'), { kind: 'err', error: 'BadRS' });
  });

  it('should accept a high-S signature in both v1 and v2, as libsecp256k1 recovery does', () => {
    assert.equal(ok(secp256k1EcdsaRecover(ALICE_SIG, HASH, 'strict')), ALICE_UNCOMPRESSED);
    assert.equal(ok(secp256k1EcdsaRecover(ALICE_HIGH_S_SIG, HASH, 'overflowing')), ALICE_UNCOMPRESSED);
    assert.equal(ok(secp256k1EcdsaRecover(ALICE_HIGH_S_SIG, HASH, 'strict')), ALICE_UNCOMPRESSED);
    assert.equal(ecdsaVerifyPrehashed(ALICE_HIGH_S_SIG, HASH, ALICE_PUB, 'strict'), true);
  });

  it('should report BadV for recovery ids outside 0..3 and 27..30', () => {
    for (const v of [4, 26, 31, 255]) {
      assert.deepEqual(secp256k1EcdsaRecover(withV(SMALL_S_SIG, v), HASH, 'overflowing'), { kind: 'err', error: 'BadV' }, `v=${v}`);
    }
    // BadV is checked before r/s.
    assert.deepEqual(secp256k1EcdsaRecover(withV(S_PLUS_N_SIG, 4), HASH, 'strict'), { kind: 'err', error: 'BadV' });
  });

  it('should report BadSignature for r = n (zero after reduction) and for zero s', () => {
    const rIsN = new Uint8Array(65);
    rIsN.set(N_BE, 0);
    rIsN[63] = 1;
    assert.deepEqual(secp256k1EcdsaRecover(rIsN, HASH, 'overflowing'), { kind: 'err', error: 'BadSignature' });
    assert.deepEqual(secp256k1EcdsaRecover(rIsN, HASH, 'strict'), { kind: 'err', error: 'BadRS' });
    const zeroS = SMALL_S_SIG.slice();
    zeroS[63] = 0;
    assert.deepEqual(secp256k1EcdsaRecover(zeroS, HASH, 'strict'), { kind: 'err', error: 'BadSignature' });
  });

  it('should report BadSignature when r is not the x-coordinate of a curve point', () => {
    const sig = SMALL_S_SIG.slice();
    sig.fill(0, 0, 32);
    sig[31] = 5; // x = 5: 125 + 7 = 132 is not a square mod p
    assert.deepEqual(secp256k1EcdsaRecover(sig, HASH, 'strict'), { kind: 'err', error: 'BadSignature' });
  });

  it('should verify by recover-and-compare, with v taken as is (no 27 offset)', () => {
    assert.equal(ecdsaVerifyPrehashed(ALICE_SIG, HASH, ALICE_PUB, 'strict'), true);
    assert.equal(ecdsaVerifyPrehashed(ALICE_SIG, HASH, ALICE_PUB, 'overflowing'), true);
    assert.equal(ecdsaVerifyPrehashed(withV(ALICE_SIG, 28), HASH, ALICE_PUB, 'strict'), false);
    const wrongKey = ALICE_PUB.slice();
    wrongKey[0] = 3;
    assert.equal(ecdsaVerifyPrehashed(ALICE_SIG, HASH, wrongKey, 'strict'), false);
    const otherHash = HASH.slice();
    otherHash[0]! ^= 1;
    assert.equal(ecdsaVerifyPrehashed(ALICE_SIG, otherHash, ALICE_PUB, 'strict'), false);
  });
});
