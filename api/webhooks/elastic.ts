/**
 * Elastic Email notifications. Elastic signs nothing, so the URL carries a
 * shared secret (header X-Webhook-Secret, or query `secret`), compared in
 * constant time with the webhook_secret of the account the event's message
 * belongs to (found by its postback touch and transaction id), else with
 * ELASTIC_EMAIL_WEBHOOK_SECRET. Fields come as JSON or form
 * fields in a POST body, or as the query string (Elastic's classic
 * notifications are GET requests with query parameters; both are accepted).
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { readBody } from '../body.ts';
import { webhookKeys, type AccountHints } from '../domain/webhook-keys.ts';
import type { InboundDeps } from '../inbound-config.ts';
import { secretsEqual } from '../signatures.ts';
import {
  issuesOf,
  logAccepted,
  logIgnored,
  parseJsonBody,
  parseTime,
  receive,
  reject,
  replaceNuls,
  UNKNOWN_ACCOUNT_REASON,
  type Cleaned,
} from './common.ts';

const ROUTE = '/webhooks/elastic';

/** Elastic's status (case-insensitive) → ingest_email_event's event; others are ignored. */
export const ELASTIC_STATUS: Readonly<Record<string, string>> = {
  sent: 'sent',
  delivered: 'delivered',
  delivery: 'delivered',
  opened: 'opened',
  clicked: 'clicked',
  bounced: 'bounced',
  error: 'bounced',
  abusereport: 'complained',
  unsubscribed: 'unsubscribed',
};

/**
 * Elastic's bounce category (the notification's `category`, case-insensitive) → the bounce
 * class brain.apply_email_event takes. Hard: the address itself is dead (NoMailbox: no such
 * mailbox; AccountProblem: the recipient's account is disabled or gone): the address is
 * suppressed and the lead's email marked hard_bounced. Soft: the refusal says nothing final
 * about the address (greylisting, throttling, time-outs, connection and DNS trouble, spam and
 * content filters, blacklisted sending IPs, sends Elastic or we cancelled): the message
 * failed and the sender's health counts it, nothing else. Unknown, a category not listed
 * here, or none at all: null, which the database treats as hard, as every bounce was before.
 */
export const ELASTIC_BOUNCE_CATEGORIES: Readonly<Record<string, 'hard' | 'soft'>> = {
  nomailbox: 'hard',
  accountproblem: 'hard',
  greylisted: 'soft',
  throttled: 'soft',
  timeout: 'soft',
  connectionproblem: 'soft',
  connectionterminated: 'soft',
  dnsproblem: 'soft',
  spfproblem: 'soft',
  spam: 'soft',
  contentfilter: 'soft',
  blacklisted: 'soft',
  whitelistingproblem: 'soft',
  codeerror: 'soft',
  notdelivered: 'soft',
  notdeliveredcancelled: 'soft',
  manualcancel: 'soft',
  ignore: 'soft',
};

/** The bounce class of an Elastic category (see ELASTIC_BOUNCE_CATEGORIES); null when it says nothing we know. */
export function bounceClassOf(category: string | undefined): 'hard' | 'soft' | null {
  return (category && ELASTIC_BOUNCE_CATEGORIES[category.replace(/[\s_-]/g, '').toLowerCase()]) || null;
}

/** Trimmed; empty counts as absent (Elastic sends empty fields as `name=`). */
const field = (max: number) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v), z.string().max(max).optional());

const ElasticEvent = z
  .object({
    status: z.string().trim().min(1).max(60),
    transaction: field(200),
    messageid: field(200),
    to: field(320),
    date: field(60),
    /** The bounce category of a Bounced / Error notification (e.g. NoMailbox, GreyListed). */
    category: field(60),
    /** Our touch_run_id (the driver sets Postback); anything that is not a uuid counts as absent. */
    postback: field(200).transform((v) => (v && z.string().uuid().safeParse(v).success ? v : null)),
  })
  .refine((e) => Boolean(e.transaction || e.messageid), {
    message: 'transaction or messageid is required',
    path: ['transaction'],
  });

