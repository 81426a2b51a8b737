/**
 * The fast MVP scan may only accept what the full validator accepts: it is
 * checked on every body of the corpus runtimes (all plain MVP, all accepted
 * fast) and on seeded random mutations of real bodies (whenever the scan
 * accepts, the full decode must accept too).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeModule, decodeLocals, DEFAULT_WASM_FEATURES } from '../../src/wasm/index.js';
import { isPlainMvpBody } from '../../src/wasm/mvp-scan.js';
import { decodeAndCheckBody } from '../../src/wasm/validate.js';
import { readCorpus, skipUnlessCorpus } from '../support/corpus.js';

function body(...ops: number[]): Uint8Array {
  return Uint8Array.from([0x00, ...ops]); // no local groups, then code
}

describe('isPlainMvpBody', () => {
  it('accepts plain MVP code ending with the function end', () => {
    assert.equal(isPlainMvpBody(body(0x41, 0x7f, 0x1a, 0x0b), 1), true); // i32.const -1; drop; end
    assert.equal(isPlainMvpBody(body(0x02, 0x40, 0x0c, 0x00, 0x0b, 0x0b), 1), true); // block; br 0; end; end
    assert.equal(isPlainMvpBody(body(0x28, 0x02, 0x80, 0x01, 0x1a, 0x0b), 1), true); // i32.load align 2 offset 128
  });

  it('hands everything unusual to the full validator', () => {
    assert.equal(isPlainMvpBody(body(0x41, 0x00, 0xc0, 0x1a, 0x0b), 1), false, 'sign-ext i32.extend8_s');
    assert.equal(isPlainMvpBody(body(0x41, 0x00, 0x11, 0x00, 0x01, 0x0b), 1), false, 'call_indirect table 1');
    assert.equal(isPlainMvpBody(body(0x28, 0x42, 0x00, 0x00, 0x0b), 1), false, 'memarg with the memory-index bit');
    assert.equal(isPlainMvpBody(body(0x02, 0x7b, 0x0b, 0x0b), 1), false, 'v128 block type');
    assert.equal(isPlainMvpBody(body(0x02, 0x00, 0x0b, 0x0b), 1), false, 'block with a type index (multi-value)');
    assert.equal(isPlainMvpBody(body(0x0b, 0x01), 1), false, 'bytes after the final end');
    assert.equal(isPlainMvpBody(body(0x41), 1), false, 'truncated');
    assert.equal(isPlainMvpBody(body(0x3f, 0x01, 0x0b), 1), false, 'memory.size with memory 1');
    assert.equal(isPlainMvpBody(body(0xfc, 0x00, 0x0b), 1), false, 'saturating truncation');
  });

  const file = 'runtimes/westend-v9300.wasm.gz';
  it('accepts every body of westend-v9300 and agrees with the full decode on mutations', { skip: skipUnlessCorpus(file) }, () => {
    const m = decodeModule(readCorpus(file));
    let seed = 0x5eed;
    const rnd = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    for (const b of m.code) assert.equal(isPlainMvpBody(b.bytes, decodeLocals(b).codeStart), true);
    let accepted = 0;
    for (let round = 0; round < 20000; round++) {
      const orig = m.code[rnd() % m.code.length]!;
      const bytes = orig.bytes.slice();
      const start = decodeLocals(orig).codeStart;
      if (bytes.length <= start) continue;
      const flips = 1 + (rnd() % 3);
      for (let f = 0; f < flips; f++) bytes[start + (rnd() % (bytes.length - start))] = rnd() & 0xff;
      if (!isPlainMvpBody(bytes, start)) continue;
      accepted++;
      assert.doesNotThrow(() => decodeAndCheckBody(DEFAULT_WASM_FEATURES, { bytes }, start), `round ${round}`);
    }
    assert.ok(accepted > 100);
  });
});
