/**
 * Child process of the memory benchmark (a fresh process, so earlier
 * benchmarks leave nothing behind): `node dist/bench/memory-child.js NAME`
 * loads runtime NAME step by step and prints one JSON line: the cumulative
 * RSS / heap / external deltas after each step, garbage collected.
 */
import { collectGarbage } from './v8-flags.js';
import { createDecompressor, createHashers, createRuntime, loadRuntimeCodeSync, type Runtime, type RuntimeCode } from '../src/index.js';
import { readCorpus, runtimePath } from './corpus.js';

/** One step's deltas from the baseline, MiB. */
export interface MemoryStep {
  stage: string;
  rssMiB: number;
  heapMiB: number;
  externalMiB: number;
}

const MIB = 1024 * 1024;

function snapshot(): NodeJS.MemoryUsage {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage();
}

async function main(name: string): Promise<void> {
  const hashers = await createHashers();
  const decompressor = await createDecompressor();
  const bytes = readCorpus(runtimePath(name));
  // Warm the code paths once on a throw-away runtime so that the deltas are data, not JIT code of swx itself.
  await (await createRuntime(loadRuntimeCodeSync(bytes, { hashers, decompressor }))).call('Core_version');
  const base = snapshot();
  const steps: MemoryStep[] = [];
  const record = (stage: string): void => {
    const m = snapshot();
    steps.push({
      stage,
      rssMiB: (m.rss - base.rss) / MIB,
      heapMiB: (m.heapUsed - base.heapUsed) / MIB,
      externalMiB: (m.external - base.external) / MIB,
    });
  };
  const held: { code?: RuntimeCode; runtime?: Runtime } = {};
  held.code = loadRuntimeCodeSync(bytes, { hashers, decompressor });
  record('RuntimeCode (decoded, validated)');
  held.runtime = await createRuntime(held.code, { instantiationStrategy: 'pooled' });
  record(`+ Runtime (prepared, compiled${held.code.embeddedVersion === undefined ? '; instantiated for Core_version: no version section' : ''})`);
  await held.runtime.call('Metadata_metadata');
  record('+ after Metadata_metadata (pooled instance kept)');
  process.stdout.write(`${JSON.stringify({ name, wasmBytes: held.code.wasm.length, steps })}\n`);
}

const name = process.argv[2];
if (name === undefined) {
  process.stderr.write('usage: memory-child.js RUNTIME_NAME\n');
  process.exit(2);
}
await main(name);
