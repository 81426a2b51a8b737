/**
 * The W3F host-API conformance cases (`corpus/hostapi/ADAPTER.md` §1–§3): how
 * one case — a function name and its string arguments — becomes a sequence of
 * calls on the host-API test runtime, which results are asserted, and what the
 * reference adapter prints.
 *
 * Each case gets fresh externalities: main storage `{":code": ""}` (Substrate
 * `TestExternalities::default()`), no child tries, an empty keystore. Every
 * runtime call (`rtm_ext_*`) runs on a fresh instance (`uncached_call`) and the
 * externalities carry over between the calls of one case.
 */
import { SwxError } from '../base/errors.js';
import { compareBytes, concatBytes, decodeUtf8, equalBytes, startsWith, toHexRaw, utf8 } from '../base/bytes.js';
import { ScaleReader, encodeCompact } from '../base/scale.js';
import type { Hashers } from '../base/hashing.js';
import type { Runtime } from '../executor/index.js';
import { InMemoryKeystore } from '../host/keystore.js';
import { CODE_KEY, InMemoryBackend, StateMachine } from '../state/index.js';

/** What a case needs: the compiled test runtime and the hashers (trie hasher). */
export interface HostApiEnv {
  /** `hostapi_runtime.wasm`, compiled with the `recreate` strategy (a fresh instance per call). */
  readonly runtime: Runtime;
  readonly hashers: Hashers;
}

/** Key type id of every crypto case: `b"dumy"` (ADAPTER.md §0 `KT`). */
const KEY_TYPE_DUMY = Uint8Array.of(0x64, 0x75, 0x6d, 0x79);

/** SCALE `Option` tags. */
const NONE = Uint8Array.of(0);
const SOME = Uint8Array.of(1);

/** Lengths fixed by sp-core: public keys and signatures of ed25519 / sr25519. */
const PUBLIC_KEY_LEN = 32;
const SIGNATURE_LEN = 64;

/** SCALE `Vec<u8>`: compact length ++ bytes. */
function vec(b: Uint8Array): Uint8Array {
  return concatBytes(encodeCompact(b.length), b);
}

/** SCALE `Option<Vec<u8>>` Some. */
function some(b: Uint8Array): Uint8Array {
  return concatBytes(SOME, vec(b));
}

/** 4 bytes little-endian. */
function u32(n: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, n, true);
  return out;
}

/** A decimal u32 argument (`N(i)`). */
function parseU32(s: string, what: string): number {
  if (!/^\d+$/.test(s) || Number(s) > 0xffffffff) throw new SwxError('INVALID_INPUT', `${what} must be a decimal u32, got ${JSON.stringify(s)}`);
  return Number(s);
}

/** One case's externalities and call/assert helpers. */
class CaseSession {
  private readonly storage: StateMachine;
  private readonly keystore = new InMemoryKeystore();

  constructor(
    private readonly env: HostApiEnv,
    readonly fn: string,
  ) {
    const backend = InMemoryBackend.fromEntries([[CODE_KEY.slice(), new Uint8Array(0)]]);
    this.storage = new StateMachine(backend, { hash: env.hashers.blake2_256 });
  }

  /** `R(name, input)`: the raw bytes the export returned. */
  call(name: string, ...input: Uint8Array[]): Uint8Array {
    return this.env.runtime.callSync(name, concatBytes(...input), { storage: this.storage, keystore: this.keystore }).output;
  }

  /** Throws the failed-assertion error (the reference adapter panics). */
  fail(what: string): never {
    throw new SwxError('RUNTIME_ERROR_RESULT', `host-api ${this.fn}: assertion failed: ${what}`, { function: this.fn });
  }

  expect(cond: boolean, what: string): void {
    if (!cond) this.fail(what);
  }

  /** A `Vec<u8>` output, compact length dropped (trailing bytes ignored, as SCALE `decode`). */
  vecOut(out: Uint8Array, what: string): Uint8Array {
    try {
      return new ScaleReader(out).bytesVec();
    } catch {
      return this.fail(`${what}: output 0x${toHexRaw(out)} is not a SCALE Vec<u8>`);
    }
  }

  /** An `Option<Vec<u8>>` output. */
  optionOut(out: Uint8Array, what: string): Uint8Array | undefined {
    try {
      return new ScaleReader(out).option((r) => r.bytesVec());
    } catch {
      return this.fail(`${what}: output 0x${toHexRaw(out)} is not a SCALE Option<Vec<u8>>`);
    }
  }

