/**
 * A real JSON-RPC server for tests: chopsticks (`@acala-network/chopsticks`,
 * a devDependency) serving a chain spec's genesis over WebSocket and HTTP on
 * one free port. The spec is gunzipped from the corpus to a temporary file
 * (its raw genesis keys sorted, see `withSortedGenesis`; chopsticks serves no
 * child tries of a genesis);
 * blocks are built only on request (`--build-block-mode Manual`), so the best
 * block stays the genesis unless the chain builds one at start (parachains).
 *
 *   const server = await startChopsticks('chain-specs/kusama.json.gz');
 *   server.ws / server.http; … await server.stop();   // always, in an after()
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readCorpus } from './corpus.js';
import { freePort } from './free-port.js';

/** A running chopsticks. */
export interface Chopsticks {
  readonly port: number;
  readonly ws: string;
  readonly http: string;
  /** Stops the server and removes its files. */
  stop(): Promise<void>;
}

/** The part of a chain spec chopsticks reads (plus whatever else the file has). */
export interface ChainSpecJson {
  id?: string;
  name?: string;
  properties?: Record<string, unknown>;
  genesis?: { raw?: { top?: Record<string, string> } };
}

/**
 * The spec with `genesis.raw.top` in key order. chopsticks 1.5.1's genesis
 * provider answers "next key after K" with the first key greater than K in
 * the JSON's order (`Object.keys(storage).find(k => k > key)`), which is the
 * smallest one only when the keys are sorted; the state is the same.
 */
function withSortedGenesis(spec: ChainSpecJson): ChainSpecJson {
  const top = spec.genesis?.raw?.top;
  if (top === undefined) return spec;
  const sorted: Record<string, string> = {};
  for (const k of Object.keys(top).sort()) sorted[k] = top[k]!;
  return { ...spec, genesis: { ...spec.genesis, raw: { ...spec.genesis!.raw, top: sorted } } };
}

/** Longest wait for chopsticks to listen, in ms. */
const START_TIMEOUT_MS = 45_000;

/** The chopsticks CLI script, or undefined when the package is not installed. */
export function chopsticksBin(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    // The package's exports map hides package.json: its CJS entry is dist/cjs/index.js.
    const bin = join(dirname(require.resolve('@acala-network/chopsticks')), '..', '..', 'chopsticks.cjs');
    return existsSync(bin) ? bin : undefined;
  } catch {
    return undefined;
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * A chain spec whose genesis is the top trie `top` (hex → hex): chopsticks
 * then serves any state as its genesis (e.g. a block's parent state).
 */
export function specOfState(top: Record<string, string>, name = 'swx-test'): ChainSpecJson {
  return { id: name, name, properties: {}, genesis: { raw: { top } } };
}

/** Starts chopsticks serving the genesis of the corpus chain spec `specRel` (or of the spec given). */
export async function startChopsticks(specRel: string | ChainSpecJson): Promise<Chopsticks> {
  const bin = chopsticksBin();
  if (bin === undefined) throw new Error('@acala-network/chopsticks is not installed (npm ci)');
  const dir = mkdtempSync(join(tmpdir(), 'swx-chopsticks-'));
  const spec = join(dir, 'spec.json');
  const json = typeof specRel === 'string' ? (JSON.parse(new TextDecoder().decode(readCorpus(specRel))) as ChainSpecJson) : specRel;
  writeFileSync(spec, JSON.stringify(withSortedGenesis(json)));
  const port = await freePort();
  const child = spawn(process.execPath, [bin, '--genesis', spec, '--port', String(port), '--host', '127.0.0.1', '--build-block-mode', 'Manual'], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LOG_LEVEL: 'info' },
  });
  const stop = async (): Promise<void> => {
    await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
  };
  let log = '';
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`chopsticks did not listen within ${START_TIMEOUT_MS} ms:\n${log.slice(-2000)}`)), START_TIMEOUT_MS);
      const onData = (b: Buffer): void => {
        log += b.toString();
        if (/RPC listening on/.test(log)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`chopsticks exited with ${code}:\n${log.slice(-2000)}`));
      });
    });
  } catch (e) {
    await stop();
    throw e;
  }
  // Keep draining its output so that it never blocks on a full pipe.
  child.stdout!.resume();
  child.stderr!.resume();
  return { port, ws: `ws://127.0.0.1:${port}`, http: `http://127.0.0.1:${port}`, stop };
}
