/**
 * Running the CLI in this process for tests: `runSwx(...args)` collects what
 * `swx` would print, and `useCacheDir(dir)` points the persistent caches at a
 * test's folder until the returned function restores the previous setting.
 *
 *   const r = await runSwx('call', spec, 'Core_version', '--json');  // {code, out, err}
 *   const restore = useCacheDir(join(dir, 'cache')); … restore();
 */
import { runCli } from '../../src/cli/main.js';

/** What one run printed: the exit status, stdout and stderr (one line each per print). */
export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs `swx ...args` in this process. */
export async function runSwx(...args: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await runCli(args, (s) => (out += s + '\n'), (s) => (err += s + '\n'));
  return { code, out, err };
}

/** Sets `$SWX_CACHE_DIR` to `dir`; the returned function puts back what was there. */
export function useCacheDir(dir: string): () => void {
  const saved = process.env['SWX_CACHE_DIR'];
  process.env['SWX_CACHE_DIR'] = dir;
  return () => {
    if (saved === undefined) delete process.env['SWX_CACHE_DIR'];
    else process.env['SWX_CACHE_DIR'] = saved;
  };
}