  /** A `u32` output. */
  u32Out(out: Uint8Array, what: string): number {
    if (out.length < 4) this.fail(`${what}: output 0x${toHexRaw(out)} is not a u32`);
    return new DataView(out.buffer, out.byteOffset, 4).getUint32(0, true);
  }

  /** UTF-8 text of runtime bytes (the reference prints them raw; all cases are ASCII). */
  text(b: Uint8Array, what: string): string {
    const s = decodeUtf8(b);
    return s ?? this.fail(`${what}: 0x${toHexRaw(b)} is not UTF-8`);
  }

  expectNone(v: Uint8Array | undefined, what: string): void {
    if (v !== undefined) this.fail(`${what}: expected None, got Some(0x${toHexRaw(v)})`);
  }

  expectSome(v: Uint8Array | undefined, want: Uint8Array, what: string): void {
    if (v === undefined) this.fail(`${what}: expected Some(0x${toHexRaw(want)}), got None`);
    if (!equalBytes(v, want)) this.fail(`${what}: expected Some(0x${toHexRaw(want)}), got Some(0x${toHexRaw(v)})`);
  }
}

/** A case handler: its argument count and what it runs and prints. */
interface CaseHandler {
  arity: number;
  run(s: CaseSession, a: readonly Uint8Array[], raw: readonly string[]): string[];
}

// ---- main storage (§2.2) ----------------------------------------------------

const ST = (name: string): string => `rtm_ext_storage_${name}_version_1`;

const SET = (s: CaseSession, k: Uint8Array, v: Uint8Array): void => void s.call(ST('set'), vec(k), vec(v));
const GET = (s: CaseSession, k: Uint8Array): Uint8Array | undefined => s.optionOut(s.call(ST('get'), vec(k)), `get(${toHexRaw(k)})`);
const NK = (s: CaseSession, k: Uint8Array): Uint8Array | undefined => s.optionOut(s.call(ST('next_key'), vec(k)), `next_key(${toHexRaw(k)})`);

/** `v[off..min(off+size, len)]`, empty when `off >= len` (ADAPTER.md §5). */
function expectedSlice(v: Uint8Array, off: number, size: number): Uint8Array {
  return off < v.length ? v.subarray(off, Math.min(off + size, v.length)) : new Uint8Array(0);
}

/** Shared shape of main and child `next_key` after both keys are set: prints the larger key. */
function checkNextKeys(s: CaseSession, nk: (k: Uint8Array) => Uint8Array | undefined, k1: Uint8Array, k2: Uint8Array): string[] {
  const lines: string[] = [];
  for (const [a, b] of [
    [k1, k2],
    [k2, k1],
  ] as const) {
    const next = nk(a);
    if (compareBytes(a, b) < 0) {
      s.expectSome(next, b, `next_key(${toHexRaw(a)})`);
      lines.push(s.text(b, 'next key'));
    } else {
      s.expectNone(next, `next_key(${toHexRaw(a)})`);
    }
  }
  return lines;
}

/** Decodes an appended value as `Vec<Vec<u8>>`. */
function decodeItems(s: CaseSession, raw: Uint8Array | undefined, what: string): Uint8Array[] {
  if (raw === undefined) return s.fail(`${what}: expected Some, got None`);
  try {
    return new ScaleReader(raw).vec((r) => r.bytesVec());
  } catch {
    return s.fail(`${what}: 0x${toHexRaw(raw)} is not a SCALE Vec<Vec<u8>>`);
  }
}

function expectItems(s: CaseSession, got: Uint8Array[], want: Uint8Array[], what: string): void {
  s.expect(got.length === want.length && got.every((g, i) => equalBytes(g, want[i]!)), `${what}: items differ`);
}

