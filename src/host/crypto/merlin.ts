/**
 * Merlin transcripts (https://merlin.cool) over STROBE-128 (strobe.sourceforge.io,
 * v1.0.2), the Fiat–Shamir hashing of schnorrkel / sr25519. Written from the
 * Merlin and STROBE specifications; only the operations Merlin uses exist.
 *
 * STROBE keeps a 200-byte Keccak-f[1600] state and a rate of R = 166 bytes:
 *
 *   begin_op(flags):  absorb [pos_begin, flags]; pos_begin = pos + 1;
 *                     if flags has C (or K) and pos ≠ 0 → run_f
 *   meta_ad / ad:     absorb bytes (st[pos] ^= b; pos++; pos = R → run_f)
 *   prf:              squeeze bytes (out = st[pos]; st[pos] = 0; …)
 *   run_f:            st[pos] ^= pos_begin; st[pos+1] ^= 0x04; st[R+1] ^= 0x80;
 *                     Keccak-f; pos = pos_begin = 0
 *
 * Merlin on top:
 *   new(label)                 = STROBE("Merlin v1.0"); append("dom-sep", label)
 *   append(label, m)           = meta_ad(label); meta_ad(u32le(len m), more); ad(m)
 *   challenge(label, n)        = meta_ad(label); meta_ad(u32le(n), more); prf(n)
 */
import { invariant } from '../../base/errors.js';
import { utf8 } from '../../base/bytes.js';
import { keccakF1600 } from './noble.js';

/** STROBE-128 rate in bytes: 200 − 2·(128/8) − 2 (STROBE spec §5, security 128). */
const STROBE_R = 166;
/** STROBE flag bits (spec §6.2) used by Merlin: I, A, C, T, M (K is never used). */
const FLAG_I = 1;
const FLAG_A = 2;
const FLAG_C = 4;
const FLAG_T = 8;
const FLAG_M = 16;
/** Protocol label of every Merlin transcript (Merlin spec "Transcript::new"). */
const MERLIN_PROTOCOL_LABEL = utf8('Merlin v1.0');
/** STROBE version string absorbed at initialisation (spec §5.1). */
const STROBE_VERSION = utf8('STROBEv1.0.2');

class Strobe128 {
  private readonly st = new Uint8Array(200);
  private readonly st32 = new Uint32Array(this.st.buffer);
  private pos = 0;
  private posBegin = 0;
  private curFlags = 0;

  constructor(protocolLabel: Uint8Array) {
    invariant(new Uint8Array(Uint16Array.of(1).buffer)[0] === 1, 'STROBE lanes assume a little-endian host');
    this.st.set([1, STROBE_R + 2, 1, 0, 1, 96], 0);
    this.st.set(STROBE_VERSION, 6);
    keccakF1600(this.st32);
    this.metaAd(protocolLabel, false);
  }

  private runF(): void {
    this.st[this.pos] ^= this.posBegin;
    this.st[this.pos + 1] ^= 0x04;
    this.st[STROBE_R + 1] ^= 0x80;
    keccakF1600(this.st32);
    this.pos = 0;
    this.posBegin = 0;
  }

  private absorb(data: Uint8Array): void {
    for (let i = 0; i < data.length; i++) {
      this.st[this.pos++] ^= data[i]!;
      if (this.pos === STROBE_R) this.runF();
    }
  }

  private squeeze(out: Uint8Array): void {
    for (let i = 0; i < out.length; i++) {
      out[i] = this.st[this.pos]!;
      this.st[this.pos++] = 0;
      if (this.pos === STROBE_R) this.runF();
    }
  }

  private beginOp(flags: number, more: boolean): void {
    if (more) {
      invariant(this.curFlags === flags, 'STROBE: continued operation with different flags');
      return;
    }
    invariant((flags & FLAG_T) === 0, 'STROBE: transport operations are not used by Merlin');
    const oldBegin = this.posBegin;
    this.posBegin = this.pos + 1;
    this.curFlags = flags;
    this.absorb(Uint8Array.of(oldBegin, flags));
    if ((flags & FLAG_C) !== 0 && this.pos !== 0) this.runF();
  }

  metaAd(data: Uint8Array, more: boolean): void {
    this.beginOp(FLAG_M | FLAG_A, more);
    this.absorb(data);
  }

  ad(data: Uint8Array, more: boolean): void {
    this.beginOp(FLAG_A, more);
    this.absorb(data);
  }

  prf(out: Uint8Array, more: boolean): void {
    this.beginOp(FLAG_I | FLAG_A | FLAG_C, more);
    this.squeeze(out);
  }
}

function u32le(n: number): Uint8Array {
  return Uint8Array.of(n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff);
}

/** A Merlin transcript: labelled messages in, labelled challenges out. */
export class Transcript {
  private readonly strobe = new Strobe128(MERLIN_PROTOCOL_LABEL);

  /** `Transcript::new(label)`. */
  constructor(label: Uint8Array) {
    this.appendMessage(utf8('dom-sep'), label);
  }

  /** `append_message(label, message)`. */
  appendMessage(label: Uint8Array, message: Uint8Array): void {
    this.strobe.metaAd(label, false);
    this.strobe.metaAd(u32le(message.length), true);
    this.strobe.ad(message, false);
  }

  /** `challenge_bytes(label, dest)` with a fresh `n`-byte destination. */
  challengeBytes(label: Uint8Array, n: number): Uint8Array {
    const out = new Uint8Array(n);
    this.strobe.metaAd(label, false);
    this.strobe.metaAd(u32le(n), true);
    this.strobe.prf(out, false);
    return out;
  }
}
