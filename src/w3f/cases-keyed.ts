/**
 * Host-API cases of default child storage and crypto (`corpus/hostapi/ADAPTER.md`
 * §2.3, §2.4). Child keys are passed as given (`:child_storage:default:…`
 * included). Crypto inputs follow the ChainSafe build of the test runtime:
 * `Vec<u8>` arguments everywhere, key type `dumy`.
 */
import { equalBytes, startsWith, toHexRaw } from '../base/bytes.js';
import { ScaleReader } from '../base/scale.js';
import {
  KEY_TYPE_DUMY,
  NONE,
  PUBLIC_KEY_LEN,
  SIGNATURE_LEN,
  checkNextKeys,
  expectedSlice,
  parseU32,
  some,
  u32,
  vec,
  type CaseHandler,
  type CaseSession,
} from './session.js';

// ---- child storage (§2.3) ---------------------------------------------------

const CH = (name: string): string => `rtm_ext_default_child_storage_${name}_version_1`;

const CSET = (s: CaseSession, c: Uint8Array, k: Uint8Array, v: Uint8Array): void => void s.call(CH('set'), vec(c), vec(k), vec(v));
const CGET = (s: CaseSession, c: Uint8Array, k: Uint8Array): Uint8Array | undefined => s.optionOut(s.call(CH('get'), vec(c), vec(k)), 'child get');
const CCLR = (s: CaseSession, c: Uint8Array, k: Uint8Array): void => void s.call(CH('clear'), vec(c), vec(k));
const KILL = (s: CaseSession, c: Uint8Array): void => void s.call(CH('storage_kill'), vec(c));
const CEX = (s: CaseSession, c: Uint8Array, k: Uint8Array): number => s.u32Out(s.call(CH('exists'), vec(c), vec(k)), 'child exists');
const CCP = (s: CaseSession, c: Uint8Array, p: Uint8Array): void => void s.call(CH('clear_prefix'), vec(c), vec(p));
const CNK = (s: CaseSession, c: Uint8Array, k: Uint8Array): Uint8Array | undefined => s.optionOut(s.call(CH('next_key'), vec(c), vec(k)), 'child next_key');

/** Child-storage cases by function name. */
export const CHILD_CASES: Record<string, CaseHandler> = {
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

/** The generate / public_keys / sign / verify cases of one scheme. */
export function cryptoCases(scheme: Scheme): Record<string, CaseHandler> {
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