const MAIN: Record<string, CaseHandler> = {
  test_storage_init: {
    arity: 0,
    run: (s) => [toHexRaw(s.vecOut(s.call(ST('root')), 'root'))],
  },
  ext_storage_set_version_1: { arity: 2, run: (s, [k, v]) => setGet(s, k!, v!) },
  ext_storage_get_version_1: { arity: 2, run: (s, [k, v]) => setGet(s, k!, v!) },
  ext_storage_read_version_1: {
    arity: 4,
    run: (s, [k, v], raw) => {
      const [off, size] = [parseU32(raw[2]!, 'offset'), parseU32(raw[3]!, 'buffer_size')];
      const rd = (): Uint8Array | undefined => s.optionOut(s.call(ST('read'), vec(k!), u32(off), u32(size)), 'read');
      s.expectNone(rd(), 'read before set');
      SET(s, k!, v!);
      const want = expectedSlice(v!, off, size);
      const r = rd();
      s.expectSome(r, want, 'read after set');
      return [s.text(want, 'read')];
    },
  },
  ext_storage_clear_version_1: {
    arity: 2,
    run: (s, [k, v]) => {
      SET(s, k!, v!);
      s.call(ST('clear'), vec(k!));
      s.expectNone(GET(s, k!), 'get after clear');
      return [];
    },
  },
  ext_storage_exists_version_1: {
    arity: 2,
    run: (s, [k, v]) => {
      const ex = (): number => s.u32Out(s.call(ST('exists'), vec(k!)), 'exists');
      s.expect(ex() === 0, 'exists before set is 0');
      SET(s, k!, v!);
      s.expect(ex() === 1, 'exists after set is 1');
      return ['true'];
    },
  },
  ext_storage_clear_prefix_version_1: {
    arity: 5,
    run: (s, [p, k1, v1, k2, v2]) => {
      SET(s, k1!, v1!);
      SET(s, k2!, v2!);
      s.call(ST('clear_prefix'), vec(p!));
      for (const [k, v] of [
        [k1!, v1!],
        [k2!, v2!],
      ] as const) {
        if (startsWith(k, p!)) s.expectNone(GET(s, k), `get(${toHexRaw(k)}) under the cleared prefix`);
        else s.expectSome(GET(s, k), v, `get(${toHexRaw(k)}) outside the cleared prefix`);
      }
      return [];
    },
  },
  ext_storage_append_version_1: {
    arity: 4,
    run: (s, [k1, v1, k2, v2]) => {
      const ap = (k: Uint8Array, item: Uint8Array): void => void s.call(ST('append'), vec(k), vec(vec(item)));
      s.expectNone(GET(s, k1!), 'get(k1) before append');
      ap(k1!, v1!);
      ap(k1!, v2!);
      s.expectNone(GET(s, k2!), 'get(k2) before append');
      for (const item of [v2!, v1!, v2!, v1!]) ap(k2!, item);
      const first = decodeItems(s, GET(s, k1!), 'get(k1)');
      expectItems(s, first, [v1!, v2!], 'k1');
      const second = decodeItems(s, GET(s, k2!), 'get(k2)');
      expectItems(s, second, [v2!, v1!, v2!, v1!], 'k2');
      return [first, second].map((items) => items.map((i) => s.text(i, 'item')).join(';'));
    },
  },
  ext_storage_root_version_1: {
    arity: 4,
    run: (s, [k1, v1, k2, v2]) => {
      SET(s, k1!, v1!);
      SET(s, k2!, v2!);
      return [toHexRaw(s.vecOut(s.call(ST('root')), 'root'))];
    },
  },
  ext_storage_next_key_version_1: {
    arity: 4,
    run: (s, [k1, v1, k2, v2]) => {
      s.expectNone(NK(s, k1!), 'next_key(k1) before set');
      s.expectNone(NK(s, k2!), 'next_key(k2) before set');
      SET(s, k1!, v1!);
      SET(s, k2!, v2!);
      return checkNextKeys(s, (k) => NK(s, k), k1!, k2!);
    },
  },
};

function setGet(s: CaseSession, k: Uint8Array, v: Uint8Array): string[] {
  s.expectNone(GET(s, k), 'get before set');
  SET(s, k, v);
  s.expectSome(GET(s, k), v, 'get after set');
  return [s.text(v, 'value')];
}

// ---- child storage (§2.3) ---------------------------------------------------

const CH = (name: string): string => `rtm_ext_default_child_storage_${name}_version_1`;

