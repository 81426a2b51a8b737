import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { toHexRaw, utf8 } from '../../src/base/bytes.js';
import { isSwxError } from '../../src/base/errors.js';
import { ScaleWriter } from '../../src/base/scale.js';
import { OFFCHAIN_HOST_FUNCTIONS } from '../../src/host/offchain.js';
import { DEFAULT_PEER_ID, InMemoryOffchainEnv, seededRandom, type HttpError, type HttpRequestStatus, type OffchainHttp } from '../../src/host/offchain-env.js';
import { packFat } from '../../src/host/memory.js';
import { bindHost, makeFakeContext, readFat, type FakeContext } from '../support/fake-context.js';

const PERSISTENT = 1;
const LOCAL = 2;

function call(ctx: FakeContext, short: string, ...args: Array<number | bigint>): number | bigint | void {
  return bindHost(OFFCHAIN_HOST_FUNCTIONS, `ext_offchain_${short}_version_1`, ctx)(...args);
}

function hexOf(ctx: FakeContext, ret: number | bigint | void): string {
  return toHexRaw(readFat(ctx, ret as bigint));
}

const optNone = () => Uint8Array.of(0);
const optSome = (b: Uint8Array) => new ScaleWriter().optionBytes(b).finish().slice();
const optU64 = (v: bigint | undefined) => (v === undefined ? Uint8Array.of(0) : new ScaleWriter().u8(1).u64(v).finish().slice());

/** A scripted HTTP backend recording each call. */
class FakeHttp implements OffchainHttp {
  calls: string[] = [];
  startAnswer: number | undefined = 1234;
  writeAnswer: HttpError | undefined = undefined;
  statuses: HttpRequestStatus[] = [];
  body = utf8('hello');
  readAnswer: HttpError | undefined = undefined;
  requestStart(method: string, uri: string, meta: Uint8Array): number | undefined {
    this.calls.push(`start ${method} ${uri} ${toHexRaw(meta)}`);
    return this.startAnswer;
  }
  requestAddHeader(id: number, name: string, value: string): boolean {
    this.calls.push(`header ${id} ${name}: ${value}`);
    return name !== 'bad';
  }
  requestWriteBody(id: number, chunk: Uint8Array, deadline: bigint | undefined): HttpError | undefined {
    this.calls.push(`write ${id} ${toHexRaw(chunk)} ${deadline}`);
    return this.writeAnswer;
  }
  responseWait(ids: readonly number[], deadline: bigint | undefined): HttpRequestStatus[] {
    this.calls.push(`wait ${ids.join(',')} ${deadline}`);
    return this.statuses;
  }
  responseHeaders(id: number): Array<[Uint8Array, Uint8Array]> {
    this.calls.push(`headers ${id}`);
    return [[utf8('content-type'), utf8('text/plain')]];
  }
  responseReadBody(id: number, buffer: Uint8Array, deadline: bigint | undefined): number | HttpError {
    this.calls.push(`read ${id} ${buffer.length} ${deadline}`);
    if (this.readAnswer !== undefined) return this.readAnswer;
    const n = Math.min(buffer.length, this.body.length);
    buffer.set(this.body.subarray(0, n));
    return n;
  }
}

describe('offchain host functions: outside offchain calls', () => {
  it('should trap with the upstream expect message of each extension', async () => {
    const ctx = await makeFakeContext();
    const cases: Array<[string, Array<number | bigint>, RegExp]> = [
      ['is_validator', [], /^is_validator can be called only in the offchain worker context$/],
      ['submit_transaction', [ctx.putFat(utf8('xt'))], /TransactionPool capabilities enabled$/],
      ['timestamp', [], /^timestamp can be called only in the offchain worker context$/],
      ['random_seed', [], /offchain worker context/],
      ['local_storage_get', [PERSISTENT, ctx.putFat(utf8('k'))], /^local_storage_get can be called only in the offchain call context with OffchainDb extension$/],
      ['http_response_headers', [1], /^http_response_headers can be called only/],
    ];
    for (const [short, args, msg] of cases) {
      assert.throws(() => call(ctx, short, ...args), (e) => isSwxError(e, 'HOST_NOT_AVAILABLE') && msg.test(e.message), short);
    }
  });

  it('should marshal arguments before looking for the extension', async () => {
    const ctx = await makeFakeContext();
    assert.throws(() => call(ctx, 'local_storage_set', 0, ctx.putFat(utf8('k')), ctx.putFat(utf8('v'))), (e) => isSwxError(e, 'HOST_BAD_ARGUMENT'));
    const bad = ctx.putFat(Uint8Array.of(0xff));
    assert.throws(() => call(ctx, 'http_request_start', bad, bad, bad), (e) => isSwxError(e, 'HOST_BAD_ARGUMENT'));
  });
});

