/**
 * `npm start` / `swx demo`: the main job on the embedded default runtime, the
 * asset-hub-rococo genesis runtime from `@substrate/connect-known-chains`
 * (chain spec `rococo_v2_2_asset_hub`): its version, its metadata size, and
 * the time of a few calls.
 */
import { performance } from 'node:perf_hooks';
import { toHex } from '../base/bytes.js';
import { runtimeVersionToJson } from '../blob/index.js';
import { backendFromChainSpec, CODE_KEY } from '../state/index.js';
import { createRuntime, createServices, loadRuntimeCodeSync } from '../executor/index.js';
import { SwxError } from '../base/errors.js';

/** Runs the demo. */
export async function runDemo(asJson: boolean, out: (s: string) => void): Promise<void> {
  const services = await createServices();
  const { chainSpec } = (await import('@substrate/connect-known-chains/rococo_v2_2_asset_hub')) as { chainSpec: string };
  const state = backendFromChainSpec(JSON.parse(chainSpec));
  const blob = state.get(CODE_KEY);
  if (blob === undefined) throw new SwxError('CHAIN_SPEC_INVALID', 'embedded chain spec has no :code');
  const t0 = performance.now();
  const code = loadRuntimeCodeSync(blob, services);
  const t1 = performance.now();
  const runtime = await createRuntime(code);
  const t2 = performance.now();
  const timings: Array<{ call: string; ms: number }> = [];
  let metadataLength = 0;
  let metadataHash = '';
  for (let i = 0; i < 3; i++) {
    const a = performance.now();
    const res = await runtime.call('Metadata_metadata', new Uint8Array(0), { state });
    timings.push({ call: `Metadata_metadata #${i + 1}`, ms: performance.now() - a });
    metadataLength = res.output.length;
    metadataHash = toHex(services.hashers.blake2_256(res.output));
  }
  for (let i = 0; i < 3; i++) {
    const a = performance.now();
    await runtime.call('Core_version', new Uint8Array(0), { state });
    timings.push({ call: `Core_version #${i + 1}`, ms: performance.now() - a });
  }
  const version = runtime.version !== undefined ? runtimeVersionToJson(runtime.version) : null;
  const result = {
    runtime: 'asset-hub-rococo genesis (@substrate/connect-known-chains rococo_v2_2_asset_hub)',
    compressedSize: code.original.length,
    wasmSize: code.wasm.length,
    version,
    metadata: { length: metadataLength, blake2_256: metadataHash },
    loadMs: t1 - t0,
    createRuntimeMs: t2 - t1,
    calls: timings,
  };
  if (asJson) {
    out(JSON.stringify(result));
    return;
  }
  out(`runtime:   ${result.runtime}`);
  out(`blob:      ${result.compressedSize} bytes zstd -> ${result.wasmSize} bytes Wasm (decompress+decode+validate ${result.loadMs.toFixed(1)} ms)`);
  out(`prepare+compile: ${result.createRuntimeMs.toFixed(1)} ms`);
  if (version !== null) out(`version:   ${version.specName} ${version.specVersion} (impl ${version.implName} ${version.implVersion}, tx ${version.transactionVersion}, state V${version.stateVersion}, ${version.apis.length} APIs)`);
  out(`metadata:  ${metadataLength} bytes, blake2_256 ${metadataHash}`);
  for (const t of timings) out(`  ${t.call.padEnd(22)} ${t.ms.toFixed(2)} ms`);
}
