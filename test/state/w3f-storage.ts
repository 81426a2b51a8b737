/**
 * A harness that replays the W3F host-API storage cases (corpus
 * `hostapi/cases.json`, call sequences of `hostapi/ADAPTER.md` §2.2–2.3, §5)
 * directly on the storage host functions: each `rtm_*` call of the
 * conformance runtime becomes the host call it makes, with the runtime's
 * argument encoding and result decoding done here. The state starts as
 * `{":code": ""}` (Substrate `TestExternalities::default()`).
 */
import { utf8 } from '../../src/base/bytes.js';
import { ScaleReader, encodeBytesVec } from '../../src/base/scale.js';
import { STORAGE_HOST_FUNCTIONS } from '../../src/host/storage.js';
import { CHILD_STORAGE_HOST_FUNCTIONS } from '../../src/host/child-storage.js';
import { InMemoryBackend } from '../../src/state/backend.js';
import { StateMachine } from '../../src/state/state-machine.js';
import { bindHost, makeFakeContext, readFat, testHashers, type FakeContext } from '../support/fake-context.js';
import { corpusPath, readCorpusJson } from '../support/corpus.js';

/** One W3F case. */
export interface W3fCase {
  group: string;
  function: string;
  args: string[] | null;
  expected: string | null;
}

/** The W3F cases whose function name starts with `prefix` (empty without the corpus). */
export function w3fCases(prefix: string): W3fCase[] {
  if (corpusPath('hostapi/cases.json') === undefined) return [];
  return readCorpusJson<{ cases: W3fCase[] }>('hostapi/cases.json').cases.filter((c) => c.function.startsWith(prefix));
}

/** Host functions bound to a fake context over a fresh `{":code": ""}` state. */
export class StorageHost {
  private constructor(
    readonly ctx: FakeContext,
    readonly sm: StateMachine,
  ) {}

  /** A fresh state and context. */
  static async create(backend = InMemoryBackend.fromEntries([[utf8(':code'), new Uint8Array(0)]])): Promise<StorageHost> {
    const h = await testHashers;
    const sm = new StateMachine(backend, { hash: h.blake2_256 });
    return new StorageHost(await makeFakeContext({ storage: sm }), sm);
  }

  /** Calls host function `name` with raw i32/i64 arguments. */
  call(name: string, ...args: Array<number | bigint>): number | bigint | void {
    return bindHost([...STORAGE_HOST_FUNCTIONS, ...CHILD_STORAGE_HOST_FUNCTIONS], name, this.ctx)(...args);
  }

  /** Calls `name` with byte arguments passed as fat pointers; returns the bytes of the returned fat pointer. */
  callBytes(name: string, ...args: Uint8Array[]): Uint8Array {
    const r = this.call(name, ...args.map((a) => this.ctx.putFat(a)));
    if (typeof r !== 'bigint') throw new Error(`${name} returned ${String(r)}, not a fat pointer`);
    return readFat(this.ctx, r);
  }

  /** Calls `name` with byte arguments; returns its i32 result. */
  callI32(name: string, ...args: Uint8Array[]): number {
    const r = this.call(name, ...args.map((a) => this.ctx.putFat(a)));
    if (typeof r !== 'number') throw new Error(`${name} returned ${String(r)}, not an i32`);
    return r;
  }

  /** Calls `name` with byte arguments; expects no result. */
  callVoid(name: string, ...args: Uint8Array[]): void {
    const r = this.call(name, ...args.map((a) => this.ctx.putFat(a)));
    if (r !== undefined) throw new Error(`${name} returned ${String(r)}`);
  }

  /**
   * The runtime's `read` wrapper: a zeroed `size`-byte buffer, the host call,
   * then `Some(buf[..min(n, size)])` / `None`.
   */
  read(name: string, prefixArgs: Uint8Array[], offset: number, size: number): Uint8Array | undefined {
    const out = this.ctx.putFat(new Uint8Array(size));
    const r = this.call(name, ...prefixArgs.map((a) => this.ctx.putFat(a)), out, offset);
    const n = new ScaleReader(readFat(this.ctx, r as bigint)).option((rd) => rd.u32());
    if (n === undefined) return undefined;
    return readFat(this.ctx, out).subarray(0, Math.min(n, size));
  }
}

/** Decodes a SCALE `Option<Vec<u8>>`. */
export function optionVec(bytes: Uint8Array): Uint8Array | undefined {
  return new ScaleReader(bytes).option((r) => r.bytesVec().slice());
}

/** SCALE `Vec<u8>` of a text (the item the conformance runtime appends). */
export function vecText(s: string): Uint8Array {
  return encodeBytesVec(utf8(s));
}
