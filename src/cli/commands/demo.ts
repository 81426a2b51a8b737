/** `swx demo` (`npm start`): the main job on the embedded default runtime (demo.ts). */
import { optFlag } from '../args.js';
import { lazyRun, type CommandSpec } from '../command.js';

export const DEMO_COMMAND: CommandSpec = {
  name: 'demo',
  summary: '(npm start) the embedded asset-hub-rococo genesis runtime: version, metadata, call times',
  args: [],
  options: [{ name: 'json', help: 'print one JSON object on stdout' }],
  examples: ['swx demo', 'npm start'],
  run: lazyRun(() => import('../demo.js'), (m) => (args, io) => m.runDemo(optFlag(args, 'json'), io.out)),
};
