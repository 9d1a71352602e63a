/**
 * Small signed tokens (HMAC-SHA256) for links sent to leads, such as one-click
 * unsubscribe: the payload is readable but cannot be forged or altered.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

function b64(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

export function signToken(payload: Record<string, unknown>, secret: string): string {
  const body = b64(JSON.stringify(payload));
  const mac = createHmac('sha256', secret).update(body).digest();
  return `${body}.${b64(mac)}`;
}

/** The payload when the token is intact and was signed with `secret`; null otherwise. */
export function verifyToken(token: string, secret: string): Record<string, unknown> | null {
  const dot = token.indexOf('.');
  if (dot <= 0 || dot !== token.lastIndexOf('.')) return null;
  const body = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), 'base64url');
  const expected = createHmac('sha256', secret).update(body).digest();
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
