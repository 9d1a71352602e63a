/**
 * What every inbound handler shares: how a request is refused (one log line,
 * a JSON reason, nothing written), how zod problems are reported, and the
 * shape of an ingest function's answer.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import type { Sql } from '../../db/client.ts';
import { log } from '../../lib/log.ts';
import { receiptsWritten } from '../../lib/receipt-signal.ts';
import type { ReceiptRoute } from '../domain/webhook-keys.ts';

export type Provider = 'twilio' | 'telnyx' | 'elastic_email' | 'booking' | 'slack' | 'email' | 'unsubscribe' | 'api';

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

// ---- receipts-first ingest ---------------------------------------------------------
// A verified webhook becomes one pending receipt (public.receive_webhook: one INSERT …
// ON CONFLICT DO NOTHING, no NOTIFY) and is answered at once; brain.drain_webhook_receipts
// applies it in the worker, in order per ordering key. What the event did is known only
// after the drain (webhook_receipts.outcome); the answer says received or duplicate.

export type ReceiptKind = 'inbound_message' | 'message_status' | 'call_status' | 'email_event' | 'booking' | 'inbound_email';

/** The 404 reason when the request names no account of ours (nothing is written). */
export const UNKNOWN_ACCOUNT_REASON: Readonly<Record<ReceiptKind, string>> = {
  inbound_message: 'unknown_number',
  message_status: 'unknown_message',
  call_status: 'unknown_call',
  email_event: 'unknown_message',
  booking: 'unknown_account',
  inbound_email: 'unknown_recipient',
};

export interface Receipt {
  accountId: string;
  provider: string;
  /** The provider's own event id, exactly as the ingest functions key it (e.g. `message:<MessageSid>`). */
  idempotencyKey: string;
  eventType: string;
  kind: ReceiptKind;
  /** Receipts with the same key are applied one at a time, in arrival order: the lead's address, or the provider's message id. */
  orderingKey: string;
  /** The arguments the drain applies (brain.apply_webhook_receipt), and `raw`: the provider's fields as received (NULs replaced). */
  payload: Record<string, unknown>;
  nulFields: string[];
  /** Set when the account came from a cached lookup: the receipt is written only if it still holds (else `stale`). */
  route?: ReceiptRoute | null;
}

/** stale: the cached account lookup behind the receipt no longer holds; nothing was written. */
export type ReceiptOutcome = 'received' | 'duplicate' | 'stale';

/**
 * The payload as JSON text PostgreSQL accepts: jsonb refuses the `\ud800` escape
 * JSON.stringify writes for a lone surrogate (a text parameter would have become
 * U+FFFD on its way), so every string and key is made well-formed first.
 * JSON.stringify writes a lone surrogate only as such an escape, so text with no
 * `\ud8xx`–`\udfxx` in it needs no second pass (the walk below is most of the
 * cost of a receipt's JSON, and a provider almost never sends a lone surrogate).
 */
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const wellFormed = (s: string): string => s.replace(LONE_SURROGATE, REPLACEMENT_CHARACTER);

