import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { concatBytes, fromHex, toHexRaw, utf8 } from '../../../src/base/bytes.js';
import { isSwxError, type SwxErrorCode } from '../../../src/base/errors.js';
import { encodeCompact } from '../../../src/base/scale.js';
import { CRYPTO_HOST_FUNCTIONS } from '../../../src/host/crypto/index.js';
import { InMemoryKeystore, keyTypeId } from '../../../src/host/keystore.js';
import type { HostContext } from '../../../src/host/types.js';
import { readCorpusJson, skipUnlessCorpus } from '../../support/corpus.js';
import { bindHost, makeFakeContext, readFat, testHashers, type FakeContext } from '../../support/fake-context.js';

const KT = keyTypeId('dumy');

/** SCALE `Option<Vec<u8>>` of a UTF-8 seed. */
function someSeed(seed: string): Uint8Array {
  const b = utf8(seed);
  return concatBytes(Uint8Array.of(1), encodeCompact(b.length), b);
}

function call(ctx: HostContext, name: string, ...args: Array<number | bigint>): number | bigint | void {
  return bindHost(CRYPTO_HOST_FUNCTIONS, name, ctx)(...args);
}

function generate(ctx: FakeContext, scheme: string, seed: Uint8Array, len = scheme === 'ecdsa' ? 33 : 32): Uint8Array {
  const ptr = call(ctx, `ext_crypto_${scheme}_generate_version_1`, ctx.put(KT), ctx.putFat(seed)) as number;
  return ctx.memory.read(ptr, len);
}

function fat(ctx: HostContext, v: number | bigint | void): Uint8Array {
  return readFat(ctx, v as bigint);
}

async function withKeystore(): Promise<FakeContext> {
  return makeFakeContext({ keystore: new InMemoryKeystore() });
}

describe('crypto host functions: declarations', () => {
  it('should declare every sp-io crypto function with its exact Wasm signature', () => {
    const expected: Record<string, [string[], string[]]> = {};
    for (const s of ['ed25519', 'sr25519', 'ecdsa']) {
      expected[`ext_crypto_${s}_public_keys_version_1`] = [['i32'], ['i64']];
      expected[`ext_crypto_${s}_generate_version_1`] = [['i32', 'i64'], ['i32']];
      expected[`ext_crypto_${s}_sign_version_1`] = [['i32', 'i32', 'i64'], ['i64']];
      expected[`ext_crypto_${s}_batch_verify_version_1`] = [['i32', 'i64', 'i32'], ['i32']];
    }
    for (const n of ['ed25519_verify_version_1', 'sr25519_verify_version_1', 'sr25519_verify_version_2', 'ecdsa_verify_version_1', 'ecdsa_verify_version_2']) {
      expected[`ext_crypto_${n}`] = [['i32', 'i64', 'i32'], ['i32']];
    }
    expected['ext_crypto_ecdsa_sign_prehashed_version_1'] = [['i32', 'i32', 'i32'], ['i64']];
    expected['ext_crypto_ecdsa_verify_prehashed_version_1'] = [['i32', 'i32', 'i32'], ['i32']];
    for (const n of ['recover_version_1', 'recover_version_2', 'recover_compressed_version_1', 'recover_compressed_version_2']) {
      expected[`ext_crypto_secp256k1_ecdsa_${n}`] = [['i32', 'i32'], ['i64']];
    }
    expected['ext_crypto_start_batch_verify_version_1'] = [[], []];
    expected['ext_crypto_finish_batch_verify_version_1'] = [[], ['i32']];
    const actual = Object.fromEntries(CRYPTO_HOST_FUNCTIONS.map((f) => [f.name, [[...f.params], [...f.results]]]));
    assert.equal(CRYPTO_HOST_FUNCTIONS.length, Object.keys(actual).length, 'names are unique');
    assert.deepEqual(actual, expected);
  });
});

