/** The work of `swx storage`; its spec (options, help) is commands/storage.ts. */
import { fromHex } from '../../base/bytes.js';
import { SwxError } from '../../base/errors.js';
import { createRuntime, createServices, loadRuntimeCodeSync } from '../../executor/index.js';
import { CODE_KEY } from '../../state/index.js';
import { readStorage } from '../../metadata/index.js';
import { optFlag, optPositiveInt, optString, type ParsedArgs } from '../args.js';
import type { CliIo } from '../command.js';
import { loadStateInput } from '../load.js';
import { isolatedFor, openEndpoint, rpcStats } from '../endpoint.js';
import type { RpcStateBackend } from '../../rpc/index.js';
import { openMetadataOf } from '../metadata-of.js';
import { inputLimitsOf, semanticsOpts } from '../options.js';
import { STORAGE_LIST_LIMIT } from '../option-specs.js';

/** Runs `swx storage` (spec: commands/storage.ts). */
export async function runStorage(args: ParsedArgs, io: CliIo): Promise<void> {
  const remote = await openEndpoint(args);
  try {
    await run(remote);
  } finally {
    await remote?.close();
  }

  async function run(remote: RpcStateBackend | undefined): Promise<void> {
    const [statePath, ref, ...keys] = (remote !== undefined ? ['(endpoint)', ...args.positionals] : args.positionals) as [string, string | undefined, ...string[]];
    if (ref === undefined) throw new SwxError('INVALID_INPUT', 'storage: missing argument ITEM (Pallet.Item)');
    const state = remote ?? loadStateInput(statePath, inputLimitsOf(args));
    const blob = await state.get(CODE_KEY);
    if (blob === undefined) throw new SwxError('CHAIN_SPEC_INVALID', `${statePath}: the state has no :code, so no metadata to name its storage`, { path: statePath });
    const code = loadRuntimeCodeSync(blob, await createServices());
    const runtime = remote !== undefined ? await isolatedFor(args, code) : await createRuntime(code, semanticsOpts(args));
    let meta;
    try {
      meta = await openMetadataOf(runtime, state);
    } finally {
      await runtime.close();
    }
    const startAfter = optString(args, 'start-after');
    const read = await readStorage(meta, state, ref, keys, {
      limit: optPositiveInt(args, 'limit', 'entries') ?? STORAGE_LIST_LIMIT,
      ...(startAfter !== undefined ? { startAfter: fromHex(startAfter, '--start-after') } : {}),
    });
    const raw = optFlag(args, 'raw');
    if (optFlag(args, 'json')) return io.out(JSON.stringify(remote !== undefined ? { ...read, rpc: rpcStats(remote) } : read));
    if (read.kind === 'value') return io.out(raw ? (read.raw ?? 'none') : JSON.stringify(read.value, null, 2));
    for (const e of read.entries) io.out(`${JSON.stringify(e.keyArgs)} => ${raw ? e.raw : JSON.stringify(e.value)}`);
    if (read.next !== undefined) io.out(`… more: --start-after ${read.next}`);
  }
}
