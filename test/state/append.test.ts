import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendItem, decodeCompactU32Prefix } from '../../src/state/append.js';
import { encodeBytesVec, ScaleReader, ScaleWriter } from '../../src/base/scale.js';
import { concatBytes } from '../../src/base/bytes.js';
import { InMemoryBackend } from '../../src/state/backend.js';
import { b, h, hx, machine, textBackend } from './helpers.js';

/** SCALE `Vec<Vec<u8>>` of texts. */
function vecOf(...items: string[]): Uint8Array {
  const w = new ScaleWriter().compact(items.length);
  for (const i of items) w.bytesVec(b(i));
  return w.finish().slice();
}

test('decodeCompactU32Prefix accepts the canonical Compact<u32> forms only', () => {
  assert.deepEqual(decodeCompactU32Prefix(h('00')), { value: 0, length: 1 });
  assert.deepEqual(decodeCompactU32Prefix(h('fc')), { value: 63, length: 1 });
  assert.deepEqual(decodeCompactU32Prefix(h('0101')), { value: 64, length: 2 });
  assert.deepEqual(decodeCompactU32Prefix(h('fdff')), { value: 16383, length: 2 });
  assert.deepEqual(decodeCompactU32Prefix(h('02000100')), { value: 16384, length: 4 });
  assert.deepEqual(decodeCompactU32Prefix(h('feffffff')), { value: 0x3fffffff, length: 4 });
  assert.deepEqual(decodeCompactU32Prefix(h('0300000040')), { value: 0x40000000, length: 5 });
  assert.deepEqual(decodeCompactU32Prefix(h('03ffffffff')), { value: 0xffffffff, length: 5 });
  // Non-canonical, truncated, too wide for a u32:
  for (const bad of ['', '01', '0100', 'fd00', '02', '020000', 'fe000000', '03ffffff3f', '03', '07000000000001']) {
    assert.equal(decodeCompactU32Prefix(h(bad)), undefined, bad);
  }
});

test('appending to an absent or undecodable value starts a one-item vector', () => {
  const item = encodeBytesVec(b('x'));
  assert.equal(hx(appendItem(undefined, item)), hx(concatBytes(h('04'), item)));
  assert.equal(hx(appendItem(new Uint8Array(0), item)), hx(concatBytes(h('04'), item)));
  // upstream `storage_append_works`: data `[1]` is not a valid length prefix → reset to `[value]`.
  assert.equal(hx(appendItem(h('01'), h('01000000'))), hx(h('0401000000')));
});

test('appending to a SCALE vector bumps the count and keeps the items unvalidated', () => {
  assert.equal(hx(appendItem(vecOf('a'), encodeBytesVec(b('bc')))), hx(vecOf('a', 'bc')));
  // The count prefix changes width at 64 items; the bytes after it are kept as they are.
  const v63 = concatBytes(h('fc'), new Uint8Array(63).fill(7));
  const out = appendItem(v63, h('07'));
  assert.equal(hx(out.subarray(0, 2)), '0x0101');
  assert.equal(out.length, 2 + 64);
  // Garbage after a valid prefix is kept.
  assert.equal(hx(appendItem(h('08ffff'), h('aa'))), '0x0cffffaa');
  // The u32 count wraps like the release-build addition.
  assert.equal(hx(appendItem(h('03ffffffff'), h('aa'))), '0x00aa');
});

test('upstream append sequence: backend init, committed set, deleted key, nested rollback', async () => {
  const sm = await machine(textBackend({ key3: '' }));
  const valinit = vecOf('valinit');
  sm.set(b('key3'), valinit);
  sm.set(b('key0'), vecOf('val0'));
  sm.clear(b('key1'));
  sm.append(b('key3'), encodeBytesVec(b('-modified')));
  assert.equal(hx(sm.get(b('key3'))), hx(vecOf('valinit', '-modified')));
  sm.startTransaction();
  sm.startTransaction();
  sm.append(b('key3'), encodeBytesVec(b('-twice')));
  sm.append(b('key2'), encodeBytesVec(b('-modified')));
  sm.append(b('key0'), encodeBytesVec(b('-modified')));
  sm.append(b('key1'), encodeBytesVec(b('deleted-modified')));
  assert.equal(hx(sm.get(b('key0'))), hx(vecOf('val0', '-modified')));
  assert.equal(hx(sm.get(b('key1'))), hx(vecOf('deleted-modified')));
  assert.equal(hx(sm.get(b('key2'))), hx(vecOf('-modified')));
  assert.equal(hx(sm.get(b('key3'))), hx(vecOf('valinit', '-modified', '-twice')));
  sm.startTransaction();
  sm.append(b('key3'), encodeBytesVec(b('-2')));
  assert.equal(hx(sm.get(b('key3'))), hx(vecOf('valinit', '-modified', '-twice', '-2')));
  sm.rollbackTransaction();
  sm.startTransaction();
  sm.append(b('key3'), encodeBytesVec(b('-thrice')));
  assert.equal(hx(sm.get(b('key3'))), hx(vecOf('valinit', '-modified', '-twice', '-thrice')));
  sm.commitTransaction();
  sm.commitTransaction();
  assert.equal(hx(sm.get(b('key3'))), hx(vecOf('valinit', '-modified', '-twice', '-thrice')));
  sm.rollbackTransaction();
  assert.equal(hx(sm.get(b('key0'))), hx(vecOf('val0')));
  assert.equal(sm.get(b('key1')), undefined);
  assert.equal(sm.get(b('key2')), undefined);
  assert.equal(hx(sm.get(b('key3'))), hx(vecOf('valinit', '-modified')));
});

test('append reads the backend value when the overlay has none, and is not refused for child keys', async () => {
  const sm = await machine(textBackend({ list: '' }));
  const backendVec = await machine(InMemoryBackend.fromEntries([[b('list'), vecOf('a', 'b')]]));
  backendVec.append(b('list'), encodeBytesVec(b('c')));
  assert.equal(hx(backendVec.get(b('list'))), hx(vecOf('a', 'b', 'c')));
  const items = new ScaleReader(backendVec.get(b('list'))!).vec((r) => r.bytesVec());
  assert.equal(items.length, 3);
  // The empty backend value is not a vector: reset to one item.
  sm.append(b('list'), encodeBytesVec(b('z')));
  assert.equal(hx(sm.get(b('list'))), hx(vecOf('z')));
  sm.append(b(':child_storage:default:x'), h('00'));
  assert.equal(hx(sm.get(b(':child_storage:default:x'))), '0x0400');
});
