import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { utf8 } from '../../src/base/bytes.js';
import { isSwxError } from '../../src/base/errors.js';
import { LOGGING_HOST_FUNCTIONS } from '../../src/host/logging.js';
import { bindHost, makeFakeContext } from '../support/fake-context.js';

const LOG = 'ext_logging_log_version_1';
const INVALID_UTF8 = Uint8Array.of(0x66, 0xff, 0x6f);

describe('logging host functions', () => {
  it('should map wire levels 0..4 (Error..Trace) to log levels 1..5', async () => {
    const ctx = await makeFakeContext({ maxLogLevel: 5 });
    const log = bindHost(LOGGING_HOST_FUNCTIONS, LOG, ctx);
    for (let wire = 0; wire <= 4; wire++) log(wire, ctx.putFat(utf8('runtime::test')), ctx.putFat(utf8(`m${wire}`)));
    assert.deepEqual(
      ctx.effects.logs.map((l) => [l.level, l.target, l.message]),
      [1, 2, 3, 4, 5].map((lvl) => [lvl, 'runtime::test', `m${lvl - 1}`]),
    );
  });

  it('should trap on a level that is not a RuntimeInterfaceLogLevel', async () => {
    const ctx = await makeFakeContext();
    const log = bindHost(LOGGING_HOST_FUNCTIONS, LOG, ctx);
    assert.throws(() => log(5, ctx.putFat(utf8('t')), ctx.putFat(utf8('m'))), (e) => isSwxError(e, 'HOST_BAD_ARGUMENT'));
    assert.equal(ctx.effects.logs.length, 0);
  });

  it('should read the level as a u8 (higher bits of the i32 ignored)', async () => {
    const ctx = await makeFakeContext();
    bindHost(LOGGING_HOST_FUNCTIONS, LOG, ctx)(0x102, ctx.putFat(utf8('t')), ctx.putFat(utf8('m')));
    assert.equal(ctx.effects.logs[0]?.level, 3);
  });

  it('should trap when the target is not UTF-8', async () => {
    const ctx = await makeFakeContext();
    const log = bindHost(LOGGING_HOST_FUNCTIONS, LOG, ctx);
    assert.throws(() => log(0, ctx.putFat(INVALID_UTF8), ctx.putFat(utf8('m'))), (e) => isSwxError(e, 'HOST_BAD_ARGUMENT') && /not valid UTF-8/.test(e.message));
  });

  it('should silently drop a message that is not UTF-8', async () => {
    const ctx = await makeFakeContext();
    bindHost(LOGGING_HOST_FUNCTIONS, LOG, ctx)(0, ctx.putFat(utf8('t')), ctx.putFat(INVALID_UTF8));
    assert.deepEqual(ctx.effects.logs, []);
  });

  it('should keep an empty message and a UTF-8 BOM as they are', async () => {
    const ctx = await makeFakeContext();
    const log = bindHost(LOGGING_HOST_FUNCTIONS, LOG, ctx);
    log(2, ctx.putFat(utf8('')), ctx.putFat(new Uint8Array(0)));
    log(2, ctx.putFat(utf8('t')), ctx.putFat(Uint8Array.of(0xef, 0xbb, 0xbf, 0x61)));
    assert.deepEqual(ctx.effects.logs.map((l) => [l.target, l.message]), [['', ''], ['t', '\ufeffa']]);
  });

  it('should not record lines above the maximum level, as log::log! filters them', async () => {
    const ctx = await makeFakeContext({ maxLogLevel: 3 });
    const log = bindHost(LOGGING_HOST_FUNCTIONS, LOG, ctx);
    log(2, ctx.putFat(utf8('t')), ctx.putFat(utf8('info')));
    log(3, ctx.putFat(utf8('t')), ctx.putFat(utf8('debug')));
    assert.deepEqual(ctx.effects.logs.map((l) => l.message), ['info']);
  });

  it('should answer max_level with the context maximum (0 Off .. 5 Trace)', async () => {
    for (const lvl of [0, 1, 3, 5] as const) {
      const ctx = await makeFakeContext({ maxLogLevel: lvl });
      assert.equal(bindHost(LOGGING_HOST_FUNCTIONS, 'ext_logging_max_level_version_1', ctx)(), lvl);
    }
  });
});
