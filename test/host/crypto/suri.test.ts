import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isSwxError } from '../../../src/base/errors.js';
import { toHexRaw, utf8 } from '../../../src/base/bytes.js';
import { junctionChainCode } from '../../../src/host/crypto/hdkd.js';
import { pairFromSuri } from '../../../src/host/crypto/pairs.js';
import { DEV_PHRASE, parseSuri } from '../../../src/host/crypto/suri.js';
import { testHashers } from '../../support/fake-context.js';

function cc(bytes: number[]): string {
  const out = new Uint8Array(32);
  out.set(bytes);
  return toHexRaw(out);
}

function pub(scheme: 'ed25519' | 'sr25519' | 'ecdsa', suri: string): string {
  return toHexRaw(pairFromSuri(scheme, suri).publicKey);
}

describe('SURI parsing (sp-core AddressUri / SecretUri)', () => {
  it('should split phrase, soft and hard junctions and password', () => {
    const p = parseSuri('sdasd/xx//a/b//c///pass');
    assert.equal(p.phrase, 'sdasd');
    assert.equal(p.password, 'pass');
    assert.deepEqual(
      p.junctions.map((j) => j.hard),
      [false, true, false, true],
    );
    assert.equal(toHexRaw(p.junctions[0]!.chainCode), toHexRaw(junctionChainCode('xx')));
  });

  it('should default the phrase to DEV_PHRASE and keep everything after /// as the password', () => {
    assert.equal(parseSuri('//Alice').phrase, DEV_PHRASE);
    assert.equal(parseSuri('///').password, '');
    assert.equal(parseSuri('////////').password, '/////');
    assert.equal(parseSuri('a///b//c').password, 'b//c');
    assert.equal(parseSuri('sdasd/asd.a').junctions.length, 1);
  });

  it('should reject bad characters and empty junctions', () => {
    for (const bad of ['sdasd//', 'sdasd/', 'sdasd.', 'sd.asd/asd.a', '///a\n', '0x12\u00e9']) {
      assert.throws(() => parseSuri(bad), (e: unknown) => isSwxError(e, 'INVALID_INPUT'), JSON.stringify(bad));
    }
  });

  it('should encode junction chain codes as SCALE u64 or SCALE string, hashing beyond 32 bytes', async () => {
    assert.equal(toHexRaw(junctionChainCode('1')), cc([1, 0, 0, 0, 0, 0, 0, 0]));
    assert.equal(toHexRaw(junctionChainCode('+7')), cc([7, 0, 0, 0, 0, 0, 0, 0]));
    assert.equal(toHexRaw(junctionChainCode('Alice')), cc([20, ...utf8('Alice')]));
    // 18446744073709551616 = 2^64 does not parse as u64: it is a string junction.
    assert.equal(toHexRaw(junctionChainCode('18446744073709551616')), cc([80, ...utf8('18446744073709551616')]));
    const long = 'x'.repeat(40);
    const hashers = await testHashers;
    assert.equal(toHexRaw(junctionChainCode(long)), toHexRaw(hashers.blake2_256(Uint8Array.of(160, ...utf8(long)))));
  });
});

describe('key pairs from SURIs (sp-core Pair::from_string)', () => {
  it("should derive the well-known //Alice keys", () => {
    assert.equal(pub('sr25519', '//Alice'), 'd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d');
    assert.equal(pub('ed25519', '//Alice'), '88dc3417d5058ec4b4503e0c12ea1a0a89be200fe98922423d4334014fa6b0ee');
    assert.equal(pub('ecdsa', '//Alice'), '020a1091341fe5664bfa1782d5e04779689068c916b04cb365ec3153755684d9a1');
    assert.equal(pub('sr25519', `${DEV_PHRASE}//Alice`), pub('sr25519', '//Alice'));
  });

  it('should derive the sp-core sr25519 soft-junction compatibility key (DEV_PHRASE/Alice)', () => {
    assert.equal(pub('sr25519', `${DEV_PHRASE}/Alice`), 'd6c71059dbbe9ad2b0ed3f289738b800836eb425544ce694825285b958ca755e');
  });

  it('should apply the SURI password to the phrase (//Alice///password = DEV_PHRASE//Alice with password)', () => {
    const withPassword = pub('sr25519', '//Alice///password');
    assert.notEqual(withPassword, pub('sr25519', '//Alice'));
    assert.equal(withPassword, pub('sr25519', `${DEV_PHRASE}//Alice///password`));
  });

  it('should read 0x seeds directly (32 bytes only)', () => {
    const hex = '0x9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
    assert.equal(pub('ed25519', hex), 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
    assert.equal(pub('ecdsa', hex), '028db55b05db86c0b1786ca49f095d76344c9e6056b2f02701a7e7f3c20aabfd91');
    assert.throws(() => pairFromSuri('ed25519', '0x1234'), (e: unknown) => isSwxError(e, 'INVALID_INPUT'));
  });

  it('should refuse soft junctions for ed25519 and ecdsa, and invalid phrases', () => {
    assert.throws(() => pairFromSuri('ed25519', '//Alice/soft'), (e: unknown) => isSwxError(e, 'INVALID_INPUT'));
    assert.throws(() => pairFromSuri('ecdsa', '/soft'), (e: unknown) => isSwxError(e, 'INVALID_INPUT'));
    assert.throws(() => pairFromSuri('sr25519', 'not a valid phrase'), (e: unknown) => isSwxError(e, 'INVALID_INPUT'));
    // Valid words, bad checksum.
    assert.throws(() => pairFromSuri('sr25519', 'abandon '.repeat(12).trim()), (e: unknown) => isSwxError(e, 'INVALID_INPUT'));
  });

  it('should tolerate repeated spaces between phrase words (rust-bip39 splits on whitespace)', () => {
    assert.equal(pub('sr25519', DEV_PHRASE.replace(/ /g, '  ') + '//Alice'), pub('sr25519', '//Alice'));
  });
});
