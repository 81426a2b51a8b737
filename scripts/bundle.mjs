/**
 * Bundles the compiled entry points (tsc's dist/src) into dist/bundle/, one
 * ESM file each plus shared chunks, so that a fresh `swx` process resolves
 * and reads a handful of files instead of ~190 modules. What the `swx`
 * binary and `import('swx')` load (package.json "bin", "exports").
 *
 * - Third-party packages stay external: they are loaded from node_modules,
 *   lazily where the sources import them lazily (lmdb has a native part).
 * - Code splitting keeps each dynamic `import()` a chunk of its own, so
 *   `swx --help` parses the command registry, not the executor.
 * - The worker entry points are entries of their own with the file names the
 *   sources resolve them by (`new URL('./isolated-worker.js', import.meta.url)`),
 *   flat in one folder with every chunk, so those URLs still resolve.
 *
 * Run after `tsc` (npm run build / prepare / test): node scripts/bundle.mjs
 */
import { build } from 'esbuild';
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = join(ROOT, 'dist', 'src');
const OUT = join(ROOT, 'dist', 'bundle');

/** Output name → compiled module. Worker names must match the URLs the sources build. */
const ENTRIES = {
  index: 'index.js',
  bin: 'cli/bin.js',
  'command-worker': 'cli/command-worker.js',
  'isolated-worker': 'executor/isolated-worker.js',
};

rmSync(OUT, { recursive: true, force: true });
const result = await build({
  entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, rel]) => [name, join(SRC, rel)])),
  outdir: OUT,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  chunkNames: 'chunk-[hash]',
  minifyWhitespace: true,
  minifySyntax: true,
  keepNames: true,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});
writeFileSync(join(OUT, 'meta.json'), JSON.stringify(result.metafile));
chmodSync(join(OUT, 'bin.js'), 0o755);
