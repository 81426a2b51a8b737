/**
 * Resolving `Pallet.Item` and `Api.method` names against metadata, with a
 * "did you mean" when a name is unknown. Exact names win; a unique
 * case-insensitive match is accepted (`system.account` finds System.Account).
 */
import { editDistance } from '../base/suggest.js';
import { SwxError } from '../base/errors.js';

/** Splits `A.b` (or `A_b` for runtime API methods when `underscore`) into its two names. */
export function splitName(ref: string, what: string, underscore = false): [string, string] {
  let i = ref.indexOf('.');
  if (i < 0 && underscore) i = ref.indexOf('_');
  if (i <= 0 || i === ref.length - 1) throw new SwxError('METADATA_UNKNOWN_ENTRY', `${what} must be written ${underscore ? 'Api.method' : 'Pallet.Item'} (got ${JSON.stringify(ref)})`, { name: ref });
  return [ref.slice(0, i), ref.slice(i + 1)];
}

/** Finds `name` among `items` by `nameOf`, or throws METADATA_UNKNOWN_ENTRY with the closest names. */
export function findNamed<T>(items: readonly T[], nameOf: (t: T) => string, name: string, what: string, where: string): T {
  const exact = items.find((t) => nameOf(t) === name);
  if (exact !== undefined) return exact;
  const lower = name.toLowerCase();
  const ci = items.filter((t) => nameOf(t).toLowerCase() === lower);
  if (ci.length === 1) return ci[0]!;
  const close = items
    .map((t) => ({ n: nameOf(t), d: editDistance(nameOf(t).toLowerCase(), lower) }))
    .filter((x) => x.d <= Math.max(2, Math.floor(name.length / 3)))
    .sort((a, b) => a.d - b.d)
    .slice(0, 3)
    .map((x) => x.n);
  const hint = close.length > 0 ? `; did you mean ${close.join(', ')}?` : items.length > 0 ? ` (${items.length} known)` : ' (none there)';
  throw new SwxError('METADATA_UNKNOWN_ENTRY', `no ${what} ${JSON.stringify(name)} in ${where}${hint}`, { name });
}
