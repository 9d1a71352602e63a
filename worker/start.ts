/**
 * Starts the worker for a process (make run, or a standalone worker): records
 * provider readiness so SQL can decide which channels may be scheduled, builds
 * the drivers, and runs the task list with worker/crontab.
 */
import { hostname } from 'node:os';
import { connect, withRole, type Sql } from '../db/client.ts';
import { resolveAppSecret } from '../lib/app-secret.ts';
import type { AppConfig } from '../lib/config.ts';
import { log } from '../lib/log.ts';
import type { KeyRing } from '../lib/secrets.ts';
import type { WorkerDeps } from './deps.ts';
import { createAccountDrivers } from './drivers/accounts.ts';
import { loadEnrichmentConfig } from './enrichment/config.ts';
import { buildDrivers, loadProviderConfig, providerReadiness } from './providers.ts';
import { createAccountReplyModels, loadInboxSettings } from './inbox/model.ts';
import { startReceiptDrain } from './drain.ts';
import { startWorker, type WorkerHandle } from './runner.ts';
import { buildTaskList } from './tasks/index.ts';

export async function recordProviderReadiness(sql: Sql, env: NodeJS.ProcessEnv): Promise<void> {
  const rows = providerReadiness(loadProviderConfig(env));
  await withRole(sql, 'revenue_worker', async (tx) => {
    for (const r of rows) {
      await tx`
        insert into public.provider_readiness (provider, ready, detail, checked_at)
        values (${r.provider}, ${r.ready}, ${r.detail}, now())
        on conflict (provider) do update
          set ready = excluded.ready, detail = excluded.detail, checked_at = excluded.checked_at`;
    }
  });
  for (const r of rows) log('PROVIDER_READINESS', { provider: r.provider, ready: r.ready, detail: r.detail });
}

export interface StartedWorker {
  handle: WorkerHandle;
  deps: WorkerDeps;
}

/** Connection pools the tasks use: sessions that run as revenue_worker (see WorkerDeps). */
export function workerPools(databaseUrl: string, max: number): { sql: Sql; outcomeSql: Sql } {
  return {
    sql: connect(databaseUrl, { max, role: 'revenue_worker', applicationName: 'revenue-os-worker' }),
    outcomeSql: connect(databaseUrl, {
      max,
      role: 'revenue_worker',
      synchronousCommit: false,
      applicationName: 'revenue-os-worker-outcomes',
    }),
  };
}

export async function startWorkerForProcess(options: {
  config: AppConfig;
  env: NodeJS.ProcessEnv;
  sql: Sql;
  databaseUrl: string;
  crontabFile?: string | null;
  keyRing: KeyRing;
}): Promise<StartedWorker> {
  const { config, env, sql } = options;
  await recordProviderReadiness(sql, env);
  // Two more sessions for the receipts drain's loops (consent pre-pass and drain).
  const pools = workerPools(options.databaseUrl, config.WORKER_CONCURRENCY + 3);
  const providerConfig = loadProviderConfig(env);
  const urls = {
    publicBaseUrl: config.PUBLIC_BASE_URL,
    voiceGatewayUrl: config.VOICE_GATEWAY_PUBLIC_URL,
    ...(config.VOICE_GATEWAY_TOKEN ? { voiceGatewayToken: config.VOICE_GATEWAY_TOKEN } : {}),
  };
  const drivers = buildDrivers(providerConfig, urls);
  const inboxSettings = loadInboxSettings(providerConfig.openai, env);
  const deps: WorkerDeps = {
    ...pools,
    drivers,
    // Each account sends with its own stored credentials, else with the environment's.
    accountDrivers: createAccountDrivers({ sql: pools.sql, keyRing: options.keyRing, config: providerConfig, urls, envDrivers: drivers }),
    workerId: config.WORKER_ID ?? `${hostname()}:${process.pid}`,
    publicBaseUrl: config.PUBLIC_BASE_URL,
    appSecret: await resolveAppSecret(config.APP_SECRET, config.DATA_DIR),
    keyRing: options.keyRing,
    batchSize: 500,
    dispatch: { batchSize: config.DISPATCH_BATCH_SIZE, sendConcurrency: config.DISPATCH_SEND_CONCURRENCY ?? config.DISPATCH_BATCH_SIZE },
    inbox: {
      models: createAccountReplyModels({ sql: pools.sql, keyRing: options.keyRing, settings: inboxSettings }),
      settings: inboxSettings,
      slack: providerConfig.slack,
    },
    booking: { calendly: providerConfig.calendly },
    enrichment: {
      config: loadEnrichmentConfig(env, Math.min(providerConfig.timeoutMs, 10_000)),
      twilio: { accountSid: providerConfig.twilio.accountSid, authToken: providerConfig.twilio.authToken },
    },
  };
  const handle = await startWorker({
    connectionString: options.databaseUrl,
    concurrency: config.WORKER_CONCURRENCY,
    taskList: buildTaskList(deps),
    heartbeat: { workerId: deps.workerId, intervalMs: config.WORKER_HEARTBEAT_MS, deadAfterMs: config.WORKER_DEAD_AFTER_MS },
    ...(options.crontabFile !== undefined
      ? { crontabFile: options.crontabFile }
      : config.WORKER_CRONTAB === 'off'
        ? { crontabFile: null }
        : {}),
  });
  // Receipts-first ingest: webhooks only write receipts; this process applies them.
  const drain = startReceiptDrain(pools.sql);
  const stopRunner = handle.stop;
  handle.stop = async () => {
    await drain.stop();
    await stopRunner();
    await Promise.all([pools.sql.end({ timeout: 5 }), pools.outcomeSql.end({ timeout: 5 })]);
  };
  return { handle, deps };
}