const CSET = (s: CaseSession, c: Uint8Array, k: Uint8Array, v: Uint8Array): void => void s.call(CH('set'), vec(c), vec(k), vec(v));
const CGET = (s: CaseSession, c: Uint8Array, k: Uint8Array): Uint8Array | undefined => s.optionOut(s.call(CH('get'), vec(c), vec(k)), 'child get');
const CCLR = (s: CaseSession, c: Uint8Array, k: Uint8Array): void => void s.call(CH('clear'), vec(c), vec(k));
const KILL = (s: CaseSession, c: Uint8Array): void => void s.call(CH('storage_kill'), vec(c));
const CEX = (s: CaseSession, c: Uint8Array, k: Uint8Array): number => s.u32Out(s.call(CH('exists'), vec(c), vec(k)), 'child exists');
const CCP = (s: CaseSession, c: Uint8Array, p: Uint8Array): void => void s.call(CH('clear_prefix'), vec(c), vec(p));
const CNK = (s: CaseSession, c: Uint8Array, k: Uint8Array): Uint8Array | undefined => s.optionOut(s.call(CH('next_key'), vec(c), vec(k)), 'child next_key');

const CHILD: Record<string, CaseHandler> = {
  ext_default_child_storage_set_version_1: { arity: 4, run: (s, [c1, c2, k, v]) => childSetGet(s, c1!, c2!, k!, v!) },
  ext_default_child_storage_get_version_1: { arity: 4, run: (s, [c1, c2, k, v]) => childSetGet(s, c1!, c2!, k!, v!) },
  ext_default_child_storage_read_version_1: {
    arity: 6,
    run: (s, [c1, c2, k, v], raw) => {
      const [off, size] = [parseU32(raw[4]!, 'offset'), parseU32(raw[5]!, 'buffer_size')];
      const rd = (c: Uint8Array): Uint8Array | undefined => s.optionOut(s.call(CH('read'), vec(c), vec(k!), u32(off), u32(size)), 'child read');
      s.expectNone(rd(c1!), 'read(c1) before set');
      CSET(s, c1!, k!, v!);
      s.expectNone(rd(c2!), 'read(c2)');
      const want = expectedSlice(v!, off, size);
      s.expectSome(rd(c1!), want, 'read(c1) after set');
      return [s.text(want, 'read')];
    },
  },
  ext_default_child_storage_clear_version_1: {
    arity: 4,
    run: (s, [c1, c2, k, v]) => {
      CSET(s, c1!, k!, v!);
      CCLR(s, c2!, k!);
      s.expectSome(CGET(s, c1!, k!), v!, 'get(c1) after clearing c2');
      CCLR(s, c1!, k!);
      s.expectNone(CGET(s, c1!, k!), 'get(c1) after clearing c1');
      return [];
    },
  },
  ext_default_child_storage_storage_kill_version_1: {
    arity: 6,
    run: (s, [c1, c2, k1, v1, k2, v2]) => {
      CSET(s, c1!, k1!, v1!);
      CSET(s, c1!, k2!, v2!);
      KILL(s, c2!);
      s.expectSome(CGET(s, c1!, k1!), v1!, 'get(c1, k1) after killing c2');
      s.expectSome(CGET(s, c1!, k2!), v2!, 'get(c1, k2) after killing c2');
      KILL(s, c1!);
      s.expectNone(CGET(s, c1!, k1!), 'get(c1, k1) after killing c1');
      s.expectNone(CGET(s, c1!, k2!), 'get(c1, k2) after killing c1');
      return [];
    },
  },
  ext_default_child_storage_exists_version_1: {
    arity: 4,
    run: (s, [c1, c2, k, v]) => {
      s.expect(CEX(s, c1!, k!) === 0, 'exists(c1) before set is 0');
      CSET(s, c1!, k!, v!);
      s.expect(CEX(s, c2!, k!) === 0, 'exists(c2) is 0');
      s.expect(CEX(s, c1!, k!) === 1, 'exists(c1) after set is 1');
      return ['true'];
    },
  },
  ext_default_child_storage_clear_prefix_version_1: {
    arity: 7,
    run: (s, [c1, c2, p, k1, v1, k2, v2]) => {
      CSET(s, c1!, k1!, v1!);
      CSET(s, c1!, k2!, v2!);
      CCP(s, c2!, p!);
      CCP(s, c1!, p!);
      const lines: string[] = [];
      for (const [k, v] of [
        [k1!, v1!],
        [k2!, v2!],
      ] as const) {
        const got = CGET(s, c1!, k);
        if (startsWith(k, p!)) {
          s.expectNone(got, `get(c1, ${toHexRaw(k)}) under the cleared prefix`);
        } else {
          s.expectSome(got, v, `get(c1, ${toHexRaw(k)}) outside the cleared prefix`);
          lines.push(s.text(v, 'value'));
        }
      }
      return lines;
    },
  },
  ext_default_child_storage_root_version_1: {
    arity: 6,
    run: (s, [c1, c2, k1, v1, k2, v2]) => {
      CSET(s, c1!, k1!, v1!);
      CSET(s, c1!, k2!, v2!);
      CSET(s, c2!, k1!, v2!);
      CSET(s, c2!, k2!, v1!);
      return [toHexRaw(s.vecOut(s.call(CH('root'), vec(c1!)), 'child root'))];
    },
  },
  ext_default_child_storage_next_key_version_1: {
    arity: 6,
    run: (s, [c1, c2, k1, v1, k2, v2]) => {
      s.expectNone(CNK(s, c1!, k1!), 'next_key(c1, k1) before set');
      CSET(s, c1!, k1!, v1!);
      CSET(s, c1!, k2!, v2!);
      const lines = checkNextKeys(s, (k) => CNK(s, c1!, k), k1!, k2!);
      s.expectNone(CNK(s, c2!, k1!), 'next_key(c2, k1)');
      s.expectNone(CNK(s, c2!, k2!), 'next_key(c2, k2)');
      return lines;
    },
  },
};

