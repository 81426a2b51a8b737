/**
 * The option groups the command specs list (option-specs.ts, data only) are
 * the ones their implementations read: the live-chain options are the list
 * endpoint.ts exports, and `--help` shows every option a command accepts.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ENDPOINT_OPTIONS } from '../../src/cli/option-specs.js';
import { ENDPOINT_OPTIONS as IMPLEMENTED } from '../../src/cli/endpoint.js';
import { NO_CACHE_OPTION, RUNTIME_OPTIONS } from '../../src/cli/options.js';
import { NO_CACHE_OPTION as SPEC_NO_CACHE, RUNTIME_OPTIONS as SPEC_RUNTIME } from '../../src/cli/option-specs.js';

describe('option specs', () => {
  it("the live-chain options are endpoint.ts's", () => {
    assert.equal(ENDPOINT_OPTIONS, IMPLEMENTED);
  });

  it('options.ts re-exports the groups, not copies', () => {
    assert.equal(NO_CACHE_OPTION, SPEC_NO_CACHE);
    assert.equal(RUNTIME_OPTIONS, SPEC_RUNTIME);
  });
});
