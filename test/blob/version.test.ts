/**
 * RuntimeVersion: sp-version's `decode_with_version_hint`, the full encoding,
 * the embedded sections (sc-executor `read_embedded_version`), the state
 * versions, the unit tests of `wasm_runtime.rs`, and the corpus: every
 * oracle `Core_version` output and every embedded version against
 * `runtimes/index.json`.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CORE_API_ID,
  apiVersion,
  decodeRuntimeApisSection,
  decodeRuntimeVersion,
  encodeRuntimeVersion,
  extrinsicsRootStateVersion,
  readEmbeddedVersion,
  runtimeVersionToJson,
  stateVersion,
  type RuntimeVersion,
  type RuntimeVersionJson,
} from '../../src/blob/index.js';
import { concatBytes, fromHex, isSwxError, toHex, ScaleWriter } from '../../src/base/index.js';
import { readCorpus, readCorpusJson, skipUnlessCorpus } from '../support/corpus.js';
import { customSection } from './wasm-sections.js';

const OTHER_API = fromHex('0x37e397fc7c91f5e4');

function version(core: number, overrides: Partial<RuntimeVersion> = {}): RuntimeVersion {
  return {
    specName: 'test',
    implName: 'test',
    authoringVersion: 1,
    specVersion: 1,
    implVersion: 1,
    apis: [[CORE_API_ID.slice(), core]],
    transactionVersion: 3,
    systemVersion: 4,
    ...overrides,
  };
}

/** `OldRuntimeVersion` of wasm_runtime.rs: the six fields, no transaction or system version. */
function encodeOld(v: RuntimeVersion): Uint8Array {
  const full = encodeRuntimeVersion(v);
  return full.subarray(0, full.length - 5);
}