describe('offchain host functions: node information', () => {
  it('should answer is_validator, timestamp and sleep_until from the environment', async () => {
    const slept: bigint[] = [];
    const offchain = new InMemoryOffchainEnv({ isValidator: true, clock: () => 1_700_000_000_000, sleepUntil: (d) => void slept.push(d) });
    const ctx = await makeFakeContext({ offchain });
    assert.equal(call(ctx, 'is_validator'), 1);
    assert.equal(call(ctx, 'timestamp'), 1_700_000_000_000n);
    call(ctx, 'sleep_until', 1_700_000_000_500n);
    call(ctx, 'sleep_until', -1n);
    assert.deepEqual(slept, [1_700_000_000_500n, 0xffff_ffff_ffff_ffffn]);
    assert.equal(call(await makeFakeContext({ offchain: new InMemoryOffchainEnv() }), 'is_validator'), 0);
  });

  it('should return the random seed as a pointer to 32 bytes', async () => {
    const ctx = await makeFakeContext({ offchain: new InMemoryOffchainEnv({ random: seededRandom('s') }) });
    const ptr = call(ctx, 'random_seed') as number;
    const expected = new Uint8Array(32);
    seededRandom('s')(expected);
    assert.deepEqual(ctx.memory.read(ptr, 32), expected);
  });

  it('should encode network_state as sc-offchain does (SCALE-wrapped PeerId and address strings)', async () => {
    const addr = '/ip4/127.0.0.1/tcp/30333';
    const ctx = await makeFakeContext({ offchain: new InMemoryOffchainEnv({ externalAddresses: [addr] }) });
    assert.equal(hexOf(ctx, call(ctx, 'network_state')), '00' + '9c' + '98' + toHexRaw(DEFAULT_PEER_ID) + '04' + '64' + '60' + toHexRaw(utf8(addr)));
    const none: InMemoryOffchainEnv = Object.assign(new InMemoryOffchainEnv(), { networkState: () => undefined });
    const ctx2 = await makeFakeContext({ offchain: none });
    assert.equal(hexOf(ctx2, call(ctx2, 'network_state')), '01');
  });

  it('should submit transactions, record them and answer Result<(), ()>', async () => {
    const ctx = await makeFakeContext({ offchain: new InMemoryOffchainEnv({ submitTransaction: (xt) => xt[0] === 1 }) });
    assert.equal(hexOf(ctx, call(ctx, 'submit_transaction', ctx.putFat(Uint8Array.of(1, 2)))), '00');
    assert.equal(hexOf(ctx, call(ctx, 'submit_transaction', ctx.putFat(Uint8Array.of(9)))), '01');
    assert.deepEqual(ctx.effects.submittedTransactions, [Uint8Array.of(1, 2), Uint8Array.of(9)]);
  });

  it('should pass the decoded authorized nodes and the u8 bool flag', async () => {
    const offchain = new InMemoryOffchainEnv();
    const ctx = await makeFakeContext({ offchain });
    const nodes = new ScaleWriter().compact(2).bytesVec(utf8('peer-a')).bytesVec(utf8('b')).finish().slice();
    call(ctx, 'set_authorized_nodes', ctx.putFat(nodes), 1);
    assert.deepEqual(offchain.authorizedNodes, { nodes: [utf8('peer-a'), utf8('b')], authorizedOnly: true });
    call(ctx, 'set_authorized_nodes', ctx.putFat(Uint8Array.of(0)), 0x100);
    assert.deepEqual(offchain.authorizedNodes, { nodes: [], authorizedOnly: false });
    assert.throws(() => call(ctx, 'set_authorized_nodes', ctx.putFat(Uint8Array.of(4)), 1), (e) => isSwxError(e, 'HOST_BAD_ARGUMENT'));
  });
});

