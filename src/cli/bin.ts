#!/usr/bin/env node
/** Entry point of the `swx` executable. */
import { runCli } from './main.js';

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
