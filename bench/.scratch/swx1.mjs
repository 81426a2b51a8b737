import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import * as swx from '../../dist/src/index.js';
const hashers = await swx.createHashers(); const decompressor = await swx.createDecompressor();
for (const name of ['westend-v9300','polkadot-v9160','asset-hub-rococo-genesis','kusama-1020-genesis']) {
const wasm = gunzipSync(readFileSync('../shared/corpus/runtimes/'+name+'.wasm.gz'));
let t = performance.now();
const code = swx.loadRuntimeCodeSync(new Uint8Array(wasm), hashers, decompressor);
const tl = performance.now() - t;
for (const strat of ['pooled', 'recreate']) {
t = performance.now();
const rt = await swx.createRuntime(code, { hashers, decompressor, instantiationStrategy: strat });
const tc = performance.now() - t;
t = performance.now();
let r = await rt.call('Core_version');
const t1 = performance.now() - t;
const times = [];
for (let i = 0; i < 5; i++) { t = performance.now(); r = await rt.call('Metadata_metadata'); times.push(performance.now() - t); }
const vt = [];
for (let i = 0; i < 5; i++) { t = performance.now(); r = await rt.call('Core_version'); vt.push(performance.now() - t); }
console.log(name, strat, 'load', tl.toFixed(1), 'create', tc.toFixed(1), 'first CV', t1.toFixed(1), 'MD', times.map(x=>x.toFixed(1)).join(' '), 'CV', vt.map(x=>x.toFixed(2)).join(' '));
}
}
