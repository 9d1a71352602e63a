/**
 * Calendar bookings, Calendly-style: `POST /webhooks/booking/<slug>` (or
 * `/webhooks/booking?account=<slug>`) signed with
 * `Calendly-Webhook-Signature: t=<unix>,v1=<hex HMAC-SHA256>` over
 * `${t}.${raw body}`, 300 s tolerance. The key is the account's own: its stored
 * calendly webhook_signing_key, else one derived from BOOKING_WEBHOOK_SECRET and
 * the account id (bookingSigningKey), so an event signed for one account does
 * not verify at another account's URL.
 * invitee.created books, invitee.canceled cancels; other events are ignored.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { readBody } from '../body.ts';
import { normalizePhone } from '../../lib/phone.ts';
import { webhookKeys } from '../domain/webhook-keys.ts';
import type { InboundDeps } from '../inbound-config.ts';
import { bookingSigningKey, verifyCalendly } from '../signatures.ts';
import {
  issuesOf,
  logAccepted,
  logIgnored,
  parseJsonBody,
  parseTime,
  receive,
  reject,
  replaceNul,
} from './common.ts';

const ROUTE = '/webhooks/booking';

const EVENTS: Readonly<Record<string, 'booked' | 'canceled'>> = {
  'invitee.created': 'booked',
  'invitee.canceled': 'canceled',
};

const Query = z.object({ account: z.string().trim().min(1).max(63) });

const Envelope = z.object({
  event: z.string().min(1).max(100),
  created_at: z.string().optional(),
  payload: z.unknown(),
});

const optionalText = (max: number) =>
  z
    .string()
    .max(max)
    .nullable()
    .optional()
    .transform((v) => (v && v.trim() !== '' ? v.trim() : null));

const Invitee = z.object({
  email: z.string().trim().email(),
  name: optionalText(400),
  first_name: optionalText(200),
  last_name: optionalText(200),
  text_reminder_number: optionalText(40),
  uri: z.string().url().max(300),
  scheduled_event: z.object({
    start_time: z.string().refine((v) => parseTime(v) !== null, { message: 'must be a timestamp' }),
  }),
});

/** first_name / last_name when given, else split from name at the first space. */
function names(invitee: z.infer<typeof Invitee>): { first: string | null; last: string | null } {
  if (invitee.first_name || invitee.last_name) return { first: invitee.first_name, last: invitee.last_name };
  if (!invitee.name) return { first: null, last: null };
  const [first, ...rest] = invitee.name.split(/\s+/);
  return { first: first?.slice(0, 200) || null, last: rest.join(' ').slice(0, 200) || null };
}

export function bookingRoutes(deps: InboundDeps): Hono {
  const app = new Hono();
  const keys = webhookKeys({ ingestSql: deps.ingestSql, keyRing: deps.keyRing });

  const handle = async (c: Context) => {
    const header = c.req.header('calendly-webhook-signature');
    if (!header) return reject(c, 'booking', ROUTE, 400, 'missing_signature');
    const fromPath = c.req.param('account');
    const fromQuery = c.req.query('account');
    const slug = fromPath ?? fromQuery;
    if (fromPath !== undefined && fromQuery !== undefined && fromQuery !== fromPath) {
      return reject(c, 'booking', ROUTE, 400, 'invalid_body', { issues: [{ path: 'account', message: 'the path and ?account= name different accounts' }] });
    }
    const query = Query.safeParse({ account: slug === undefined ? undefined : replaceNul(slug) });
    if (!query.success) return reject(c, 'booking', ROUTE, 400, 'invalid_body', { issues: issuesOf(query.error) });
    const choice = await keys.choose(
      'calendly',
      { accountSlug: query.data.account },
      (credentials) => credentials.webhook_signing_key,
      (accountId) => (accountId && deps.config.bookingWebhookSecret ? bookingSigningKey(deps.config.bookingWebhookSecret, accountId) : undefined),
    );
    if (!choice.account.accountId) return reject(c, 'booking', ROUTE, 404, 'unknown_account');
    if (!choice.ok) return reject(c, 'booking', ROUTE, choice.status, choice.reason);
    const rawBody = await readBody(c);
    const verdict = verifyCalendly({
      secret: choice.key,
      header,
      rawBody,
      nowSeconds: deps.config.nowSeconds(),
      toleranceSeconds: deps.config.toleranceSeconds,
    });
    if (!verdict.ok) return reject(c, 'booking', ROUTE, verdict.status, verdict.reason);

    const body = parseJsonBody(rawBody);
    if (!body.ok) return reject(c, 'booking', ROUTE, 400, 'invalid_body', { issues: [body.issue] });
    const envelope = Envelope.safeParse(body.value);
    if (!envelope.success) return reject(c, 'booking', ROUTE, 400, 'invalid_body', { issues: issuesOf(envelope.error) });
    const event = EVENTS[envelope.data.event];
    if (!event) {
      logIgnored('booking', ROUTE, envelope.data.event);
      return c.json({ ok: true, ignored: true });
    }
    const parsed = Invitee.safeParse(envelope.data.payload);
    if (!parsed.success) {
      return reject(c, 'booking', ROUTE, 400, 'invalid_body', {
        issues: issuesOf(parsed.error).map((i) => ({ ...i, path: `payload.${i.path}` })),
      });
    }
    const invitee = parsed.data;
    const { first, last } = names(invitee);
    // The reminder number is whatever the invitee typed: kept when it is a real number, else dropped.
    const phone = invitee.text_reminder_number ? normalizePhone(invitee.text_reminder_number, 'US') : null;
    const eventId = `${invitee.uri}:${envelope.data.event}`;

    const outcome = await receive(deps.ingestSql, {
      accountId: choice.account.accountId, provider: 'booking', idempotencyKey: eventId, eventType: event,
      kind: 'booking', orderingKey: `email:${invitee.email.toLowerCase()}`, nulFields: body.nulFields,
      payload: { event_id: eventId, event, email: invitee.email, phone: phone?.ok ? phone.e164 : null, first_name: first, last_name: last,
                 start_at: parseTime(invitee.scheduled_event.start_time), booking_uri: invitee.uri,
                 occurred_at: parseTime(envelope.data.created_at), nul_replaced_fields: body.nulFields, raw: body.value },
    });
    logAccepted('booking', ROUTE, { event: envelope.data.event, event_id: eventId, outcome });
    return c.json({ ok: true, outcome });
  };

  app.post('/', handle);
  app.post('/:account', handle);
  return app;
}
