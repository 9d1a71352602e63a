/**
 * The gateway's checks of what carriers present: its own token (constant
 * time) and Telnyx's Ed25519 webhook signature. The same algorithms as
 * api/signatures.ts, restated so the gateway never loads the Twilio SDK that
 * module pulls in (a third of a second and tens of megabytes per process).
 */
import { createHash, createPublicKey, timingSafeEqual, verify, type KeyObject } from 'node:crypto';

const TOLERANCE_SECONDS = 300;

/** Constant-time comparison of two secrets of any length: both are hashed first, then compared with timingSafeEqual. */
export function secretsEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** Telnyx shows its public key as base64 of the raw 32 bytes; node:crypto wants SPKI DER. */
export function telnyxPublicKeyFromBase64(base64: string): KeyObject {
  const raw = Buffer.from(base64, 'base64');
  if (raw.length !== 32 || raw.toString('base64').replace(/=+$/, '') !== base64.trim().replace(/=+$/, '')) {
    throw new Error('an Ed25519 public key is 32 bytes, given as base64');
  }
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

export type Verdict = { ok: true } | { ok: false; status: 400 | 403; reason: string };

export function verifyTelnyxWebhook(publicKey: KeyObject, signature: string, timestamp: string, rawBody: string, nowSeconds: number): Verdict {
  const ts = timestamp.trim();
  if (!/^\d{1,12}$/.test(ts)) return { ok: false, status: 400, reason: 'invalid_signature_header' };
  if (Math.abs(nowSeconds - Number(ts)) > TOLERANCE_SECONDS) return { ok: false, status: 403, reason: 'stale_timestamp' };
  const sig = Buffer.from(signature.trim(), 'base64');
  if (sig.length !== 64) return { ok: false, status: 403, reason: 'bad_signature' };
  try {
    return verify(null, Buffer.from(`${ts}|${rawBody}`, 'utf8'), publicKey, sig) ? { ok: true } : { ok: false, status: 403, reason: 'bad_signature' };
  } catch {
    return { ok: false, status: 403, reason: 'bad_signature' };
  }
}

