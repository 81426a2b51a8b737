/**
 * Cold process: what a CLI user, a CI job or a serverless function pays on
 * every run. Fresh processes, alternating between the three subjects so that
 * machine load hits them alike, medians of the timed runs:
 *
 *   swx, no cache     node dist/bundle/bin.js metadata RUNTIME --json --no-cache
 *   swx, warm cache   node dist/bundle/bin.js metadata RUNTIME --json   (artifact stored by an untimed run)
 *   peer              node peer-cold-child.js RUNTIME       (import chopsticks-executor, run_task)
 *
 * RUNTIME is the compressed asset-hub-rococo genesis runtime, the `:code` of
 * @substrate/connect-known-chains' `rococo_v2_2_asset_hub` chain spec. The
 * artifact cache lives in a temporary folder; peak RSS comes from `--timings`.
 * swx is what the package ships: the bundled bin (package.json "bin") and,
 * for `import('swx')`, the bundled library ("exports").
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { backendFromChainSpec } from '../src/index.js';
import { CODE_KEY } from '../src/state/index.js';
import { runsFor, type BenchContext } from './context.js';
import { REPO_ROOT } from './corpus.js';
import { formatMs, median, sampleOf } from './harness.js';

const BIN = resolve(REPO_ROOT, 'dist', 'bundle', 'bin.js');
const LIBRARY = resolve(REPO_ROOT, 'dist', 'bundle', 'index.js');
const PEER_CHILD = resolve(REPO_ROOT, 'dist', 'bench', 'peer-cold-child.js');

interface Run {
  ms: number;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: NodeJS.ProcessEnv): Run {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', env });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr.trim().split('\n').pop()}`);
  return { ms, stdout: r.stdout, stderr: r.stderr };
}

function lengthOf(stdout: string): number {
  return (JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { length?: number }).length ?? -1;
}

/** Runs the cold-process benchmark. */
export async function benchColdProcess(ctx: BenchContext): Promise<void> {
  const { chainSpec } = (await import('@substrate/connect-known-chains/rococo_v2_2_asset_hub')) as { chainSpec: string };
  const code = backendFromChainSpec(JSON.parse(chainSpec)).get(CODE_KEY);
  if (code === undefined) {
    ctx.results.skipped.push({ bench: 'cold process', reason: 'rococo_v2_2_asset_hub chain spec has no :code' });
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'swx-bench-cold-'));
  try {
    const runtime = join(dir, 'asset-hub-rococo.wasm.zst');
    writeFileSync(runtime, code);
    const env = { ...process.env, SWX_CACHE_DIR: join(dir, 'cache') };
    const swxArgs = [BIN, 'metadata', runtime, '--json'];
    const subjects = {
      noCache: () => run([...swxArgs, '--no-cache'], env),
      warm: () => run(swxArgs, env),
      peer: ctx.peer !== undefined ? () => run([PEER_CHILD, runtime], env) : undefined,
    };
    // Untimed: store the artifact, and read the timings and peak RSS of each swx mode.
    const phases = (r: Run): string => r.stderr.split('\n').filter((l) => l.startsWith('swx timings:')).map((l) => l.slice('swx timings: '.length).replace(/\s+/g, ' ').trim()).join(' · ');
    const warmup = run([...swxArgs, '--timings'], env);
    const noCacheInfo = run([...swxArgs, '--no-cache', '--timings'], env);
    const warmInfo = run([...swxArgs, '--timings'], env);
    void warmup;
    ctx.results.notes.push(`cold process, no cache: ${phases(noCacheInfo)}`);
    ctx.results.notes.push(`cold process, warm artifact cache: ${phases(warmInfo)}`);
    const runs = runsFor(ctx, 7, 5);
    const times = { noCache: [] as number[], warm: [] as number[], peer: [] as number[], bare: [] as number[], help: [] as number[], importSwx: [] as number[] };
    let lengths = { swx: lengthOf(warmInfo.stdout), peer: -1 };
    for (let i = 0; i < runs; i++) {
      times.noCache.push(subjects.noCache().ms);
      times.warm.push(subjects.warm().ms);
      if (subjects.peer !== undefined) {
        const p = subjects.peer();
        times.peer.push(p.ms);
        lengths = { ...lengths, peer: lengthOf(p.stdout) };
      }
      times.bare.push(run(['-e', '0'], env).ms);
      times.help.push(run([BIN, '--help'], env).ms);
      times.importSwx.push(run(['--input-type=module', '-e', `await import(${JSON.stringify(LIBRARY)})`], env).ms);
    }
    const peerSample = times.peer.length > 0 ? sampleOf(times.peer) : undefined;
    const rows = [
      ['metadata, no cache', '`swx metadata R --json --no-cache`', times.noCache],
      ['metadata, warm artifact cache', '`swx metadata R --json`', times.warm],
    ] as const;
    for (const [subject, label, xs] of rows) {
      ctx.results.rows.push({
        bench: 'cold process',
        subject: `asset-hub-rococo ${subject}`,
        swxLabel: label,
        swx: sampleOf(xs),
        ...(peerSample !== undefined ? { peerLabel: 'fresh node: import + run_task(Metadata_metadata)', peer: peerSample, sameResult: lengths.peer === lengths.swx } : {}),
      });
    }
    const bare = median(times.bare);
    const ratio = (xs: number[]): string => (peerSample !== undefined ? (median(xs) / peerSample.median).toFixed(2) : '—');
    ctx.results.notes.push(
      `cold process (medians of ${runs} alternating fresh processes): swx ÷ peer = ${ratio(times.noCache)} no cache, ${ratio(times.warm)} warm cache (targets ≤ 0.2, ≤ 0.1)`,
    );
    ctx.results.notes.push(
      `startup: bare \`node -e 0\` ${formatMs(bare)}, \`swx --help\` ${formatMs(median(times.help))} (${(median(times.help) / bare).toFixed(2)}×), \`import('swx')\` ${formatMs(median(times.importSwx))} (${(median(times.importSwx) / bare).toFixed(2)}×) (target ≤ 1.5×)`,
    );
    ctx.log(`cold process: no cache ${formatMs(median(times.noCache))}, warm ${formatMs(median(times.warm))}, peer ${peerSample !== undefined ? formatMs(peerSample.median) : '—'}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
