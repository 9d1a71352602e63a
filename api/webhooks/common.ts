/**
 * What every inbound handler shares: how a request is refused (one log line,
 * a JSON reason, nothing written), how zod problems are reported, and the
 * shape of an ingest function's answer.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { log } from '../../lib/log.ts';

export type Provider = 'twilio' | 'telnyx' | 'elastic_email' | 'booking' | 'unsubscribe' | 'api';

export interface Issue {
  path: string;
  message: string;
}

/** zod issues as `{path, message}` pairs; never the values themselves. */
export function issuesOf(error: z.ZodError): Issue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message }));
}

/**
 * Refuses a request: logs WEBHOOK_REJECTED {provider, route, status, reason}
 * (no body, no secret) and answers `{error: reason, ...details}`.
 */
export function reject(
  c: Context,
  provider: Provider,
  route: string,
  status: ContentfulStatusCode,
  reason: string,
  details: Record<string, unknown> = {},
): Response {
  log('WEBHOOK_REJECTED', { provider, route, status, reason }, status >= 500 ? 'error' : 'warn');
  return c.json({ error: reason, ...details }, status);
}

/** One line per accepted request: what the SQL made of it. */
export function logAccepted(provider: Provider, route: string, fields: { event?: string; event_id?: string; outcome: string }): void {
  const { event, ...rest } = fields;
  log('WEBHOOK_ACCEPTED', { provider, route, provider_event: event, ...rest });
}

/** Logged when a signed, well-formed event is of a kind we do not act on. */
export function logIgnored(provider: Provider, route: string, event: string): void {
  log('WEBHOOK_IGNORED', { provider, route, provider_event: event });
}

/** Every ingest function answers jsonb with at least an outcome. */
export const IngestResult = z.object({ outcome: z.string() }).passthrough();
export type IngestResult = z.infer<typeof IngestResult>;

/** The outcomes that mean "nothing of ours matched": 404, nothing written. */
export const NOT_FOUND_OUTCOMES = new Set(['unknown_number', 'unknown_message', 'unknown_call', 'unknown_account']);

/** A form body (or query string) as the Twilio SDK wants it: repeated names become arrays. */
export function formParams(raw: string): Record<string, string | string[]> {
  // No prototype: a parameter named constructor or __proto__ is just a parameter.
  const out = Object.create(null) as Record<string, string | string[]>;
  for (const [key, value] of new URLSearchParams(raw)) {
    const existing = out[key];
    if (existing === undefined) out[key] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else out[key] = [existing, value];
  }
  return out;
}

/** The path and query string exactly as the client sent them (no re-encoding). */
export function rawPathAndQuery(requestUrl: string): { path: string; query: string } {
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^?#]*)(\?[^#]*)?/i.exec(requestUrl);
  return { path: match?.[1] || '/', query: match?.[2] ?? '' };
}

/** A timestamp given by a provider, or null when absent or unreadable (the SQL then uses now()). */
export function parseTime(value: unknown): Date | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  if (typeof value === 'number' || /^\d{9,13}$/.test(value)) {
    const n = Number(value);
    const d = new Date(n < 1e11 ? n * 1000 : n);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  // "2026-01-02 03:04:05" (no zone): providers that send it mean UTC.
  const naive = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(\.\d+)?)$/.exec(value.trim());
  const d = new Date(naive ? `${naive[1]}T${naive[2]}Z` : value);
  return Number.isNaN(d.getTime()) ? null : d;
}

export const uuid = z.string().uuid();
