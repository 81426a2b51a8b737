/**
 * Results: one row per compared case (swx vs the peer, same process, same
 * run), rendered as the Markdown table printed at the end and written to
 * bench/RESULTS.md.
 */
import { formatMs, type Sample } from './harness.js';

/** One compared case. */
export interface Row {
  /** Benchmark section, e.g. "cold start". */
  bench: string;
  /** What is measured, e.g. "westend-v9300". */
  subject: string;
  /** What swx runs. */
  swxLabel: string;
  swx: Sample;
  /** What the peer runs (absent: no peer for this row). */
  peerLabel?: string;
  peer?: Sample;
  /** The peer's run failed before finishing the job: its time is a lower bound. */
  peerFailed?: boolean;
  /** Whether both produced the same result (output bytes, root), when checked. */
  sameResult?: boolean;
}

/** One memory measurement (no peer). */
export interface MemoryRow {
  subject: string;
  /** What is held when measured. */
  stage: string;
  rssMiB: number;
  heapMiB: number;
  externalMiB: number;
}

/** Text of a section skipped for a missing input. */
export interface Skip {
  bench: string;
  reason: string;
}

/** Everything one run produced. */
export interface Results {
  rows: Row[];
  memory: MemoryRow[];
  skipped: Skip[];
  /** Free-form lines (profiling breakdowns, peer facts). */
  notes: string[];
}

/** An empty result set. */
export function emptyResults(): Results {
  return { rows: [], memory: [], skipped: [], notes: [] };
}

/** peer ÷ swx on medians, e.g. "43.1×" ("≥" when the peer failed early). */
export function ratioText(row: Row): string {
  if (row.peer === undefined) return '—';
  const r = row.peer.median / row.swx.median;
  const digits = r >= 100 ? 0 : r >= 10 ? 1 : 2;
  return `${row.peerFailed === true ? '≥ ' : ''}**${r.toFixed(digits)}×**`;
}

function cell(s: Sample | undefined): string {
  return s === undefined ? '—' : `${formatMs(s.median)} (${formatMs(s.min)})`;
}

function check(row: Row): string {
  if (row.peerFailed === true) return 'peer ✗';
  if (row.sameResult === undefined) return '';
  return row.sameResult ? '✓' : '✗ differs';
}

/** The comparison table (Markdown). */
export function renderTable(rows: readonly Row[], peerName: string): string {
  const out = [
    `| benchmark | case | swx | swx median (min) | ${peerName} | peer median (min) | peer ÷ swx | same result |`,
    '|---|---|---|--:|---|--:|--:|:-:|',
  ];
  for (const r of rows) {
    out.push(`| ${r.bench} | ${r.subject} | ${r.swxLabel} | ${cell(r.swx)} | ${r.peerLabel ?? '—'} | ${cell(r.peer)} | ${ratioText(r)} | ${check(r)} |`);
  }
  return out.join('\n');
}

/** The memory table (Markdown). */
export function renderMemory(rows: readonly MemoryRow[]): string {
  const mib = (x: number): string => `${x >= 0 ? '+' : ''}${x.toFixed(1)} MiB`;
  const out = ['| runtime | held | Δ RSS | Δ JS heap used | Δ external (ArrayBuffers, Wasm memory) |', '|---|---|--:|--:|--:|'];
  for (const r of rows) out.push(`| ${r.subject} | ${r.stage} | ${mib(r.rssMiB)} | ${mib(r.heapMiB)} | ${mib(r.externalMiB)} |`);
  return out.join('\n');
}
