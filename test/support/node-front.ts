/**
 * What a Substrate node serves that chopsticks `--genesis` does not, put in
 * front of a running chopsticks for tests: a JSON-RPC server (HTTP and
 * WebSocket on one free port) that forwards every request to chopsticks
 * except these, answered from the same state with swx's own trie:
 *
 *   state_getReadProof(keys, at)               → {at, proof}  (if `proofs`)
 *   state_getChildReadProof(child, keys, at)   → {at, proof}  (if `proofs`)
 *   childstate_getStorage(child, key, at)      → value | null
 *   childstate_getKeysPaged(child, prefix, n, start, at) → keys
 *   state_queryStorageAt / state_getStorage    → chopsticks' answer, but the
 *                                                child roots (`:child_storage:
 *                                                default:` ‖ id) from the state:
 *                                                chopsticks takes those keys for
 *                                                child keys and fails on them
 *   state_getKeysPaged                         → chopsticks' page, completed
 *                                                from the state when it stops
 *                                                short at a child root key
 *                                                (its genesis provider ends a
 *                                                walk there)
 *   chain_getHeader / chain_getBlock           → chopsticks' answer with the
 *                                                state's real root: chopsticks
 *                                                roots its genesis as trie V1,
 *                                                a V0 chain's root differs
 *
 * chopsticks keeps child tries apart from the genesis it serves (its genesis
 * provider answers no child key), and builds read proofs only from an
 * upstream node's. The front answers only for the block chopsticks serves
 * (its genesis, block 0: chopsticks may build blocks on top of it at start);
 * another hash is an "unknown block" error, as a node gives.
 * `requests` counts what it answered itself, by method.
 *
 *   const front = await startNodeFront(server, state, { version: 0, proofs: true });
 *   front.ws / front.http; … await front.stop();
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { compareBytes, fromHex, startsWith, toHex, utf8 } from '../../src/base/bytes.js';
import { createHashers } from '../../src/base/hashing.js';
import { generateStorageProof, trieRoot, type TrieVersion } from '../../src/trie/index.js';
import type { InMemoryBackend } from '../../src/state/index.js';
import type { Chopsticks } from './chopsticks.js';

/** A running front. */
export interface NodeFront {
  readonly port: number;
  readonly ws: string;
  readonly http: string;
  /** The block hash served (chopsticks' genesis hash). */
  readonly block: string;
  /** Requests answered by the front itself, by method. */
  readonly requests: Map<string, number>;
  stop(): Promise<void>;
}

/** Options of the front. */
export interface NodeFrontOpts {
  /** Trie layout of the state (its roots and proofs). */
  version: TrieVersion;
  /**
   * Serve `state_getReadProof` / `state_getChildReadProof` (false: method not
   * found, as chopsticks; 'empty': proofs without nodes, a broken server).
   */
  proofs: boolean | 'empty';
}

interface Request {
  jsonrpc?: string;
  id?: unknown;
  method?: unknown;
  params?: unknown;
}

/** A JSON-RPC error answer. */
class RpcFault extends Error {
  constructor(readonly code: number, message: string) {
    super(message);
  }
}

const CHILD_PREFIX = utf8(':child_storage:default:');

