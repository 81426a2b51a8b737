import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
const swx = await import('../../dist/src/index.js');
const peer = await import('@acala-network/chopsticks-executor');
const hashers = await swx.createHashers(); const decompressor = await swx.createDecompressor();
const specBytes = gunzipSync(readFileSync('../shared/corpus/chain-specs/kusama.json.gz'));
let t = performance.now();
const spec = JSON.parse(specBytes.toString());
const top = spec.genesis.raw.top;
console.log('keys', Object.keys(top).length, 'children', Object.keys(spec.genesis.raw.childrenDefault ?? {}).length);
t = performance.now();
const state = swx.backendFromChainSpec(spec);
console.log('backend ms', performance.now() - t);
const blockBytes = readFileSync('../shared/corpus/blocks/kusama-block-1.json');
const block = swx.parseBlockJson(new Uint8Array(blockBytes));
for (let i = 0; i < 4; i++) {
  t = performance.now();
  const r = await swx.executeBlock(state, block, { hashers, decompressor });
  console.log('swx executeBlock', (performance.now() - t).toFixed(1), swx.toHex(r.stateRoot));
}
const rt = await swx.runtimeFromState(state, { hashers, decompressor });
const input = swx.encodeBlock(block.header, block.extrinsics);
for (let i = 0; i < 4; i++) {
  t = performance.now();
  const r = await rt.call('Core_execute_block', input, { state });
  console.log('swx warm call', (performance.now() - t).toFixed(1), r.storageChanges.length);
}
// peer
const norm = Object.fromEntries(Object.entries(top).map(([k, v]) => [k.toLowerCase(), v.toLowerCase()]));
const sorted = Object.keys(norm).sort();
const lower = (k) => { let lo = 0, hi = sorted.length; while (lo < hi) { const m = (lo + hi) >> 1; if (sorted[m] <= k) lo = m + 1; else hi = m; } return lo; };
let gets = 0, nexts = 0;
const cb = {
  getStorage: async (k) => { gets++; return norm[k]; },
  getNextKey: async (prefix, key) => { nexts++; const i = lower(key); const n = sorted[i]; return n !== undefined && n.startsWith(prefix) ? n : undefined; },
  offchainGetStorage: async () => undefined,
  offchainTimestamp: async () => 0,
  offchainRandomSeed: async () => '0x' + '00'.repeat(32),
  offchainSubmitTransaction: async () => false,
};
const codeHex = norm['0x3a636f6465'];
const wasmRaw = decompressor.decompress(swx.fromHex(codeHex)).code;
const wasmHex = swx.toHex(wasmRaw);
console.log('code compressed?', codeHex.slice(0, 18));
for (const w of [codeHex, wasmHex]) {
  t = performance.now(); gets = 0; nexts = 0;
  const r = await peer.run_task({ id: 1, wasm: w, calls: [['Core_execute_block', [swx.toHex(input)]]], mockSignatureHost: 0, allowUnresolvedImports: false, runtimeLogLevel: 0, storageProofSize: 0 }, cb);
  console.log('peer', (performance.now() - t).toFixed(1), r.Error ?? r.Call.storageDiff.length, gets, nexts);
}
