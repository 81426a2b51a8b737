/** The work of `swx snapshot`; its spec (options, help) is commands/snapshot.ts. */
import { SwxError } from '../../base/errors.js';
import { fromHex, toHex, utf8 } from '../../base/bytes.js';
import { CODE_KEY, type AsyncStorageBackend, type StorageBackend } from '../../state/index.js';
import type { RpcStateBackend } from '../../rpc/index.js';
import { optFlag, optString, type ParsedArgs } from '../args.js';
import type { CliIo } from '../command.js';
import { chainCode, isolatedFor, openEndpoint, rpcStats, servedState } from '../endpoint.js';
import { callOptsOf } from '../options.js';
import { writeOutput } from '../output.js';

type Dump = { mainTrie: Record<string, string>; childTries: Record<string, Record<string, string>> };

/** A backend as a dump. */
function dumpOf(state: StorageBackend): Dump {
  const hexPairs = (entries: Iterable<readonly [Uint8Array, Uint8Array]>): Record<string, string> => Object.fromEntries([...entries].map(([k, v]) => [toHex(k), toHex(v)]));
  const childTries: Dump['childTries'] = {};
  for (const sk of state.childStorageKeys()) childTries[toHex(sk)] = hexPairs(state.childEntries(sk));
  return { mainTrie: hexPairs(state.entries()), childTries };
}

/** The served state seen through a recorder of every key a call reads or is answered. */
function recording(remote: RpcStateBackend): { state: AsyncStorageBackend; dump(): Promise<Dump> } {
  const top = new Set<string>();
  const children = new Map<string, Set<string>>();
  const childSet = (sk: Uint8Array): Set<string> => {
    const id = toHex(sk);
    let s = children.get(id);
    if (s === undefined) children.set(id, (s = new Set()));
    return s;
  };
  const state: AsyncStorageBackend = {
    async: true,
    get: (k) => (top.add(toHex(k)), remote.get(k)),
    nextKey: async (k) => {
      const n = await remote.nextKey(k);
      if (n !== undefined) top.add(toHex(n));
      return n;
    },
    childGet: (sk, k) => (childSet(sk).add(toHex(k)), remote.childGet(sk, k)),
    childNextKey: async (sk, k) => {
      const n = await remote.childNextKey(sk, k);
      if (n !== undefined) childSet(sk).add(toHex(n));
      return n;
    },
  };
  const dump = async (): Promise<Dump> => {
    top.add(toHex(CODE_KEY));
    const out: Dump = { mainTrie: {}, childTries: {} };
    const keys = [...top].sort();
    const values = await Promise.all(keys.map((k) => remote.get(fromHex(k))));
    keys.forEach((k, i) => {
      const v = values[i];
      if (v !== undefined) out.mainTrie[k] = toHex(v);
    });
    for (const [sk, set] of [...children].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const ks = [...set].sort();
      const vs = await Promise.all(ks.map((k) => remote.childGet(fromHex(sk), fromHex(k))));
      const child: Record<string, string> = {};
      ks.forEach((k, i) => {
        const v = vs[i];
        if (v !== undefined) child[k] = toHex(v);
      });
      out.childTries[sk] = child;
    }
    return out;
  };
  return { state, dump };
}

/** Runs `swx snapshot` (spec: commands/snapshot.ts). */
export async function runSnapshot(args: ParsedArgs, io: CliIo): Promise<void> {
  const file = optString(args, 'o');
  if (file === undefined) throw new SwxError('INVALID_INPUT', 'snapshot: missing -o FILE');
  const remote = await openEndpoint(args);
  if (remote === undefined) throw new SwxError('INVALID_INPUT', 'snapshot: missing --endpoint URL');
  try {
    const method = optString(args, 'for');
    let dump: Dump;
    if (method === undefined) {
      dump = dumpOf(await servedState(remote, io));
    } else {
      const rec = recording(remote);
      const code = await chainCode(remote);
      const runtime = await isolatedFor(args, code);
      try {
        const input = fromHex(optString(args, 'input') ?? '0x', '--input');
        await runtime.call(method, input, { ...callOptsOf(args), state: rec.state });
      } finally {
        await runtime.close();
      }
      dump = await rec.dump();
    }
    writeOutput(file, utf8(JSON.stringify(dump)), io);
    const summary = { keys: Object.keys(dump.mainTrie).length, childTries: Object.keys(dump.childTries).length, at: toHex(remote.block), rpc: rpcStats(remote) };
    if (file === '-') return;
    if (optFlag(args, 'json')) return io.out(JSON.stringify(summary));
    io.out(`${summary.keys} keys and ${summary.childTries} child tries at ${summary.at} written to ${file}`);
  } finally {
    await remote.close();
  }
}