describe('crypto host functions: keystore', () => {
  it('should generate the 12 W3F conformance keys from BIP-39 seeds', { skip: skipUnlessCorpus('hostapi/cases.json') }, async () => {
    const { cases } = readCorpusJson<{ cases: Array<{ function: string; args: string[] | null; expected: string | null }> }>('hostapi/cases.json');
    const gen = cases.filter((c) => /^ext_crypto_(ed|sr)25519_generate_version_1$/.test(c.function));
    assert.equal(gen.length, 12);
    for (const c of gen) {
      const ctx = await withKeystore();
      const scheme = c.function.includes('ed25519') ? 'ed25519' : 'sr25519';
      assert.equal(toHexRaw(generate(ctx, scheme, someSeed(c.args![0]!))) + '\n', c.expected, c.args![0]);
    }
  });

  it('should list public keys as SCALE Vec<[u8; N]> in insertion order, per scheme', async () => {
    const ctx = await withKeystore();
    const bob = generate(ctx, 'sr25519', someSeed('//Bob'));
    const alice = generate(ctx, 'sr25519', someSeed('//Alice'));
    generate(ctx, 'sr25519', someSeed('//Bob')); // already present: keeps its place
    const ecdsa = generate(ctx, 'ecdsa', someSeed('//Alice'));
    const sr = fat(ctx, call(ctx, 'ext_crypto_sr25519_public_keys_version_1', ctx.put(KT)));
    assert.deepEqual(sr, concatBytes(Uint8Array.of(8), bob, alice));
    const ec = fat(ctx, call(ctx, 'ext_crypto_ecdsa_public_keys_version_1', ctx.put(KT)));
    assert.deepEqual(ec, concatBytes(Uint8Array.of(4), ecdsa));
    assert.deepEqual(fat(ctx, call(ctx, 'ext_crypto_ed25519_public_keys_version_1', ctx.put(KT))), Uint8Array.of(0));
    assert.deepEqual(fat(ctx, call(ctx, 'ext_crypto_sr25519_public_keys_version_1', ctx.put(keyTypeId('babe')))), Uint8Array.of(0));
  });

  it('should generate a random key when the seed is None', async () => {
    const ctx = await withKeystore();
    const a = generate(ctx, 'ed25519', Uint8Array.of(0));
    const b = generate(ctx, 'ed25519', Uint8Array.of(0));
    assert.notDeepEqual(a, b);
    assert.deepEqual(fat(ctx, call(ctx, 'ext_crypto_ed25519_public_keys_version_1', ctx.put(KT))), concatBytes(Uint8Array.of(8), a, b));
  });

  it('should sign with stored keys (Option<Signature>) and return None for unknown keys', async () => {
    const ctx = await withKeystore();
    const msg = utf8('hello');
    for (const scheme of ['ed25519', 'sr25519', 'ecdsa']) {
      const pub = generate(ctx, scheme, someSeed('//Alice'));
      const out = fat(ctx, call(ctx, `ext_crypto_${scheme}_sign_version_1`, ctx.put(KT), ctx.put(pub), ctx.putFat(msg)));
      const sigLen = scheme === 'ecdsa' ? 65 : 64;
      assert.equal(out.length, 1 + sigLen);
      assert.equal(out[0], 1);
      const sig = out.subarray(1);
      const verify = (name: string): number => call(ctx, name, ctx.put(sig), ctx.putFat(msg), ctx.put(pub)) as number;
      if (scheme === 'sr25519') {
        assert.equal(verify('ext_crypto_sr25519_verify_version_1'), 1);
        assert.equal(verify('ext_crypto_sr25519_verify_version_2'), 1);
      } else {
        assert.equal(verify(`ext_crypto_${scheme}_verify_version_1`), 1);
        if (scheme === 'ecdsa') assert.equal(verify('ext_crypto_ecdsa_verify_version_2'), 1);
      }
      const unknown = pub.slice();
      unknown[5]! ^= 1;
      assert.deepEqual(fat(ctx, call(ctx, `ext_crypto_${scheme}_sign_version_1`, ctx.put(KT), ctx.put(unknown), ctx.putFat(msg))), Uint8Array.of(0));
    }
  });

  it('should sign a pre-hashed message with ECDSA (hash by pointer) like sign over blake2_256', async () => {
    const ctx = await withKeystore();
    const pub = generate(ctx, 'ecdsa', someSeed('//Alice'));
    const msg = utf8('pre-hashed');
    const hash = (await testHashers).blake2_256(msg);
    const viaHash = fat(ctx, call(ctx, 'ext_crypto_ecdsa_sign_prehashed_version_1', ctx.put(KT), ctx.put(pub), ctx.put(hash)));
    const viaMsg = fat(ctx, call(ctx, 'ext_crypto_ecdsa_sign_version_1', ctx.put(KT), ctx.put(pub), ctx.putFat(msg)));
    assert.deepEqual(viaHash, viaMsg);
    const sig = viaHash.subarray(1);
    assert.equal(call(ctx, 'ext_crypto_ecdsa_verify_prehashed_version_1', ctx.put(sig), ctx.put(hash), ctx.put(pub)), 1);
  });

  it('should trap without a keystore (HOST_NOT_AVAILABLE)', async () => {
    const ctx = await makeFakeContext();
    const pub = new Uint8Array(33);
    const attempts: Array<() => unknown> = [
      () => call(ctx, 'ext_crypto_sr25519_public_keys_version_1', ctx.put(KT)),
      () => call(ctx, 'ext_crypto_ed25519_generate_version_1', ctx.put(KT), ctx.putFat(someSeed('//Alice'))),
      () => call(ctx, 'ext_crypto_ecdsa_sign_version_1', ctx.put(KT), ctx.put(pub), ctx.putFat(utf8('m'))),
      () => call(ctx, 'ext_crypto_ecdsa_sign_prehashed_version_1', ctx.put(KT), ctx.put(pub), ctx.put(new Uint8Array(32))),
    ];
    for (const f of attempts) assert.throws(f, (e: unknown) => isSwxError(e, 'HOST_NOT_AVAILABLE'));
  });

  it('should trap on a non-UTF-8 seed, an invalid SURI or a malformed Option', async () => {
    const ctx = await withKeystore();
    const bad = [Uint8Array.of(1, 4, 0xff), someSeed('not a phrase'), someSeed('//Alice/soft'), Uint8Array.of(2)];
    const codes: SwxErrorCode[] = ['HOST_BAD_ARGUMENT', 'HOST_BAD_ARGUMENT', 'HOST_BAD_ARGUMENT', 'HOST_BAD_ARGUMENT'];
    bad.forEach((seed, i) => {
      assert.throws(() => generate(ctx, 'ed25519', seed), (e: unknown) => isSwxError(e, codes[i]), `case ${i}`);
    });
  });
});

