/**
 * The options of commands turned into executor inputs: semantics, call
 * options, input limits, and the runtime logs a user asked to see on stderr.
 * The option groups themselves (what the specs list) are in option-specs.ts.
 */
import { SwxError } from '../base/errors.js';
import type { LogEntry, LogLevel } from '../host/types.js';
import type { CallLimits } from '../state/index.js';
import { parseStrategy, type SemanticsOpts } from '../executor/index.js';
import { optFlag, optString, type ParsedArgs } from './args.js';
import type { CliIo } from './command.js';
import { parseByteCount } from './io.js';

/** The option groups themselves (data only, for the specs): re-exported for the modules that take them from here. */
export { INPUT_OPTION, JSON_OPTION, NO_CACHE_OPTION, RUNTIME_OPTIONS } from './option-specs.js';

/** Input limits from the command line. */
export function inputLimitsOf(args: ParsedArgs): { maxBytes?: number } {
  const v = optString(args, 'max-input-size');
  return v !== undefined ? { maxBytes: parseByteCount(v, 'max-input-size') } : {};
}

/** Log level names (sp-core `LogLevel`), 1 = error … 5 = trace. */
const LEVELS: Record<string, LogLevel> = { error: 1, warn: 2, info: 3, debug: 4, trace: 5 };
const LEVEL_NAMES = ['', 'error', 'warn', 'info', 'debug', 'trace'];

/** Semantics from the command line (`--strategy`, `--heap-pages N|dynamic`, `--allow-missing-imports`). */
export function semanticsOpts(args: ParsedArgs): SemanticsOpts {
  const opts: SemanticsOpts = {};
  const strategy = optString(args, 'strategy');
  if (strategy !== undefined) opts.instantiationStrategy = parseStrategy(strategy);
  const hp = optString(args, 'heap-pages');
  if (hp === 'dynamic') opts.heapAllocStrategy = { kind: 'dynamic' };
  else if (hp !== undefined) {
    if (!/^\d+$/.test(hp)) throw new SwxError('INVALID_INPUT', `--heap-pages must be a non-negative integer or "dynamic" (got ${hp})`);
    opts.heapAllocStrategy = { kind: 'static', extraPages: Number(hp) };
  }
  if (optFlag(args, 'allow-missing-imports')) opts.allowMissingImports = true;
  return opts;
}

/** `--log-level`: the level to print on stderr, undefined when not asked. */
export function logLevelOf(args: ParsedArgs): LogLevel | undefined {
  const v = optString(args, 'log-level');
  if (v === undefined) return undefined;
  const level = LEVELS[v.toLowerCase()];
  if (level === undefined) throw new SwxError('INVALID_INPUT', `--log-level must be one of ${Object.keys(LEVELS).join(', ')} (got ${v})`);
  return level;
}

/** `--max-call-memory`: the call's memory caps. */
export function callLimitsOf(args: ParsedArgs): { limits?: Partial<CallLimits> } {
  const v = optString(args, 'max-call-memory');
  return v !== undefined ? { limits: { maxOverlayBytes: parseByteCount(v, 'max-call-memory') } } : {};
}

/** Call options from the command line: the log level the runtime is told (`ext_logging_max_level`), the memory caps. */
export function callOptsOf(args: ParsedArgs): { maxLogLevel?: LogLevel; limits?: Partial<CallLimits> } {
  const level = logLevelOf(args);
  return { ...(level !== undefined ? { maxLogLevel: level } : {}), ...callLimitsOf(args) };
}

/** Prints a call's logs on stderr when `--log-level` asked for them. */
export function printLogs(args: ParsedArgs, io: CliIo, logs: readonly LogEntry[]): void {
  const level = logLevelOf(args);
  if (level === undefined) return;
  for (const l of logs) if (l.level <= level) io.err(`${LEVEL_NAMES[l.level]!.toUpperCase().padEnd(5)} ${l.target}: ${l.message}`);
}
