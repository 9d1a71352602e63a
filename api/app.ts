import { Hono } from 'hono';
import type { Sql } from '../db/client.ts';
import type { WorkerHealth } from '../worker/runner.ts';

export interface AppDeps {
  sql: Sql;
  /** Null when this process runs no worker. */
  workerHealth: () => WorkerHealth | null;
}

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

  return app;
}
