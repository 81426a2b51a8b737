/**
 * The peer's side of the cold-process benchmark, run as a fresh process:
 * `node dist/bench/peer-cold-child.js RUNTIME` imports chopsticks-executor,
 * reads the blob, hex-encodes it and runs one `Metadata_metadata` task, then
 * prints `{length}` of the result: what `swx metadata RUNTIME --json` does.
 */
import { readFileSync } from 'node:fs';
import { emptyCallback } from './peer-storage.js';
import { capturingConsole, hex, loadPeer, task } from './peer.js';

const path = process.argv[2];
if (path === undefined) throw new Error('usage: peer-cold-child.js RUNTIME');
const peer = await loadPeer();
if (typeof peer === 'string') throw new Error(peer);
const bytes = new Uint8Array(readFileSync(path));
const { value: res } = await capturingConsole(() => peer.runTask(task(hex(bytes), [['Metadata_metadata', []]]), emptyCallback()));
if (res.kind !== 'ok') throw new Error(res.error);
process.stdout.write(`${JSON.stringify({ length: (res.call.result.length - 2) / 2 })}\n`);
