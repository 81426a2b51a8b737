/**
 * Command-line parsing for `swx`, on Node's `util.parseArgs` (strict): the
 * options a command declares, `--key value`, `--key=value`, `-k value`,
 * flags, `--` to end options, `-` as an ordinary argument (stdin/stdout).
 * Unknown options get a "did you mean", surplus or missing positional
 * arguments are errors; every error is INVALID_INPUT (exit 2).
 */
import { parseArgs as nodeParseArgs } from 'node:util';
import { SwxError } from '../base/errors.js';
import { editDistance } from '../base/suggest.js';
import type { ArgSpec, OptionSpec, ParsedArgs } from './command.js';

export type { ParsedArgs };

/** The help options every command takes. */
export const HELP_OPTION: OptionSpec = { name: 'help', short: 'h', help: 'show this help' };

/** The closest of `candidates` to `word`, if it is close enough to be a typo. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = c.startsWith(word) && word.length >= 3 ? 0.5 : editDistance(word, c);
    if (d < bestD) ((best = c), (bestD = d));
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/** Parses `argv` against a command's options and positional arguments. */
export function parseArgs(argv: readonly string[], options: readonly OptionSpec[], args: readonly ArgSpec[] = [], command = 'swx'): ParsedArgs {
  const config: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const o of options) config[o.name] = o.short !== undefined ? { type: o.value !== undefined ? 'string' : 'boolean', short: o.short } : { type: o.value !== undefined ? 'string' : 'boolean' };
  let parsed: ReturnType<typeof nodeParseArgs>;
  try {
    parsed = nodeParseArgs({ args: [...argv], options: config, strict: true, allowPositionals: true });
  } catch (e) {
    const err = e as Error & { code?: string };
    const unknown = /^Unknown option '([^']+)'/.exec(err.message)?.[1];
    if (unknown !== undefined) {
      const hint = didYouMean(unknown.replace(/^--?/, ''), options.map((o) => o.name));
      throw new SwxError('INVALID_INPUT', `${command}: unknown option ${unknown}${hint !== undefined ? ` (did you mean --${hint}?)` : ''}`, { option: unknown });
    }
    throw new SwxError('INVALID_INPUT', `${command}: ${err.message.split('\n')[0]}`);
  }
  const out = new Map<string, string | true>();
  for (const [k, v] of Object.entries(parsed.values)) if (v !== undefined && v !== false) out.set(k, v as string | true);
  const positionals = parsed.positionals;
  if (out.has('help')) return { positionals, options: out };
  const variadic = args.some((a) => a.variadic);
  if (!variadic && positionals.length > args.length) {
    throw new SwxError('INVALID_INPUT', `${command}: unexpected argument ${JSON.stringify(positionals[args.length])} (takes ${args.map((a) => (a.optional ? `[${a.name}]` : a.name)).join(' ') || 'no arguments'})`);
  }
  args.forEach((a, i) => {
    if (!a.optional && positionals[i] === undefined) throw new SwxError('INVALID_INPUT', `${command}: missing argument ${a.name} (see swx ${command} --help)`);
  });
  return { positionals, options: out };
}

/** The string value of option `name`, if given. */
export function optString(args: ParsedArgs, name: string): string | undefined {
  const v = args.options.get(name);
  return typeof v === 'string' ? v : undefined;
}

/** Whether flag `name` was given. */
export function optFlag(args: ParsedArgs, name: string): boolean {
  return args.options.get(name) === true;
}

/** A positive integer option (e.g. milliseconds), if given. */
export function optPositiveInt(args: ParsedArgs, name: string, unit: string): number | undefined {
  const v = optString(args, name);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < 1 || !Number.isSafeInteger(Number(v))) throw new SwxError('INVALID_INPUT', `--${name} must be a positive number of ${unit} (got ${v})`, { option: name });
  return Number(v);
}
