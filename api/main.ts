/**
 * `make run`: one process with the HTTP API and the graphile-worker runner.
 * Without DATABASE_URL it starts an embedded PostgreSQL whose data lives in .data/.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from './app.ts';
import { inboundReadiness, loadInboundConfig } from './inbound-config.ts';
import { buildDatabase, ROOT } from '../db/build.ts';
import { connect, connectReadPool, type Sql } from '../db/client.ts';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../db/embedded.ts';
import { localTwilioWebhookToken } from '../lib/app-secret.ts';
import { loadConfig } from '../lib/config.ts';
import { createHmac } from 'node:crypto';
import { applyLogFormat, log, maskUrl, setLogLevel } from '../lib/log.ts';
import { startActivitySummary } from './domain/engine.ts';
import { ensureDemoOwner } from '../lib/users.ts';
import { loadLlmConfig } from './command-os/llm.ts';
import type { WorkerHandle } from '../worker/runner.ts';
import { startWorkerForProcess } from '../worker/start.ts';
import { loadProviderConfig } from '../worker/providers.ts';
import { loadKeyRing } from '../lib/secrets.ts';

const HELP = `Revenue OS — API and worker in one process.

Usage: make run            (or: node --import tsx api/main.ts)

Environment:
  DATABASE_URL        PostgreSQL to use. When unset, an embedded PostgreSQL is
                      started with its data in DATA_DIR/pg.
  DATA_DIR            Folder for embedded data (default .data): credentials, the
                      demo owner, the sink outbox. As an ordinary user the cluster
                      is in DATA_DIR/pg.
  EMBEDDED_PG_STATE_DIR  As root only: PostgreSQL must run as the unprivileged user
                      postgres, who may not reach this folder (/root is 0700), so
                      the cluster and a copy of its binaries go to
                      <this>/<name>-<hash> (default /var/lib/revenue-os). The
                      start-up banner names the folder; make clean removes it.
  DATABASE_REPLICA_URL  A hot standby of DATABASE_URL: read-only console pages
                      (dashboard, leads, a lead, campaigns, programs, the bell)
                      read from it; writes and pages after a write use the primary.
  EMBEDDED_PG_PORT    Port of the embedded PostgreSQL (default 54329).
  HOST, PORT          HTTP listen address (default 127.0.0.1:3000).
  WORKER_CONCURRENCY  Jobs run at once by the worker (default 4).
  SEED_DEMO           1 seeds the demo account, 0 does not. Default: 1 with the
                      embedded database, 0 with DATABASE_URL.
  LOG_LEVEL           debug, info, warn or error (default info).
  LOG_FORMAT          pretty (one readable line per event) or json (one JSON line
                      per event). Default: pretty on a terminal, json otherwise.
                      A RUN_SUMMARY line (touches sent, failed and due, replies,
                      jobs waiting) is logged every minute and at Ctrl-C.

Console: the operator console is served at / . With SEED_DEMO=1 a demo owner is
created and its password printed (and kept in DATA_DIR/demo-owner.json); otherwise
create a login with: make user EMAIL=you@example.com
  OPENAI_API_KEY      (or OPEN_AI_KEY, OPEN_API_KEY) lets Command OS ask a model when
                      no rule matches; without it only the rules answer.
  OPENAI_BASE_URL     Another OpenAI-compatible endpoint.

Inbound (webhooks, unsubscribe links, lead intake). A provider whose secret is
unset has every webhook refused with 403:
  PUBLIC_BASE_URL               The URL providers call; Twilio signatures cover it.
  TWILIO_AUTH_TOKEN             Verifies X-Twilio-Signature.
  TELNYX_PUBLIC_KEY             Base64 Ed25519 public key from the Telnyx portal.
  ELASTIC_EMAIL_WEBHOOK_SECRET  Shared secret (X-Webhook-Secret or ?secret=), 16+ characters.
  BOOKING_WEBHOOK_SECRET        Calendly-style signing key, 16+ characters.
  VOICE_OUTCOME_TOKEN           Bearer token the voice gateway presents on /api/voice/*
                                (default VOICE_GATEWAY_TOKEN; unset: those routes answer 403).
  APP_SECRET                    Signs unsubscribe links and console session cookies
                                (generated into DATA_DIR when unset).

Stop with Ctrl-C.
`;

async function seedDemo(sql: Sql): Promise<void> {
  const text = await readFile(path.join(ROOT, 'db', 'seeds', 'demo.sql'), 'utf8');
  await sql.unsafe(text);
  const [row] = await sql<{ id: string; leads: number }[]>`
    select a.id, (select count(*)::int from public.leads l where l.account_id = a.id) as leads
    from public.accounts a where a.slug = 'demo'`;
  if (row) log('DEMO_SEEDED', { account_id: row.id, leads: row.leads });
}

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write(HELP);
    return;
  }
  const config = loadConfig();
  setLogLevel(config.LOG_LEVEL);
  applyLogFormat(config.LOG_FORMAT);
  const inboundConfig = await loadInboundConfig(process.env);

  let embedded: EmbeddedPostgres | null = null;
  let sql: Sql | null = null;
  let webhookSql: Sql | null = null;
  let readSql: Sql | null = null;
  let worker: WorkerHandle | null = null;
  let server: ServerType | null = null;
  let summary: { final(): Promise<void> } | null = null;
  let stopping = false;

  const shutdown = async (signal: string) => {
    if (stopping) {
      log('SHUTDOWN_FORCED', { signal }, 'warn');
      process.exit(130);
    }
    stopping = true;
    log('SHUTDOWN_STARTED', { signal });
    try {
      if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
      if (worker) await worker.stop();
      if (summary) await summary.final();
      if (webhookSql) await webhookSql.end({ timeout: 5 });
      if (readSql && readSql !== sql) await readSql.end({ timeout: 5 });
      if (sql) await sql.end({ timeout: 5 });
      if (embedded) await embedded.stop();
      log('SHUTDOWN_COMPLETE');
      process.exit(0);
    } catch (error) {
      log('SHUTDOWN_FAILED', { error }, 'error');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres({
      dataDir: config.DATA_DIR,
      stateRoot: config.EMBEDDED_PG_STATE_DIR,
      port: config.EMBEDDED_PG_PORT,
    });
    databaseUrl = embedded.url;
  }
  if (embedded && !inboundConfig.twilioAuthToken) {
    // A local engine: Twilio-style webhooks (make reply) are signed with a key derived from APP_SECRET.
    inboundConfig.twilioAuthToken = localTwilioWebhookToken(inboundConfig.appSecret);
    log('INBOUND_LOCAL_TWILIO_TOKEN', { detail: 'TWILIO_AUTH_TOKEN unset: make reply signs with a key derived from APP_SECRET' });
  }
  log('INBOUND_READINESS', inboundReadiness(inboundConfig));
  await buildDatabase(databaseUrl, { verbose: true });
  sql = connect(databaseUrl, { max: 10, applicationName: 'revenue-os-api' });

  const seed = config.SEED_DEMO ?? (embedded ? '1' : '0');
  let demoOwner: { email: string; password: string; file: string } | null = null;
  if (seed === '1') {
    await seedDemo(sql);
    demoOwner = await ensureDemoOwner(sql, config.DATA_DIR);
  }

  // Provider credentials are sealed with this key ring (REVENUE_OS_MASTER_KEY, else DATA_DIR/master-key).
  const keyRing = await loadKeyRing(config, config.DATA_DIR);
  worker = (await startWorkerForProcess({ config, env: process.env, sql, databaseUrl, keyRing })).handle;
  // Run the orchestrators once now instead of waiting for their first crontab tick.
  await sql`select graphile_worker.add_job('run_cadence', '{}', job_key => 'run_cadence')`;
  await sql`select graphile_worker.add_job('touch_orchestrator', '{}', job_key => 'touch_orchestrator')`;
  summary = startActivitySummary(sql);

  // Webhooks make their one SQL call as revenue_ingest, which can do nothing else.
  webhookSql = connect(databaseUrl, { max: 10, role: 'revenue_ingest', applicationName: 'revenue-os-webhooks' });
  // Read-only console pages read a hot standby when DATABASE_REPLICA_URL names one (README "Read replica").
  readSql = connectReadPool(sql, config.DATABASE_REPLICA_URL, { max: 10 });
  if (config.DATABASE_REPLICA_URL) log('DATABASE_REPLICA', { url: maskUrl(config.DATABASE_REPLICA_URL) });
  const app = createApp({
    sql,
    workerHealth: () => worker?.health() ?? null,
    keyRing,
    inbound: { config: inboundConfig, ingestSql: webhookSql, voiceToken: config.VOICE_OUTCOME_TOKEN ?? config.VOICE_GATEWAY_TOKEN },
    // Session cookies are signed with a key derived from APP_SECRET (never the secret itself).
    console: {
      secret: createHmac('sha256', inboundConfig.appSecret).update('revenue-os console session cookie').digest('base64url'),
      publicBaseUrl: config.PUBLIC_BASE_URL,
      readSql,
      // OPENAI_API_KEY (or OPEN_AI_KEY / OPEN_API_KEY): only then does Command OS ask a model.
      llm: loadLlmConfig(process.env),
      // Base URLs and time-outs for Test connection (each account's own keys).
      providers: loadProviderConfig(process.env),
    },
  });
  server = serve({ fetch: app.fetch, hostname: config.HOST, port: config.PORT }, (info) => {
    const base = `http://${config.HOST}:${info.port}`;
    log('HTTP_LISTENING', { url: base });
    process.stdout.write(
      [
        '',
        'Revenue OS is running.',
        `  console:   ${base}/`,
        ...(demoOwner
          ? [`             demo owner ${demoOwner.email}, password ${demoOwner.password}`, `             (kept in ${demoOwner.file})`]
          : ['             create a login with: make user EMAIL=you@example.com']),
        `  health:    ${base}/healthz`,
        `  database:  ${maskUrl(databaseUrl!)}`,
        ...(embedded
          ? [
              `             embedded; cluster in ${embedded.clusterDir}`,
              `             password in ${path.resolve(config.DATA_DIR, 'embedded-pg.json')}; make clean removes both`,
            ]
          : []),
        '  stop:      Ctrl-C',
        '',
      ].join('\n') + '\n',
    );
  });
}

main().catch((error: Error) => {
  log('STARTUP_FAILED', { error: error.message }, 'error');
  process.exit(1);
});