describe('offchain host functions: local storage', () => {
  it('should set, get and clear PERSISTENT values (kind 1)', async () => {
    const offchain = new InMemoryOffchainEnv();
    const ctx = await makeFakeContext({ offchain });
    const key = ctx.putFat(utf8('lock'));
    assert.equal(hexOf(ctx, call(ctx, 'local_storage_get', PERSISTENT, key)), '00');
    call(ctx, 'local_storage_set', PERSISTENT, key, ctx.putFat(utf8('v')));
    assert.equal(hexOf(ctx, call(ctx, 'local_storage_get', PERSISTENT, key)), '010476');
    call(ctx, 'local_storage_clear', PERSISTENT, key);
    assert.equal(hexOf(ctx, call(ctx, 'local_storage_get', PERSISTENT, key)), '00');
  });

  it('should compare-and-set with a SCALE Option<Vec<u8>> old value', async () => {
    const ctx = await makeFakeContext({ offchain: new InMemoryOffchainEnv() });
    const key = ctx.putFat(utf8('k'));
    assert.equal(call(ctx, 'local_storage_compare_and_set', PERSISTENT, key, ctx.putFat(optNone()), ctx.putFat(utf8('a'))), 1);
    assert.equal(call(ctx, 'local_storage_compare_and_set', PERSISTENT, key, ctx.putFat(optNone()), ctx.putFat(utf8('b'))), 0);
    assert.equal(call(ctx, 'local_storage_compare_and_set', PERSISTENT, key, ctx.putFat(optSome(utf8('a'))), ctx.putFat(utf8('b'))), 1);
    assert.equal(hexOf(ctx, call(ctx, 'local_storage_get', PERSISTENT, key)), '010462');
    assert.throws(
      () => call(ctx, 'local_storage_compare_and_set', PERSISTENT, key, ctx.putFat(Uint8Array.of(2)), ctx.putFat(utf8('c'))),
      (e) => isSwxError(e, 'HOST_BAD_ARGUMENT') && /could not SCALE-decode/.test(e.message),
    );
  });

  it('should accept LOCAL (kind 2) and answer as the unavailable Substrate LOCAL DB', async () => {
    const ctx = await makeFakeContext({ offchain: new InMemoryOffchainEnv() });
    const key = ctx.putFat(utf8('k'));
    call(ctx, 'local_storage_set', LOCAL, key, ctx.putFat(utf8('v')));
    assert.equal(hexOf(ctx, call(ctx, 'local_storage_get', LOCAL, key)), '00');
    assert.equal(call(ctx, 'local_storage_compare_and_set', LOCAL, key, ctx.putFat(optNone()), ctx.putFat(utf8('v'))), 0);
  });

  it('should trap on any other storage kind, including the legacy index 0', async () => {
    const ctx = await makeFakeContext({ offchain: new InMemoryOffchainEnv() });
    for (const kind of [0, 3, -1]) {
      assert.throws(() => call(ctx, 'local_storage_get', kind, ctx.putFat(utf8('k'))), (e) => isSwxError(e, 'HOST_BAD_ARGUMENT') && /StorageKind/.test(e.message));
    }
  });
});

