/**
 * One fuzz child process: runs cases `start … start+count−1` of one kind and
 * prints a JSON summary line on stdout. Before each case it writes
 * `case <index> <seed>` to stderr (synchronously), so when the process dies
 * the runner knows which case killed it.
 *
 *   node dist/fuzz/child.js KIND SEED START COUNT
 */
import { writeSync } from 'node:fs';
import { caseSeed, classify, Rng } from './harness.js';
import { KINDS } from './kinds.js';

/** What a child reports. */
export interface ChildSummary {
  kind: string;
  cases: number;
  ok: number;
  typed: Record<string, number>;
  untyped: Array<{ index: number; seed: number; message: string }>;
  /** Typed errors wrapping a JS engine error: first case of each distinct message. */
  wrapped: Array<{ index: number; seed: number; message: string; count: number }>;
  ms: number;
}

async function main(): Promise<void> {
  const [name, seedText, startText, countText] = process.argv.slice(2);
  const kind = KINDS.find((k) => k.name === name);
  if (kind === undefined) throw new Error(`unknown fuzz kind ${String(name)}`);
  const seed = Number(seedText);
  const start = Number(startText);
  const count = Number(countText);
  const runCase = await kind.start();
  const summary: ChildSummary = { kind: kind.name, cases: 0, ok: 0, typed: {}, untyped: [], wrapped: [], ms: 0 };
  const t0 = performance.now();
  for (let i = start; i < start + count; i++) {
    const s = caseSeed(seed, i);
    writeSync(2, `case ${i} ${s}\n`);
    let thrown: unknown = undefined;
    try {
      await runCase(new Rng(s));
    } catch (e) {
      thrown = e ?? new Error('threw undefined');
    }
    const outcome = classify(thrown);
    summary.cases++;
    if (outcome.kind === 'ok') summary.ok++;
    else if (outcome.kind === 'typed') {
      summary.typed[outcome.code] = (summary.typed[outcome.code] ?? 0) + 1;
      if (outcome.wrapped !== undefined) {
        const pattern = outcome.wrapped.replace(/\d+/g, 'N');
        const seen = summary.wrapped.find((w) => w.message.replace(/\d+/g, 'N') === pattern);
        if (seen !== undefined) seen.count++;
        else summary.wrapped.push({ index: i, seed: s, message: outcome.wrapped, count: 1 });
      }
    }
    else summary.untyped.push({ index: i, seed: s, message: outcome.message });
  }
  summary.ms = performance.now() - t0;
  process.stdout.write(JSON.stringify(summary) + '\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`fuzz child failed to start: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(3);
});
