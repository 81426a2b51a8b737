/**
 * Memory: what holding one compiled runtime costs (RSS, JS heap, external
 * memory), measured in a fresh child process per runtime (memory-child.ts).
 * No peer: its runtime cannot be held between calls.
 */
import { execFileSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchContext } from './context.js';
import { missingCorpus, runtimePath } from './corpus.js';
import type { MemoryStep } from './memory-child.js';

/** Runtimes measured (corpus names). */
export const MEMORY_RUNTIMES = ['westend-v9300', 'polkadot-v9160', 'kusama-1020-genesis'] as const;

const CHILD = resolve(dirname(fileURLToPath(import.meta.url)), 'memory-child.js');

/** Runs the memory benchmark. */
export async function benchMemory(ctx: BenchContext): Promise<void> {
  for (const name of MEMORY_RUNTIMES) {
    const missing = missingCorpus(runtimePath(name));
    if (missing !== undefined) {
      ctx.results.skipped.push({ bench: `memory ${name}`, reason: missing });
      continue;
    }
    const out = execFileSync(process.execPath, [CHILD, name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    const line = out.trim().split('\n').pop() ?? '';
    const parsed = JSON.parse(line) as { wasmBytes: number; steps: MemoryStep[] };
    const subject = `${name} (${(parsed.wasmBytes / 1024 / 1024).toFixed(1)} MiB Wasm)`;
    for (const s of parsed.steps) ctx.results.memory.push({ subject, stage: s.stage, rssMiB: s.rssMiB, heapMiB: s.heapMiB, externalMiB: s.externalMiB });
    const last = parsed.steps[parsed.steps.length - 1];
    if (last !== undefined) ctx.log(`memory ${name}: ${last.stage}: RSS +${last.rssMiB.toFixed(1)} MiB, heap +${last.heapMiB.toFixed(1)} MiB`);
  }
}
