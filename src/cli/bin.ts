#!/usr/bin/env node
/**
 * Entry point of the `swx` executable: stdout and stderr, with an error line
 * coloured only on a terminal and never under NO_COLOR, and a closed pipe on
 * stdout (`swx … | head`) ending the process quietly. The CLI (and through it
 * the executor) is loaded with a dynamic import, timed for `--timings`.
 */
import { performance } from 'node:perf_hooks';

performance.mark('swx:start');

process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

const noColour = (process.env['NO_COLOR'] ?? '') !== '';
const colour = process.stderr.isTTY === true && !noColour;
const paintError = (s: string): string => (colour && s.startsWith('swx: ') ? `\x1b[31mswx:\x1b[0m ${s.slice(5)}` : s);

async function main(): Promise<number> {
  const { runCli } = await import('./main.js');
  performance.mark('swx:imports');
  return runCli(
    process.argv.slice(2),
    (s) => process.stdout.write(s.endsWith('\n') ? s : s + '\n'),
    (s) => process.stderr.write(paintError(s) + '\n'),
    { outBytes: (b) => process.stdout.write(b), colour: process.stdout.isTTY === true && !noColour },
  );
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
