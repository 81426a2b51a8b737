/** Writing a command's file outputs: atomically (output-file.ts); `-` is stdout. */
import type { CliIo } from './command.js';
import { writeFileAtomic } from './output-file.js';

/** Writes `bytes` to `path` (never a fragment of it), or to stdout when `path` is `-`. */
export function writeOutput(path: string, bytes: Uint8Array, io: CliIo): void {
  if (path === '-') return io.outBytes(bytes);
  writeFileAtomic(path, bytes);
}
