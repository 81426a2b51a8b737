/**
 * The option groups the command specs list (what `--help` prints and the
 * parser accepts), as data only: a spec module imports these without loading
 * what the options are turned into (options.ts, the executor), so that
 * `swx --help` and `swx CMD --help` load no command implementation.
 */
import { STRATEGY_NAMES } from '../executor/strategies.js';
import type { OptionSpec } from './command.js';

/** `--json`. */
export const JSON_OPTION: OptionSpec = { name: 'json', help: 'print one JSON object on stdout' };

/** `--max-input-size`: the limit of every input file, raw or gunzipped. */
export const INPUT_OPTION: OptionSpec = {
  name: 'max-input-size',
  value: 'BYTES',
  help: 'limit of an input file, raw or gunzipped (k/m/g; default 512m); a gunzipped runtime blob: 50 MiB, as Substrate',
};

/** `--no-cache`: bypass the persistent caches. */
export const NO_CACHE_OPTION: OptionSpec = { name: 'no-cache', help: 'bypass the persistent caches in $SWX_CACHE_DIR (else the user cache folder): prepared runtimes, chain state' };

/** Options of commands that run a runtime. */
export const RUNTIME_OPTIONS: readonly OptionSpec[] = [
  INPUT_OPTION,
  NO_CACHE_OPTION,
  { name: 'timings', help: 'print how long each phase took (start, imports, read, decompress … compile, first call) on stderr' },
  { name: 'strategy', value: 'NAME', help: `instantiation strategy: ${STRATEGY_NAMES.join(', ')} (default pooled)` },
  { name: 'heap-pages', value: 'N|dynamic', help: "extra heap pages (default: the state's :heappages, else 2048); dynamic: no fixed maximum" },
  { name: 'allow-missing-imports', help: 'link missing host functions as stubs that trap when called' },
  { name: 'timeout', value: 'MS', help: 'stop the whole command (loading, preparing, calling) after MS milliseconds: exit 1' },
  { name: 'max-call-memory', value: 'BYTES', help: "cap of what a call's storage overlay may hold (k/m/g; default 1g): past it the call fails, exit 1" },
  { name: 'log-level', value: 'LEVEL', help: 'show runtime logs up to LEVEL on stderr: error, warn, info, debug, trace (default: none)' },
];

/** Entries `swx storage` lists of a map when `--limit` is not given. */
export const STORAGE_LIST_LIMIT = 100;

/**
 * The live-chain options (`--endpoint URL [--at …]`), implemented (and
 * re-exported) by endpoint.ts.
 */
export const ENDPOINT_OPTIONS: readonly OptionSpec[] = [
  { name: 'endpoint', value: 'URL', help: "a chain's node (ws://, wss://, http://, https://): its state at --at is the STATE, its :code the default RUNTIME" },
  { name: 'at', value: 'HASH|NUMBER', help: 'with --endpoint: the block (default: the best block)' },
  NO_CACHE_OPTION,
  { name: 'no-header-check', help: 'with --endpoint: do not check that headers hash to their block hash (chopsticks --genesis serves a placeholder hash)' },
];
