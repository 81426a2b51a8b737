/**
 * The folder layout is the architecture (DESIGN.md): stages import one way —
 * base → wasm → blob → allocator → trie → state → host → executor → rpc →
 * metadata → w3f → cli — `wasm`, `allocator` and `trie` import only `base`,
 * nothing imports `cli`, and no two files import each other in a cycle.
 * Read from the sources, so a new import that breaks a rule fails here.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SRC = resolve('src');
const ORDER = ['base', 'wasm', 'blob', 'allocator', 'trie', 'state', 'host', 'executor', 'rpc', 'metadata', 'w3f', 'cli'];
/** Stages that may import `base` only. */
const BASE_ONLY = new Set(['wasm', 'allocator', 'trie']);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Relative imports of a file (static `import … from`, `export … from`, and `import('…')`), as source paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:from\s+|import\s*\(\s*)'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]!);
  return specs.map((s) => resolve(dirname(file), s.replace(/\.js$/, '.ts')));
}

const stageOf = (file: string): string => relative(SRC, file).split('/')[0]!;
const files = sources(SRC);
const graph = new Map(files.map((f) => [f, importsOf(f)]));

describe('architecture', () => {
  it('every relative import resolves to a source file', () => {
    for (const [f, deps] of graph) for (const d of deps) assert.ok(graph.has(d), `${relative(SRC, f)} imports ${relative(SRC, d)}, which does not exist`);
  });

  it('stages import only stages before them (wasm, allocator, trie: only base); nothing imports cli', () => {
    const bad: string[] = [];
    for (const [f, deps] of graph) {
      const from = stageOf(f);
      if (!ORDER.includes(from)) continue; // src/index.ts: the package root
      for (const d of deps) {
        const to = stageOf(d);
        const ok = to === from || (BASE_ONLY.has(from) ? to === 'base' : ORDER.indexOf(to) < ORDER.indexOf(from) && to !== 'cli');
        if (!ok) bad.push(`${relative(SRC, f)} → ${relative(SRC, d)}`);
      }
    }
    for (const [f, deps] of graph) if (stageOf(f) === 'index.ts') for (const d of deps) if (stageOf(d) === 'cli') bad.push(`index.ts → ${relative(SRC, d)}`);
    assert.deepEqual(bad, []);
  });

  it('no import cycle between files', () => {
    const state = new Map<string, 'visiting' | 'done'>();
    const cycles: string[] = [];
    const visit = (f: string, path: string[]): void => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'visiting') {
        cycles.push([...path.slice(path.indexOf(f)), f].map((p) => relative(SRC, p)).join(' → '));
        return;
      }
      state.set(f, 'visiting');
      for (const d of graph.get(f) ?? []) visit(d, [...path, f]);
      state.set(f, 'done');
    };
    for (const f of files) visit(f, []);
    assert.deepEqual(cycles, []);
  });

  it('shipped code never guesses where a corpus might be', () => {
    const guesses = files.filter((f) => /shared[/'"]\s*,?\s*'?corpus|'shared'/.test(readFileSync(f, 'utf8'))).map((f) => relative(SRC, f));
    assert.deepEqual(guesses, []);
  });
});
