/**
 * Signature checks of every provider that calls us. Each returns a verdict and
 * never throws on hostile input; none logs anything.
 */
import { createHash, createHmac, createPublicKey, timingSafeEqual, verify, type KeyObject } from 'node:crypto';
import twilio from 'twilio';

export type Verdict = { ok: true } | { ok: false; status: 400 | 403; reason: SignatureFailure };

export type SignatureFailure = 'invalid_signature_header' | 'stale_timestamp' | 'bad_signature';

const OK: Verdict = { ok: true };
const bad = (status: 400 | 403, reason: SignatureFailure): Verdict => ({ ok: false, status, reason });

/** Constant-time equality of two strings of any length (both are hashed first). */
export function secretsEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/**
 * Twilio: HMAC-SHA1 (auth token) over the full URL Twilio called followed by
 * the POST parameters sorted by name, checked by the official SDK.
 */
export function verifyTwilio(authToken: string, signature: string, url: string, params: Record<string, string | string[]>): Verdict {
  try {
    return twilio.validateRequest(authToken, signature, url, params) ? OK : bad(403, 'bad_signature');
  } catch {
    return bad(403, 'bad_signature');
  }
}

/** DER prefix of an Ed25519 SubjectPublicKeyInfo; the raw 32-byte key follows. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** Telnyx shows its public key as base64 of the raw 32 bytes; node:crypto wants SPKI DER. */
export function telnyxPublicKeyFromBase64(base64: string): KeyObject {
  const raw = Buffer.from(base64, 'base64');
  if (raw.length !== 32 || raw.toString('base64').replace(/=+$/, '') !== base64.trim().replace(/=+$/, '')) {
    throw new Error('an Ed25519 public key is 32 bytes, given as base64');
  }
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

function withinTolerance(timestamp: number, nowSeconds: number, toleranceSeconds: number): boolean {
  return Math.abs(nowSeconds - timestamp) <= toleranceSeconds;
}

/** Telnyx: Ed25519 over `${telnyx-timestamp}|${raw body}`, signature base64. */
export function verifyTelnyx(options: {
  publicKey: KeyObject;
  signature: string;
  timestamp: string;
  rawBody: string;
  nowSeconds: number;
  toleranceSeconds: number;
}): Verdict {
  if (!/^\d{1,12}$/.test(options.timestamp.trim())) return bad(400, 'invalid_signature_header');
  if (!withinTolerance(Number(options.timestamp.trim()), options.nowSeconds, options.toleranceSeconds)) {
    return bad(403, 'stale_timestamp');
  }
  const signature = Buffer.from(options.signature.trim(), 'base64');
  if (signature.length !== 64) return bad(403, 'bad_signature');
  try {
    const message = Buffer.from(`${options.timestamp.trim()}|${options.rawBody}`, 'utf8');
    return verify(null, message, options.publicKey, signature) ? OK : bad(403, 'bad_signature');
  } catch {
    return bad(403, 'bad_signature');
  }
}

/**
 * Calendly: `Calendly-Webhook-Signature: t=<unix>,v1=<hex>` where v1 is
 * HMAC-SHA256(secret, `${t}.${raw body}`). Several v1 values (key rotation)
 * are accepted when one matches. Our own inbound email endpoint signs the same
 * way (`X-Revenue-Signature`), over the body's bytes as sent: rawBody may be a
 * Buffer, so a body that is not UTF-8 (a raw MIME message) is checked as received.
 */
export function verifyCalendly(options: {
  secret: string;
  header: string;
  rawBody: string | Buffer;
  nowSeconds: number;
  toleranceSeconds: number;
}): Verdict {
  let t: string | undefined;
  const v1: string[] = [];
  for (const part of options.header.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't') t = value;
    else if (key === 'v1') v1.push(value);
  }
  if (t === undefined || !/^\d{1,12}$/.test(t) || v1.length === 0) return bad(400, 'invalid_signature_header');
  if (!withinTolerance(Number(t), options.nowSeconds, options.toleranceSeconds)) return bad(403, 'stale_timestamp');
  const mac = createHmac('sha256', options.secret).update(`${t}.`, 'utf8');
  const expected = (typeof options.rawBody === 'string' ? mac.update(options.rawBody, 'utf8') : mac.update(options.rawBody)).digest();
  for (const candidate of v1) {
    if (!/^[0-9a-f]{64}$/i.test(candidate)) continue;
    if (timingSafeEqual(Buffer.from(candidate, 'hex'), expected)) return OK;
  }
  return bad(403, 'bad_signature');
}

/**
 * Slack: `X-Slack-Signature: v0=<hex HMAC-SHA256(signing secret, "v0:<timestamp>:<raw body>")>`
 * with `X-Slack-Request-Timestamp` (Unix seconds) within the tolerance (300 s), so a
 * captured request cannot be replayed later.
 */
export function verifySlack(options: {
  secret: string;
  signature: string;
  timestamp: string;
  rawBody: string;
  nowSeconds: number;
  toleranceSeconds: number;
}): Verdict {
  if (!/^\d{1,12}$/.test(options.timestamp) || !/^v0=[0-9a-f]{64}$/i.test(options.signature)) return bad(400, 'invalid_signature_header');
  if (!withinTolerance(Number(options.timestamp), options.nowSeconds, options.toleranceSeconds)) return bad(403, 'stale_timestamp');
  const expected = createHmac('sha256', options.secret).update(`v0:${options.timestamp}:${options.rawBody}`, 'utf8').digest();
  return timingSafeEqual(Buffer.from(options.signature.slice(3), 'hex'), expected) ? OK : bad(403, 'bad_signature');
}

/**
 * The booking signing key of one account when it stores none of its own:
 * hex HMAC-SHA256(BOOKING_WEBHOOK_SECRET, `booking-webhook:<account id>`). Each
 * account gets a different key from the one secret, so an event signed for one
 * account fails at another's URL. `make booking-key` prints it for an operator.
 */
export function bookingSigningKey(secret: string, accountId: string): string {
  return createHmac('sha256', secret).update(`booking-webhook:${accountId}`, 'utf8').digest('hex');
}

/**
 * The inbound email signing key of one account when it stores none of its own:
 * hex HMAC-SHA256(INBOUND_EMAIL_SECRET, `inbound-email:<account id>`), so a mail
 * host set up for one account cannot post into another's. `make inbound-email-key`
 * prints it.
 */
export function inboundEmailSigningKey(secret: string, accountId: string): string {
  return createHmac('sha256', secret).update(`inbound-email:${accountId}`, 'utf8').digest('hex');
}
