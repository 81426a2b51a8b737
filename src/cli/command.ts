/**
 * What a `swx` sub-command is: its name, what it takes (positional
 * arguments, options with their value placeholders), its help text with
 * examples, and the function that runs it. The parser (args.ts), the help
 * (help.ts) and the dispatcher (main.ts) read these specs; nothing else lists
 * a command's options.
 */
import { performance } from 'node:perf_hooks';
import { IMPORTS_MARK } from './timings.js';

/** A parsed command line: positional arguments and options by name (flags as `true`). */
export interface ParsedArgs {
  positionals: string[];
  options: Map<string, string | true>;
}

/** One option: `--name VALUE` when `value` names a placeholder, else a flag. */
export interface OptionSpec {
  readonly name: string;
  readonly short?: string;
  /** Placeholder of the option's value (`MS`, `FILE`); absent for a flag. */
  readonly value?: string;
  readonly help: string;
}

/** One positional argument. */
export interface ArgSpec {
  readonly name: string;
  readonly optional?: boolean;
  /** Takes every remaining argument. */
  readonly variadic?: boolean;
}

/** Where a command writes: stdout lines, stderr lines. */
export interface CliIo {
  out(s: string): void;
  err(s: string): void;
  /** Raw bytes to stdout (`-o -`). */
  outBytes(b: Uint8Array): void;
  /** Whether stdout may be coloured (a terminal, and NO_COLOR unset). */
  colour?: boolean;
}

/** A sub-command. */
export interface CommandSpec {
  readonly name: string;
  /** One line for `swx --help`. */
  readonly summary: string;
  readonly args: readonly ArgSpec[];
  readonly options: readonly OptionSpec[];
  /** Extra paragraphs for `swx NAME --help`. */
  readonly details?: string;
  readonly examples: readonly string[];
  /** Whether `--timeout MS` bounds the whole command (it runs a runtime). */
  readonly timed?: boolean;
  run(args: ParsedArgs, io: CliIo): Promise<void>;
}

/**
 * A spec's `run` that loads the command's implementation (run/) only when the
 * command runs, so that the registry and `--help` load none of them. The
 * load ends the "imports" phase of `--timings` (the `swx:imports` mark).
 */
export function lazyRun<M>(load: () => Promise<M>, pick: (m: M) => CommandSpec['run']): CommandSpec['run'] {
  return async (args, io) => {
    const m = await load();
    performance.mark(IMPORTS_MARK);
    return pick(m)(args, io);
  };
}
