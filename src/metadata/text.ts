/**
 * Text rendering of decoded metadata (`swx metadata --format text`): one
 * block per pallet, one line per entry, types as Rust-like names.
 *
 *   pallet System (index 0)
 *     calls
 *       0  remark(remark: Vec<u8>)
 *     storage
 *       Account: map Blake2_128Concat(AccountId32) => AccountInfo<…>  [Default]
 *     constants
 *       SS58Prefix: u16 = 42
 *   api AccountNonceApi
 *     account_nonce(account: AccountId32) -> u32
 */
import type { DecodedMetadata, FieldInfo, PalletInfo } from './decode.js';

/** Options of `formatMetadataText`. */
export interface FormatMetadataOpts {
  /** Only this pallet (case-insensitive); APIs are then left out. */
  pallet?: string;
}

/** Longest constant value printed inline before it is cut. */
const MAX_CONSTANT_TEXT = 160;

function fields(fs: FieldInfo[]): string {
  return fs.map((f) => (f.name !== undefined ? `${f.name}: ${f.type}` : f.type)).join(', ');
}

function constantText(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > MAX_CONSTANT_TEXT ? s.slice(0, MAX_CONSTANT_TEXT - 1) + '…' : s;
}

function palletLines(p: PalletInfo): string[] {
  const out = [`pallet ${p.name} (index ${p.index})`];
  if (p.calls.length > 0) {
    out.push('  calls');
    for (const c of p.calls) out.push(`    ${String(c.index).padStart(3)}  ${c.name}(${fields(c.args)})`);
  }
  if (p.events.length > 0) {
    out.push('  events');
    for (const e of p.events) out.push(`    ${String(e.index).padStart(3)}  ${e.name}(${fields(e.fields)})`);
  }
  if (p.errors.length > 0) {
    out.push('  errors');
    for (const e of p.errors) out.push(`    ${String(e.index).padStart(3)}  ${e.name}${e.fields.length > 0 ? `(${fields(e.fields)})` : ''}`);
  }
  if (p.storage.length > 0) {
    out.push('  storage');
    for (const s of p.storage) {
      const key = s.hashers.length === 0 ? '' : `map ${s.hashers.map((h, i) => `${h}(${s.keys[i] ?? '?'})`).join(', ')} => `;
      out.push(`    ${s.name}: ${key}${s.value}  [${s.modifier}]`);
    }
  }
  if (p.constants.length > 0) {
    out.push('  constants');
    for (const c of p.constants) out.push(`    ${c.name}: ${c.type} = ${c.value === null ? c.hex : constantText(c.value)}`);
  }
  if (p.views !== undefined) {
    out.push('  view functions');
    for (const v of p.views) out.push(`    ${v.name}(${fields(v.inputs)}) -> ${v.output}`);
  }
  return out;
}

/** Renders decoded metadata as text, one entry per line. */
export function formatMetadataText(m: DecodedMetadata, opts: FormatMetadataOpts = {}): string {
  const wanted = opts.pallet?.toLowerCase();
  const pallets = wanted === undefined ? m.pallets : m.pallets.filter((p) => p.name.toLowerCase() === wanted);
  const calls = pallets.reduce((n, p) => n + p.calls.length, 0);
  const lines = [`metadata V${m.version}: ${pallets.length} pallets, ${calls} calls, ${m.apis.length} runtime APIs${m.ss58Prefix !== undefined ? `, SS58 prefix ${m.ss58Prefix}` : ''}`];
  for (const p of pallets) lines.push(...palletLines(p));
  if (wanted === undefined) {
    for (const a of m.apis) {
      lines.push(`api ${a.name}${a.version !== undefined ? ` (version ${a.version})` : ''}`);
      for (const f of a.methods) lines.push(`    ${f.name}(${fields(f.inputs)}) -> ${f.output}`);
    }
    if (m.version === 14) lines.push('(V14 metadata does not describe runtime APIs)');
    lines.push(`extrinsic V${m.extrinsic.versions.join('/')}: extensions ${m.extrinsic.extensions.map((x) => x.identifier).join(', ')}`);
  }
  return lines.join('\n');
}
