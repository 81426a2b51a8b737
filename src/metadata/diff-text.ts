/**
 * Text rendering of a runtime diff (`swx diff A B`): versions, then per
 * pallet the added (+), removed (-) and changed (~) entries with their old
 * and new signatures, then runtime APIs, then the verdicts.
 */
import type { EntriesDiff } from './diff-metadata.js';
import type { RuntimeDiff } from './diff-runtime.js';

function entries(kind: string, d: EntriesDiff, indent: string): string[] {
  const out: string[] = [];
  for (const n of d.added) out.push(`${indent}+ ${kind} ${n}`);
  for (const n of d.removed) out.push(`${indent}- ${kind} ${n}`);
  for (const c of d.changed) {
    out.push(`${indent}~ ${kind} ${c.name} (${c.changes.join(', ')}; ${c.compatible ? 'compatible' : 'incompatible'})`);
    out.push(`${indent}    was ${c.from}`);
    out.push(`${indent}    now ${c.to}`);
  }
  return out;
}

/** Renders a runtime diff as text. */
export function formatDiffText(d: RuntimeDiff): string {
  const out: string[] = [];
  if (d.version !== null) {
    for (const f of d.version.fields) out.push(`${f.field}: ${f.from} → ${f.to}`);
    const api = (x: { id: string; name?: string }): string => (x.name !== undefined ? `${x.name} (${x.id})` : x.id);
    for (const x of d.version.apis.added) out.push(`+ api ${api(x)} v${x.version}`);
    for (const x of d.version.apis.removed) out.push(`- api ${api(x)} v${x.version}`);
    for (const x of d.version.apis.changed) out.push(`~ api ${api(x)} v${x.from} → v${x.to}`);
  }
  const m = d.metadata;
  if (m === null) out.push(d.metadataNote ?? 'metadata not compared');
  else {
    if (m.version !== undefined) out.push(`metadata: V${m.version.from} → V${m.version.to}`);
    for (const p of m.pallets.added) out.push(`+ pallet ${p}`);
    for (const p of m.pallets.removed) out.push(`- pallet ${p}`);
    for (const p of m.pallets.changed) {
      out.push(`~ pallet ${p.name}${p.index !== undefined ? ` (index ${p.index.from} → ${p.index.to})` : ''}`);
      out.push(...entries('call', p.calls, '    '), ...entries('event', p.events, '    '), ...entries('error', p.errors, '    '));
      out.push(...entries('storage', p.storage, '    '), ...entries('constant', p.constants, '    '), ...entries('view', p.views, '    '));
    }
    if (m.apis === null) out.push('runtime APIs: not compared (V14 metadata does not describe them)');
    else {
      for (const a of m.apis.added) out.push(`+ runtime api ${a}`);
      for (const a of m.apis.removed) out.push(`- runtime api ${a}`);
      for (const a of m.apis.changed) out.push(`~ runtime api ${a.name}`, ...entries('method', a.methods, '    '));
    }
    if (m.extensions !== undefined) out.push(`~ signed extensions: ${m.extensions.from.join(', ')} → ${m.extensions.to.join(', ')}`);
    out.push(`compatible: ${m.compatible ? 'yes' : 'no'}`);
  }
  out.push(`transaction_version bump needed: ${d.transactionVersionBumpNeeded ? 'yes' : 'no'}${d.transactionVersionBumped !== null ? ` (bumped: ${d.transactionVersionBumped ? 'yes' : 'no'})` : ''}`);
  for (const r of d.reasons) out.push(`    ${r}`);
  for (const w of d.warnings) out.push(`warning: ${w}`);
  if (d.identical) out.push('identical');
  return out.join('\n');
}
