/** `swx version`: the runtime's version (its `runtime_version` section, else `Core_version`). */
import { lazyRun, type CommandSpec } from '../command.js';
import { ENDPOINT_OPTIONS, JSON_OPTION, RUNTIME_OPTIONS } from '../option-specs.js';

export const VERSION_COMMAND: CommandSpec = {
  name: 'version',
  summary: 'the runtime version: spec and impl names and versions, APIs, transaction and state versions',
  args: [{ name: 'RUNTIME', optional: true }],
  options: [JSON_OPTION, ...RUNTIME_OPTIONS, ...ENDPOINT_OPTIONS],
  examples: ['swx version runtime.compact.compressed.wasm', 'swx version chain-spec.json --json', 'swx version --endpoint ws://127.0.0.1:9944 --at 100'],
  timed: true,
  run: lazyRun(() => import('../run/version.js'), (m) => m.runVersion),
};
