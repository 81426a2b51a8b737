import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeModule } from '../../src/wasm/decode.js';
import { DEFAULT_WASM_FEATURES, type FeatureName, type WasmFeatures } from '../../src/wasm/features.js';
import { validateFeatures } from '../../src/wasm/validate.js';
import { readCorpus, skipUnlessCorpus } from '../support/corpus.js';
import { ALL_ON, built, cases, fromModule, raw, withBody } from './validate-cases.js';
import { corpusRuntimes, expectSwxError, indexOfBytes } from './wasm-test-utils.js';

/** Asserts the module is rejected for `feature` at the byte where `pattern` starts (+ `delta`). */
function rejects(bytes: Uint8Array, feature: FeatureName, pattern: number[], delta = 0, features: WasmFeatures = DEFAULT_WASM_FEATURES): void {
  const m = decodeModule(bytes);
  const e = expectSwxError(() => validateFeatures(m, features), 'WASM_UNSUPPORTED_FEATURE', / is not supported: .* at byte \d+$/);
  assert.equal(e.context['feature'], feature, e.message);
  const at = indexOfBytes(bytes, pattern);
  assert.ok(at >= 0, 'pattern present');
  assert.equal(e.context.offset, at + delta, e.message);
  assert.ok(e.message.endsWith(`at byte ${at + delta}`));
}

describe('validateFeatures', () => {
  for (const [what, feature, make, pattern, delta] of cases) {
    it(`should reject ${what} as ${feature} at its byte offset`, () => rejects(make(), feature, pattern, delta));
  }

  it('should accept each proposal once it is enabled', () => {
    for (const [what, feature, make] of cases) {
      if (feature === 'functionReferences' || feature === 'gc') continue;
      assert.doesNotThrow(() => validateFeatures(decodeModule(make()), ALL_ON), what);
    }
  });

  it('should accept sign-extension when only that feature is enabled', () => {
    const bytes = withBody([['local.get', 0], ['i32.extend8_s'], ['drop']], ['i32']);
    validateFeatures(decodeModule(bytes), { ...DEFAULT_WASM_FEATURES, signExtension: true });
  });

  it('should accept extended-const and a data count section by default (as Substrate does)', () => {
    const bytes = fromModule((m) => {
      m.memories.push({ min: 1 });
      m.globals.push({ type: 'i32', mutable: false, init: { op: 'sequence', instrs: [{ op: 'i32.const', value: 2 }, { op: 'i32.const', value: 3 }, { op: 'i32.add' }] } });
      m.dataCount = 0;
    });
    validateFeatures(decodeModule(bytes), DEFAULT_WASM_FEATURES);
    rejects(bytes, 'extendedConst', [0x41, 0x02, 0x41, 0x03, 0x6a], 0, { ...DEFAULT_WASM_FEATURES, extendedConst: false });
  });

  it('should accept mutable global imports and exports (MVP + mutable-globals)', () => {
    const bytes = built((b) => {
      b.importGlobal('env', 'g', 'i32', true);
      b.global('i64', true, 1n, 'h');
      b.export('g', 'global', 0);
    });
    validateFeatures(decodeModule(bytes), DEFAULT_WASM_FEATURES);
  });

  it('should reject a body with instructions after its final end, or without one', () => {
    const trailing = withBody([raw(0x0b, 0x01)]);
    expectSwxError(() => validateFeatures(decodeModule(trailing), DEFAULT_WASM_FEATURES), 'WASM_MALFORMED', /after the end/);
    const m = decodeModule(withBody([['nop']]));
    const body = m.code[0]!.bytes;
    m.code[0] = { bytes: body.subarray(0, body.length - 1) };
    expectSwxError(() => validateFeatures(m, DEFAULT_WASM_FEATURES), 'WASM_MALFORMED', /does not end/);
  });

  it('should reject an unknown opcode as malformed', () => {
    const e = expectSwxError(() => validateFeatures(decodeModule(withBody([raw(0x27)])), DEFAULT_WASM_FEATURES), 'WASM_MALFORMED', /unknown opcode 0x27/);
    assert.ok(typeof e.context.offset === 'number');
  });

  for (const rel of corpusRuntimes()) {
    it(`should accept ${rel} with the default features`, { skip: skipUnlessCorpus(rel) }, () => {
      validateFeatures(decodeModule(readCorpus(rel)), DEFAULT_WASM_FEATURES);
    });
  }
});