function childSetGet(s: CaseSession, c1: Uint8Array, c2: Uint8Array, k: Uint8Array, v: Uint8Array): string[] {
  s.expectNone(CGET(s, c1, k), 'get(c1) before set');
  CSET(s, c1, k, v);
  s.expectNone(CGET(s, c2, k), 'get(c2)');
  s.expectSome(CGET(s, c1, k), v, 'get(c1) after set');
  return [s.text(v, 'value')];
}

// ---- crypto (§2.4, ChainSafe build ABI) --------------------------------------

type Scheme = 'ed25519' | 'sr25519';

const CR = (scheme: Scheme, name: string): string => `rtm_ext_crypto_${scheme}_${name}_version_1`;

function generate(s: CaseSession, scheme: Scheme, seed: Uint8Array): Uint8Array {
  // `none` only for an empty sr25519 seed (ADAPTER.md §2.4).
  const seedArg = scheme === 'sr25519' && seed.length === 0 ? NONE : some(seed);
  const pk = s.vecOut(s.call(CR(scheme, 'generate'), KEY_TYPE_DUMY, seedArg), 'generate');
  s.expect(pk.length === PUBLIC_KEY_LEN, `generate returns ${PUBLIC_KEY_LEN} bytes`);
  return pk;
}

function sign(s: CaseSession, scheme: Scheme, pk: Uint8Array, msg: Uint8Array): Uint8Array {
  const inner = s.vecOut(s.call(CR(scheme, 'sign'), KEY_TYPE_DUMY, vec(pk), vec(msg)), 'sign');
  s.expect(inner.length === 1 + SIGNATURE_LEN && inner[0] === 1, 'sign returns Some(signature)');
  return inner.subarray(1);
}

function signLines(s: CaseSession, msg: Uint8Array, pk: Uint8Array, sig: Uint8Array): string[] {
  return [`Message: ${s.text(msg, 'message')}`, `Public key: ${toHexRaw(pk)}`, `Signature: ${toHexRaw(sig)}`];
}

function cryptoHandlers(scheme: Scheme): Record<string, CaseHandler> {
  return {
    [`ext_crypto_${scheme}_generate_version_1`]: { arity: 1, run: (s, [seed]) => [toHexRaw(generate(s, scheme, seed!))] },
    [`ext_crypto_${scheme}_public_keys_version_1`]: {
      arity: 2,
      run: (s, [s1, s2]) => {
        const p1 = generate(s, scheme, s1!);
        const p2 = generate(s, scheme, s2!);
        const inner = s.vecOut(s.call(CR(scheme, 'public_keys'), KEY_TYPE_DUMY), 'public_keys');
        let keys: Uint8Array[];
        try {
          keys = new ScaleReader(inner).vec((r) => r.fixed(PUBLIC_KEY_LEN));
        } catch {
          return s.fail(`public_keys: 0x${toHexRaw(inner)} is not a SCALE Vec<[u8; 32]>`);
        }
        s.expect(keys.length === 2, `public_keys lists 2 keys (got ${keys.length})`);
        s.expect(
          keys.some((k) => equalBytes(k, p1)) && keys.some((k) => equalBytes(k, p2)),
          'public_keys lists both generated keys',
        );
        return keys.map((k, i) => `${i + 1}. Public key: ${toHexRaw(k)}`);
      },
    },
    [`ext_crypto_${scheme}_sign_version_1`]: {
      arity: 2,
      run: (s, [seed, msg]) => {
        const pk = generate(s, scheme, seed!);
        return signLines(s, msg!, pk, sign(s, scheme, pk, msg!));
      },
    },
    [`ext_crypto_${scheme}_verify_version_1`]: {
      arity: 2,
      run: (s, [seed, msg]) => {
        const pk = generate(s, scheme, seed!);
        const sig = sign(s, scheme, pk, msg!);
        const ok = s.u32Out(s.call(CR(scheme, 'verify'), vec(sig), vec(msg!), vec(pk)), 'verify');
        s.expect(ok === 1, 'verify accepts the signature');
        return [...signLines(s, msg!, pk, sig), 'GOOD SIGNATURE'];
      },
    },
  };
}

