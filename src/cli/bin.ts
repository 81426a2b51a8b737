#!/usr/bin/env node
/** Entry point of the `swx` executable. */
import { runCli } from './main.js';

// A reader that stops early (`swx … | head -c1`) closes the pipe: EPIPE means
// nobody wants the rest, so end quietly with the status so far (no stack trace).
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  process.stderr.write(`swx: cannot write to stdout: ${e.code ?? e.message}\n`);
  process.exit(1);
});

runCli(
  process.argv.slice(2),
  (s) => process.stdout.write(s.endsWith('\n') ? s : s + '\n'),
  (s) => process.stderr.write(s + '\n'),
).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`swx: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
