/**
 * `panic_handler` host function (sp-io `PanicHandler`, wasm only).
 *
 *   ext_panic_handler_abort_on_panic_version_1(message: i64)
 *
 * Runtimes built with `improved_panic_error_reporting` call it from their
 * panic handler. The message is a `&str` (invalid UTF-8 fails the host call
 * before anything is recorded); the host registers it and the call traps on
 * return (`#[trap_on_return]`), so sc-executor reports `AbortedDueToPanic`
 * with that message. Here: `ctx.panicMessage` is set, then a `RUNTIME_PANIC`
 * error is thrown (the executor turns it into the trap).
 */
import { SwxError } from '../base/errors.js';
import { strArg } from './abi.js';
import { hostFn, type HostFunction } from './types.js';

/** The `ext_panic_handler_*` host function. */
export const PANIC_HANDLER_HOST_FUNCTIONS: HostFunction[] = [
  hostFn('ext_panic_handler_abort_on_panic_version_1', ['i64'], [], (ctx) => (message: bigint): void => {
    const hostFunction = 'ext_panic_handler_abort_on_panic_version_1';
    const text = strArg(ctx, hostFunction, 'message', message);
    ctx.panicMessage = text;
    throw new SwxError('RUNTIME_PANIC', text, { method: ctx.method, hostFunction });
  }),
];
