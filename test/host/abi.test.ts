/**
 * The host-function ABI (host/abi.ts): one way to read arguments, one error
 * shape for an argument a host function cannot take, and every import name
 * spelled out literally in the namespace files, so a grep finds each one.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isSwxError } from '../../src/base/errors.js';
import { utf8 } from '../../src/base/bytes.js';
import { READ, decodeArg, stateVersionArg, storageKindArg, strArg } from '../../src/host/abi.js';
import { substrateHostFunctions } from '../../src/host/registry.js';
import { makeFakeContext } from '../support/fake-context.js';

function hostSources(dir: string): string {
  return readdirSync(dir)
    .map((n) => join(dir, n))
    .map((p) => (statSync(p).isDirectory() ? hostSources(p) : p.endsWith('.ts') ? readFileSync(p, 'utf8') : ''))
    .join('\n');
}

describe('host ABI', () => {
  it('every registered host function is defined under its literal import name', () => {
    const text = hostSources('src/host');
    const missing = substrateHostFunctions().map((f) => f.name).filter((n) => !text.includes(`'${n}'`));
    assert.deepEqual(missing, []);
  });

  it('a malformed argument is HOST_BAD_ARGUMENT naming the function, the parameter and the method', async () => {
    const ctx = await makeFakeContext({ method: 'Some_method' });
    const check = (f: () => unknown, param: string, why: RegExp): void =>
      assert.throws(f, (e) => isSwxError(e, 'HOST_BAD_ARGUMENT') && e.context.hostFunction === 'ext_x_version_1' && e.context.param === param && e.context.method === 'Some_method' && why.test(e.message));
    check(() => decodeArg(ctx, 'ext_x_version_1', 'limit', ctx.putFat(Uint8Array.of(2)), 'Option<u32>', READ.optionU32), 'limit', /^ext_x_version_1\(limit\): could not SCALE-decode 'Option<u32>'/);
    check(() => strArg(ctx, 'ext_x_version_1', 'target', ctx.putFat(Uint8Array.of(0xff))), 'target', /not valid UTF-8/);
    check(() => stateVersionArg(ctx, 'ext_x_version_1', 'version', 2), 'version', /invalid state version 2/);
    check(() => storageKindArg(ctx, 'ext_x_version_1', 'kind', 0), 'kind', /StorageKind/);
  });

  it('reads what is well-formed: trailing bytes ignored (T::decode), state version as u8, storage kinds 1 and 2', async () => {
    const ctx = await makeFakeContext();
    assert.equal(decodeArg(ctx, 'f', 'p', ctx.putFat(Uint8Array.of(1, 7, 0, 0, 0, 99)), 'Option<u32>', READ.optionU32), 7);
    assert.deepEqual(decodeArg(ctx, 'f', 'p', ctx.putFat(Uint8Array.of(1, 8, 0xaa, 0xbb)), 'Option<Vec<u8>>', READ.optionBytes), Uint8Array.of(0xaa, 0xbb));
    assert.equal(strArg(ctx, 'f', 'p', ctx.putFat(utf8('héllo'))), 'héllo');
    assert.equal(stateVersionArg(ctx, 'f', 'p', 0x101), 1);
    assert.deepEqual([storageKindArg(ctx, 'f', 'p', 1), storageKindArg(ctx, 'f', 'p', 2)], ['persistent', 'local']);
  });
});
