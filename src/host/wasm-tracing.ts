/**
 * `wasm_tracing` host functions (sp-io `WasmTracing`, wasm only, imported
 * only by runtimes built with sp-io's `with-tracing` feature).
 *
 *   ext_wasm_tracing_enabled_version_1(metadata: i64) -> i32     bool
 *   ext_wasm_tracing_enter_span_version_1(span: i64) -> i64       u64 span id
 *   ext_wasm_tracing_event_version_1(event: i64)
 *   ext_wasm_tracing_exit_version_1(span: i64)
 *
 * Arguments are SCALE (`PassFatPointerAndDecode`) sp-tracing types, decoded
 * first — a malformed one fails the host call as upstream:
 *
 *   WasmMetadata        { name: Vec<u8>, target: Vec<u8>, level: WasmLevel (0..4),
 *                         file: Vec<u8>, line: u32, module_path: Vec<u8>,
 *                         is_span: bool, fields: Vec<Vec<u8>> }
 *   WasmEntryAttributes { parent_id: Option<u64>, metadata: WasmMetadata,
 *                         fields: Vec<(Vec<u8>, Option<WasmValue>)> }
 *   WasmValue           0 U8(u8) 1 I8(i8) 2 U32(u32) 3 I32(i32) 4 I64(i64) 5 U64(u64)
 *                       6 Bool(bool) 7 Str(Vec<u8>) 8 Formatted(Vec<u8>) 9 Encoded(Vec<u8>)
 *
 * swx has no tracing subscriber: `enabled` answers false (a well-behaved
 * runtime then skips the rest), `enter_span` hands out ids 1, 2, … (a counter
 * reset at each call), `event` and `exit` do nothing. Nothing here reaches a
 * call's output or storage.
 */
import { SwxError } from '../base/errors.js';
import { ScaleReader } from '../base/scale.js';
import { decodeArg } from './abi.js';
import { hostFn, type CallEffects, type HostFunction } from './types.js';

/** Number of `WasmLevel` variants (ERROR … TRACE). */
const WASM_LEVELS = 5;
/** Number of `WasmValue` variants. */
const WASM_VALUE_VARIANTS = 10;

function readMetadata(r: ScaleReader): void {
  r.bytesVec(); // name
  r.bytesVec(); // target
  const level = r.u8();
  if (level >= WASM_LEVELS) throw new SwxError('INVALID_INPUT', `invalid WasmLevel ${level}`);
  r.bytesVec(); // file
  r.u32(); // line
  r.bytesVec(); // module_path
  r.bool(); // is_span
  r.vec((x) => x.bytesVec()); // fields
}

function readValue(r: ScaleReader): void {
  const tag = r.u8();
  if (tag >= WASM_VALUE_VARIANTS) throw new SwxError('INVALID_INPUT', `invalid WasmValue variant ${tag}`);
  if (tag <= 1) r.u8();
  else if (tag <= 3) r.u32();
  else if (tag <= 5) r.u64();
  else if (tag === 6) r.bool();
  else r.bytesVec();
}

function readAttributes(r: ScaleReader): void {
  r.option((x) => x.u64()); // parent_id
  readMetadata(r);
  r.vec((x) => {
    x.bytesVec();
    x.option(readValue);
  });
}

/** All `ext_wasm_tracing_*` host functions. */
export const WASM_TRACING_HOST_FUNCTIONS: HostFunction[] = [
  hostFn('ext_wasm_tracing_enabled_version_1', ['i64'], ['i32'], (ctx) => (metadata: bigint): number => {
    decodeArg(ctx, 'ext_wasm_tracing_enabled_version_1', 'metadata', metadata, 'sp_tracing::types::WasmMetadata', readMetadata);
    return 0;
  }),
  hostFn('ext_wasm_tracing_enter_span_version_1', ['i64'], ['i64'], (ctx) => {
    // Per-instance counter, restarted whenever a new call began (each call gets a fresh effects record).
    let call: CallEffects | undefined;
    let next = 1n;
    return (span: bigint): bigint => {
      decodeArg(ctx, 'ext_wasm_tracing_enter_span_version_1', 'span', span, 'sp_tracing::types::WasmEntryAttributes', readAttributes);
      if (call !== ctx.effects) {
        call = ctx.effects;
        next = 1n;
      }
      return next++;
    };
  }),
  hostFn('ext_wasm_tracing_event_version_1', ['i64'], [], (ctx) => (event: bigint): void => {
    decodeArg(ctx, 'ext_wasm_tracing_event_version_1', 'event', event, 'sp_tracing::types::WasmEntryAttributes', readAttributes);
  }),
  hostFn('ext_wasm_tracing_exit_version_1', ['i64'], [], () => (): void => {}),
];
