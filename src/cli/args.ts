/**
 * A small argument parser for `swx`: positionals, `--flag`, `--key value`,
 * `--key=value` and `-o value`. Unknown options are an error (exit code 2).
 */
import { SwxError } from '../base/errors.js';

/** Parsed command line. */
export interface ParsedArgs {
  positionals: string[];
  options: Map<string, string | true>;
}

/** Parses `argv` given which options take a value. */
export function parseArgs(argv: readonly string[], valued: ReadonlySet<string>, flags: ReadonlySet<string>): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('-') && a.length > 1 && !/^-?\d/.test(a.slice(1))) {
      const eq = a.indexOf('=');
      const name = (eq >= 0 ? a.slice(0, eq) : a).replace(/^--?/, '');
      if (valued.has(name)) {
        let v: string | undefined = eq >= 0 ? a.slice(eq + 1) : argv[++i];
        if (v === undefined) throw new SwxError('INVALID_INPUT', `option --${name} needs a value`);
        options.set(name, v);
      } else if (flags.has(name)) {
        if (eq >= 0) throw new SwxError('INVALID_INPUT', `option --${name} takes no value`);
        options.set(name, true);
      } else {
        throw new SwxError('INVALID_INPUT', `unknown option ${a}`);
      }
      continue;
    }
    positionals.push(a);
  }
  return { positionals, options };
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
