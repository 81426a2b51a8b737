/**
 * Fuzz kind `hostcall`: random sequences of host calls with hostile pointers
 * and lengths, two ways:
 *
 *   direct    a module importing 1–8 real host functions (right signatures)
 *             whose export calls 1–16 of them with hostile arguments (pointers
 *             at and past the memory's end, lengths up to 2³²−1, garbage in
 *             between), over a small state, with or without an offchain
 *             environment and a keystore
 *   hostapi   the differential test's random op sequences (test/conformance/
 *             differential/ops.ts) through the host-API test runtime, each
 *             op's SCALE input mutated (truncated, bit-flipped, lengths
 *             bumped) so the runtime passes hostile lengths on
 *
 * Every call must finish or fail with a SwxError, and the caller's backend
 * stays untouched.
 */
import type { InstrSpec } from '../src/wasm/index.js';
import { ModuleBuilder } from '../src/wasm/index.js';
import { createHashers, type Hashers } from '../src/base/hashing.js';
import { createDecompressor, type Decompressor } from '../src/blob/index.js';
import { InMemoryKeystore, InMemoryOffchainEnv, substrateHostFunctions, type HostFunction } from '../src/host/index.js';
import { createRuntime, loadRuntimeCodeSync, type Runtime } from '../src/executor/index.js';
import { InMemoryBackend, StateMachine } from '../src/state/index.js';
import { createHostApiEnv } from '../src/w3f/index.js';
import { readCorpus, skipUnlessCorpus } from '../test/support/corpus.js';
import { randomInitialEntries, randomOp } from '../test/conformance/differential/ops.js';
import { mutate } from './blobs.js';
import { hostileI32, hostileI64 } from './modules.js';
import type { CaseKind, Rng } from './harness.js';

/** Memory of the direct module: 20 pages, before the heap pages the executor adds. */
const MEMORY_PAGES = 20;
const WASM_PAGE = 65536;
const HOSTAPI_RUNTIME = 'hostapi/hostapi_runtime.wasm';

interface HostCallCtx {
  hashers: Hashers;
  decompressor: Decompressor;
  hostFns: HostFunction[];
  hostapi: Runtime | undefined;
  keystore: InMemoryKeystore;
}

/** An argument of type `t`: hostile, or (often) a pointer into the data at 0..256 that holds real-looking keys. */
function arg(rng: Rng, t: string, memBytes: number): InstrSpec {
  if (t === 'i32') return ['i32.const', rng.chance(0.3) ? rng.int(256) : hostileI32(rng, memBytes)];
  if (t === 'i64') return ['i64.const', rng.chance(0.3) ? BigInt(rng.int(64)) * 0x1_0000_0000n + BigInt(rng.int(256)) : hostileI64(rng, memBytes)];
  if (t === 'f32') return ['f32.const', 0];
  return ['f64.const', 0];
}

/** The direct module: `fuzz(ptr, len) -> i64` calling host functions in a random sequence. */
function hostCallModule(rng: Rng, hostFns: readonly HostFunction[]): Uint8Array {
  const b = new ModuleBuilder();
  const picked: HostFunction[] = [];
  for (let n = 1 + rng.int(8); n > 0; n--) {
    const f = rng.pick(hostFns);
    if (!picked.includes(f)) picked.push(f);
  }
  const indices = picked.map((f) => b.importFunc('env', f.name, f.params, f.results));
  b.importMemory('env', 'memory', MEMORY_PAGES);
  b.global('i32', false, 1024, '__heap_base');
  const memBytes = MEMORY_PAGES * WASM_PAGE;
  const body: InstrSpec[] = [];
  for (let n = 1 + rng.int(16); n > 0; n--) {
    const i = rng.int(picked.length);
    for (const p of picked[i]!.params) body.push(arg(rng, p, memBytes));
    body.push(['call', indices[i]!]);
    for (let r = 0; r < picked[i]!.results.length; r++) body.push(['drop']);
  }
  body.push(['i64.const', 0]);
  b.func(['i32', 'i32'], ['i64'], body, { export: 'fuzz' });
  b.data(0, rng.bytes(256));
  return b.build();
}

/** A small state with keys the data segment may hit. */
function smallState(rng: Rng): InMemoryBackend {
  const { top, children } = randomInitialEntries(rng);
  return InMemoryBackend.fromEntries(top, children);
}

/** The `hostcall` case kind. */
export const HOSTCALL_KIND: CaseKind<HostCallCtx> = {
  name: 'hostcall',
  description: 'host-call sequences with hostile pointers/lengths (direct imports; hostapi runtime ops with mutated inputs)',
  async setup() {
    const [hashers, decompressor] = await Promise.all([createHashers(), createDecompressor()]);
    const hostapi = skipUnlessCorpus(HOSTAPI_RUNTIME) === false ? (await createHostApiEnv(readCorpus(HOSTAPI_RUNTIME))).runtime : undefined;
    const keystore = InMemoryKeystore.fromSeeds([
      { scheme: 'sr25519', keyType: 'babe', suri: '//Alice' },
      { scheme: 'ed25519', keyType: 'gran', suri: '//Alice' },
    ]);
    return { hashers, decompressor, hostFns: substrateHostFunctions(), hostapi, keystore };
  },
  async run(ctx, rng) {
    const state = smallState(rng);
    const before = [...state.entries()].length;
    try {
      if (ctx.hostapi !== undefined && rng.chance(0.3)) {
        const op = randomOp(rng, state);
        let input = op.input;
        for (let n = rng.int(3); n > 0; n--) input = mutate(rng, input, [op.input]);
        ctx.hostapi.callSync(op.method, input, { storage: new StateMachine(state, { hash: ctx.hashers.blake2_256 }) });
        return;
      }
      const code = loadRuntimeCodeSync(hostCallModule(rng, ctx.hostFns), { hashers: ctx.hashers, decompressor: ctx.decompressor });
      const runtime = await createRuntime(code);
      // `sleep_until` sleeps as long as the runtime asks (as sc-offchain does): the fuzz does not wait.
      const offchain = rng.chance(0.5) ? new InMemoryOffchainEnv({ isValidator: rng.chance(0.5), local: new Map(), sleepUntil: () => {} }) : undefined;
      const storage = new StateMachine(state, { hash: ctx.hashers.blake2_256, limits: { maxOverlayBytes: 1 << 24 } });
      runtime.callSync('fuzz', rng.bytes(rng.int(32)), { storage, offchain, keystore: rng.chance(0.5) ? ctx.keystore : undefined, maxLogLevel: 5 });
    } finally {
      if ([...state.entries()].length !== before) throw new Error('the caller state changed');
    }
  },
};
