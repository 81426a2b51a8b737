import v8 from 'node:v8';
const mode = process.argv[2];
if (mode.includes('nocache')) v8.setFlagsFromString('--no-wasm-native-module-cache-enabled');
if (mode.includes('gc')) v8.setFlagsFromString('--expose-gc');
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
if (mode.includes('peer')) await import('@acala-network/chopsticks-executor');
const swx = await import('../../dist/src/index.js');
const hashers = await swx.createHashers(); const decompressor = await swx.createDecompressor();
const wasm = gunzipSync(readFileSync('../shared/corpus/runtimes/westend-v9300.wasm.gz'));
const code = swx.loadRuntimeCodeSync(new Uint8Array(wasm), hashers, decompressor);
for (const strat of ['pooled', 'recreate']) {
  const rt = await swx.createRuntime(code, { hashers, decompressor, instantiationStrategy: strat });
  const times = [];
  for (let i = 0; i < 12; i++) { const t = performance.now(); await rt.call('Metadata_metadata', new Uint8Array(0), { maxLogLevel: 0 }); times.push(performance.now() - t); }
  console.log(mode, strat, times.map(x => x.toFixed(1)).join(' '));
}
