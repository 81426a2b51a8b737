import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { utf8 } from '../../src/base/bytes.js';
import { isSwxError } from '../../src/base/errors.js';
import { PANIC_HANDLER_HOST_FUNCTIONS } from '../../src/host/panic-handler.js';
import { bindHost, makeFakeContext } from '../support/fake-context.js';

const ABORT = 'ext_panic_handler_abort_on_panic_version_1';

describe('panic handler host function', () => {
  it('should record the message and trap with RUNTIME_PANIC', async () => {
    const ctx = await makeFakeContext();
    const msg = "panicked at 'attempt to divide by zero', src/lib.rs:10:5";
    assert.throws(() => bindHost(PANIC_HANDLER_HOST_FUNCTIONS, ABORT, ctx)(ctx.putFat(utf8(msg))), (e) => isSwxError(e, 'RUNTIME_PANIC') && e.message === msg);
    assert.equal(ctx.panicMessage, msg);
  });

  it('should fail without recording anything when the message is not UTF-8', async () => {
    const ctx = await makeFakeContext();
    assert.throws(() => bindHost(PANIC_HANDLER_HOST_FUNCTIONS, ABORT, ctx)(ctx.putFat(Uint8Array.of(0xc3))), (e) => isSwxError(e, 'HOST_BAD_ARGUMENT'));
    assert.equal(ctx.panicMessage, undefined);
  });
});
