import { Hono, type MiddlewareHandler } from 'hono';
import type { Sql } from '../db/client.ts';
import { log } from '../lib/log.ts';
import { probeDatabase, workerLiveness } from './domain/health.ts';
import type { WorkerHealth } from '../worker/runner.ts';
import type { InboundConfig } from './inbound-config.ts';
import type { LlmConfig } from './command-os/llm.ts';
import { consoleRoutes } from './console/index.tsx';
import { IMPORT_BODY_LIMIT } from './lead-import.ts';
import { leadRoutes } from './leads.ts';
import { unsubscribeRoutes } from './unsubscribe.ts';
import { voiceOutcomeRoutes } from './voice-outcome.ts';
import { bookingRoutes } from './webhooks/booking.ts';
import { slackRoutes } from './webhooks/slack.ts';
import type { KeyRing } from '../lib/secrets.ts';
import type { ProviderConfig } from '../worker/providers.ts';
import { elasticRoutes } from './webhooks/elastic.ts';
import { elasticInboundRoutes, emailInboundRoutes } from './webhooks/email-inbound.ts';
import { reject, type Provider } from './webhooks/common.ts';
import { limitBody } from './body.ts';
import { securityHeaders } from './security-headers.ts';
import { telnyxRoutes } from './webhooks/telnyx.ts';
import { twilioRoutes } from './webhooks/twilio.ts';

export interface AppDeps {
  sql: Sql;
  /** Null when this process runs no worker. */
  workerHealth: () => WorkerHealth | null;
  /**
   * Webhooks, unsubscribe links and lead intake. Without it only /healthz is
   * served. ingestSql: a pool whose sessions run as revenue_ingest.
   */
  inbound?: { config: InboundConfig; ingestSql: Sql; voiceToken?: string };
  /**
   * The operator console (pages, JSON API, Command OS). Mounted last: it
   * answers every path the routes above do not, behind a session.
   */
  console?: { secret: string; publicBaseUrl: string; /** Read pool for read-only pages (DATABASE_REPLICA_URL). */ readSql?: Sql; llm?: LlmConfig | null; providers?: ProviderConfig };
  /** Seals and opens each account's provider credentials (lib/secrets.ts). */
  keyRing?: KeyRing;
}

const KB = 1024;
const MB = 1024 * 1024;
/** The largest emailed reply the inbound email routes read. */
export const EMAIL_BODY_LIMIT = 10 * MB;

/**
 * The largest body each route reads, first matching prefix wins; every path has
 * one (the last row). A body over its limit is answered 413 with a reason: a
 * declared Content-Length is refused before anything is read, a chunked body
 * as soon as it passes the limit (nothing beyond the limit is held in memory).
 * Provider webhooks carry a few kilobytes (Elastic Email may batch events);
 * a /api/leads batch of 1000 fits well under 5 MB.
 */
const IMPORT_REASON = `the CSV file may have at most ${IMPORT_BODY_LIMIT - MB} bytes`;
const BODY_LIMITS: { prefix: string; maxBytes: number; provider?: Provider; reason?: string }[] = [
  { prefix: '/webhooks/twilio/', maxBytes: 256 * KB, provider: 'twilio' },
  { prefix: '/webhooks/telnyx/', maxBytes: 256 * KB, provider: 'telnyx' },
  // An emailed reply may carry attachments (a photo of the car): up to 10 MB, parsed once.
  { prefix: '/webhooks/elastic/inbound/', maxBytes: EMAIL_BODY_LIMIT, provider: 'elastic_email' },
  { prefix: '/webhooks/elastic/', maxBytes: MB, provider: 'elastic_email' },
  { prefix: '/webhooks/email/', maxBytes: EMAIL_BODY_LIMIT, provider: 'email' },
  { prefix: '/webhooks/booking/', maxBytes: 256 * KB, provider: 'booking' },
  { prefix: '/unsubscribe/', maxBytes: 16 * KB, provider: 'unsubscribe' },
  { prefix: '/api/leads/', maxBytes: 5 * MB, provider: 'api' },
  { prefix: '/api/voice/', maxBytes: 256 * KB },
  // A form login is well under 4 KB (email, password, two tokens).
  { prefix: '/login/', maxBytes: 4 * KB },
  { prefix: '/api/command-os/', maxBytes: 64 * KB },
  // The CSV upload (lead-import.ts): the file limit plus the multipart envelope.
  { prefix: '/api/imports/', maxBytes: IMPORT_BODY_LIMIT, reason: IMPORT_REASON },
  { prefix: '/imports/', maxBytes: IMPORT_BODY_LIMIT, reason: IMPORT_REASON },
  // Every other console form, htmx action and /api/* JSON body.
  { prefix: '/', maxBytes: MB },
];

