/**
 * `npm run fuzz`: runs every fuzz kind in its own child process and reports,
 * per kind, cases, typed refusals, untyped errors, crashes and hangs.
 *
 *   node dist/fuzz/run.js [--count=10000] [--seed=1] [--kinds=blob,wasm,hostcall,spec]
 *                         [--first=0] [--hang-ms=60000] [--json]
 *
 * A child that dies (V8 abort, out-of-memory, any signal or unexpected exit)
 * is a crash of the case it was running (its last `case` line); a child
 * silent for `--hang-ms` is a hang (a mutated runtime can loop forever: a
 * call without a timeout may, as in Substrate). Either way the runner starts
 * a new child at the next case, so one bad case does not hide the others.
 * Exit code 1 if any case crashed or ended in an untyped error.
 * Replay one case: `--kinds=KIND --seed=SEED --first=INDEX --count=1`.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import type { ChildSummary } from './child.js';
import { caseSeed } from './harness.js';
import { KINDS } from './kinds.js';

const CHILD = join(dirname(fileURLToPath(import.meta.url)), 'child.js');

/** Options of a run. */
export interface FuzzOpts {
  count: number;
  seed: number;
  kinds: string[];
  first: number;
  hangMs: number;
}

/** A case the child did not come back from. */
export interface Incident {
  index: number;
  seed: number;
  what: string;
}

/** The result of one kind. */
export interface KindReport extends Omit<ChildSummary, 'ms'> {
  crashes: Incident[];
  hangs: Incident[];
  ms: number;
}

/** Runs cases [from, end) of `kind` in one child; resolves with its summary or the incident that ended it. */
function runChild(kind: string, opts: FuzzOpts, from: number, end: number): Promise<{ summary?: ChildSummary; lastCase: number; incident?: { kind: 'crash' | 'hang'; what: string } }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CHILD, kind, String(opts.seed), String(from), String(end - from)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let tail = '';
    const noise: string[] = [];
    let lastCase = from - 1;
    let hung = false;
    let timer = setTimeout(onHang, opts.hangMs);
    function onHang(): void {
      hung = true;
      child.kill('SIGKILL');
    }
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      const text = tail + d.toString();
      const lines = text.split('\n');
      tail = lines.pop()!;
      for (const line of lines) {
        const m = /^case (\d+) /.exec(line);
        if (m !== null) lastCase = Number(m[1]);
        else if (noise.push(line) > 5) noise.shift();
      }
      clearTimeout(timer);
      timer = setTimeout(onHang, opts.hangMs);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (hung) return resolve({ lastCase, incident: { kind: 'hang', what: `no progress for ${opts.hangMs} ms` } });
      if (code === 0 && stdout.trim() !== '') return resolve({ summary: JSON.parse(stdout) as ChildSummary, lastCase });
      const why = signal !== null ? `killed by ${signal}` : `exit code ${String(code)}`;
      resolve({ lastCase, incident: { kind: 'crash', what: `${why}: ${[...noise, tail].join(' | ').trim().slice(0, 400)}` } });
    });
  });
}

/** Runs `opts.count` cases of one kind, restarting the child after a crash or hang. */
export async function runKind(kind: string, opts: FuzzOpts): Promise<KindReport> {
  const report: KindReport = { kind, cases: 0, ok: 0, typed: {}, untyped: [], wrapped: [], crashes: [], hangs: [], ms: 0 };
  const t0 = performance.now();
  const end = opts.first + opts.count;
  let next = opts.first;
  while (next < end) {
    const r = await runChild(kind, opts, next, end);
    if (r.summary !== undefined) {
      report.cases += r.summary.cases;
      report.ok += r.summary.ok;
      for (const [code, n] of Object.entries(r.summary.typed)) report.typed[code] = (report.typed[code] ?? 0) + n;
      report.untyped.push(...r.summary.untyped);
      report.wrapped.push(...r.summary.wrapped);
      break;
    }
    const index = Math.max(r.lastCase, next);
    if (r.lastCase < next) {
      // Died before its first case: setup failed, which no restart fixes.
      report.crashes.push({ index: next, seed: caseSeed(opts.seed, next), what: `setup: ${r.incident!.what}` });
      break;
    }
    (r.incident!.kind === 'crash' ? report.crashes : report.hangs).push({ index, seed: caseSeed(opts.seed, index), what: r.incident!.what });
    // Cases before the fatal one finished without an incident; their outcomes died with the child and count as run.
    report.cases += index - next + 1;
    next = index + 1;
  }
  report.ms = performance.now() - t0;
  return report;
}

function parseOpts(argv: readonly string[]): FuzzOpts {
  const opts: FuzzOpts = { count: 10_000, seed: 1, kinds: KINDS.map((k) => k.name), first: 0, hangMs: 60_000 };
  for (const a of argv) {
    const [k, v] = a.replace(/^--/, '').split('=') as [string, string | undefined];
    if (k === 'json') continue;
    if (v === undefined) throw new Error(`usage: run.js [--count=N] [--seed=S] [--kinds=a,b] [--first=I] [--hang-ms=MS] [--json] (got ${a})`);
    if (k === 'kinds') opts.kinds = v.split(',');
    else if (k === 'count' || k === 'seed' || k === 'first') opts[k] = Number(v);
    else if (k === 'hang-ms') opts.hangMs = Number(v);
    else throw new Error(`unknown option ${a}`);
  }
  return opts;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const opts = parseOpts(argv);
  const reports: KindReport[] = [];
  for (const kind of opts.kinds) {
    const r = await runKind(kind, opts);
    reports.push(r);
    if (!argv.includes('--json')) {
      const typed = Object.values(r.typed).reduce((a, b) => a + b, 0);
      process.stdout.write(
        `${kind.padEnd(9)} ${String(r.cases).padStart(6)} cases  ${String(r.ok).padStart(6)} ok  ${String(typed).padStart(6)} typed  ` +
          `${r.untyped.length} untyped  ${r.crashes.length} crashes  ${r.hangs.length} hangs  ${(r.ms / 1000).toFixed(1)} s\n`,
      );
      for (const w of r.wrapped) process.stdout.write(`  wrapped ×${w.count} #${w.index} (seed ${w.seed}): ${w.message.slice(0, 200)}\n`);
      process.stdout.write(
        '',
      );
      for (const u of r.untyped.slice(0, 10)) process.stdout.write(`  untyped #${u.index} (seed ${u.seed}): ${u.message.split('\n').join('\n    ')}\n`);
      for (const c of [...r.crashes, ...r.hangs]) process.stdout.write(`  #${c.index} (seed ${c.seed}): ${c.what}\n`);
    }
  }
  if (argv.includes('--json')) process.stdout.write(JSON.stringify({ seed: opts.seed, reports }) + '\n');
  process.exitCode = reports.some((r) => r.untyped.length > 0 || r.crashes.length > 0) ? 1 : 0;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  });
}
