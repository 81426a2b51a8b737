/**
 * The shared corpus (`../shared/corpus` beside the repository, or $SWX_CORPUS):
 * real runtimes, chain specs and blocks. A benchmark whose files are missing
 * is skipped with a message naming them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

/** The repository root (this file runs as dist/bench/corpus.js). */
export const REPO_ROOT: string = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Absolute path of the corpus directory. */
export const CORPUS_DIR: string = resolve(process.env['SWX_CORPUS'] ?? resolve(REPO_ROOT, '..', 'shared', 'corpus'));

/** A message naming the first missing corpus file among `rels`, or undefined if all exist. */
export function missingCorpus(...rels: string[]): string | undefined {
  for (const rel of rels) {
    const p = resolve(CORPUS_DIR, rel);
    if (!existsSync(p)) return `corpus file missing: ${p}`;
  }
  return undefined;
}

/** A corpus file's bytes, gunzipped if it ends in `.gz`. */
export function readCorpus(rel: string): Uint8Array {
  const raw = readFileSync(resolve(CORPUS_DIR, rel));
  return new Uint8Array(rel.endsWith('.gz') ? gunzipSync(raw) : raw);
}

/** Corpus path of a runtime by its name in `runtimes/index.json`. */
export function runtimePath(name: string): string {
  return `runtimes/${name}.wasm.gz`;
}
