/**
 * The error-code record: every code names its stage and its exit status, and
 * the CLI's exit status is read from it alone.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ERROR_CODES, EXIT, SwxError, type SwxErrorCode } from '../../src/base/errors.js';
import { exitCodeOf, EXIT_NOT_SUPPORTED } from '../../src/cli/main.js';

const CODES = Object.keys(ERROR_CODES) as SwxErrorCode[];

describe('error codes', () => {
  it('each has a stage and exit 1 (the runtime failed) or 2 (bad input)', () => {
    for (const c of CODES) assert.ok(ERROR_CODES[c].exit === EXIT.runtimeFailed || ERROR_CODES[c].exit === EXIT.badInput, c);
  });

  it("what a running runtime does wrong exits 1: traps, panics, timeouts, host-call and allocator failures", () => {
    for (const c of CODES.filter((c) => /^(RUNTIME_(TRAP|PANIC|TIMEOUT|OUTPUT|ERROR)|ALLOCATOR_|HOST_(BAD|OUT|MISSING_FUNCTION|NOT_AVAILABLE))/.test(c))) {
      assert.equal(ERROR_CODES[c].exit, 1, c);
    }
    assert.equal(ERROR_CODES.WORKER_FAILED.exit, 1);
  });

  it('what the user handed in exits 2: files, blobs, Wasm, linking, unknown methods and names', () => {
    for (const c of CODES.filter((c) => /^(INVALID_INPUT|FILE_|CHAIN_SPEC|WASM_|BLOB_|HOST_(MISSING_IMPORTS|SIGNATURE|UNSUPPORTED)|EXPORT_NOT_FOUND|METADATA_)/.test(c))) {
      assert.equal(ERROR_CODES[c].exit, 2, c);
    }
  });

  it('the CLI exits with the code of the record, whatever the context says', () => {
    for (const c of CODES) {
      assert.equal(exitCodeOf(new SwxError(c, 'x')), ERROR_CODES[c].exit, c);
      assert.equal(exitCodeOf(new SwxError(c, 'x', { method: 'Core_version' })), ERROR_CODES[c].exit, `${c} during a call`);
    }
    assert.equal(exitCodeOf(new SwxError('INVALID_INPUT', 'x', { unsupported: true })), EXIT_NOT_SUPPORTED);
    assert.equal(exitCodeOf(new Error('untyped')), 1);
  });
});
