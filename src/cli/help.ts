/** Help texts, made from the command specs (command.ts). */
import type { CommandSpec, OptionSpec } from './command.js';

/** Options without repeats (groups may share one, e.g. `--no-cache`). */
export function uniqueOptions(options: readonly OptionSpec[]): OptionSpec[] {
  return [...new Map(options.map((o) => [o.name, o])).values()];
}

function optionLine(o: OptionSpec): string {
  const names = `${o.short !== undefined ? `-${o.short}, ` : ''}--${o.name}${o.value !== undefined ? ` ${o.value}` : ''}`;
  return `  ${names.padEnd(30)} ${o.help}`;
}

/** The synopsis of a command: `swx NAME ARGS… [options]`. */
export function synopsis(c: CommandSpec): string {
  const args = c.args.map((a) => (a.optional ? `[${a.name}${a.variadic ? '…' : ''}]` : `${a.name}${a.variadic ? '…' : ''}`));
  return ['swx', c.name, ...args, c.options.length > 0 ? '[options]' : ''].filter((s) => s !== '').join(' ');
}

/** `swx NAME --help`. */
export function commandHelp(c: CommandSpec): string {
  const parts = [`swx ${c.name} — ${c.summary}`, '', `usage: ${synopsis(c)}`];
  if (c.details !== undefined) parts.push('', c.details);
  parts.push('', 'options:', ...uniqueOptions(c.options).map(optionLine), optionLine({ name: 'help', short: 'h', help: 'show this help' }));
  if (c.examples.length > 0) parts.push('', 'examples:', ...c.examples.map((e) => `  ${e}`));
  return parts.join('\n');
}

/** `swx --help`. */
export function globalHelp(commands: readonly CommandSpec[]): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return [
    'swx — run Substrate/Polkadot runtimes on V8, with Substrate\'s exact results',
    '',
    'usage: swx COMMAND [ARGS…] [options]        swx COMMAND --help for its options and examples',
    '',
    'commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)} ${c.summary}`),
    '',
    'RUNTIME: a runtime blob (raw Wasm, or zstd behind 52bc537646db8e05) or a chain spec JSON with a raw genesis',
    'STATE:   a chain spec JSON with a raw genesis, or a storage dump {mainTrie, childTries}',
    "FILE '-': stdin (inputs) or stdout (outputs); gzipped inputs are accepted",
    'exit codes: 0 success, 1 the runtime failed, 2 bad input',
    '',
    '  -V, --version   print the version        -h, --help   show this help',
  ].join('\n');
}
