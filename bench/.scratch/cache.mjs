import v8 from 'node:v8';
if (process.argv[2] === 'nocache') v8.setFlagsFromString('--no-wasm-native-module-cache-enabled');
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
const swx = await import('../../dist/src/index.js');
const hashers = await swx.createHashers(); const decompressor = await swx.createDecompressor();
const wasm = new Uint8Array(gunzipSync(readFileSync('../shared/corpus/runtimes/westend-v9300.wasm.gz')));
const keep = [];
for (let i = 0; i < 5; i++) {
  let t = performance.now();
  const code = swx.loadRuntimeCodeSync(wasm, hashers, decompressor);
  const t1 = performance.now();
  const rt = await swx.createRuntime(code, { hashers, decompressor });
  const t2 = performance.now();
  await rt.call('Core_version');
  const t3 = performance.now();
  await rt.call('Metadata_metadata');
  const t4 = performance.now();
  keep.push(rt);
  console.log('load', (t1-t).toFixed(1), 'create', (t2-t1).toFixed(1), 'CV', (t3-t2).toFixed(1), 'MD', (t4-t3).toFixed(1));
}
