/**
 * Emailed replies, two doors, one receipt kind (inbound_email; the drain applies it with
 * brain.apply_inbound_email):
 *
 *   POST /webhooks/email/inbound/<slug> (or ?account=<slug>): any mail host forwards a
 *     message as raw MIME (Content-Type: message/rfc822) or JSON ({from, to, cc, subject,
 *     text, html, headers, message_id, in_reply_to, references}, or {raw_mime}), signed
 *     `X-Revenue-Signature: t=<unix>,v1=<hex HMAC-SHA256(key, "<t>.<raw body>")>` with a
 *     300 s tolerance. The key is the account's stored Elastic Email webhook_secret, else
 *     inboundEmailSigningKey(INBOUND_EMAIL_SECRET, account id) (`make inbound-email-key`).
 *   POST /webhooks/elastic/inbound: Elastic Email's inbound route (forward to URL), checked
 *     like /webhooks/elastic: X-Webhook-Secret or ?secret= against the webhook_secret of
 *     the account that owns the address it was sent to, else ELASTIC_EMAIL_WEBHOOK_SECRET.
 *     It takes the same bodies, and form fields with the same names.
 *
 * Each verified email becomes one receipt keyed by its Message-ID (a replay through either
 * door is a duplicate), ordered by its sender. The reply text (quoted part and signature
 * cut, lib/email-reply.ts) goes in the receipt with the raw text; the body is never logged.
 */
import { Hono, type Context } from 'hono';
import { readBodyBytes } from '../body.ts';
import { webhookKeys, type KeyChoice, type WebhookAccount } from '../domain/webhook-keys.ts';
import type { InboundDeps } from '../inbound-config.ts';
import { inboundEmailSigningKey, secretsEqual, verifyCalendly } from '../signatures.ts';
import { EmailInputError, MAX_JSON_DEPTH, MAX_RECIPIENTS, readJson, readMime, type InboundEmail } from '../../lib/inbound-email.ts';
import { logAccepted, parseJsonBody, receive, reject, replaceNul, replaceNuls, type Provider } from './common.ts';

const SIGNED_ROUTE = '/webhooks/email/inbound';
const ELASTIC_ROUTE = '/webhooks/elastic/inbound';

type Door = { provider: Provider; route: string };

/** The body as an email, or the reason it is refused (400, or 415 for a type we do not read). */
async function readEmail(contentType: string, bytes: Buffer): Promise<{ ok: true; email: InboundEmail } | { ok: false; status: 400 | 415; issue: { path: string; message: string } }> {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  try {
    if (type === 'message/rfc822') return { ok: true, email: await readMime(bytes) };
    if (type === 'application/json' || type.endsWith('+json')) {
      const json = parseJsonBody(bytes.toString('utf8'), { maxDepth: MAX_JSON_DEPTH, keepNuls: true });
      if (!json.ok) return { ok: false, status: 400, issue: json.issue };
      return { ok: true, email: await readJson(json.value) };
    }
    if (type === 'application/x-www-form-urlencoded') {
      const fields: Record<string, unknown> = {};
      for (const [key, value] of new URLSearchParams(bytes.toString('utf8'))) {
        if (key === 'secret') continue;
        if (key === 'to' || key === 'cc' || key === 'references') fields[key] = [...((fields[key] as string[] | undefined) ?? []), value];
        else fields[key] = value;
      }
      if (typeof fields.headers === 'string') {
        const headers = parseJsonBody(fields.headers, { maxDepth: 3, keepNuls: true });
        if (!headers.ok) return { ok: false, status: 400, issue: { path: 'headers', message: 'must be a JSON object' } };
        fields.headers = headers.value;
      }
      return { ok: true, email: await readJson(fields) };
    }
  } catch (error) {
    if (error instanceof EmailInputError) return { ok: false, status: 400, issue: { path: error.path, message: error.message } };
    throw error;
  }
  return {
    ok: false,
    status: 415,
    issue: { path: 'content-type', message: 'send message/rfc822 (raw MIME), application/json or application/x-www-form-urlencoded' },
  };
}

