/**
 * Cross-check of the proposal fixtures against wabt's validator with every
 * post-MVP feature off except mutable globals: wabt must refuse what we refuse,
 * except where it is more permissive than Substrate's parity-wasm parser.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import wabtInit from 'wabt';
import { readCorpus, skipUnlessCorpus } from '../support/corpus.js';
import { cases } from './validate-cases.js';

const wabt = await wabtInit();

const MVP = {
  mutable_globals: true,
  sat_float_to_int: false,
  sign_extension: false,
  multi_value: false,
  bulk_memory: false,
  reference_types: false,
  simd: false,
  threads: false,
  tail_call: false,
  exceptions: false,
  memory64: false,
  extended_const: false,
  function_references: false,
  gc: false,
  relaxed_simd: false,
};

/** Cases wabt's binary reader lets through with the feature off, but parity-wasm (hence Substrate) does not. */
const WABT_MORE_PERMISSIVE = new Set(['typed select', 'multi-result type', 'second table', 'declarative element segment']);

function wabtAccepts(bytes: Uint8Array): boolean {
  try {
    const m = wabt.readWasm(bytes, { ...MVP, check: true });
    try {
      m.validate();
    } finally {
      m.destroy();
    }
    return true;
  } catch {
    return false;
  }
}

describe('proposal fixtures against wabt (MVP + mutable globals)', () => {
  for (const [what, feature, make] of cases) {
    const expected = WABT_MORE_PERMISSIVE.has(what);
    it(`should ${expected ? 'be accepted by wabt but' : 'also be'} rejected: ${what} (${feature})`, () => {
      assert.equal(wabtAccepts(make()), expected);
    });
  }

  const small = 'runtimes/kusama-1020-genesis.wasm.gz';
  it(`should accept ${small} like our validator does`, { skip: skipUnlessCorpus(small) }, () => {
    assert.ok(wabtAccepts(readCorpus(small)));
  });
});
