/**
 * Adapter over `node:crypto` (OpenSSL): the only file that imports it for
 * signatures. Used as a fast *accept* path for ed25519: OpenSSL verifies the
 * cofactorless RFC 8032 equation with canonical S, and any signature it accepts
 * is also accepted under ZIP-215 (same challenge k = H(R ‖ A ‖ M) over the raw
 * bytes; [S]B = R + [k]A implies [8][S]B = [8]R + [8][k]A). A rejection proves
 * nothing, so callers then decide with the exact ZIP-215 check.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/** DER SubjectPublicKeyInfo header of an Ed25519 key (RFC 8410 §4: OID 1.3.101.112). */
const ED25519_SPKI_PREFIX = Uint8Array.of(0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00);

/** Upper bound of the key cache of one `OpensslEd25519` before it is reset. */
const KEY_CACHE_LIMIT = 1024;

function importKey(pub: Uint8Array): KeyObject {
  const der = Buffer.alloc(ED25519_SPKI_PREFIX.length + pub.length);
  der.set(ED25519_SPKI_PREFIX, 0);
  der.set(pub, ED25519_SPKI_PREFIX.length);
  return createPublicKey({ key: der, format: 'der', type: 'spki' });
}

/** OpenSSL's Ed25519 verification; false on rejection or on any error (bad key encoding…). */
export function opensslEd25519Verify(sig: Uint8Array, msg: Uint8Array, pub: Uint8Array): boolean {
  try {
    return verify(null, msg, importKey(pub), sig);
  } catch {
    return false;
  }
}

/** The same check with a bounded cache of imported keys (importing costs about as much as verifying). */
export class OpensslEd25519 {
  private readonly keys = new Map<string, KeyObject>();

  /** OpenSSL's verdict; false on rejection or on any error. */
  verify(sig: Uint8Array, msg: Uint8Array, pub: Uint8Array): boolean {
    try {
      const id = String.fromCharCode(...pub);
      let key = this.keys.get(id);
      if (key === undefined) {
        key = importKey(pub);
        if (this.keys.size >= KEY_CACHE_LIMIT) this.keys.clear();
        this.keys.set(id, key);
      }
      return verify(null, msg, key, sig);
    } catch {
      return false;
    }
  }
}