/** The notification's fields (query string, then body), with NULs replaced and noted (common.ts). */
async function fields(c: Context): Promise<Cleaned<Record<string, unknown>> | null> {
  const query = Object.fromEntries(new URL(c.req.url).searchParams);
  delete query.secret;
  if (c.req.method !== 'POST') return replaceNuls(query);
  const raw = await readBody(c);
  if (raw.trim() === '') return replaceNuls(query);
  if ((c.req.header('content-type') ?? '').toLowerCase().includes('json')) {
    const body = parseJsonBody(raw);
    if (!body.ok || !body.value || typeof body.value !== 'object' || Array.isArray(body.value)) return null;
    const q = replaceNuls(query);
    return { value: { ...q.value, ...(body.value as Record<string, unknown>) }, nulFields: [...q.nulFields, ...body.nulFields] };
  }
  return replaceNuls({ ...query, ...Object.fromEntries(new URLSearchParams(raw)) });
}

/**
 * What names the account, read before the secret is checked: the touch
 * (postback) and the transaction id, the two things ingest_email_event finds
 * its message by.
 */
function accountHints(input: Record<string, unknown> | null): AccountHints {
  const value = (name: string) => {
    const v = input?.[name];
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
  };
  const postback = value('postback');
  return { touchRunId: postback && z.string().uuid().safeParse(postback).success ? postback : null, providerMessageId: value('transaction') };
}

export function elasticRoutes(deps: InboundDeps): Hono {
  const app = new Hono();
  const keys = webhookKeys({ ingestSql: deps.ingestSql, keyRing: deps.keyRing });

  const handle = async (c: Context) => {
    const given = c.req.header('x-webhook-secret') ?? new URL(c.req.url).searchParams.get('secret');
    const input = await fields(c);
    const choice = await keys.choose(
      'elastic_email',
      accountHints(input?.value ?? null),
      (credentials) => credentials.webhook_secret,
      () => deps.config.elasticWebhookSecret,
    );
    if (!choice.ok) return reject(c, 'elastic_email', ROUTE, choice.status, choice.reason);
    if (!given) return reject(c, 'elastic_email', ROUTE, 400, 'missing_signature');
    if (!secretsEqual(given, choice.key)) return reject(c, 'elastic_email', ROUTE, 403, 'bad_signature');

    if (!input) {
      return reject(c, 'elastic_email', ROUTE, 400, 'invalid_body', { issues: [{ path: '(root)', message: 'the body is not a JSON object' }] });
    }
    const parsed = ElasticEvent.safeParse(input.value);
    if (!parsed.success) return reject(c, 'elastic_email', ROUTE, 400, 'invalid_body', { issues: issuesOf(parsed.error) });
    const e = parsed.data;
    const event = ELASTIC_STATUS[e.status.toLowerCase()];
    if (!event) {
      logIgnored('elastic_email', ROUTE, e.status);
      return c.json({ ok: true, ignored: true });
    }
    // Keyed by the mapped event, so Elastic's synonyms (Delivered / Delivery) count once.
    const eventId = `${e.messageid ?? e.transaction}:${event}`;
    if (!choice.account.accountId) return reject(c, 'elastic_email', ROUTE, 404, UNKNOWN_ACCOUNT_REASON.email_event);
    const outcome = await receive(deps.ingestSql, {
      accountId: choice.account.accountId, provider: 'elastic_email', idempotencyKey: eventId, eventType: `email:${event}`,
      kind: 'email_event', orderingKey: `message:elastic_email:${e.transaction ?? e.postback ?? e.messageid}`, nulFields: input.nulFields,
      payload: { provider: 'elastic_email', event_id: eventId, event, to: e.to ?? null, transaction_id: e.transaction ?? null,
                 touch_run_id: e.postback, occurred_at: parseTime(e.date), nul_replaced_fields: input.nulFields, raw: input.value,
                 bounce_class: event === 'bounced' ? bounceClassOf(e.category) : null },
    });
    logAccepted('elastic_email', ROUTE, { event, event_id: eventId, outcome, ...(event === 'bounced' ? { bounce_class: bounceClassOf(e.category) ?? 'unclassified' } : {}) });
    return c.json({ ok: true, outcome });
  };

  app.post('/', handle);
  app.get('/', handle);
  return app;
}
