/** Writing a command's file outputs; `-` is stdout. */
import { writeFileSync } from 'node:fs';
import { SwxError } from '../base/errors.js';
import type { CliIo } from './command.js';

/** Writes `bytes` to `path`, or to stdout when `path` is `-`. */
export function writeOutput(path: string, bytes: Uint8Array, io: CliIo): void {
  if (path === '-') return io.outBytes(bytes);
  try {
    writeFileSync(path, bytes);
  } catch (e) {
    throw new SwxError('INVALID_INPUT', `cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { path });
  }
}