export function receiptJson(value: unknown): string {
  const text = JSON.stringify(value);
  if (!SURROGATE_ESCAPE.test(text)) return text;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return wellFormed(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v instanceof Date) return v.toISOString();
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(v)) {
        Object.defineProperty(out, wellFormed(key), { value: walk(item), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    return v;
  };
  return JSON.stringify(walk(value));
}

/**
 * Group commit: receipts of concurrent requests are written together. The first
 * request of a quiet moment is written at once (public.receive_webhook); while a
 * write is in flight, the requests that arrive meanwhile wait and are written with
 * the next one, in one statement and one commit (public.receive_webhooks). One
 * write at a time makes the groups as large as the load: measured with 8 clients,
 * 2,500–3,300 receipts/s against about 1,050 with four writes in flight (groups of
 * two, each its own statement and commit, contending for the same index pages).
 * Each request is answered only after its receipt's commit, so a 200 still means
 * the receipt is durable.
 */
const MAX_FLUSHES = 1;
const MAX_GROUP = 200;

interface Waiting {
  receipt: Receipt;
  resolve: (outcome: ReceiptOutcome) => void;
  reject: (error: unknown) => void;
}

interface Group {
  queue: Waiting[];
  inFlight: number;
}

const groups = new WeakMap<Sql, Group>();

async function writeOne(sql: Sql, r: Receipt): Promise<ReceiptOutcome> {
  const [row] = await sql<{ outcome: ReceiptOutcome }[]>`
    select public.receive_webhook(${r.accountId}::uuid, ${r.provider}, ${r.idempotencyKey}, ${r.eventType}, ${r.kind},
                                  ${r.orderingKey}, ${receiptJson(r.payload)}::text::jsonb, ${nulNote(r.nulFields)}::text[]) as outcome`;
  return row!.outcome;
}

async function writeMany(sql: Sql, batch: Receipt[]): Promise<ReceiptOutcome[]> {
  const json = `[${batch
    .map((r) => receiptJson({
      account_id: r.accountId, provider: r.provider, idempotency_key: r.idempotencyKey, event_type: r.eventType, kind: r.kind,
      ordering_key: r.orderingKey, payload: r.payload, nul_replaced_fields: r.nulFields, route: r.route ?? null,
    }))
    .join(',')}]`;
  // One answer per element, in order (n from 1); the same event twice in one group: the first is received.
  const answers = await sql<{ n: number; outcome: ReceiptOutcome }[]>`
    select n, outcome from public.receive_webhooks(${json}::text::jsonb)`;
  const outcomes = new Array<ReceiptOutcome>(batch.length);
  for (const a of answers) outcomes[a.n - 1] = a.outcome;
  if (outcomes.some((o) => o === undefined)) throw new Error('receive_webhooks did not answer for every receipt');
  return outcomes;
}

function flush(sql: Sql, group: Group): void {
  if (group.inFlight >= MAX_FLUSHES || group.queue.length === 0) return;
  const batch = group.queue.splice(0, MAX_GROUP);
  group.inFlight += 1;
  // A single receipt with no route to check is written by receive_webhook; anything else by receive_webhooks.
  const write = batch.length === 1 && !batch[0]!.receipt.route
    ? writeOne(sql, batch[0]!.receipt).then((o) => [o])
    : writeMany(sql, batch.map((w) => w.receipt));
  // The next group's statement goes out before this group's answers are written:
  // PostgreSQL works on it while this process answers the HTTP requests.
  const next = () => {
    group.inFlight -= 1;
    flush(sql, group);
  };
  write.then(
    (outcomes) => {
      next();
      // One wake-up for the whole group (lib/receipt-signal.ts), only when something new was written.
      if (outcomes.includes('received')) receiptsWritten();
      batch.forEach((w, i) => w.resolve(outcomes[i]!));
    },
    (error: unknown) => {
      next();
      batch.forEach((w) => w.reject(error));
    },
  );
}

/**
 * Writes the receipt (grouped with concurrent ones); `duplicate` when the provider already
 * delivered this event; `stale` (nothing written) when its route, a cached account lookup,
 * no longer holds: the caller then looks the account up again and verifies anew.
 */
export function receive(sql: Sql, r: Receipt): Promise<ReceiptOutcome> {
  let group = groups.get(sql);
  if (!group) {
    group = { queue: [], inFlight: 0 };
    groups.set(sql, group);
  }
  const g = group;
  return new Promise<ReceiptOutcome>((resolve, reject) => {
    g.queue.push({ receipt: r, resolve, reject });
    flush(sql, g);
  });
}

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

// ---- bad bytes -----------------------------------------------------------------
// PostgreSQL text cannot hold U+0000, so a NUL that reached the SQL would fail
// the call, the provider would retry the 500 forever and the message would be
// lost. Every string a webhook hands on is cleaned once, here, after the
// signature was checked over the bytes as received: a NUL becomes U+FFFD and the
// field's path is reported, so the SQL can note on the stored row what changed.
// A lone surrogate (from a JSON \ud800 escape) needs nothing: it is written as
// U+FFFD by the UTF-8 encoder on its way to the database, and invalid UTF-8 in
// the body is already U+FFFD once the body is read as text.

export const REPLACEMENT_CHARACTER = '\uFFFD';

/** JSON nested deeper than this is refused before anything walks it. */
export const MAX_JSON_DEPTH = 64;

/** A value with every NUL replaced, and the paths (`data.payload.text`, `Body`) that had one. */
export interface Cleaned<T> {
  value: T;
  nulFields: string[];
}

function joinPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

/** The string with each U+0000 replaced by U+FFFD. */
export function replaceNul(s: string): string {
  return s.includes('\u0000') ? s.replaceAll('\u0000', REPLACEMENT_CHARACTER) : s;
}

/**
 * A deep copy of a parsed JSON value (or form parameters) with every NUL in a
 * string or a key replaced, and the paths that had one. Objects come back
 * without a prototype when the input had none (formParams), plain otherwise.
 * The caller has bounded the depth (parseJsonBody) or the value is flat.
 */
export function replaceNuls<T>(value: T, base = ''): Cleaned<T> {
  const nulFields: string[] = [];
  const walk = (v: unknown, at: string): unknown => {
    if (typeof v === 'string') {
      if (!v.includes('\u0000')) return v;
      nulFields.push(at || '(root)');
      return replaceNul(v);
    }
    if (Array.isArray(v)) return v.map((item, i) => walk(item, joinPath(at, i)));
    if (v && typeof v === 'object') {
      const out = (Object.getPrototypeOf(v) === null ? Object.create(null) : {}) as Record<string, unknown>;
      for (const [key, item] of Object.entries(v)) {
        const cleanKey = replaceNul(key);
        if (cleanKey !== key) nulFields.push(joinPath(at, cleanKey));
        // defineProperty: a key named __proto__ stays data, never a prototype.
        Object.defineProperty(out, cleanKey, { value: walk(item, joinPath(at, cleanKey)), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    return v;
  };
  const cleaned = walk(value, base) as T;
  return { value: cleaned, nulFields: [...new Set(nulFields)] };
}

/** How deep a JSON text nests, read from its brackets (strings skipped), without parsing it. */
export function jsonDepth(raw: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c) i++; // backslash: skip the escaped character
      else if (ch === 0x22) inString = false;
      continue;
    }
    if (ch === 0x22) inString = true;
    else if (ch === 0x7b || ch === 0x5b) {
      depth++;
      if (depth > max) max = depth;
    } else if (ch === 0x7d || ch === 0x5d) depth--;
  }
  return max;
}

export type ParsedJson =
  | { ok: true; value: unknown; nulFields: string[] }
  | { ok: false; issue: Issue };

/**
 * The one JSON body reader for webhooks and the JSON API: refuses text that
 * nests deeper than maxDepth (before JSON.parse or zod walk it), refuses text
 * that is not JSON, and (unless keepNuls) replaces NULs in every string,
 * reporting their paths.
 */
export function parseJsonBody(raw: string, options: { maxDepth?: number; keepNuls?: boolean } = {}): ParsedJson {
  const maxDepth = options.maxDepth ?? MAX_JSON_DEPTH;
  if (jsonDepth(raw) > maxDepth) {
    return { ok: false, issue: { path: '(root)', message: `the JSON nests deeper than ${maxDepth} levels` } };
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, issue: { path: '(root)', message: 'the body is not JSON' } };
  }
  // keepNuls: our own API refuses a NUL by name (lib/lead-row.ts) instead of rewriting it.
  if (options.keepNuls) return { ok: true, value: json, nulFields: [] };
  const { value, nulFields } = replaceNuls(json);
  return { ok: true, value, nulFields };
}

/** The NUL note for an ingest function: the paths, or null when nothing was replaced. */
export function nulNote(nulFields: string[]): string[] | null {
  return nulFields.length > 0 ? nulFields : null;
}