/** Starts a front forwarding to `upstream`, answering from `state` (the full state chopsticks serves, child tries included). */
export async function startNodeFront(upstream: Chopsticks, state: InMemoryBackend, opts: NodeFrontOpts): Promise<NodeFront> {
  const { blake2_256 } = await createHashers();
  const root = toHex(trieRoot(state.entries(), opts.version, blake2_256));
  const requests = new Map<string, number>();
  const count = (method: string): void => void requests.set(method, (requests.get(method) ?? 0) + 1);

  const forward = async (body: unknown): Promise<unknown> => {
    const r = await fetch(upstream.http, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return r.json();
  };
  const block = ((await forward({ jsonrpc: '2.0', id: 0, method: 'chain_getBlockHash', params: [0] })) as { result: string }).result;

  const atBlock = (at: unknown): void => {
    if (at !== undefined && at !== null && at !== block) throw new RpcFault(4003, `unknown block ${String(at)}`);
  };
  const childOf = (prefixed: unknown): Uint8Array => {
    const k = fromHex(String(prefixed));
    if (!startsWith(k, CHILD_PREFIX)) throw new RpcFault(-32000, 'Client error: Invalid child storage key');
    return k.subarray(CHILD_PREFIX.length);
  };
  const proof = (entries: ReturnType<InMemoryBackend['entries']>, keys: unknown): { at: string; proof: string[] } => {
    if (!Array.isArray(keys) || keys.length === 0) throw new RpcFault(-32602, 'expected a non-empty key list');
    if (opts.proofs === 'empty') return { at: block, proof: [] };
    return { at: block, proof: generateStorageProof(entries, keys.map((k) => fromHex(String(k))), opts.version, blake2_256).map(toHex) };
  };

  /** The front's own answer, or undefined to forward. */
  const own = (method: string, p: unknown[]): { result: unknown } | undefined => {
    switch (method) {
      case 'state_getReadProof':
        if (!opts.proofs) return undefined;
        count(method);
        atBlock(p[1]);
        return { result: proof(state.entries(), p[0]) };
      case 'state_getChildReadProof':
        if (!opts.proofs) return undefined;
        count(method);
        atBlock(p[2]);
        return { result: proof(state.childEntries(childOf(p[0])), p[1]) };
      case 'state_getStorage': {
        const key = fromHex(String(p[0]));
        if (!startsWith(key, CHILD_PREFIX)) return undefined;
        count(method);
        atBlock(p[1]);
        const v = state.get(key);
        return { result: v === undefined ? null : toHex(v) };
      }
      case 'childstate_getStorage': {
        count(method);
        atBlock(p[2]);
        const v = state.childGet(childOf(p[0]), fromHex(String(p[1])));
        return { result: v === undefined ? null : toHex(v) };
      }
      case 'childstate_getKeysPaged': {
        count(method);
        atBlock(p[4]);
        const sk = childOf(p[0]);
        const prefix = fromHex(String(p[1] ?? '0x'));
        const start = p[3] === undefined || p[3] === null ? undefined : fromHex(String(p[3]));
        const out: string[] = [];
        for (const k of state.childKeys(sk, prefix)) {
          if (start !== undefined && compareBytes(k, start) <= 0) continue;
          if (out.length >= Number(p[2])) break;
          out.push(toHex(k));
        }
        return { result: out };
      }
      default:
        return undefined;
    }
  };

  /** Answers one request (own, or forwarded with the header's root made real). */
  const answer = async (req: Request): Promise<unknown> => {
    const method = String(req.method);
    const params = Array.isArray(req.params) ? (req.params as unknown[]) : [];
    try {
      const mine = own(method, params);
      if (mine !== undefined) return { jsonrpc: '2.0', id: req.id, ...mine };
    } catch (e) {
      if (e instanceof RpcFault) return { jsonrpc: '2.0', id: req.id, error: { code: e.code, message: e.message } };
      throw e;
    }
    if (method === 'state_queryStorageAt' && Array.isArray(params[0])) {
      const keys = (params[0] as unknown[]).map(String);
      const roots = keys.filter((k) => startsWith(fromHex(k), CHILD_PREFIX));
      if (roots.length > 0) {
        count(method);
        const rest = keys.filter((k) => !roots.includes(k));
        const changes: Array<[string, string | null]> = [];
        if (rest.length > 0) {
          const r = (await forward({ ...req, params: [rest, ...params.slice(1)] })) as { result?: Array<{ changes: Array<[string, string | null]> }>; error?: unknown };
          if (r.result === undefined) return r;
          for (const set of r.result) changes.push(...set.changes);
        }
        for (const k of roots) {
          const v = state.get(fromHex(k));
          changes.push([k, v === undefined ? null : toHex(v)]);
        }
        return { jsonrpc: '2.0', id: req.id, result: [{ block, changes }] };
      }
    }
    if (method === 'state_getKeysPaged') {
      const r = (await forward(req)) as { result?: string[] };
      const pageSize = Number(params[1]);
      if (!Array.isArray(r.result) || r.result.length >= pageSize) return r;
      const prefix = fromHex(String(params[0] ?? '0x'));
      const last = r.result.length > 0 ? fromHex(r.result[r.result.length - 1]!) : params[2] === undefined || params[2] === null ? undefined : fromHex(String(params[2]));
      const more: string[] = [];
      for (const k of state.keys(prefix)) {
        if (r.result.length + more.length >= pageSize) break;
        if (last === undefined || compareBytes(k, last) > 0) more.push(toHex(k));
      }
      if (more.length > 0) count(method);
      return { ...r, result: [...r.result, ...more] };
    }
    const r = (await forward(req)) as { result?: { stateRoot?: string; block?: { header?: { stateRoot?: string } } } };
    if (method === 'chain_getHeader' && r.result?.stateRoot !== undefined) r.result.stateRoot = root;
    if (method === 'chain_getBlock' && r.result?.block?.header?.stateRoot !== undefined) r.result.block.header.stateRoot = root;
    return r;
  };
  const answerBody = async (text: string): Promise<string> => {
    const body = JSON.parse(text) as Request | Request[];
    return JSON.stringify(Array.isArray(body) ? await Promise.all(body.map(answer)) : await answer(body));
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => {
      answerBody(text).then(
        (out) => res.writeHead(200, { 'content-type': 'application/json' }).end(out),
        (e: unknown) => res.writeHead(500).end(String(e)),
      );
    });
  });
  const wss = new WebSocketServer({ server });
  const sockets = new Set<WebSocket>();
  wss.on('connection', (ws) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('message', (data) => {
      answerBody(data.toString()).then(
        (out) => ws.send(out),
        () => ws.close(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const a = server.address();
  const port = typeof a === 'object' && a !== null ? a.port : 0;
  return {
    port,
    ws: `ws://127.0.0.1:${port}`,
    http: `http://127.0.0.1:${port}`,
    block,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