describe('offchain host functions: HTTP', () => {
  it('should trap like a node without the HTTP capability when no backend is configured', async () => {
    const ctx = await makeFakeContext({ offchain: new InMemoryOffchainEnv() });
    assert.throws(
      () => call(ctx, 'http_request_start', ctx.putFat(utf8('GET')), ctx.putFat(utf8('http://localhost')), ctx.putFat(new Uint8Array(0))),
      (e) => isSwxError(e, 'HOST_NOT_AVAILABLE') && e.message === 'Accessing a forbidden API: http_request_start. No: HTTP capability.',
    );
    assert.throws(() => call(ctx, 'http_response_wait', ctx.putFat(Uint8Array.of(0)), ctx.putFat(optNone())), (e) => /http_response_wait\. No: HTTP/.test((e as Error).message));
  });

  it('should encode request_start as Result<u16, ()> and pass meta raw', async () => {
    const http = new FakeHttp();
    const ctx = await makeFakeContext({ offchain: new InMemoryOffchainEnv({ http }) });
    const start = () => call(ctx, 'http_request_start', ctx.putFat(utf8('POST')), ctx.putFat(utf8('https://example.com/x')), ctx.putFat(Uint8Array.of(0xab)));
    assert.equal(hexOf(ctx, start()), '00d204');
    http.startAnswer = undefined;
    assert.equal(hexOf(ctx, start()), '01');
    assert.deepEqual(http.calls, ['start POST https://example.com/x ab', 'start POST https://example.com/x ab']);
  });

  it('should add headers (u16 id) and write bodies with Result<(), HttpError> discriminants', async () => {
    const http = new FakeHttp();
    const ctx = await makeFakeContext({ offchain: new InMemoryOffchainEnv({ http }) });
    assert.equal(hexOf(ctx, call(ctx, 'http_request_add_header', 0x10005, ctx.putFat(utf8('accept')), ctx.putFat(utf8('*/*')))), '00');
    assert.equal(hexOf(ctx, call(ctx, 'http_request_add_header', 5, ctx.putFat(utf8('bad')), ctx.putFat(utf8('x')))), '01');
    assert.equal(hexOf(ctx, call(ctx, 'http_request_write_body', 5, ctx.putFat(utf8('hi')), ctx.putFat(optU64(99n)))), '00');
    const expected: Array<[HttpError, string]> = [['deadline-reached', '0101'], ['io-error', '0102'], ['invalid', '0103']];
    for (const [err, hex] of expected) {
      http.writeAnswer = err;
      assert.equal(hexOf(ctx, call(ctx, 'http_request_write_body', 5, ctx.putFat(new Uint8Array(0)), ctx.putFat(optNone()))), hex);
    }
    assert.deepEqual(http.calls.slice(0, 3), ['header 5 accept: */*', 'header 5 bad: x', 'write 5 6869 99']);
    assert.equal(http.calls[3], 'write 5  undefined');
  });

  it('should decode the ids of response_wait and encode Vec<HttpRequestStatus>', async () => {
    const http = new FakeHttp();
    http.statuses = [{ kind: 'finished', code: 200 }, { kind: 'deadline-reached' }, { kind: 'io-error' }, { kind: 'invalid' }];
    const ctx = await makeFakeContext({ offchain: new InMemoryOffchainEnv({ http }) });
    const ids = new ScaleWriter().compact(4).u16(1).u16(2).u16(3).u16(0xffff).finish().slice();
    assert.equal(hexOf(ctx, call(ctx, 'http_response_wait', ctx.putFat(ids), ctx.putFat(optU64(5n)))), '10' + '03c800' + '00' + '01' + '02');
    assert.deepEqual(http.calls, ['wait 1,2,3,65535 5']);
    assert.throws(() => call(ctx, 'http_response_wait', ctx.putFat(Uint8Array.of(4, 1)), ctx.putFat(optNone())), (e) => isSwxError(e, 'HOST_BAD_ARGUMENT'));
  });

  it('should encode response headers as Vec<(Vec<u8>, Vec<u8>)>', async () => {
    const ctx = await makeFakeContext({ offchain: new InMemoryOffchainEnv({ http: new FakeHttp() }) });
    assert.equal(hexOf(ctx, call(ctx, 'http_response_headers', 7)), '04' + '30' + toHexRaw(utf8('content-type')) + '28' + toHexRaw(utf8('text/plain')));
  });

  it('should read the body into the runtime buffer and answer Result<u32, HttpError>', async () => {
    const http = new FakeHttp();
    const ctx = await makeFakeContext({ offchain: new InMemoryOffchainEnv({ http }) });
    const bufPtr = ctx.put(new Uint8Array(8).fill(0xee));
    const buf = packFat(bufPtr, 8);
    assert.equal(hexOf(ctx, call(ctx, 'http_response_read_body', 3, buf, ctx.putFat(optNone()))), '0005000000');
    assert.deepEqual(ctx.memory.read(bufPtr, 8), Uint8Array.of(...utf8('hello'), 0xee, 0xee, 0xee));
    http.readAnswer = 'io-error';
    assert.equal(hexOf(ctx, call(ctx, 'http_response_read_body', 3, buf, ctx.putFat(optU64(1n)))), '0102');
    assert.deepEqual(http.calls, ['read 3 8 undefined', 'read 3 8 1']);
  });
});