/** To and Cc of a raw message or a JSON/form body, read cheaply before the request is verified (the account is found by them). */
function recipientsBeforeParsing(contentType: string, bytes: Buffer): string[] {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  const found: string[] = [];
  const add = (text: string) => {
    for (const m of text.matchAll(/[^\s<>,;:"'()[\]]+@[^\s<>,;:"'()[\]]+\.[a-z0-9-]+/gi)) {
      if (found.length < MAX_RECIPIENTS) found.push(m[0].toLowerCase());
    }
  };
  if (type === 'message/rfc822') {
    const block = bytes.subarray(0, 262_144).toString('utf8').split(/\r?\n\r?\n/)[0] ?? '';
    // Unfolded header lines; To first, then Cc.
    const lines = block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/);
    for (const name of ['to', 'cc', 'delivered-to', 'x-original-to']) {
      for (const line of lines) if (line.toLowerCase().startsWith(`${name}:`)) add(line.slice(name.length + 1));
    }
    return found;
  }
  if (type === 'application/json' || type.endsWith('+json')) {
    const json = parseJsonBody(bytes.toString('utf8'), { maxDepth: MAX_JSON_DEPTH, keepNuls: true });
    if (!json.ok || !json.value || typeof json.value !== 'object') return found;
    const b = json.value as Record<string, unknown>;
    for (const key of ['to', 'cc']) add(JSON.stringify(b[key] ?? ''));
    if (found.length === 0 && typeof (b.raw_mime ?? b.raw) === 'string') {
      return recipientsBeforeParsing('message/rfc822', Buffer.from(String(b.raw_mime ?? b.raw), 'utf8'));
    }
    return found;
  }
  if (type === 'application/x-www-form-urlencoded') {
    const params = new URLSearchParams(bytes.toString('utf8'));
    for (const key of ['to', 'cc']) for (const v of params.getAll(key)) add(v);
  }
  return found;
}

/** The receipt of a verified email, written once (a replay through either door is a duplicate). */
async function receiveEmail(c: Context, deps: InboundDeps, door: Door, accountId: string, email: InboundEmail): Promise<Response> {
  const { value: payload, nulFields } = replaceNuls({
    provider: door.provider,
    event_id: email.eventId,
    message_id: email.messageId,
    from: email.from,
    from_name: email.fromName,
    to: email.to,
    cc: email.cc,
    subject: email.subject,
    body: email.reply,
    raw_text: email.text,
    in_reply_to: email.inReplyTo,
    references: email.references,
    auto_kind: email.autoKind,
    auto_reason: email.autoReason,
    bounced_addresses: email.bouncedAddresses,
  });
  const eventId = replaceNul(email.eventId);
  const outcome = await receive(deps.ingestSql, {
    accountId,
    provider: 'email',
    idempotencyKey: `message:${eventId}`,
    eventType: `inbound_email:${door.provider}`,
    kind: 'inbound_email',
    orderingKey: `email:${email.from}`,
    nulFields,
    payload: { ...payload, nul_replaced_fields: nulFields },
  });
  logAccepted(door.provider, door.route, { event: email.autoKind ?? 'reply', event_id: eventId.slice(0, 200), outcome });
  return c.json({ ok: true, outcome });
}

/** POST /webhooks/email/inbound/<slug>: any mail host, HMAC-signed per account. */
export function emailInboundRoutes(deps: InboundDeps): Hono {
  const app = new Hono();
  const keys = webhookKeys({ ingestSql: deps.ingestSql, keyRing: deps.keyRing });
  const door: Door = { provider: 'email', route: SIGNED_ROUTE };

  const handle = async (c: Context) => {
    const header = c.req.header('x-revenue-signature');
    if (!header) return reject(c, 'email', SIGNED_ROUTE, 400, 'missing_signature');
    const fromPath = c.req.param('account');
    const fromQuery = c.req.query('account');
    if (fromPath !== undefined && fromQuery !== undefined && fromQuery !== fromPath) {
      return reject(c, 'email', SIGNED_ROUTE, 400, 'invalid_body', { issues: [{ path: 'account', message: 'the path and ?account= name different accounts' }] });
    }
    const slug = replaceNul((fromPath ?? fromQuery ?? '').trim());
    if (slug === '' || slug.length > 63) {
      return reject(c, 'email', SIGNED_ROUTE, 400, 'invalid_body', { issues: [{ path: 'account', message: 'the account slug (1-63 characters) is required in the path' }] });
    }
    const choice = await keys.choose(
      'elastic_email',
      { accountSlug: slug },
      (credentials) => credentials.webhook_secret,
      (accountId) => (accountId && deps.config.inboundEmailSecret ? inboundEmailSigningKey(deps.config.inboundEmailSecret, accountId) : undefined),
    );
    if (!choice.account.accountId) return reject(c, 'email', SIGNED_ROUTE, 404, 'unknown_account');
    if (!choice.ok) return reject(c, 'email', SIGNED_ROUTE, choice.status, choice.reason);
    const bytes = await readBodyBytes(c);
    const verdict = verifyCalendly({
      secret: choice.key,
      header,
      rawBody: bytes,
      nowSeconds: deps.config.nowSeconds(),
      toleranceSeconds: deps.config.toleranceSeconds,
    });
    if (!verdict.ok) return reject(c, 'email', SIGNED_ROUTE, verdict.status, verdict.reason);

    const read = await readEmail(c.req.header('content-type') ?? '', bytes);
    if (!read.ok) return reject(c, 'email', SIGNED_ROUTE, read.status, read.status === 415 ? 'unsupported_media_type' : 'invalid_body', { issues: [read.issue] });
    return receiveEmail(c, deps, door, choice.account.accountId, read.email);
  };

  app.post('/', handle);
  app.post('/:account', handle);
  return app;
}

/** POST /webhooks/elastic/inbound: Elastic Email's inbound route, checked with the shared secret of the account written to. */
export function elasticInboundRoutes(deps: InboundDeps): Hono {
  const app = new Hono();
  const keys = webhookKeys({ ingestSql: deps.ingestSql, keyRing: deps.keyRing });
  const door: Door = { provider: 'elastic_email', route: ELASTIC_ROUTE };

  app.post('/', async (c) => {
    const given = c.req.header('x-webhook-secret') ?? new URL(c.req.url).searchParams.get('secret');
    const contentType = c.req.header('content-type') ?? '';
    const bytes = await readBodyBytes(c);
    // The account is the one that owns an address the email was sent to (sender_addresses);
    // only the first few recipients are tried.
    let choice: (KeyChoice<string> & { account: WebhookAccount }) | null = null;
    for (const address of recipientsBeforeParsing(contentType, bytes).slice(0, 10)) {
      const attempt = await keys.choose('elastic_email', { address }, (credentials) => credentials.webhook_secret, () => deps.config.elasticWebhookSecret);
      if (attempt.account.accountId) {
        choice = attempt;
        break;
      }
    }
    if (!choice?.account.accountId) return reject(c, 'elastic_email', ELASTIC_ROUTE, 404, 'unknown_recipient');
    if (!choice.ok) return reject(c, 'elastic_email', ELASTIC_ROUTE, choice.status, choice.reason);
    if (!given) return reject(c, 'elastic_email', ELASTIC_ROUTE, 400, 'missing_signature');
    if (!secretsEqual(given, choice.key)) return reject(c, 'elastic_email', ELASTIC_ROUTE, 403, 'bad_signature');

    const read = await readEmail(contentType, bytes);
    if (!read.ok) return reject(c, 'elastic_email', ELASTIC_ROUTE, read.status, read.status === 415 ? 'unsupported_media_type' : 'invalid_body', { issues: [read.issue] });
    return receiveEmail(c, deps, door, choice.account.accountId, read.email);
  });
  return app;
}
