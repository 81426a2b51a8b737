/**
 * The `swx` command (contract in DESIGN.md). Exit codes: 0 success, 1 the
 * runtime failed (trap, panic, error result), 2 bad input (unreadable file,
 * malformed blob, unknown method, bad arguments), with one line on stderr.
 */
import { EXIT, SwxError, errorCodeInfo, isSwxError } from '../base/errors.js';
import { toHex } from '../base/bytes.js';
import { packageVersion } from '../base/package-version.js';
import { HELP_OPTION, didYouMean, optFlag, optPositiveInt, parseArgs } from './args.js';
import type { CliIo } from './command.js';
import { COMMANDS } from './registry.js';
import { commandHelp, globalHelp, uniqueOptions } from './help.js';

/** Exit code for a runtime failure. */
export const EXIT_RUNTIME_FAILED = EXIT.runtimeFailed;
/** Exit code for bad input. */
export const EXIT_BAD_INPUT = EXIT.badInput;
/** Exit code of the W3F host-API adapter for a function it does not support (the reference adapter's). */
export const EXIT_NOT_SUPPORTED = 95;

/** The exit code for an error: its code's, from the error-code record. */
export function exitCodeOf(e: unknown): number {
  if (isSwxError(e)) {
    if (e.context['unsupported'] === true) return EXIT_NOT_SUPPORTED;
    return errorCodeInfo(e.code).exit;
  }
  return EXIT_RUNTIME_FAILED;
}

/** One line describing an error. */
export function describeError(e: unknown): string {
  if (isSwxError(e)) {
    const where: string[] = [];
    if (e.context.hostFunction !== undefined) where.push(`host function ${String(e.context.hostFunction)}`);
    const suffix = where.length > 0 && !e.message.includes(String(e.context.hostFunction)) ? ` (in ${where.join(', ')})` : '';
    return `swx: ${e.code}: ${e.message.replace(/\s*\n\s*/g, ' ')}${suffix}`;
  }
  return `swx: ${e instanceof Error ? e.message : String(e)}`;
}

/** How a CLI run is hosted: raw stdout bytes, and whether it already runs inside `--timeout`'s worker. */
export interface CliHost {
  outBytes?: (b: Uint8Array) => void;
  /** Whether stdout may be coloured. */
  colour?: boolean;
  inWorker?: boolean;
}

/** Runs the CLI with `argv` (without node and script); returns the exit code. */
export async function runCli(argv: readonly string[], out: (s: string) => void, err: (s: string) => void, host: CliHost = {}): Promise<number> {
  const io: CliIo = { out, err, outBytes: host.outBytes ?? ((b) => out(toHex(b))), colour: host.colour === true };
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const target = name === 'help' && rest[0] !== undefined ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    out(target !== undefined ? commandHelp(target) : globalHelp(COMMANDS));
    return name === undefined ? EXIT_BAD_INPUT : 0;
  }
  if (name === '--version' || name === '-V') {
    out(`swx ${packageVersion()}`);
    return 0;
  }
  try {
    const cmd = COMMANDS.find((c) => c.name === name);
    if (cmd === undefined) {
      const hint = didYouMean(name, COMMANDS.map((c) => c.name));
      throw new SwxError('INVALID_INPUT', `unknown command "${name}"${hint !== undefined ? ` (did you mean ${hint}?)` : ''}; see swx --help`);
    }
    const args = parseArgs(rest, uniqueOptions([...cmd.options, HELP_OPTION]), cmd.args, cmd.name);
    if (optFlag(args, 'help')) {
      out(commandHelp(cmd));
      return 0;
    }
    const timeout = optPositiveInt(args, 'timeout', 'milliseconds');
    // Loaded only here (node:v8, node:worker_threads): the help path and light commands never pay for them.
    if (cmd.timed === true) (await import('./v8-tuning.js')).tuneV8ForOneShot();
    if (cmd.timed === true && timeout !== undefined && host.inWorker !== true) return await (await import('./timeout.js')).runWithTimeout(argv, timeout, io, cmd.name);
    await cmd.run(args, io);
    return 0;
  } catch (e) {
    err(describeError(e));
    if (process.env['SWX_DEBUG'] && e instanceof Error) err(e.stack ?? '');
    return exitCodeOf(e);
  }
}
