/**
 * `ext_storage_*` host functions over a fake context (a real WebAssembly.Memory)
 * and a StateMachine: result encodings, edge cases, and the W3F conformance
 * cases replayed at the host-function level.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareBytes, decodeUtf8, toHex, toHexRaw, utf8 } from '../../src/base/bytes.js';
import { isSwxError } from '../../src/base/errors.js';
import { ScaleReader, ScaleWriter } from '../../src/base/scale.js';
import { STORAGE_HOST_FUNCTIONS } from '../../src/host/storage.js';
import { InMemoryBackend } from '../../src/state/backend.js';
import { packFat } from '../../src/host/memory.js';
import { StorageHost, optionVec, vecText, w3fCases, type W3fCase } from '../state/w3f-storage.js';

const b = utf8;
const SET = 'ext_storage_set_version_1';
const GET = 'ext_storage_get_version_1';
const READ = 'ext_storage_read_version_1';

test('every ext_storage_* function of sp-io is registered with its Wasm signature', () => {
  const sigs = Object.fromEntries(STORAGE_HOST_FUNCTIONS.map((f) => [f.name, `${f.params.join(',')}->${f.results.join(',')}`]));
  assert.deepEqual(sigs, {
    ext_storage_set_version_1: 'i64,i64->',
    ext_storage_get_version_1: 'i64->i64',
    ext_storage_read_version_1: 'i64,i64,i32->i64',
    ext_storage_clear_version_1: 'i64->',
    ext_storage_exists_version_1: 'i64->i32',
    ext_storage_clear_prefix_version_1: 'i64->',
    ext_storage_clear_prefix_version_2: 'i64,i64->i64',
    ext_storage_clear_prefix_version_3: 'i64,i64,i64->i64',
    ext_storage_append_version_1: 'i64,i64->',
    ext_storage_root_version_1: '->i64',
    ext_storage_root_version_2: 'i32->i64',
    ext_storage_changes_root_version_1: 'i64->i64',
    ext_storage_next_key_version_1: 'i64->i64',
    ext_storage_start_transaction_version_1: '->',
    ext_storage_rollback_transaction_version_1: '->',
    ext_storage_commit_transaction_version_1: '->',
  });
});

test('get returns SCALE Option<Vec<u8>>; set and clear write through', async () => {
  const host = await StorageHost.create();
  assert.equal(toHex(host.callBytes(GET, b('k'))), '0x00');
  host.callVoid(SET, b('k'), b('abc'));
  assert.equal(toHex(host.callBytes(GET, b('k'))), '0x010c616263');
  assert.equal(host.callI32('ext_storage_exists_version_1', b('k')), 1);
  host.callVoid('ext_storage_clear_version_1', b('k'));
  assert.equal(host.callI32('ext_storage_exists_version_1', b('k')), 0);
  host.callVoid(SET, b('empty'), new Uint8Array(0));
  assert.equal(toHex(host.callBytes(GET, b('empty'))), '0x0100');
});

test('read copies value[offset..] into the buffer and returns the bytes left (offset past the end: Some(0))', async () => {
  const host = await StorageHost.create();
  const readRaw = (key: string, size: number, offset: number): [string, string] => {
    const out = host.ctx.putFat(new Uint8Array(size).fill(0xee));
    const r = host.call(READ, host.ctx.putFat(b(key)), out, offset) as bigint;
    return [toHex(host.ctx.memory.readFat(r)), toHex(host.ctx.memory.readFat(out))];
  };
  assert.deepEqual(readRaw('k', 4, 0), ['0x00', '0xeeeeeeee'], 'absent: None, buffer untouched');
  host.callVoid(SET, b('k'), b('Monitored'));
  assert.deepEqual(readRaw('k', 3, 2), ['0x0107000000', toHex(b('nit'))], 'partial copy, 7 bytes left');
  assert.deepEqual(readRaw('k', 20, 0), ['0x0109000000', toHex(b('Monitored')) + 'ee'.repeat(11)]);
  assert.deepEqual(readRaw('k', 2, 9), ['0x0100000000', '0xeeee'], 'offset = len');
  assert.deepEqual(readRaw('k', 2, 20), ['0x0100000000', '0xeeee'], 'offset > len');
  assert.deepEqual(readRaw('k', 0, 0), ['0x0109000000', '0x'], 'empty buffer');
  assert.deepEqual(readRaw('k', 1, -1), ['0x0100000000', '0xee'], 'offset is a u32');
});

test('read checks the output buffer bounds even for an absent key', async () => {
  const host = await StorageHost.create();
  const size = host.ctx.memory.size;
  assert.throws(
    () => host.call(READ, host.ctx.putFat(b('k')), packFat(size - 2, 4), 0),
    (e) => isSwxError(e, 'HOST_OUT_OF_BOUNDS'),
  );
  assert.throws(() => host.call(SET, packFat(size, 1), host.ctx.putFat(b('v'))), (e) => isSwxError(e, 'HOST_OUT_OF_BOUNDS'));
});

test('clear_prefix v2 returns KillStorageResult from the loop count', async () => {
  const host = await StorageHost.create(InMemoryBackend.fromEntries([1, 2, 3].map((i) => [b(`p${i}`), b('v')])));
  const limit2 = new Uint8Array([1, 2, 0, 0, 0]);
  assert.equal(toHex(host.callBytes('ext_storage_clear_prefix_version_2', b('p'), limit2)), '0x0102000000', 'SomeRemaining(2)');
  assert.equal(toHex(host.callBytes('ext_storage_clear_prefix_version_2', b('p'), new Uint8Array([0]))), '0x0003000000', 'AllRemoved(3 loops)');
  for (const bad of [[2], [1, 0, 0], []]) {
    assert.throws(
      () => host.callBytes('ext_storage_clear_prefix_version_2', b('p'), new Uint8Array(bad)),
      (e) => isSwxError(e, 'HOST_BAD_ARGUMENT') && e.context.hostFunction === 'ext_storage_clear_prefix_version_2',
    );
  }
  // trailing bytes after the Option are ignored (Decode::decode)
  assert.equal(toHex(host.callBytes('ext_storage_clear_prefix_version_2', b('p'), new Uint8Array([0, 9, 9]))), '0x0003000000');
});

test('clear_prefix v3 returns MultiRemovalResults and honours the cursor', async () => {
  const host = await StorageHost.create(InMemoryBackend.fromEntries([1, 2, 3].map((i) => [b(`p${i}`), b('v')])));
  host.callVoid(SET, b('p9'), b('overlay'));
  const some1 = new Uint8Array([1, 1, 0, 0, 0]);
  const none = new Uint8Array([0]);
  const r = host.callBytes('ext_storage_clear_prefix_version_3', b('p'), some1, none);
  const cursor = new ScaleWriter().optionBytes(b('p2')).finish();
  assert.equal(toHex(r), toHex(cursor) + '01000000' + '02000000' + '01000000');
  const cursorArg = new ScaleWriter().optionBytes(b('p2')).finish().slice();
  const r2 = host.callBytes('ext_storage_clear_prefix_version_3', b('p'), none, cursorArg);
  assert.equal(toHex(r2), '0x00' + '02000000' + '02000000' + '02000000');
  assert.throws(() => host.callBytes('ext_storage_clear_prefix_version_3', b('p'), none, new Uint8Array([1, 8])), (e) => isSwxError(e, 'HOST_BAD_ARGUMENT'));
});

test('root v2 takes the state version as an i32 truncated to u8; v1 is V0', async () => {
  const host = await StorageHost.create(InMemoryBackend.fromEntries([[b('long'), new Uint8Array(40).fill(1)]]));
  const v0 = toHex(host.callBytes('ext_storage_root_version_1'));
  const rootV = (v: number): string => toHex(host.ctx.memory.readFat(host.call('ext_storage_root_version_2', v) as bigint));
  host.callVoid(SET, b('x'), b('1')); // invalidate the cached root between versions
  const v0b = rootV(0);
  host.callVoid(SET, b('x'), b('1'));
  const v1 = rootV(1);
  host.callVoid(SET, b('x'), b('1'));
  assert.equal(rootV(256), v0b, '256 truncates to 0');
  assert.notEqual(v0b, v1, 'a 40-byte value is hashed in V1 only');
  assert.notEqual(v0, v0b, 'x was written');
  assert.equal(v1.length, 66);
  assert.throws(() => host.call('ext_storage_root_version_2', 2), (e) => isSwxError(e, 'HOST_BAD_ARGUMENT'));
});

test('changes_root is always None, after reading its argument', async () => {
  const host = await StorageHost.create();
  assert.equal(toHex(host.callBytes('ext_storage_changes_root_version_1', new Uint8Array(32))), '0x00');
  assert.throws(() => host.call('ext_storage_changes_root_version_1', packFat(host.ctx.memory.size, 32)), (e) => isSwxError(e, 'HOST_OUT_OF_BOUNDS'));
});

test('transactions: rollback undoes writes; closing with none open traps', async () => {
  const host = await StorageHost.create();
  host.callVoid('ext_storage_start_transaction_version_1');
  host.callVoid(SET, b('k'), b('v'));
  host.callVoid('ext_storage_rollback_transaction_version_1');
  assert.equal(toHex(host.callBytes(GET, b('k'))), '0x00');
  host.callVoid('ext_storage_start_transaction_version_1');
  host.callVoid(SET, b('k'), b('v'));
  host.callVoid('ext_storage_commit_transaction_version_1');
  assert.equal(toHex(host.callBytes(GET, b('k'))), '0x01' + '04' + '76');
  assert.throws(() => host.callVoid('ext_storage_commit_transaction_version_1'), (e) => isSwxError(e, 'STATE_NO_TRANSACTION'));
  assert.throws(() => host.callVoid('ext_storage_rollback_transaction_version_1'), (e) => isSwxError(e, 'STATE_NO_TRANSACTION'));
});

/** Runs one W3F main-storage case (ADAPTER.md §2.1–2.2) and returns what the adapter prints. */
async function runMainCase(c: W3fCase): Promise<string> {
  const host = await StorageHost.create();
  const a = (c.args ?? []).map((x) => b(x));
  const get = (k: Uint8Array) => optionVec(host.callBytes(GET, k));
  const set = (k: Uint8Array, v: Uint8Array) => host.callVoid(SET, k, v);
  const fn = c.function.replace(/^ext_storage_/, '').replace(/_version_1$/, '');
  const text = (v: Uint8Array | undefined): string => decodeUtf8(v!)!;
  switch (fn) {
    case 'test_storage_init':
      return toHexRaw(host.callBytes('ext_storage_root_version_1')) + '\n';
    case 'set':
    case 'get':
      assert.equal(get(a[0]!), undefined);
      set(a[0]!, a[1]!);
      return text(get(a[0]!)) + '\n';
    case 'read': {
      const [k, v] = [a[0]!, a[1]!];
      const [off, size] = [Number(c.args![2]), Number(c.args![3])];
      assert.equal(host.read(READ, [k], off, size), undefined);
      set(k, v);
      const r = host.read(READ, [k], off, size)!;
      assert.equal(toHex(r), toHex(off < v.length ? v.subarray(off, Math.min(off + size, v.length)) : new Uint8Array(0)));
      return text(r) + '\n';
    }
    case 'clear':
      set(a[0]!, a[1]!);
      host.callVoid('ext_storage_clear_version_1', a[0]!);
      assert.equal(get(a[0]!), undefined);
      return '';
    case 'exists':
      assert.equal(host.callI32('ext_storage_exists_version_1', a[0]!), 0);
      set(a[0]!, a[1]!);
      assert.equal(host.callI32('ext_storage_exists_version_1', a[0]!), 1);
      return 'true\n';
    case 'clear_prefix': {
      const [p, k1, v1, k2, v2] = a as [Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array];
      set(k1, v1);
      set(k2, v2);
      host.callVoid('ext_storage_clear_prefix_version_1', p);
      for (const [k, v] of [[k1, v1], [k2, v2]] as const) {
        const starts = k.length >= p.length && compareBytes(k.subarray(0, p.length), p) === 0;
        assert.equal(get(k) === undefined ? undefined : toHex(get(k)!), starts ? undefined : toHex(v));
      }
      return '';
    }
    case 'append': {
      const [k1, , k2] = a;
      const [v1, v2] = [c.args![1]!, c.args![3]!];
      const ap = (k: Uint8Array, v: string) => host.callVoid('ext_storage_append_version_1', k, vecText(v));
      assert.equal(get(k1!), undefined);
      ap(k1!, v1);
      ap(k1!, v2);
      assert.equal(get(k2!), undefined);
      for (const v of [v2, v1, v2, v1]) ap(k2!, v);
      const items = (k: Uint8Array) => new ScaleReader(get(k)!).vec((r) => decodeUtf8(r.bytesVec())!).join(';');
      return `${items(k1!)}\n${items(k2!)}\n`;
    }
    case 'root':
      set(a[0]!, a[1]!);
      set(a[2]!, a[3]!);
      return toHexRaw(host.callBytes('ext_storage_root_version_1')) + '\n';
    case 'next_key': {
      const [k1, v1, k2, v2] = a as [Uint8Array, Uint8Array, Uint8Array, Uint8Array];
      const nk = (k: Uint8Array) => optionVec(host.callBytes('ext_storage_next_key_version_1', k));
      assert.equal(nk(k1), undefined);
      assert.equal(nk(k2), undefined);
      set(k1, v1);
      set(k2, v2);
      let out = '';
      const cmp = compareBytes(k1, k2);
      if (cmp < 0) out += text(nk(k1)) + '\n';
      else assert.equal(nk(k1), undefined);
      if (cmp > 0) out += text(nk(k2)) + '\n';
      else assert.equal(nk(k2), undefined);
      return out;
    }
    default:
      throw new Error(`no sequence for ${c.function}`);
  }
}

const MAIN_CASES = [...w3fCases('ext_storage_'), ...w3fCases('test_storage_init')];

test('W3F host-API main storage cases (hostapi/cases.json)', { skip: MAIN_CASES.length === 0 ? 'corpus hostapi/cases.json missing' : false }, async () => {
  let checked = 0;
  for (const c of MAIN_CASES) {
    const printed = await runMainCase(c);
    if (c.expected !== null) {
      assert.equal(printed, c.expected, `${c.function}(${(c.args ?? []).join(',')})`);
      checked++;
    }
  }
  assert.ok(checked >= 70, `checked ${checked} cases`);
});
