/**
 * Every `swx` command, in the order `swx --help` lists them: the specs only
 * (options, help); each loads its implementation (run/) when it runs.
 */
import type { CommandSpec } from './command.js';
import { INFO_COMMAND } from './commands/info.js';
import { VERSION_COMMAND } from './commands/version.js';
import { METADATA_COMMAND } from './commands/metadata.js';
import { CALL_COMMAND } from './commands/call.js';
import { GENESIS_COMMAND } from './commands/genesis.js';
import { EXECUTE_BLOCK_COMMAND } from './commands/execute-block.js';
import { COMPRESS_COMMAND, DECOMPRESS_COMMAND } from './commands/compress.js';
import { HOSTAPI_SPEC } from './commands/hostapi.js';
import { STORAGE_COMMAND } from './commands/storage.js';
import { DIFF_COMMAND } from './commands/diff.js';
import { SNAPSHOT_COMMAND } from './commands/snapshot.js';
import { DEMO_COMMAND } from './commands/demo.js';

/** The commands. */
export const COMMANDS: readonly CommandSpec[] = [
  INFO_COMMAND,
  VERSION_COMMAND,
  METADATA_COMMAND,
  CALL_COMMAND,
  STORAGE_COMMAND,
  DIFF_COMMAND,
  GENESIS_COMMAND,
  EXECUTE_BLOCK_COMMAND,
  SNAPSHOT_COMMAND,
  COMPRESS_COMMAND,
  DECOMPRESS_COMMAND,
  DEMO_COMMAND,
  HOSTAPI_SPEC,
];
