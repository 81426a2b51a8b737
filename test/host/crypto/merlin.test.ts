import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { toHexRaw, utf8 } from '../../../src/base/bytes.js';
import { Transcript } from '../../../src/host/crypto/merlin.js';

describe('Merlin transcript', () => {
  it('should reproduce the Merlin reference vector ("test protocol" / "some label" / "challenge")', () => {
    const t = new Transcript(utf8('test protocol'));
    t.appendMessage(utf8('some label'), utf8('some data'));
    assert.equal(toHexRaw(t.challengeBytes(utf8('challenge'), 32)), 'd5a21972d0d5fe320c0d263fac7fffb8145aa640af6e9bca177c03c7efcf0615');
  });

  it('should absorb messages longer than the STROBE rate and squeeze 64-byte challenges deterministically', () => {
    const run = (): string => {
      const t = new Transcript(utf8('long'));
      t.appendMessage(utf8('m'), new Uint8Array(1000).fill(0xab));
      return toHexRaw(t.challengeBytes(utf8('c'), 64));
    };
    assert.equal(run(), run());
    assert.equal(run().length, 128);
  });

  it('should make challenges depend on labels and messages', () => {
    const c = (label: string, msg: string): string => {
      const t = new Transcript(utf8('p'));
      t.appendMessage(utf8(label), utf8(msg));
      return toHexRaw(t.challengeBytes(utf8('c'), 32));
    };
    assert.notEqual(c('a', 'x'), c('b', 'x'));
    assert.notEqual(c('a', 'x'), c('a', 'y'));
  });
});
