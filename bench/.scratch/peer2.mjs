import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
const peer = await import('@acala-network/chopsticks-executor');
const swx = await import('../../dist/src/index.js');
const hashers = await swx.createHashers();
const cb = { getStorage: async () => undefined, getNextKey: async () => undefined, offchainGetStorage: async () => undefined, offchainTimestamp: async () => 0, offchainRandomSeed: async () => '0x' + '00'.repeat(32), offchainSubmitTransaction: async () => false };
for (const name of ['westend-v9300', 'kusama-1020-genesis']) {
const wasm = gunzipSync(readFileSync('../shared/corpus/runtimes/' + name + '.wasm.gz'));
let t = performance.now();
const hex = '0x' + Buffer.from(wasm).toString('hex');
console.log('hex ms', performance.now() - t);
for (const m of ['Metadata_metadata', 'Core_version']) for (const k of [1, 1, 4, 4]) {
  t = performance.now();
  const r = await peer.run_task({ id: 1, wasm: hex, calls: Array.from({ length: k }, () => [m, []]), mockSignatureHost: 0, allowUnresolvedImports: false, runtimeLogLevel: 0, storageProofSize: 0 }, cb);
  console.log(name, m, k, (performance.now() - t).toFixed(1), r.Error);
}
}
for (const n of [1000, 10000, 100000]) {
  const e = []; for (let i = 0; i < n; i++) e.push([new Uint8Array(randomBytes(32)), new Uint8Array(randomBytes(1 + (i % 64)))]);
  const h = e.map(([k, v]) => ['0x' + Buffer.from(k).toString('hex'), '0x' + Buffer.from(v).toString('hex')]);
  let t = performance.now();
  const r1 = await peer.calculate_state_root(h, 0);
  const tp = performance.now() - t;
  t = performance.now();
  const r2 = swx.toHex(swx.trieRoot(e.slice().sort((a, b) => Buffer.compare(a[0], b[0])), 0, hashers.blake2_256));
  const ts = performance.now() - t;
  console.log(n, 'peer', tp.toFixed(1), 'swx', ts.toFixed(1), r1 === r2);
}
