/**
 * The version of the installed swx package, read from its package.json. The
 * file is found by walking up from this module: tsc's output
 * (dist/src/base/) and the bundle (dist/bundle/) sit at different depths
 * below the package root, and both must find the same file.
 */
import { readFileSync } from 'node:fs';

/** The package's name in its package.json (a stray package.json on the way up is not ours). */
const PACKAGE_NAME = 'swx';
/** Folders walked up at most (dist/src/base → package root is four). */
const MAX_DEPTH = 6;

/** The swx version, or 'unknown' when no swx package.json is found above this module. */
export function packageVersion(): string {
  let url = new URL('./package.json', import.meta.url);
  for (let i = 0; i < MAX_DEPTH; i++) {
    try {
      const pkg = JSON.parse(readFileSync(url, 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === PACKAGE_NAME && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // absent or unreadable here: one folder up
    }
    url = new URL('../package.json', url);
  }
  return 'unknown';
}
