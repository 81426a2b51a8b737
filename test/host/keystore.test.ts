import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { toHexRaw, utf8 } from '../../src/base/bytes.js';
import { isSwxError } from '../../src/base/errors.js';
import { ecdsaVerifyPrehashed, ed25519Verify, Sr25519Verifier } from '../../src/host/crypto/index.js';
import { InMemoryKeystore, keyTypeId } from '../../src/host/keystore.js';
import { testHashers } from '../support/fake-context.js';

const ALICE_SR = 'd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d';
const BOB_SR = '8eaf04151687736326c9fea17e25fc5287613693c912909cb226aa4794f26a48';

describe('InMemoryKeystore', () => {
  it('should load dev keys from seeds and list them in insertion order', () => {
    const ks = InMemoryKeystore.fromSeeds([
      { scheme: 'sr25519', keyType: 'babe', suri: '//Alice' },
      { scheme: 'sr25519', keyType: 'babe', suri: '//Bob' },
      { scheme: 'ed25519', keyType: 'gran', suri: '//Alice' },
    ]);
    assert.deepEqual(ks.publicKeys('sr25519', keyTypeId('babe')).map(toHexRaw), [ALICE_SR, BOB_SR]);
    assert.deepEqual(ks.publicKeys('ed25519', keyTypeId('gran')).map(toHexRaw), ['88dc3417d5058ec4b4503e0c12ea1a0a89be200fe98922423d4334014fa6b0ee']);
    assert.deepEqual(ks.publicKeys('ed25519', keyTypeId('babe')), [], 'keys belong to one scheme');
    assert.deepEqual(ks.publicKeys('sr25519', keyTypeId('gran')), []);
  });

  it('should keep one entry per public key (re-adding keeps the first position)', () => {
    const ks = new InMemoryKeystore();
    ks.addSuri('sr25519', 'babe', '//Bob');
    ks.addSuri('sr25519', 'babe', '//Alice');
    ks.addSuri('sr25519', 'babe', '//Bob');
    assert.deepEqual(ks.publicKeys('sr25519', keyTypeId('babe')).map(toHexRaw), [BOB_SR, ALICE_SR]);
  });

  it('should sign with each scheme so that the host verification accepts', async () => {
    const ks = new InMemoryKeystore();
    const kt = keyTypeId('test');
    const msg = utf8('keystore');
    const ed = ks.generate('ed25519', kt, '//Alice');
    const sr = ks.generate('sr25519', kt, '//Alice');
    const ec = ks.generate('ecdsa', kt, '//Alice');
    assert.equal(ed25519Verify(ks.sign('ed25519', kt, ed, msg)!, msg, ed), true);
    assert.equal(new Sr25519Verifier().verify(ks.sign('sr25519', kt, sr, msg)!, msg, sr), true);
    const hash = (await testHashers).blake2_256(msg);
    assert.equal(ecdsaVerifyPrehashed(ks.sign('ecdsa', kt, ec, msg)!, hash, ec, 'strict'), true);
    assert.deepEqual(ks.signPrehashed(kt, ec, hash), ks.sign('ecdsa', kt, ec, msg));
    assert.equal(ks.sign('ed25519', keyTypeId('othr'), ed, msg), undefined);
    assert.equal(ks.signPrehashed(kt, ed, hash), undefined);
  });

  it('should make random keys without a seed', () => {
    const ks = new InMemoryKeystore();
    const kt = keyTypeId('rand');
    const a = ks.generate('ecdsa', kt, undefined);
    const b = ks.generate('ecdsa', kt, undefined);
    assert.equal(a.length, 33);
    assert.notDeepEqual(a, b);
    assert.equal(ks.publicKeys('ecdsa', kt).length, 2);
  });

  it('should reject invalid SURIs and key type ids with INVALID_INPUT', () => {
    const ks = new InMemoryKeystore();
    assert.throws(() => ks.addSuri('ed25519', 'babe', '//Alice/soft'), (e: unknown) => isSwxError(e, 'INVALID_INPUT'));
    assert.throws(() => ks.addSuri('sr25519', 'bab', '//Alice'), (e: unknown) => isSwxError(e, 'INVALID_INPUT'));
    assert.throws(() => keyTypeId(new Uint8Array(5)), (e: unknown) => isSwxError(e, 'INVALID_INPUT'));
    assert.deepEqual(keyTypeId('dumy'), Uint8Array.of(0x64, 0x75, 0x6d, 0x79));
  });

  it('should not alias the caller’s buffers', () => {
    const ks = new InMemoryKeystore();
    const kt = keyTypeId('babe');
    const pub = ks.generate('sr25519', kt, '//Alice');
    pub.fill(0);
    assert.equal(toHexRaw(ks.publicKeys('sr25519', kt)[0]!), ALICE_SR);
  });
});