describe('RuntimeVersion codec', () => {
  it('old_runtime_version_decodes: Core 1 without the last fields → transaction 1, system 0', () => {
    const v = decodeRuntimeVersion(encodeOld(version(1)));
    assert.equal(v.transactionVersion, 1);
    assert.equal(v.systemVersion, 0);
  });

  it('old_runtime_version_decodes_fails_with_version_3', () => {
    assert.throws(() => decodeRuntimeVersion(encodeOld(version(3))), (e) => isSwxError(e, 'VERSION_INVALID'));
  });

  it('new_runtime_version_decodes: Core 3 reads the transaction version only, Core 4 both', () => {
    const v3 = decodeRuntimeVersion(encodeRuntimeVersion(version(3)));
    assert.deepEqual([v3.transactionVersion, v3.systemVersion], [3, 0]);
    const v4 = decodeRuntimeVersion(encodeRuntimeVersion(version(4)));
    assert.deepEqual([v4.transactionVersion, v4.systemVersion], [3, 4]);
  });

  it('should let the hint override the apis (decode_with_version_hint)', () => {
    const bytes = encodeRuntimeVersion(version(1));
    assert.equal(decodeRuntimeVersion(bytes, 4).systemVersion, 4);
    assert.equal(decodeRuntimeVersion(encodeOld(version(4)), 2).transactionVersion, 1);
  });

  it('should treat apis without Core as Core < 3', () => {
    const v = decodeRuntimeVersion(encodeRuntimeVersion(version(4, { apis: [[OTHER_API, 9]] })));
    assert.deepEqual([v.transactionVersion, v.systemVersion], [1, 0]);
  });

  it('should ignore trailing bytes', () => {
    const bytes = concatBytes(encodeRuntimeVersion(version(4)), Uint8Array.of(9, 9, 9));
    assert.deepEqual(decodeRuntimeVersion(bytes), version(4));
  });

  it('should encode all eight fields and round-trip', () => {
    const v = version(4, { apis: [[CORE_API_ID.slice(), 4], [OTHER_API, 2]], systemVersion: 1 });
    const bytes = encodeRuntimeVersion(v);
    assert.equal(
      toHex(bytes),
      '0x10746573741074657374010000000100000001000000' +
        '08df6acb689907609b0400000037e397fc7c91f5e402000000' +
        '0300000001',
    );
    assert.deepEqual(decodeRuntimeVersion(bytes), v);
    // A Core 2 version still gets its default transaction (1) and system (0) versions written.
    assert.equal(toHex(encodeRuntimeVersion(decodeRuntimeVersion(encodeOld(version(2))))).slice(-10), '0100000000');
  });

  it('should reject truncated input, bad UTF-8 and non-canonical lengths with VERSION_INVALID', () => {
    const good = encodeRuntimeVersion(version(4));
    const bad = [
      good.subarray(0, 3),
      good.subarray(0, good.length - 1), // Core 4 but no system version byte
      concatBytes(Uint8Array.of(4, 0xff), good.subarray(2)), // "\xff" + …: invalid UTF-8
      concatBytes(Uint8Array.of(0x11, 0x00), good.subarray(1)), // length 4 as a 2-byte compact
    ];
    for (const b of bad) assert.throws(() => decodeRuntimeVersion(b), (e) => isSwxError(e, 'VERSION_INVALID'), toHex(b));
  });

  it('should keep a leading BOM in names, as Rust does', () => {
    const w = new ScaleWriter().bytesVec(Uint8Array.of(0xef, 0xbb, 0xbf, 0x61)).string('x').u32(0).u32(0).u32(0).compact(0);
    assert.equal(decodeRuntimeVersion(w.finish()).specName, '\ufeffa');
  });

  it('should reject out-of-range fields when encoding', () => {
    assert.throws(() => encodeRuntimeVersion(version(4, { specVersion: -1 })), (e) => isSwxError(e, 'INVALID_INPUT'));
    assert.throws(() => encodeRuntimeVersion(version(4, { systemVersion: 256 })), (e) => isSwxError(e, 'INVALID_INPUT'));
    assert.throws(() => encodeRuntimeVersion(version(4, { apis: [[Uint8Array.of(1), 1]] })), (e) => isSwxError(e, 'INVALID_INPUT'));
  });

  it('should map system versions to trie versions', () => {
    const table: Array<[number, number, number]> = [[0, 0, 0], [1, 1, 0], [2, 1, 1], [255, 1, 1]];
    for (const [sys, state, extrinsics] of table) {
      const v = version(4, { systemVersion: sys });
      assert.deepEqual([stateVersion(v), extrinsicsRootStateVersion(v)], [state, extrinsics], `system ${sys}`);
    }
  });

  it('should find API versions and render the JSON shape', () => {
    const v = version(4, { apis: [[CORE_API_ID.slice(), 4], [OTHER_API, 2]], systemVersion: 2 });
    assert.equal(apiVersion(v, OTHER_API), 2);
    assert.equal(apiVersion(v, fromHex('0x0000000000000000')), undefined);
    assert.deepEqual(runtimeVersionToJson(v), {
      specName: 'test',
      implName: 'test',
      authoringVersion: 1,
      specVersion: 1,
      implVersion: 1,
      apis: [['0xdf6acb689907609b', 4], ['0x37e397fc7c91f5e4', 2]],
      transactionVersion: 3,
      stateVersion: 2,
    });
  });
});

