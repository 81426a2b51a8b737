/** `swx info`: a summary of a runtime blob. */
import { lazyRun, type CommandSpec } from '../command.js';
import { JSON_OPTION, RUNTIME_OPTIONS } from '../option-specs.js';

export const INFO_COMMAND: CommandSpec = {
  name: 'info',
  summary: 'size, compression, hashes, version, APIs, imports, memory, heap base',
  args: [{ name: 'RUNTIME' }],
  options: [JSON_OPTION, ...RUNTIME_OPTIONS],
  examples: ['swx info runtime.compact.compressed.wasm', 'swx info chain-spec.json --json'],
  timed: true,
  run: lazyRun(() => import('../run/info.js'), (m) => m.runInfo),
};
