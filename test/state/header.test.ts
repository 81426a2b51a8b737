import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromHex, toHex } from '../../src/base/bytes.js';
import { isSwxError } from '../../src/base/errors.js';
import { decodeHeader, encodeBlock, encodeHeader, withoutSeal, type Header } from '../../src/state/header.js';
import { readCorpusJson, skipUnlessCorpus } from '../support/corpus.js';
import { hashersP } from './helpers.js';

interface Block1 {
  header_with_seal: string;
  header_without_seal: string;
  body: string[];
  block_for_Core_execute_block: string;
  expected: { parent_hash: string; number: number; state_root: string; extrinsics_root: string };
}

test('decodes Kusama block 1 and re-encodes it byte for byte; the seal is the last digest item', { skip: skipUnlessCorpus('blocks/kusama-block-1.json') }, async () => {
  const h = await hashersP;
  const blk = readCorpusJson<Block1>('blocks/kusama-block-1.json');
  const sealed = decodeHeader(fromHex(blk.header_with_seal));
  assert.equal(toHex(sealed.parentHash), blk.expected.parent_hash);
  assert.equal(sealed.number, 1);
  assert.equal(toHex(sealed.stateRoot), blk.expected.state_root);
  assert.equal(toHex(sealed.extrinsicsRoot), blk.expected.extrinsics_root);
  assert.deepEqual(sealed.digest.map((d) => d.kind), ['preRuntime', 'consensus', 'seal']);
  assert.equal(toHex(encodeHeader(sealed)), blk.header_with_seal);
  const unsealed = withoutSeal(sealed);
  assert.equal(toHex(encodeHeader(unsealed)), blk.header_without_seal);
  assert.equal(withoutSeal(unsealed), unsealed, 'nothing to remove');
  // The block hash is over the sealed header; block 2's parent would be this.
  assert.equal(h.blake2_256(fromHex(blk.header_with_seal)).length, 32);
});

test('encodes the Core_execute_block input: header ++ Compact(n) ++ extrinsics as given', { skip: skipUnlessCorpus('blocks/kusama-block-1.json') }, () => {
  const blk = readCorpusJson<Block1>('blocks/kusama-block-1.json');
  const bytes = encodeBlock(fromHex(blk.header_without_seal), blk.body.map((x) => fromHex(x)));
  assert.equal(toHex(bytes), blk.block_for_Core_execute_block);
});

test('digest items of every kind round-trip', () => {
  const header: Header = {
    parentHash: new Uint8Array(32).fill(1),
    number: 0xffffffff,
    stateRoot: new Uint8Array(32).fill(2),
    extrinsicsRoot: new Uint8Array(32).fill(3),
    digest: [
      { kind: 'preRuntime', engine: fromHex('0x42414245'), data: fromHex('0x0102') },
      { kind: 'consensus', engine: fromHex('0x46524e4b'), data: new Uint8Array(70) },
      { kind: 'other', data: fromHex('0xff') },
      { kind: 'runtimeEnvironmentUpdated' },
      { kind: 'seal', engine: fromHex('0x61757261'), data: new Uint8Array(64).fill(9) },
    ],
  };
  const enc = encodeHeader(header);
  assert.deepEqual(decodeHeader(enc), header);
  assert.equal(toHex(enc.subarray(32, 37)), '0x03ffffffff', 'Compact<u32> number');
});

test('malformed headers and blocks are refused', () => {
  const good = encodeHeader({ parentHash: new Uint8Array(32), number: 5, stateRoot: new Uint8Array(32), extrinsicsRoot: new Uint8Array(32), digest: [] });
  const bad = (f: () => unknown, re: RegExp): void => {
    assert.throws(f, (e: unknown) => isSwxError(e, 'INVALID_INPUT') && re.test(e.message), String(re));
  };
  bad(() => decodeHeader(good.subarray(0, 50)), /SCALE/);
  bad(() => decodeHeader(new Uint8Array([...good, 0])), /trailing/);
  bad(() => decodeHeader(new Uint8Array([...good.subarray(0, good.length - 1), 4, 7])), /unknown digest item type 7/);
  bad(() => encodeHeader({ parentHash: new Uint8Array(31), number: 0, stateRoot: new Uint8Array(32), extrinsicsRoot: new Uint8Array(32), digest: [] }), /parentHash/);
  bad(() => encodeBlock(good, [fromHex('0x0801')]), /length prefix says 2 bytes, 1 follow/);
  bad(() => encodeBlock(good, [fromHex('0x')]), /SCALE length prefix/);
});