function sizeText(bytes: number): string {
  return bytes % MB === 0 ? `${bytes / MB} MB` : bytes % KB === 0 ? `${bytes / KB} KB` : `${bytes} bytes`;
}

/** One bodyLimit per row above, chosen by the request's path. */
function limitBodies(): MiddlewareHandler {
  const limits = BODY_LIMITS.map((row) => ({
    ...row,
    check: limitBody({
      maxSize: row.maxBytes,
      onError: (c) => (row.provider
        ? reject(c, row.provider, row.prefix.slice(0, -1), 413, 'body_too_large', { reason: `at most ${sizeText(row.maxBytes)}` })
        : c.json({ error: row.reason ? 'file_too_large' : 'body_too_large', reason: row.reason ?? `the body may have at most ${sizeText(row.maxBytes)}` }, 413)),
    }),
  }));
  return (c, next) => {
    const path = c.req.path.endsWith('/') ? c.req.path : `${c.req.path}/`;
    const row = limits.find((l) => path.startsWith(l.prefix))!;
    return row.check(c, next);
  };
}

export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  // Before every route: headers on every answer, and a body limit on every path.
  app.use('*', securityHeaders({ https: deps.console ? new URL(deps.console.publicBaseUrl).protocol === 'https:' : false }));
  app.use('*', limitBodies());

  // Anyone may ask whether the engine is up: ok or not, nothing more. The
  // detail (liveness, the account's own job counts) is /healthz/detail, for owners.
  app.get('/healthz', async (c) => {
    const database = await probeDatabase(deps.sql);
    const ok = database.ok && workerLiveness(deps.workerHealth()).ok;
    return c.json({ ok }, ok ? 200 : 503);
  });

  if (deps.inbound) {
    const inbound = { ...deps.inbound, sql: deps.sql, ...(deps.keyRing ? { keyRing: deps.keyRing } : {}) };
    app.route('/webhooks/twilio', twilioRoutes(inbound));
    app.route('/webhooks/telnyx', telnyxRoutes(inbound));
    // Before /webhooks/elastic: Elastic Email's inbound route (emailed replies).
    app.route('/webhooks/elastic/inbound', elasticInboundRoutes(inbound));
    app.route('/webhooks/elastic', elasticRoutes(inbound));
    app.route('/webhooks/email/inbound', emailInboundRoutes(inbound));
    app.route('/webhooks/booking', bookingRoutes(inbound));
    app.route('/webhooks/slack', slackRoutes(inbound));
    app.route('/unsubscribe', unsubscribeRoutes(inbound));
    app.route('/api/leads', leadRoutes(inbound));
    // The voice gateway's call context and outcomes (Bearer VOICE_OUTCOME_TOKEN, else VOICE_GATEWAY_TOKEN).
    app.route('/api/voice', voiceOutcomeRoutes({ sql: deps.sql, ingestSql: deps.inbound.ingestSql, token: deps.inbound.voiceToken }));
  }

  if (deps.console) {
    app.route('/', consoleRoutes({ sql: deps.sql, workerHealth: deps.workerHealth, keyRing: deps.keyRing, ...deps.console }));
  }

  // A failure of ours (database down, a bug): the provider retries, and the SQL's
  // idempotency makes the retry safe. The message names the error, never the request.
  app.onError((error, c) => {
    const e = error as { message?: unknown; code?: unknown };
    log('HTTP_FAILED', {
      method: c.req.method,
      route: c.req.routePath,
      error: typeof e.message === 'string' ? e.message.slice(0, 200) : 'error',
      code: typeof e.code === 'string' ? e.code : undefined,
    }, 'error');
    return c.json({ error: 'internal_error' }, 500);
  });

  return app;
}
