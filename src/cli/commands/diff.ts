/**
 * `swx diff`: what changed between two runtimes — version fields and APIs;
 * pallets, calls, events, errors, storage items and constants added, removed
 * or changed (by type shape, not bytes); and whether the transaction version
 * should have been bumped.
 */
import { lazyRun, type CommandSpec } from '../command.js';
import { INPUT_OPTION, JSON_OPTION } from '../option-specs.js';

export const DIFF_COMMAND: CommandSpec = {
  name: 'diff',
  summary: 'what changed between two runtimes, and whether transaction_version should have been bumped',
  args: [{ name: 'A' }, { name: 'B' }],
  options: [JSON_OPTION, INPUT_OPTION],
  details: 'A and B are RUNTIMEs (blobs or chain specs). Types are compared by their encoding, not their ids.',
  examples: ['swx diff old.compact.compressed.wasm new.compact.compressed.wasm', 'swx diff polkadot-v9160.wasm westend-v9300.wasm --json'],
  run: lazyRun(() => import('../run/diff.js'), (m) => m.runDiff),
};
