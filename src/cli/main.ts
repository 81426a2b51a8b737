/**
 * The `swx` command (contract in DESIGN.md). Exit codes: 0 success, 1 the
 * runtime failed (trap, panic, error result), 2 bad input (unreadable file,
 * malformed blob, unknown method, bad arguments), with one line on stderr.
 */
import { isSwxError } from '../base/errors.js';
import { parseArgs } from './args.js';
import { COMMANDS, USAGE } from './commands.js';

/** Exit code for a runtime failure. */
export const EXIT_RUNTIME_FAILED = 1;
/** Exit code for bad input. */
export const EXIT_BAD_INPUT = 2;
/** Exit code of the W3F host-API adapter for a function it does not support (the reference adapter's). */
export const EXIT_NOT_SUPPORTED = 95;

/** Error codes that mean "the runtime failed" rather than "the input was bad". */
const RUNTIME_FAILURE_CODES = new Set<string>([
  'RUNTIME_TRAP',
  'RUNTIME_PANIC',
  'RUNTIME_OUTPUT_OUT_OF_BOUNDS',
  'RUNTIME_ERROR_RESULT',
  'RUNTIME_TIMEOUT',
  'RUNTIME_MEMORY_LIMIT',
  'HOST_MISSING_FUNCTION_CALLED',
  'HOST_OUT_OF_BOUNDS',
  'HOST_BAD_ARGUMENT',
  'HOST_NOT_AVAILABLE',
  'ALLOCATOR_TOO_LARGE',
  'ALLOCATOR_OUT_OF_SPACE',
  'ALLOCATOR_MEMORY_SHRUNK',
  'ALLOCATOR_POISONED',
  'ALLOCATOR_CORRUPTED',
  'STATE_NO_TRANSACTION',
]);

/** The exit code for an error. */
export function exitCodeOf(e: unknown): number {
  if (isSwxError(e)) {
    if (e.context['unsupported'] === true) return EXIT_NOT_SUPPORTED;
    if (RUNTIME_FAILURE_CODES.has(e.code)) return EXIT_RUNTIME_FAILED;
    if (e.context.method !== undefined && e.code !== 'EXPORT_NOT_FOUND') return EXIT_RUNTIME_FAILED;
    return EXIT_BAD_INPUT;
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

/** Runs the CLI with `argv` (without node and script); returns the exit code. */
export async function runCli(argv: readonly string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    out(USAGE);
    return name === undefined ? EXIT_BAD_INPUT : 0;
  }
  const cmd = COMMANDS.get(name);
  if (cmd === undefined) {
    err(`swx: unknown command "${name}" (try swx --help)`);
    return EXIT_BAD_INPUT;
  }
  try {
    const args = parseArgs(rest, cmd.valued, cmd.flags);
    await cmd.run(args, out);
    return 0;
  } catch (e) {
    err(describeError(e));
    if (process.env['SWX_DEBUG'] && e instanceof Error) err(e.stack ?? '');
    return exitCodeOf(e);
  }
}

