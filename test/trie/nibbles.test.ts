import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { commonNibblePrefix, keyContains, keyNibbles, nibbleAt, samePrefix } from '../../src/trie/nibbles.js';
import { hex, rng, randomBytes } from './support.js';

/** Obvious reference: compare nibble by nibble. */
function naivePrefix(a: Uint8Array, b: Uint8Array, start: number): number {
  let i = start;
  while (i < a.length * 2 && i < b.length * 2 && nibbleAt(a, i) === nibbleAt(b, i)) i++;
  return i;
}

describe('nibble helpers', () => {
  it('should read the high nibble of each byte first', () => {
    assert.deepEqual([...keyNibbles(hex('4819'))], [4, 8, 1, 9]);
    assert.deepEqual([...keyNibbles(hex('4819'), 1, 3)], [8, 1]);
  });

  it('should find common nibble prefixes from even and odd offsets', () => {
    assert.equal(commonNibblePrefix(hex('1234'), hex('1235'), 0), 3);
    assert.equal(commonNibblePrefix(hex('1234'), hex('1334'), 1), 1);
    assert.equal(commonNibblePrefix(hex('1234'), hex('1234ff'), 1), 4);
    assert.equal(commonNibblePrefix(hex('12'), hex('12'), 2), 2);
    assert.equal(commonNibblePrefix(hex(''), hex('12'), 0), 0);
    const next = rng(3);
    for (let i = 0; i < 2000; i++) {
      const a = randomBytes(next, next() % 5).map((x) => x & 0x11);
      const b = randomBytes(next, next() % 5).map((x) => x & 0x11);
      const start = next() % (Math.min(a.length, b.length) * 2 + 1);
      if (naivePrefix(a, b, 0) < start) continue;
      assert.equal(commonNibblePrefix(a, b, start), naivePrefix(a, b, start), `${a} ${b} ${start}`);
    }
  });

  it('should match partial keys at nibble offsets and compare prefixes', () => {
    assert.ok(keyContains(hex('4819'), new Uint8Array([8, 1]), 1));
    assert.ok(!keyContains(hex('4819'), new Uint8Array([8, 1, 9, 0]), 1));
    assert.ok(samePrefix(hex('4819'), hex('481f'), 3));
    assert.ok(!samePrefix(hex('4819'), hex('481f'), 4));
  });
});
