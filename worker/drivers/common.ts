/**
 * What every driver shares: how an outcome is classified, how the send key
 * travels to the provider, and how a send is logged (never a body, never a
 * secret, recipients masked).
 */
import { createHash } from 'node:crypto';
import { log } from '../../lib/log.ts';
import type { ProviderName, SendRequest, SendResult } from './types.ts';

/** First 24 hex digits of sha256(value): a stable, non-reversible id. */
export function shortHash(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 24);
}

/**
 * The Message-ID we give an email: `<rv.<32 hex of sha256(send_key)>@<the sender's domain>>`.
 * Chosen by us (not the provider), the same for the same send_key, and recorded with the
 * send's outcome (outbound_messages.email_message_id), so a reply's In-Reply-To or
 * References threads onto the message it answers. `from` may be `Name <a@b>`; without a
 * domain in it the id falls back to `revenue-os.invalid`.
 */
export function emailMessageId(sendKey: string, from: string): string {
  const address = /<([^<>\s]+)>\s*$/.exec(from)?.[1] ?? from.trim();
  const at = address.lastIndexOf('@');
  const domain = at >= 0 ? address.slice(at + 1).toLowerCase() : '';
  const safeDomain = /^[a-z0-9.-]{1,250}$/.test(domain) && domain.includes('.') ? domain : 'revenue-os.invalid';
  return `<rv.${createHash('sha256').update(sendKey).digest('hex').slice(0, 32)}@${safeDomain}>`;
}

/** Keeps the last `keep` characters, stars the rest; short values are starred whole. */
export function maskTail(value: string, keep = 4): string {
  if (value.length <= keep) return '*'.repeat(value.length);
  return '*'.repeat(value.length - keep) + value.slice(-keep);
}

/** Provider error texts often quote the number; keep only its last four digits. */
export function maskNumbersIn(text: string): string {
  return text.replace(/\+?\d[\d\s().-]{5,}\d/g, (m) => maskTail(m.replace(/[^\d+]/g, '')));
}

/**
 * A driver's status callback URL with `touch_run_id` and `send_key` added, so
 * every callback (and a provider-side duplicate) can be tied to its send. The
 * request's own statusCallbackUrl, when set, overrides the driver's. Null when
 * the URL is missing or not an absolute http(s) URL.
 */
export function callbackUrlFor(
  driverUrl: string | undefined,
  request: Pick<SendRequest, 'statusCallbackUrl' | 'touchRunId' | 'sendKey'>,
): string | null {
  let url: URL;
  try {
    url = new URL(request.statusCallbackUrl ?? driverUrl ?? '');
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.searchParams.set('touch_run_id', request.touchRunId);
  url.searchParams.set('send_key', request.sendKey);
  return url.href;
}

/**
 * Errors meaning the connection was never made, so nothing was written:
 * refused, no route, name not resolved, connect timed out.
 */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
]);

const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** The first system error code found on an error, its causes, or an AggregateError's members. */
export function networkErrorCode(error: unknown, depth = 0): string | undefined {
  if (!error || typeof error !== 'object' || depth > 6) return undefined;
  const e = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(e.code)) return e.code;
  if (Array.isArray(e.errors)) {
    for (const inner of e.errors) {
      const code = networkErrorCode(inner, depth + 1);
      if (code) return code;
    }
  }
  return networkErrorCode(e.cause, depth + 1);
}

function isTimeout(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const name = (error as { name?: unknown }).name;
  if (name === 'TimeoutError' || name === 'AbortError' || name === 'APIConnectionTimeoutError') return true;
  const code = networkErrorCode(error);
  return code !== undefined && TIMEOUT_CODES.has(code);
}

/** The error's message with its causes' ("fetch failed: connect ECONNREFUSED 127.0.0.1:9"). */
function messageOf(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth += 1) {
    const message = current instanceof Error ? current.message : typeof current === 'string' ? current : '';
    if (message && !parts.includes(message)) parts.push(message);
    current = (current as { cause?: unknown }).cause;
  }
  return parts.join(': ') || String(error);
}

/**
 * A request that got no HTTP answer. Refused or unresolved before connecting:
 * `not_sent`. Anything else (reset, hang-up, timeout) may have happened after
 * the provider read the request: `unknown`, to be reconciled, never re-sent blindly.
 */
export function classifyTransportError(error: unknown): SendResult {
  const code = networkErrorCode(error);
  if (code && NOT_SENT_CODES.has(code)) {
    return { kind: 'not_sent', errorCode: code.toLowerCase(), errorMessage: messageOf(error) };
  }
  if (isTimeout(error)) {
    return { kind: 'unknown', errorCode: 'timeout', errorMessage: messageOf(error) };
  }
  return { kind: 'unknown', errorCode: code ? code.toLowerCase() : 'transport_error', errorMessage: messageOf(error) };
}

/**
 * An HTTP answer that is not a success. 4xx: the provider refused it
 * (`rejected`), except 429, which refuses before doing anything (`not_sent`,
 * safe to try later). 5xx and anything else: `unknown`.
 */
export function classifyHttpError(status: number, providerCode: string | undefined, message: string): SendResult {
  const errorCode = providerCode && providerCode !== '' ? providerCode : `http_${status}`;
  if (status === 429) return { kind: 'not_sent', errorCode, errorMessage: message };
  if (status >= 400 && status < 500) return { kind: 'rejected', errorCode, errorMessage: message };
  return { kind: 'unknown', errorCode, errorMessage: message };
}

/** Logs the outcome of one send (masked recipient, no body) and returns it. */
export function reported(provider: ProviderName, request: SendRequest, to: string, result: SendResult): SendResult {
  const base = { provider, channel: request.channel, touch_run_id: request.touchRunId, to_masked: maskTail(to) };
  if (result.kind === 'accepted') {
    log('PROVIDER_SEND_ACCEPTED', { ...base, provider_message_id: result.providerMessageId, provider_status: result.providerStatus });
  } else {
    log(
      'PROVIDER_SEND_FAILED',
      { ...base, result: result.kind, error_code: result.errorCode, error_message: maskNumbersIn(result.errorMessage).slice(0, 300) },
      result.kind === 'unknown' ? 'error' : 'warn',
    );
  }
  return result;
}

/** How far before `attemptedAt` a lookup searches (clock skew between us and the provider). */
export const LOOKUP_SLACK_MS = 10 * 60_000;
/** Without `attemptedAt`, a lookup searches this far back. */
export const LOOKUP_DEFAULT_WINDOW_MS = 24 * 60 * 60_000;

export function lookupWindowStart(request: Pick<SendRequest, 'attemptedAt'>, now: Date = new Date()): Date {
  const attempted = request.attemptedAt ? Date.parse(request.attemptedAt) : Number.NaN;
  return Number.isNaN(attempted) ? new Date(now.getTime() - LOOKUP_DEFAULT_WINDOW_MS) : new Date(attempted - LOOKUP_SLACK_MS);
}