// ---- single-call functions (§2.1) --------------------------------------------

/** The hashing functions and their output lengths (sp-io). */
const HASHES: ReadonlyArray<readonly [string, number]> = [
  ['keccak_256', 32],
  ['sha2_256', 32],
  ['blake2_128', 16],
  ['blake2_256', 32],
  ['twox_256', 32],
  ['twox_128', 16],
  ['twox_64', 8],
];

const SINGLE: Record<string, CaseHandler> = {
  ...Object.fromEntries(
    HASHES.map(([name, len]): [string, CaseHandler] => [
      `ext_hashing_${name}_version_1`,
      {
        arity: 1,
        run: (s, [data]) => {
          const h = s.vecOut(s.call(`rtm_ext_hashing_${name}_version_1`, vec(data!)), name);
          s.expect(h.length === len, `${name} returns ${len} bytes`);
          return [toHexRaw(h)];
        },
      },
    ]),
  ),
  ...Object.fromEntries(
    ['ext_allocator_malloc_version_1', 'ext_allocator_free_version_1'].map((fn): [string, CaseHandler] => [
      fn,
      {
        arity: 1,
        run: (s, [data]) => {
          // Both call the malloc export: the runtime mallocs, copies, reads back and frees.
          const got = s.vecOut(s.call('rtm_ext_allocator_malloc_version_1', vec(data!)), 'malloc');
          s.expect(equalBytes(got, data!), 'malloc round-trips the data');
          return [s.text(got, 'data')];
        },
      },
    ]),
  ),
  ext_trie_blake2_256_root_version_1: {
    arity: 6,
    run: (s, a) => [toHexRaw(s.vecOut(s.call('rtm_ext_trie_blake2_256_root_version_1', encodeCompact(3), ...a.map(vec)), 'trie root'))],
  },
  ext_trie_blake2_256_ordered_root_version_1: {
    arity: 3,
    run: (s, a) => [toHexRaw(s.vecOut(s.call('rtm_ext_trie_blake2_256_ordered_root_version_1', encodeCompact(3), ...a.map(vec)), 'ordered root'))],
  },
};

const HANDLERS: ReadonlyMap<string, CaseHandler> = new Map(
  Object.entries({ ...SINGLE, ...MAIN, ...CHILD, ...cryptoHandlers('ed25519'), ...cryptoHandlers('sr25519') }),
);

/** The host-API functions `runHostApiCase` supports (the 38 of `cases.json`). */
export const HOSTAPI_FUNCTIONS: readonly string[] = [...HANDLERS.keys()];

/**
 * Runs one conformance case and returns exactly what the reference adapter
 * prints (each line ending in `\n`; may be empty). Throws a SwxError
 * `RUNTIME_ERROR_RESULT` when an assertion of the case fails, the runtime's
 * error when a call fails, and `INVALID_INPUT` (context `unsupported: true`)
 * for an unknown function or a wrong argument count.
 */
export function runHostApiCase(fn: string, args: readonly string[] | null, env: HostApiEnv): string {
  const handler = HANDLERS.get(fn);
  if (handler === undefined) throw new SwxError('INVALID_INPUT', `unsupported host-api function ${JSON.stringify(fn)}`, { function: fn, unsupported: true });
  const raw = args ?? [];
  if (raw.length < handler.arity) {
    throw new SwxError('INVALID_INPUT', `${fn} takes ${handler.arity} input value(s), got ${raw.length}`, { function: fn });
  }
  const lines = handler.run(new CaseSession(env, fn), raw.map(utf8), raw);
  return lines.map((l) => l + '\n').join('');
}
