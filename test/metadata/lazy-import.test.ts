/**
 * Cold start: the polkadot-api libraries (~90 ms to import) are loaded only
 * when metadata is first decoded, never by importing swx or its metadata
 * folder. Checked on the compiled output: no module of dist/src imports them
 * statically (type-only imports vanish at compile time), and only the adapter
 * imports them at all.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIST_SRC = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src');

function* jsFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* jsFiles(p);
    else if (name.endsWith('.js')) yield p;
  }
}

describe('polkadot-api is imported lazily', () => {
  it('no compiled module imports @polkadot-api statically, and only metadata/papi.js imports it dynamically', () => {
    const dynamic: string[] = [];
    for (const file of jsFiles(DIST_SRC)) {
      const text = readFileSync(file, 'utf8');
      assert.doesNotMatch(text, /(^|\n)\s*(import|export)\b[^;]*\bfrom\s*['"]@polkadot-api\//, `${relative(DIST_SRC, file)} imports @polkadot-api statically`);
      if (/import\(\s*['"]@polkadot-api\//.test(text)) dynamic.push(relative(DIST_SRC, file));
    }
    assert.deepEqual(dynamic, [join('metadata', 'papi.js')]);
  });
});
