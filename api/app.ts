import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import type { Sql } from '../db/client.ts';
import { log } from '../lib/log.ts';
import type { WorkerHealth } from '../worker/runner.ts';
import type { InboundConfig } from './inbound-config.ts';
import type { LlmConfig } from './command-os/llm.ts';
import { consoleRoutes } from './console/index.tsx';
import { IMPORT_BODY_LIMIT } from './lead-import.ts';
import { leadRoutes } from './leads.ts';
import { unsubscribeRoutes } from './unsubscribe.ts';
import { voiceOutcomeRoutes } from './voice-outcome.ts';
import { bookingRoutes } from './webhooks/booking.ts';
import type { KeyRing } from '../lib/secrets.ts';
import { elasticRoutes } from './webhooks/elastic.ts';
import { reject, type Provider } from './webhooks/common.ts';
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
  console?: { secret: string; publicBaseUrl: string; llm?: LlmConfig | null };
  /** Seals and opens each account's provider credentials (lib/secrets.ts). */
  keyRing?: KeyRing;
}

/** Provider webhooks carry a few kilobytes; a lead batch of 1000 fits well under 5 MB. */
const WEBHOOK_MAX_BYTES = 1024 * 1024;
const LEADS_MAX_BYTES = 5 * 1024 * 1024;
/** Every console POST (login, forms, htmx, the JSON API) except the CSV upload, which has its own limit. */
const CONSOLE_MAX_BYTES = 1024 * 1024;
const IMPORT_PATHS = new Set(['/imports', '/api/imports']);

const MOUNTS: { prefix: string; provider: Provider; maxBytes: number }[] = [
  { prefix: '/webhooks/twilio', provider: 'twilio', maxBytes: WEBHOOK_MAX_BYTES },
  { prefix: '/webhooks/telnyx', provider: 'telnyx', maxBytes: WEBHOOK_MAX_BYTES },
  { prefix: '/webhooks/elastic', provider: 'elastic_email', maxBytes: WEBHOOK_MAX_BYTES },
  { prefix: '/webhooks/booking', provider: 'booking', maxBytes: WEBHOOK_MAX_BYTES },
  { prefix: '/unsubscribe', provider: 'unsubscribe', maxBytes: WEBHOOK_MAX_BYTES },
  { prefix: '/api/leads', provider: 'api', maxBytes: LEADS_MAX_BYTES },
];

const DB_CHECK_TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

interface JobCounts {
  pending: number;
  running: number;
  failed: number;
}

export function createApp(deps: AppDeps): Hono {
  const app = new Hono();

  app.get('/healthz', async (c) => {
    const started = performance.now();
    let database: { ok: boolean; latency_ms: number | null; error: string | null } = {
      ok: false,
      latency_ms: null,
      error: null,
    };
    let jobs: JobCounts | null = null;
    try {
      const [row] = await withTimeout(
        deps.sql<JobCounts[]>`
          select
            count(*) filter (where locked_at is null and attempts < max_attempts)::int as pending,
            count(*) filter (where locked_at is not null)::int as running,
            count(*) filter (where attempts >= max_attempts)::int as failed
          from graphile_worker.jobs`,
        DB_CHECK_TIMEOUT_MS,
      );
      database = { ok: true, latency_ms: Math.round((performance.now() - started) * 10) / 10, error: null };
      jobs = row ?? null;
    } catch (error) {
      database = { ok: false, latency_ms: null, error: (error as Error).message };
    }

    const w = deps.workerHealth();
    const worker = w
      ? { ok: w.running && w.listening, running: w.running, listening: w.listening, started_at: w.startedAt, last_error: w.lastError }
      : { ok: false, running: false, listening: false, started_at: null, last_error: 'no worker in this process' };

    const ok = database.ok && worker.ok;
    return c.json({ ok, database, worker, jobs }, ok ? 200 : 503);
  });

  if (deps.inbound) {
    const inbound = { ...deps.inbound, sql: deps.sql, ...(deps.keyRing ? { keyRing: deps.keyRing } : {}) };
    for (const m of MOUNTS) {
      app.use(
        `${m.prefix}/*`,
        bodyLimit({ maxSize: m.maxBytes, onError: (c) => reject(c, m.provider, m.prefix, 413, 'body_too_large') }),
      );
    }
    app.route('/webhooks/twilio', twilioRoutes(inbound));
    app.route('/webhooks/telnyx', telnyxRoutes(inbound));
    app.route('/webhooks/elastic', elasticRoutes(inbound));
    app.route('/webhooks/booking', bookingRoutes(inbound));
    app.route('/unsubscribe', unsubscribeRoutes(inbound));
    app.route('/api/leads', leadRoutes(inbound));
    // The voice gateway's call context and outcomes (Bearer VOICE_OUTCOME_TOKEN, else VOICE_GATEWAY_TOKEN).
    app.route('/api/voice', voiceOutcomeRoutes({ sql: deps.sql, ingestSql: deps.inbound.ingestSql, token: deps.inbound.voiceToken }));
  }

  if (deps.console) {
    // Registered after the routes above, so these wrap only what the console answers.
    // HSTS only where the console is served over https; the Referrer-Policy keeps
    // same-origin posts carrying their real Origin, which requireSession checks.
    app.use('*', secureHeaders({
      referrerPolicy: 'same-origin',
      strictTransportSecurity: new URL(deps.console.publicBaseUrl).protocol === 'https:' ? 'max-age=15552000; includeSubDomains' : false,
    }));
    // Limits run before requireSession, which reads form bodies for the CSRF token.
    app.use('/api/command-os/*', bodyLimit({ maxSize: 64 * 1024, onError: (c) => c.json({ error: 'body_too_large', reason: 'at most 64 KB' }, 413) }));
    const importLimit = bodyLimit({ maxSize: IMPORT_BODY_LIMIT, onError: (c) => c.json({ error: 'file_too_large', reason: `at most ${IMPORT_BODY_LIMIT - 1024 * 1024} bytes` }, 413) });
    app.use('/api/imports', importLimit);
    app.use('/imports', importLimit);
    const consoleLimit = bodyLimit({ maxSize: CONSOLE_MAX_BYTES, onError: (c) => c.json({ error: 'body_too_large', reason: 'at most 1 MB' }, 413) });
    app.use('*', (c, next) => (IMPORT_PATHS.has(c.req.path) ? next() : consoleLimit(c, next)));
    app.route('/', consoleRoutes({ sql: deps.sql, ...deps.console }));
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
