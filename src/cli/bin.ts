#!/usr/bin/env node
/**
 * Entry point of the `swx` executable. `--help` is answered from a module
 * that imports nothing; every other command loads the CLI (and through it
 * the executor) with a dynamic import, timed for `--timings`.
 */
import { performance } from 'node:perf_hooks';

performance.mark('swx:start');
const argv = process.argv.slice(2);
const out = (s: string): void => void process.stdout.write(s.endsWith('\n') ? s : s + '\n');
const err = (s: string): void => void process.stderr.write(s + '\n');

async function main(): Promise<number> {
  const first = argv[0];
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    const { USAGE } = await import('./usage.js');
    out(USAGE);
    return first === undefined ? 2 : 0;
  }
  const { runCli } = await import('./main.js');
  performance.mark('swx:imports');
  return runCli(argv, out, err);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`swx: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
