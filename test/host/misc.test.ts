import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { toHexRaw, utf8 } from '../../src/base/bytes.js';
import { InternalError, SwxError, isSwxError } from '../../src/base/errors.js';
import { MISC_HOST_FUNCTIONS, hexDisplay } from '../../src/host/misc.js';
import { bindHost, makeFakeContext, readFat } from '../support/fake-context.js';

describe('misc host functions', () => {
  it('should print a u64 in decimal at Debug level with target "runtime"', async () => {
    const ctx = await makeFakeContext({ maxLogLevel: 5 });
    const printNum = bindHost(MISC_HOST_FUNCTIONS, 'ext_misc_print_num_version_1', ctx);
    printNum(42n);
    printNum(-1n);
    assert.deepEqual(ctx.effects.logs, [
      { level: 4, target: 'runtime', message: '42' },
      { level: 4, target: 'runtime', message: '18446744073709551615' },
    ]);
  });

  it('should print UTF-8 text and ignore anything else', async () => {
    const ctx = await makeFakeContext();
    const printUtf8 = bindHost(MISC_HOST_FUNCTIONS, 'ext_misc_print_utf8_version_1', ctx);
    printUtf8(ctx.putFat(utf8('héllo')));
    printUtf8(ctx.putFat(Uint8Array.of(0xff)));
    assert.deepEqual(ctx.effects.logs.map((l) => l.message), ['héllo']);
  });

  it('should print bytes as HexDisplay: lowercase, no 0x, truncated from 1027 bytes', async () => {
    const ctx = await makeFakeContext();
    const printHex = bindHost(MISC_HOST_FUNCTIONS, 'ext_misc_print_hex_version_1', ctx);
    printHex(ctx.putFat(Uint8Array.of(0xde, 0xad, 0xbe, 0xef)));
    const long = Uint8Array.from({ length: 1027 }, (_, i) => i & 0xff);
    printHex(ctx.putFat(long));
    assert.equal(ctx.effects.logs[0]?.message, 'deadbeef');
    assert.equal(ctx.effects.logs[1]?.message, toHexRaw(long.subarray(0, 512)) + '...' + toHexRaw(long.subarray(515)));
    assert.equal(hexDisplay(new Uint8Array(1026)), '00'.repeat(1026));
  });

  it('should drop prints when the maximum level is below Debug', async () => {
    const ctx = await makeFakeContext({ maxLogLevel: 3 });
    bindHost(MISC_HOST_FUNCTIONS, 'ext_misc_print_num_version_1', ctx)(1n);
    assert.deepEqual(ctx.effects.logs, []);
  });

  it('should answer runtime_version with Some(version) or None', async () => {
    const version = Uint8Array.of(1, 2, 3);
    let seen: Uint8Array | undefined;
    const ctx = await makeFakeContext({ runtimeVersionOf: (code) => ((seen = code), code.length > 0 ? version : undefined) });
    const rv = bindHost(MISC_HOST_FUNCTIONS, 'ext_misc_runtime_version_version_1', ctx);
    assert.equal(toHexRaw(readFat(ctx, rv(ctx.putFat(Uint8Array.of(0, 0x61, 0x73, 0x6d))) as bigint)), '010c010203');
    assert.deepEqual(seen, Uint8Array.of(0, 0x61, 0x73, 0x6d));
    assert.equal(toHexRaw(readFat(ctx, rv(ctx.putFat(new Uint8Array(0))) as bigint)), '00');
  });

  it('should answer None when reading the version fails, but let swx bugs through', async () => {
    const failing = await makeFakeContext({
      runtimeVersionOf: () => {
        throw new SwxError('BLOB_INVALID', 'not a wasm blob');
      },
    });
    const rv = bindHost(MISC_HOST_FUNCTIONS, 'ext_misc_runtime_version_version_1', failing);
    assert.equal(toHexRaw(readFat(failing, rv(failing.putFat(utf8('junk'))) as bigint)), '00');
    const buggy = await makeFakeContext({
      runtimeVersionOf: () => {
        throw new InternalError('boom');
      },
    });
    const rv2 = bindHost(MISC_HOST_FUNCTIONS, 'ext_misc_runtime_version_version_1', buggy);
    assert.throws(() => rv2(buggy.putFat(utf8('junk'))), (e) => isSwxError(e, 'INTERNAL'));
  });

  it('should report u64::MAX as the storage proof size (no proof recording)', async () => {
    const ctx = await makeFakeContext();
    const f = MISC_HOST_FUNCTIONS.find((x) => x.name === 'ext_storage_proof_size_storage_proof_size_version_1');
    assert.deepEqual([f?.params, f?.results], [[], ['i64']]);
    const got = bindHost(MISC_HOST_FUNCTIONS, 'ext_storage_proof_size_storage_proof_size_version_1', ctx)() as bigint;
    assert.equal(BigInt.asUintN(64, got), 0xffff_ffff_ffff_ffffn);
  });
});
