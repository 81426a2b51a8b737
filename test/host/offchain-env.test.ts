import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { toHexRaw, utf8 } from '../../src/base/bytes.js';
import { DEFAULT_PEER_ID, InMemoryOffchainEnv, seededRandom } from '../../src/host/offchain-env.js';

describe('InMemoryOffchainEnv', () => {
  it('should default to a non-validator node without HTTP, with the default PeerId and no addresses', () => {
    const env = new InMemoryOffchainEnv();
    assert.equal(env.isValidator, false);
    assert.equal(env.http, undefined);
    assert.equal(DEFAULT_PEER_ID.length, 38);
    assert.deepEqual(env.networkState(), { peerId: DEFAULT_PEER_ID, externalAddresses: [] });
    assert.equal(env.submitTransaction(Uint8Array.of(1)), true);
  });

  it('should read time from the clock in whole milliseconds', () => {
    assert.equal(new InMemoryOffchainEnv({ clock: () => 1_700_000_000_123.9 }).timestamp(), 1_700_000_000_123n);
    assert.equal(new InMemoryOffchainEnv({ clock: () => 5n }).timestamp(), 5n);
    const now = BigInt(Date.now());
    assert.ok(new InMemoryOffchainEnv().timestamp() >= now);
  });

  it('should return at once when sleeping until a past deadline, and use a custom sleeper if given', () => {
    const env = new InMemoryOffchainEnv({ clock: () => 1000 });
    const t0 = Date.now();
    env.sleepUntil(10n);
    assert.ok(Date.now() - t0 < 100);
    const deadlines: bigint[] = [];
    new InMemoryOffchainEnv({ sleepUntil: (d) => void deadlines.push(d) }).sleepUntil(99n);
    assert.deepEqual(deadlines, [99n]);
  });

  it('should sleep the remaining time once when the deadline is ahead', () => {
    const env = new InMemoryOffchainEnv({ clock: () => 1000 });
    const t0 = Date.now();
    env.sleepUntil(1030n);
    assert.ok(Date.now() - t0 >= 25);
  });

  it('should produce 32-byte seeds, reproducible with seededRandom', () => {
    const a = new InMemoryOffchainEnv({ random: seededRandom('seed') }).randomSeed();
    const b = new InMemoryOffchainEnv({ random: seededRandom('seed') }).randomSeed();
    const c = new InMemoryOffchainEnv({ random: seededRandom('other') }).randomSeed();
    assert.equal(a.length, 32);
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, c);
    const fill = seededRandom(utf8('seed'));
    const long = new Uint8Array(100);
    fill(long);
    assert.deepEqual(long.subarray(0, 32), a);
    assert.equal(new InMemoryOffchainEnv().randomSeed().length, 32);
  });

  it('should keep PERSISTENT values by hex key in a caller-shared map, as copies', () => {
    const persistent = new Map<string, Uint8Array>();
    const env = new InMemoryOffchainEnv({ persistent });
    const value = utf8('value');
    env.localStorageSet('persistent', utf8('key'), value);
    value[0] = 0;
    assert.deepEqual(persistent.get(toHexRaw(utf8('key'))), utf8('value'));
    assert.deepEqual(env.localStorageGet('persistent', utf8('key')), utf8('value'));
    env.localStorageClear('persistent', utf8('key'));
    assert.equal(env.localStorageGet('persistent', utf8('key')), undefined);
  });

  it('should compare-and-set like sp-core: vacant needs None, occupied needs an equal value', () => {
    const env = new InMemoryOffchainEnv();
    const k = utf8('k');
    assert.equal(env.localStorageCompareAndSet('persistent', k, utf8('x'), utf8('v1')), false);
    assert.equal(env.localStorageCompareAndSet('persistent', k, undefined, utf8('v1')), true);
    assert.equal(env.localStorageCompareAndSet('persistent', k, undefined, utf8('v2')), false);
    assert.equal(env.localStorageCompareAndSet('persistent', k, utf8('v'), utf8('v2')), false);
    assert.equal(env.localStorageCompareAndSet('persistent', k, utf8('v1'), utf8('v2')), true);
    assert.deepEqual(env.localStorageGet('persistent', k), utf8('v2'));
  });

  it('should treat LOCAL storage as unavailable by default, like Substrate', () => {
    const env = new InMemoryOffchainEnv();
    env.localStorageSet('local', utf8('k'), utf8('v'));
    assert.equal(env.localStorageGet('local', utf8('k')), undefined);
    assert.equal(env.localStorageCompareAndSet('local', utf8('k'), undefined, utf8('v')), false);
    assert.equal(env.persistent.size, 0);
  });

  it('should use a LOCAL map when one is given, separate from PERSISTENT', () => {
    const local = new Map<string, Uint8Array>();
    const env = new InMemoryOffchainEnv({ local });
    env.localStorageSet('local', utf8('k'), utf8('l'));
    env.localStorageSet('persistent', utf8('k'), utf8('p'));
    assert.deepEqual(env.localStorageGet('local', utf8('k')), utf8('l'));
    assert.deepEqual(env.localStorageGet('persistent', utf8('k')), utf8('p'));
    assert.equal(local.size, 1);
  });

  it('should remember the last authorized nodes and consult the pool hook', () => {
    const seen: Uint8Array[] = [];
    const env = new InMemoryOffchainEnv({ submitTransaction: (xt) => (seen.push(xt), xt.length > 1) });
    assert.equal(env.submitTransaction(Uint8Array.of(1)), false);
    assert.equal(env.submitTransaction(Uint8Array.of(1, 2)), true);
    assert.equal(seen.length, 2);
    env.setAuthorizedNodes([utf8('a')], true);
    assert.deepEqual(env.authorizedNodes, { nodes: [utf8('a')], authorizedOnly: true });
  });
});
