/**
 * `ext_default_child_storage_*` host functions over a fake context and a
 * StateMachine: result encodings, edge cases, and the W3F conformance cases
 * replayed at the host-function level (ADAPTER.md §2.3).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareBytes, decodeUtf8, toHex, toHexRaw, utf8 } from '../../src/base/bytes.js';
import { isSwxError } from '../../src/base/errors.js';
import { ScaleWriter } from '../../src/base/scale.js';
import { CHILD_STORAGE_HOST_FUNCTIONS } from '../../src/host/child-storage.js';
import { InMemoryBackend } from '../../src/state/backend.js';
import { trieRoot } from '../../src/trie/index.js';
import { testHashers } from '../support/fake-context.js';
import { StorageHost, optionVec, w3fCases, type W3fCase } from '../state/w3f-storage.js';

const b = utf8;
const P = 'ext_default_child_storage_';
const none = new Uint8Array([0]);
const some = (n: number): Uint8Array => new ScaleWriter().u8(1).u32(n).finish().slice();

test('every ext_default_child_storage_* function of sp-io is registered with its Wasm signature', () => {
  const sigs = Object.fromEntries(CHILD_STORAGE_HOST_FUNCTIONS.map((f) => [f.name.slice(P.length), `${f.params.join(',')}->${f.results.join(',')}`]));
  assert.deepEqual(sigs, {
    get_version_1: 'i64,i64->i64',
    read_version_1: 'i64,i64,i64,i32->i64',
    set_version_1: 'i64,i64,i64->',
    clear_version_1: 'i64,i64->',
    storage_kill_version_1: 'i64->',
    storage_kill_version_2: 'i64,i64->i32',
    storage_kill_version_3: 'i64,i64->i64',
    storage_kill_version_4: 'i64,i64,i64->i64',
    exists_version_1: 'i64,i64->i32',
    clear_prefix_version_1: 'i64,i64->',
    clear_prefix_version_2: 'i64,i64,i64->i64',
    clear_prefix_version_3: 'i64,i64,i64,i64->i64',
    root_version_1: 'i64->i64',
    root_version_2: 'i64,i32->i64',
    next_key_version_1: 'i64,i64->i64',
  });
});

const kidBackend = (): InMemoryBackend => InMemoryBackend.fromEntries([], [[b('kid'), [1, 2, 3].map((i) => [b(`k${i}`), b('v')] as [Uint8Array, Uint8Array])]]);

test('storage_kill v2 answers "all removed" as an i32 bool; v3 KillStorageResult; v4 MultiRemovalResults', async () => {
  const v2 = await StorageHost.create(kidBackend());
  assert.equal(v2.callI32(`${P}storage_kill_version_2`, b('kid'), some(2)), 0);
  assert.equal(v2.callI32(`${P}storage_kill_version_2`, b('kid'), none), 1);
  const v3 = await StorageHost.create(kidBackend());
  assert.equal(toHex(v3.callBytes(`${P}storage_kill_version_3`, b('kid'), some(1))), '0x0101000000');
  assert.equal(toHex(v3.callBytes(`${P}storage_kill_version_3`, b('kid'), none)), '0x0003000000');
  const v4 = await StorageHost.create(kidBackend());
  v4.callVoid(`${P}set_version_1`, b('kid'), b('k9'), b('x'));
  const cursor = new ScaleWriter().optionBytes(b('k2')).finish().slice();
  assert.equal(toHex(v4.callBytes(`${P}storage_kill_version_4`, b('kid'), some(1), none)), toHex(cursor) + '01000000' + '02000000' + '01000000');
  assert.equal(toHex(v4.callBytes(`${P}storage_kill_version_4`, b('kid'), none, cursor)), '0x00' + '02000000' + '02000000' + '02000000');
  assert.throws(() => v4.callBytes(`${P}storage_kill_version_3`, b('kid'), new Uint8Array([3])), (e) => isSwxError(e, 'HOST_BAD_ARGUMENT'));
});

test('clear_prefix v2 / v3 report like the top-trie versions', async () => {
  const host = await StorageHost.create(kidBackend());
  assert.equal(toHex(host.callBytes(`${P}clear_prefix_version_2`, b('kid'), b('k'), some(2))), '0x0102000000');
  const r = host.callBytes(`${P}clear_prefix_version_3`, b('kid'), b('k'), none, new ScaleWriter().optionBytes(b('k3')).finish().slice());
  assert.equal(toHex(r), '0x00' + '01000000' + '01000000' + '01000000');
  assert.equal(host.callI32(`${P}exists_version_1`, b('kid'), b('k3')), 0);
});

test('read and get: same encodings as the top trie, separate per child trie', async () => {
  const host = await StorageHost.create();
  host.callVoid(`${P}set_version_1`, b('c1'), b('k'), b('Monitored'));
  assert.equal(toHex(host.callBytes(`${P}get_version_1`, b('c2'), b('k'))), '0x00');
  assert.equal(toHex(host.callBytes(`${P}get_version_1`, b('c1'), b('k'))), toHex(new ScaleWriter().optionBytes(b('Monitored')).finish()));
  assert.equal(decodeUtf8(host.read(`${P}read_version_1`, [b('c1'), b('k')], 2, 3)!), 'nit');
  assert.equal(host.read(`${P}read_version_1`, [b('c1'), b('k')], 30, 3)!.length, 0, 'offset past the end: Some(0)');
  assert.equal(host.read(`${P}read_version_1`, [b('c2'), b('k')], 0, 3), undefined);
});

test('root v1 is V0, v2 takes the version; the root lands in the top trie under the prefixed key', async () => {
  const h = await testHashers;
  const host = await StorageHost.create();
  const long = new Uint8Array(40).fill(7);
  host.callVoid(`${P}set_version_1`, b('c'), b('k'), long);
  assert.equal(toHex(host.callBytes(`${P}root_version_1`, b('c'))), toHex(trieRoot([[b('k'), long]], 0, h.blake2_256)));
  const v1 = host.ctx.memory.readFat(host.call(`${P}root_version_2`, host.ctx.putFat(b('c')), 1) as bigint);
  assert.equal(toHex(v1), toHex(trieRoot([[b('k'), long]], 1, h.blake2_256)));
  assert.equal(toHex(host.sm.get(b(':child_storage:default:c'))!), toHex(v1));
  assert.throws(() => host.call(`${P}root_version_2`, host.ctx.putFat(b('c')), 7), (e) => isSwxError(e, 'HOST_BAD_ARGUMENT'));
});

/** Runs one W3F child-storage case (ADAPTER.md §2.3) and returns what the adapter prints. */
async function runChildCase(c: W3fCase): Promise<string> {
  const host = await StorageHost.create();
  const a = c.args!.map((x) => b(x));
  const [c1, c2] = [a[0]!, a[1]!];
  const fn = c.function.slice(P.length).replace(/_version_1$/, '');
  const cget = (ck: Uint8Array, k: Uint8Array) => optionVec(host.callBytes(`${P}get_version_1`, ck, k));
  const cset = (ck: Uint8Array, k: Uint8Array, v: Uint8Array) => host.callVoid(`${P}set_version_1`, ck, k, v);
  const hexOf = (v: Uint8Array | undefined) => (v === undefined ? undefined : toHex(v));
  switch (fn) {
    case 'set':
    case 'get': {
      const [k, v] = [a[2]!, a[3]!];
      assert.equal(cget(c1, k), undefined);
      cset(c1, k, v);
      assert.equal(cget(c2, k), undefined);
      return decodeUtf8(cget(c1, k)!) + '\n';
    }
    case 'read': {
      const [k, v] = [a[2]!, a[3]!];
      const [off, size] = [Number(c.args![4]), Number(c.args![5])];
      const rd = (ck: Uint8Array) => host.read(`${P}read_version_1`, [ck, k], off, size);
      assert.equal(rd(c1), undefined);
      cset(c1, k, v);
      assert.equal(rd(c2), undefined);
      const r = rd(c1)!;
      assert.equal(toHex(r), toHex(off < v.length ? v.subarray(off, Math.min(off + size, v.length)) : new Uint8Array(0)));
      return decodeUtf8(r) + '\n';
    }
    case 'clear': {
      const [k, v] = [a[2]!, a[3]!];
      cset(c1, k, v);
      host.callVoid(`${P}clear_version_1`, c2, k);
      assert.equal(hexOf(cget(c1, k)), toHex(v));
      host.callVoid(`${P}clear_version_1`, c1, k);
      assert.equal(cget(c1, k), undefined);
      return '';
    }
    case 'storage_kill': {
      const [k1, v1, k2, v2] = a.slice(2) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array];
      cset(c1, k1, v1);
      cset(c1, k2, v2);
      host.callVoid(`${P}storage_kill_version_1`, c2);
      assert.equal(hexOf(cget(c1, k1)), toHex(v1));
      assert.equal(hexOf(cget(c1, k2)), toHex(v2));
      host.callVoid(`${P}storage_kill_version_1`, c1);
      assert.equal(cget(c1, k1), undefined);
      assert.equal(cget(c1, k2), undefined);
      return '';
    }
    case 'exists': {
      const [k, v] = [a[2]!, a[3]!];
      assert.equal(host.callI32(`${P}exists_version_1`, c1, k), 0);
      cset(c1, k, v);
      assert.equal(host.callI32(`${P}exists_version_1`, c2, k), 0);
      assert.equal(host.callI32(`${P}exists_version_1`, c1, k), 1);
      return 'true\n';
    }
    case 'clear_prefix': {
      const [p, k1, v1, k2, v2] = a.slice(2) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array];
      cset(c1, k1, v1);
      cset(c1, k2, v2);
      host.callVoid(`${P}clear_prefix_version_1`, c2, p);
      host.callVoid(`${P}clear_prefix_version_1`, c1, p);
      let out = '';
      for (const k of [k1, k2]) {
        const starts = k.length >= p.length && compareBytes(k.subarray(0, p.length), p) === 0;
        const got = cget(c1, k);
        if (starts) assert.equal(got, undefined);
        else out += decodeUtf8(got!) + '\n';
      }
      return out;
    }
    case 'root': {
      const [k1, v1, k2, v2] = a.slice(2) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array];
      cset(c1, k1, v1);
      cset(c1, k2, v2);
      cset(c2, k1, v2);
      cset(c2, k2, v1);
      return toHexRaw(host.callBytes(`${P}root_version_1`, c1)) + '\n';
    }
    case 'next_key': {
      const [k1, v1, k2, v2] = a.slice(2) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array];
      const cnk = (ck: Uint8Array, k: Uint8Array) => optionVec(host.callBytes(`${P}next_key_version_1`, ck, k));
      assert.equal(cnk(c1, k1), undefined);
      cset(c1, k1, v1);
      cset(c1, k2, v2);
      let out = '';
      const cmp = compareBytes(k1, k2);
      if (cmp < 0) out += decodeUtf8(cnk(c1, k1)!) + '\n';
      else assert.equal(cnk(c1, k1), undefined);
      if (cmp > 0) out += decodeUtf8(cnk(c1, k2)!) + '\n';
      else assert.equal(cnk(c1, k2), undefined);
      assert.equal(cnk(c2, k1), undefined);
      assert.equal(cnk(c2, k2), undefined);
      return out;
    }
    default:
      throw new Error(`no sequence for ${c.function}`);
  }
}

const CHILD_CASES = w3fCases(P);

test('W3F host-API child storage cases (hostapi/cases.json)', { skip: CHILD_CASES.length === 0 ? 'corpus hostapi/cases.json missing' : false }, async () => {
  let checked = 0;
  for (const c of CHILD_CASES) {
    const printed = await runChildCase(c);
    if (c.expected !== null) {
      assert.equal(printed, c.expected, `${c.function}(${c.args!.join(',')})`);
      checked++;
    }
  }
  assert.ok(checked >= 70, `checked ${checked} cases`);
});