describe('embedded version sections', () => {
  const apisSection = (apis: Array<[Uint8Array, number]>): Uint8Array =>
    concatBytes(...apis.map(([id, n]) => concatBytes(id, Uint8Array.of(n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, n >>> 24))));

  it('should decode 12-byte api items and refuse a clipped one', () => {
    assert.deepEqual(decodeRuntimeApisSection(apisSection([[CORE_API_ID, 4], [OTHER_API, 0x01020304]])), [
      [CORE_API_ID, 4],
      [OTHER_API, 0x01020304],
    ]);
    assert.deepEqual(decodeRuntimeApisSection(new Uint8Array(0)), []);
    assert.throws(
      () => decodeRuntimeApisSection(new Uint8Array(13)),
      (e) => isSwxError(e, 'VERSION_INVALID') && e.message === 'a clipped runtime api info declaration',
    );
  });

  it('should have no embedded version without a runtime_version section', () => {
    assert.equal(readEmbeddedVersion(undefined, apisSection([[CORE_API_ID, 4]])), undefined);
  });

  it('embed_runtime_version_works: sections built from a version read back as that version', () => {
    const v = version(4, { apis: [[CORE_API_ID.slice(), 4], [OTHER_API, 1]], transactionVersion: 100, systemVersion: 1 });
    const section = encodeRuntimeVersion({ ...v, apis: [] });
    assert.deepEqual(readEmbeddedVersion(section, apisSection(v.apis)), v);
  });

  it('should take the Core version from the apis section only (none → transaction 1, system 0)', () => {
    const section = encodeRuntimeVersion(version(4, { apis: [] }));
    const noApis = readEmbeddedVersion(section);
    assert.deepEqual([noApis?.transactionVersion, noApis?.systemVersion, noApis?.apis], [1, 0, []]);
    const withCore3 = readEmbeddedVersion(section, apisSection([[CORE_API_ID, 3]]));
    assert.deepEqual([withCore3?.transactionVersion, withCore3?.systemVersion], [3, 0]);
  });

  it('should report a malformed version section', () => {
    assert.throws(
      () => readEmbeddedVersion(Uint8Array.of(8, 1), undefined),
      (e) => isSwxError(e, 'VERSION_INVALID') && e.message.startsWith('failed to decode version section: '),
    );
  });
});

interface RuntimeIndexEntry {
  file: string;
  runtime_version: RuntimeVersionJson | { error: string };
}
type OracleCalls = Record<string, { Core_version: { hex?: string; error?: string } }>;

/** Runtimes whose Core API is below 3: index.json's tool reports transactionVersion 0 where Substrate decodes 1. */
const INDEX_TX_VERSION_DIVERGES = new Set(['kusama-1020-genesis']);

describe('runtime versions of the corpus', () => {
  const skip = skipUnlessCorpus('runtimes/index.json', 'oracle/calls.json');

  it('should decode every oracle Core_version output to the index.json version', { skip }, () => {
    const index = readCorpusJson<Record<string, RuntimeIndexEntry>>('runtimes/index.json');
    const calls = readCorpusJson<OracleCalls>('oracle/calls.json');
    let checked = 0;
    for (const [name, entry] of Object.entries(index)) {
      const hex = calls[name]?.Core_version.hex;
      if ('error' in entry.runtime_version) {
        assert.equal(hex, undefined, `${name}: no Core_version output expected`);
        continue;
      }
      assert.ok(hex !== undefined, `${name}: oracle output`);
      const bytes = fromHex(hex);
      const v = decodeRuntimeVersion(bytes);
      const expected = { ...entry.runtime_version };
      if (INDEX_TX_VERSION_DIVERGES.has(name)) {
        // Core 2: sp-version's decode fills in transaction_version = 1 (index.json, from another tool, says 0).
        assert.equal(entry.runtime_version.transactionVersion, 0);
        expected.transactionVersion = 1;
      }
      assert.deepEqual(runtimeVersionToJson(v), expected, name);
      // A Core ≥ 4 output is the full encoding: encode gives the same bytes back.
      if ((apiVersion(v, CORE_API_ID) ?? 0) >= 4) assert.equal(toHex(encodeRuntimeVersion(v)), hex, `${name} re-encoding`);
      checked++;
    }
    assert.equal(checked, 7);
  });

  it('should read the same version from the embedded sections as from Core_version', { skip }, () => {
    const index = readCorpusJson<Record<string, RuntimeIndexEntry>>('runtimes/index.json');
    const calls = readCorpusJson<OracleCalls>('oracle/calls.json');
    const embedded: string[] = [];
    for (const [name, entry] of Object.entries(index)) {
      const wasm = readCorpus(entry.file);
      const v = readEmbeddedVersion(customSection(wasm, 'runtime_version'), customSection(wasm, 'runtime_apis'));
      if (v === undefined) continue;
      embedded.push(name);
      assert.deepEqual(v, decodeRuntimeVersion(fromHex(calls[name]!.Core_version.hex!)), name);
    }
    assert.deepEqual(embedded.sort(), [
      'acala-2100',
      'asset-hub-rococo-genesis',
      'collectives-polkadot-genesis',
      'coretime-kusama-genesis',
      'westend-v9300',
    ]);
  });
});
