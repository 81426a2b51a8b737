/** `swx compress` / `swx decompress`: the Substrate-prefixed zstd form of a blob and back. */
import { lazyRun, type CommandSpec } from '../command.js';
import { INPUT_OPTION } from '../option-specs.js';

export const COMPRESS_COMMAND: CommandSpec = {
  name: 'compress',
  summary: 'a runtime blob in the Substrate-prefixed zstd form (52bc537646db8e05)',
  args: [{ name: 'IN' }, { name: 'OUT' }],
  options: [INPUT_OPTION],
  examples: ['swx compress runtime.wasm runtime.compact.compressed.wasm'],
  run: lazyRun(() => import('../run/compress.js'), (m) => m.runCompress),
};
export const DECOMPRESS_COMMAND: CommandSpec = {
  name: 'decompress',
  summary: 'the raw Wasm of a (maybe compressed) runtime blob',
  args: [{ name: 'IN' }, { name: 'OUT' }],
  options: [INPUT_OPTION],
  examples: ['swx decompress runtime.compact.compressed.wasm runtime.wasm'],
  run: lazyRun(() => import('../run/compress.js'), (m) => m.runDecompress),
};
