/**
 * The W3F host-API conformance cases (`corpus/hostapi/ADAPTER.md` §1–§3): how
 * one case — a function name and its string arguments — becomes a sequence of
 * calls on the host-API test runtime, which results are asserted, and what the
 * reference adapter prints. This file holds the single-call and main-storage
 * cases and the table of all 38 functions; child storage and crypto are in
 * `hostapi-cases-keyed.ts`, the per-case session in `hostapi-session.ts`.
 *
 * Each case gets fresh externalities: main storage `{":code": ""}` (Substrate
 * `TestExternalities::default()`), no child tries, an empty keystore. Every
 * runtime call (`rtm_ext_*`) runs on a fresh instance (`uncached_call`) and the
 * externalities carry over between the calls of one case.
 */
import { SwxError } from '../base/errors.js';
import { equalBytes, startsWith, toHexRaw, utf8 } from '../base/bytes.js';
import { ScaleReader, encodeCompact } from '../base/scale.js';
import { CHILD_CASES, cryptoCases } from './cases-keyed.js';
import { CaseSession, checkNextKeys, expectedSlice, parseU32, u32, vec, type CaseHandler, type HostApiEnv } from './session.js';

export type { HostApiEnv } from './session.js';

// ---- main storage (§2.2) ----------------------------------------------------

const ST = (name: string): string => `rtm_ext_storage_${name}_version_1`;

const SET = (s: CaseSession, k: Uint8Array, v: Uint8Array): void => void s.call(ST('set'), vec(k), vec(v));
const GET = (s: CaseSession, k: Uint8Array): Uint8Array | undefined => s.optionOut(s.call(ST('get'), vec(k)), `get(${toHexRaw(k)})`);
const NK = (s: CaseSession, k: Uint8Array): Uint8Array | undefined => s.optionOut(s.call(ST('next_key'), vec(k)), `next_key(${toHexRaw(k)})`);

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
  Object.entries({ ...SINGLE, ...MAIN, ...CHILD_CASES, ...cryptoCases('ed25519'), ...cryptoCases('sr25519') }),
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
