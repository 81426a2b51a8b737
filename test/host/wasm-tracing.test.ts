import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { concatBytes, utf8 } from '../../src/base/bytes.js';
import { isSwxError } from '../../src/base/errors.js';
import { ScaleWriter } from '../../src/base/scale.js';
import type { CallEffects } from '../../src/host/types.js';
import { WASM_TRACING_HOST_FUNCTIONS } from '../../src/host/wasm-tracing.js';
import { bindHost, emptyEffects, makeFakeContext } from '../support/fake-context.js';

/** SCALE `WasmMetadata` (sp-tracing types.rs). */
function metadata(level = 4): Uint8Array {
  return new ScaleWriter()
    .bytesVec(utf8('apply_extrinsic'))
    .bytesVec(utf8('frame_executive'))
    .u8(level)
    .bytesVec(utf8('src/lib.rs'))
    .u32(42)
    .bytesVec(utf8('frame_executive'))
    .bool(true)
    .compact(1)
    .bytesVec(utf8('ext'))
    .finish()
    .slice();
}

/** SCALE `WasmEntryAttributes` with a few `WasmValue`s. */
function attributes(): Uint8Array {
  const values = new ScaleWriter()
    .compact(3)
    .bytesVec(utf8('a')).u8(1).u8(2).u32(7) // Some(U32(7))
    .bytesVec(utf8('b')).u8(0) // None
    .bytesVec(utf8('c')).u8(1).u8(7).bytesVec(utf8('s')) // Some(Str("s"))
    .finish()
    .slice();
  return concatBytes(Uint8Array.of(1), new Uint8Array(8), metadata(), values);
}

describe('wasm_tracing host functions', () => {
  it('should report tracing as disabled after decoding the metadata', async () => {
    const ctx = await makeFakeContext();
    assert.equal(bindHost(WASM_TRACING_HOST_FUNCTIONS, 'ext_wasm_tracing_enabled_version_1', ctx)(ctx.putFat(metadata())), 0);
  });

  it('should trap on metadata that does not decode', async () => {
    const ctx = await makeFakeContext();
    const enabled = bindHost(WASM_TRACING_HOST_FUNCTIONS, 'ext_wasm_tracing_enabled_version_1', ctx);
    assert.throws(() => enabled(ctx.putFat(metadata(5))), (e) => isSwxError(e, 'HOST_BAD_ARGUMENT'));
    assert.throws(() => enabled(ctx.putFat(metadata().subarray(0, 10))), (e) => isSwxError(e, 'HOST_BAD_ARGUMENT'));
  });

  it('should hand out span ids 1, 2, … restarting at each call', async () => {
    const ctx = await makeFakeContext();
    const enter = bindHost(WASM_TRACING_HOST_FUNCTIONS, 'ext_wasm_tracing_enter_span_version_1', ctx);
    const span = ctx.putFat(attributes());
    assert.deepEqual([enter(span), enter(span)], [1n, 2n]);
    (ctx as { effects: CallEffects }).effects = emptyEffects(); // what the executor does when a new call begins
    assert.equal(enter(span), 1n);
  });

  it('should accept events and exits without effects', async () => {
    const ctx = await makeFakeContext();
    bindHost(WASM_TRACING_HOST_FUNCTIONS, 'ext_wasm_tracing_event_version_1', ctx)(ctx.putFat(attributes()));
    bindHost(WASM_TRACING_HOST_FUNCTIONS, 'ext_wasm_tracing_exit_version_1', ctx)(1n);
    assert.deepEqual(ctx.effects, emptyEffects());
    const bad = concatBytes(Uint8Array.of(0), metadata(), Uint8Array.of(4, 0, 1, 10));
    assert.throws(
      () => bindHost(WASM_TRACING_HOST_FUNCTIONS, 'ext_wasm_tracing_event_version_1', ctx)(ctx.putFat(bad)),
      (e) => isSwxError(e, 'HOST_BAD_ARGUMENT'),
    );
  });
});