describe('crypto host functions: verification', () => {
  const ZIP215 = {
    pub: fromHex('0xea4a6c63e29c520abef5507b132ec5f9954776aebebe7b92421eea691446d22c'),
    msg: fromHex('0x737778207a6970323135206d697865642d6f726465722052'),
    sig: fromHex(
      '0xd63c01223147541df4e170763e9e2788a8bf5971f52a93c5829dbe6f5ff6bba9a00a09aeebf7fcaf06dc2d348b588ee501b2ccd5ea7ddefd3bb502fa78eeb503',
    ),
  };

  it('should verify ed25519 with ZIP-215 rules and return 0 for an invalid key', async () => {
    const ctx = await makeFakeContext();
    const v = (sig: Uint8Array, pub: Uint8Array): unknown => call(ctx, 'ext_crypto_ed25519_verify_version_1', ctx.put(sig), ctx.putFat(ZIP215.msg), ctx.put(pub));
    assert.equal(v(ZIP215.sig, ZIP215.pub), 1);
    const badKey = new Uint8Array(32);
    badKey[0] = 2;
    assert.equal(v(ZIP215.sig, badKey), 0);
  });

  it('should accept the legacy sr25519 signature in v1 only', async () => {
    const ctx = await makeFakeContext();
    // sp-core verify_from_old_wasm_works: key of the zero mini secret, message "SUBSTRATE".
    const pub = fromHex('0xdef12e42f3e487e9b14095aa8d5cc16a33491f1b50dadcf8811d1480f3fa8627');
    const sig = fromHex(
      '0x28a854d54903e056f89581c691c1f7d2ff39f8f896c9e9c22475e60902cc2b3547199e0e91fa32902028f2ca2355e8cdd16cfe19ba5e8b658c94aa80f3b81a00',
    );
    const v = (name: string): unknown => call(ctx, name, ctx.put(sig), ctx.putFat(utf8('SUBSTRATE')), ctx.put(pub));
    assert.equal(v('ext_crypto_sr25519_verify_version_1'), 1);
    assert.equal(v('ext_crypto_sr25519_verify_version_2'), 0);
    assert.equal(v('ext_crypto_sr25519_batch_verify_version_1'), 0, 'batch uses the latest (strict) version');
  });

  it('should encode secp256k1 recovery results as Result<key, EcdsaVerifyError>', async () => {
    const ctx = await makeFakeContext();
    const hash = fromHex('0x2ab431c33a8c29885a76886cbd4ca04236c1ca6587de4fc298cd87762d789d8a');
    const highS = fromHex(
      '0xe9a256b1e726ca99f76d7e201687dbf54694ab2a9d8f31942c6f20dcab43e9fdb0abe943ec1aa3dcd3e2a72041ec0d0d13aca2249b924125202de414a8b2929d00',
    );
    const sPlusN = fromHex(
      '0x79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd036414200',
    );
    const alice = '0a1091341fe5664bfa1782d5e04779689068c916b04cb365ec3153755684d9a12da8d65fae6d63a4abca410b7e50d50cd95d36001c28712fd2adf944adb03b12';
    const rec = (n: string, sig: Uint8Array): string => toHexRaw(fat(ctx, call(ctx, `ext_crypto_secp256k1_ecdsa_${n}`, ctx.put(sig), ctx.put(hash))));
    assert.equal(rec('recover_version_1', highS), '00' + alice);
    assert.equal(rec('recover_version_2', highS), '00' + alice);
    assert.equal(rec('recover_compressed_version_2', highS), '00020a1091341fe5664bfa1782d5e04779689068c916b04cb365ec3153755684d9a1');
    assert.equal(rec('recover_version_1', sPlusN).slice(0, 2), '00');
    assert.equal(rec('recover_version_2', sPlusN), '0100', 'Err(BadRS)');
    assert.equal(rec('recover_compressed_version_2', sPlusN), '0100');
    const badV = highS.slice();
    badV[64] = 4;
    assert.equal(rec('recover_version_1', badV), '0101', 'Err(BadV)');
    const badSig = sPlusN.slice();
    badSig.fill(0, 32, 64);
    assert.equal(rec('recover_compressed_version_1', badSig), '0102', 'Err(BadSignature)');
  });

  it('should hash ECDSA messages with blake2_256 and apply v1 overflowing / v2 strict parsing', async () => {
    const ctx = await makeFakeContext({ keystore: new InMemoryKeystore() });
    const pub = generate(ctx, 'ecdsa', someSeed('//Alice'));
    const msg = utf8('overflow');
    const sig = fat(ctx, call(ctx, 'ext_crypto_ecdsa_sign_version_1', ctx.put(KT), ctx.put(pub), ctx.putFat(msg))).slice(1);
    // s = 2^256 − 1 ≥ n: v2 rejects it, v1 reduces it to another scalar (so another key is recovered).
    const sOver = sig.slice();
    sOver.fill(0xff, 32, 64);
    const v = (name: string, s: Uint8Array): unknown => call(ctx, name, ctx.put(s), ctx.putFat(msg), ctx.put(pub));
    assert.equal(v('ext_crypto_ecdsa_verify_version_1', sig), 1);
    assert.equal(v('ext_crypto_ecdsa_verify_version_2', sig), 1);
    assert.equal(v('ext_crypto_ecdsa_verify_version_2', sOver), 0);
    assert.equal(v('ext_crypto_ecdsa_verify_version_1', sOver), 0, 'reduced s is a different signature');
  });

  it('should AND batch verdicts between start and finish, and trap on misuse', async () => {
    const ctx = await makeFakeContext();
    const good = (): unknown => call(ctx, 'ext_crypto_ed25519_batch_verify_version_1', ctx.put(ZIP215.sig), ctx.putFat(ZIP215.msg), ctx.put(ZIP215.pub));
    const bad = (): unknown => call(ctx, 'ext_crypto_ed25519_batch_verify_version_1', ctx.put(ZIP215.sig), ctx.putFat(utf8('x')), ctx.put(ZIP215.pub));
    assert.equal(bad(), 0, 'outside a batch: just the verdict');
    assert.equal(ctx.batchVerify, undefined);
    call(ctx, 'ext_crypto_start_batch_verify_version_1');
    assert.equal(good(), 1);
    assert.equal(call(ctx, 'ext_crypto_finish_batch_verify_version_1'), 1);
    call(ctx, 'ext_crypto_start_batch_verify_version_1');
    assert.equal(good(), 1);
    assert.equal(bad(), 0);
    assert.equal(good(), 1);
    assert.throws(() => call(ctx, 'ext_crypto_start_batch_verify_version_1'), (e: unknown) => isSwxError(e, 'HOST_BAD_ARGUMENT'));
    assert.equal(call(ctx, 'ext_crypto_finish_batch_verify_version_1'), 0);
    assert.throws(() => call(ctx, 'ext_crypto_finish_batch_verify_version_1'), (e: unknown) => isSwxError(e, 'HOST_BAD_ARGUMENT'));
  });

  it('should trap when a signature pointer is out of bounds', async () => {
    const ctx = await makeFakeContext();
    assert.throws(
      () => call(ctx, 'ext_crypto_ed25519_verify_version_1', ctx.memory.size - 10, ctx.putFat(ZIP215.msg), ctx.put(ZIP215.pub)),
      (e: unknown) => isSwxError(e, 'HOST_OUT_OF_BOUNDS'),
    );
  });
});
