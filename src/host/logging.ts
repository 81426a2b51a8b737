/**
 * `logging` host functions (sp-io `Logging`).
 *
 *   ext_logging_log_version_1(level: i32, target: i64, message: i64)
 *     level   PassAs<RuntimeInterfaceLogLevel, u8>: 0 Error, 1 Warn, 2 Info,
 *             3 Debug, 4 Trace (the old `PassByEnum` variant index, kept by the
 *             sp-core enum's explicit 0..4 discriminants); anything else traps.
 *     target  `&str`: invalid UTF-8 traps (sp-runtime-interface `pass_by.rs`).
 *     message `&[u8]`: logged only if it is valid UTF-8, silently dropped otherwise.
 *   ext_logging_max_level_version_1() -> i32
 *     `log::max_level()` as LogLevelFilter: 0 Off, 1 Error … 5 Trace.
 *
 * `log::log!` drops a record above `log::max_level()`, so entries above
 * `ctx.maxLogLevel` are not recorded either.
 */
import { decodeUtf8 } from '../base/bytes.js';
import { argumentError, strArg } from './abi.js';
import { hostFn, type HostContext, type HostFunction, type LogLevel } from './types.js';

/** Wire value of the most verbose level (`RuntimeInterfaceLogLevel::Trace = 4`). */
const MAX_WIRE_LEVEL = 4;

/** Records a log line unless its level is above `ctx.maxLogLevel` (as `log::log!` filters); past the log cap → RUNTIME_MEMORY_LIMIT. */
export function emitLog(ctx: HostContext, level: LogLevel, target: string, message: string): void {
  ctx.lastMessage = message;
  if (level > ctx.maxLogLevel) return;
  ctx.logMeter?.charge(target.length + message.length);
  ctx.effects.logs.push({ level, target, message });
}

/** All `ext_logging_*` host functions. */
export const LOGGING_HOST_FUNCTIONS: HostFunction[] = [
  hostFn('ext_logging_log_version_1', ['i32', 'i64', 'i64'], [], (ctx) => (level: number, target: bigint, message: bigint): void => {
    const name = 'ext_logging_log_version_1';
    // u8 FFI value: the i32 is truncated (sp-wasm-interface `val as u8`), then `TryFrom<u8>`.
    const wire = level & 0xff;
    if (wire > MAX_WIRE_LEVEL) {
      throw argumentError(
        ctx,
        name,
        'level',
        "failed to convert 'sp_core::RuntimeInterfaceLogLevel' (passed as 'u8') into 'sp_core::RuntimeInterfaceLogLevel' when marshalling hostcall's arguments through the FFI boundary",
      );
    }
    const t = strArg(ctx, name, 'target', target);
    const m = decodeUtf8(ctx.memory.viewFat(message));
    if (m === undefined) return;
    emitLog(ctx, (wire + 1) as LogLevel, t, m);
  }),
  hostFn('ext_logging_max_level_version_1', [], ['i32'], (ctx) => (): number => ctx.maxLogLevel),
];
