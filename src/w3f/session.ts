/**
 * What every host-API case needs (`corpus/hostapi/ADAPTER.md` §0–§1): its
 * externalities — main storage `{":code": ""}` (Substrate
 * `TestExternalities::default()`), no child tries, an empty keystore — the
 * `R(name, input)` call on the test runtime, SCALE helpers for inputs and
 * outputs, and assertions that fail the case the way the reference adapter
 * panics.
 */
import { SwxError } from '../base/errors.js';
import { compareBytes, concatBytes, decodeUtf8, equalBytes, toHexRaw } from '../base/bytes.js';
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
export const KEY_TYPE_DUMY = Uint8Array.of(0x64, 0x75, 0x6d, 0x79);

/** SCALE `Option::None`. */
export const NONE = Uint8Array.of(0);
/** SCALE `Option::Some` tag. */
const SOME = Uint8Array.of(1);

/** Length of an ed25519 / sr25519 public key (sp-core). */
export const PUBLIC_KEY_LEN = 32;
/** Length of an ed25519 / sr25519 signature (sp-core). */
export const SIGNATURE_LEN = 64;

/** SCALE `Vec<u8>`: compact length ++ bytes. */
export function vec(b: Uint8Array): Uint8Array {
  return concatBytes(encodeCompact(b.length), b);
}

/** SCALE `Option<Vec<u8>>` Some. */
export function some(b: Uint8Array): Uint8Array {
  return concatBytes(SOME, vec(b));
}

/** 4 bytes little-endian. */
export function u32(n: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, n, true);
  return out;
}

/** A decimal u32 argument (`N(i)`). */
export function parseU32(s: string, what: string): number {
  if (!/^\d+$/.test(s) || Number(s) > 0xffffffff) throw new SwxError('INVALID_INPUT', `${what} must be a decimal u32, got ${JSON.stringify(s)}`);
  return Number(s);
}

/** One case's externalities and call/assert helpers. */
export class CaseSession {
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
export interface CaseHandler {
  arity: number;
  run(s: CaseSession, a: readonly Uint8Array[], raw: readonly string[]): string[];
}

/** `v[off..min(off+size, len)]`, empty when `off >= len` (ADAPTER.md §5). */
export function expectedSlice(v: Uint8Array, off: number, size: number): Uint8Array {
  return off < v.length ? v.subarray(off, Math.min(off + size, v.length)) : new Uint8Array(0);
}

/** Shared shape of main and child `next_key` after both keys are set: prints the larger key. */
export function checkNextKeys(s: CaseSession, nk: (k: Uint8Array) => Uint8Array | undefined, k1: Uint8Array, k2: Uint8Array): string[] {
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
