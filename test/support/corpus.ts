/**
 * Locating `../shared/corpus` (real runtimes, chain specs, blocks, W3F cases).
 * Tests that need it skip with a message naming the missing path when it is
 * absent (a user's clone); CI checks it exists before running the tests.
 */
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { resolve } from 'node:path';

/** Absolute path of the corpus directory (env SWX_CORPUS overrides). */
export const CORPUS_DIR = resolve(process.env['SWX_CORPUS'] ?? resolve(process.cwd(), '..', 'shared', 'corpus'));

/** Path of a corpus file, or undefined if it does not exist. */
export function corpusPath(rel: string): string | undefined {
  const p = resolve(CORPUS_DIR, rel);
  return existsSync(p) ? p : undefined;
}

/** A `node:test` skip option: false if the corpus file exists, else the reason. */
export function skipUnlessCorpus(...rels: string[]): false | string {
  for (const rel of rels) {
    if (corpusPath(rel) === undefined) return `corpus file missing: ${resolve(CORPUS_DIR, rel)}`;
  }
  return false;
}

/** Reads a corpus file, gunzipping `.gz` files. */
export function readCorpus(rel: string): Uint8Array {
  const p = corpusPath(rel);
  if (p === undefined) throw new Error(`corpus file missing: ${resolve(CORPUS_DIR, rel)}`);
  const raw = readFileSync(p);
  return new Uint8Array(rel.endsWith('.gz') ? gunzipSync(raw) : raw);
}

/** Reads and parses a JSON corpus file (gunzipping `.gz`). */
export function readCorpusJson<T = unknown>(rel: string): T {
  return JSON.parse(new TextDecoder().decode(readCorpus(rel))) as T;
}
