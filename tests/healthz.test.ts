import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../api/app.ts';
import { connect } from '../db/client.ts';
import { setLogSink } from '../lib/log.ts';
import { startWorker, type WorkerHandle } from '../worker/runner.ts';
import { cloneTemplate, type TestDatabase } from './harness/env.ts';

interface Health {
  ok: boolean;
  database: { ok: boolean; latency_ms: number | null; error: string | null };
  worker: { ok: boolean; running: boolean; listening: boolean; last_error: string | null };
  jobs: { pending: number; running: number; failed: number } | null;
}

async function health(res: Response): Promise<Health> {
  return (await res.json()) as Health;
}

describe('GET /healthz', () => {
  let db: TestDatabase;
  let worker: WorkerHandle;
  let restoreLog: () => void;

  beforeAll(async () => {
    restoreLog = setLogSink(() => {});
    db = await cloneTemplate('healthz');
    worker = await startWorker({ connectionString: db.url, concurrency: 1, taskList: {}, crontabFile: null });
  });
  afterAll(async () => {
    await worker.stop();
    await db.drop();
    restoreLog();
  });

  it('is 200 with database and worker healthy, and reports job counts', async () => {
    await db.sql`select graphile_worker.add_job('not_a_task', '{}'::json, run_at => now() + interval '1 hour')`;
    const app = createApp({ sql: db.sql, workerHealth: () => worker.health() });
    const res = await app.request('/healthz');
    expect(res.status).toBe(200);
    const body = await health(res);
    expect(body.ok).toBe(true);
    expect(body.database.ok).toBe(true);
    expect(body.database.latency_ms).toBeGreaterThanOrEqual(0);
    expect(body.worker).toMatchObject({ ok: true, running: true, listening: true });
    expect(body.jobs).toEqual({ pending: 1, running: 0, failed: 0 });
  });

  it('is 503 when the database cannot be reached', async () => {
    const dead = connect('postgres://postgres@127.0.0.1:1/none', { max: 1 });
    try {
      const app = createApp({ sql: dead, workerHealth: () => worker.health() });
      const res = await app.request('/healthz');
      expect(res.status).toBe(503);
      const body = await health(res);
      expect(body.ok).toBe(false);
      expect(body.database.ok).toBe(false);
      expect(body.database.error).toMatch(/ECONNREFUSED|connect/);
    } finally {
      await dead.end({ timeout: 1 });
    }
  });

  it("survives the database dropping the worker's connections, and listens again", async () => {
    const killed = await db.sql`
      select count(*)::int as n from (
        select pg_terminate_backend(pid) from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid()
          and application_name not like 'revenue-os-test-%') t`;
    expect(killed[0]!.n).toBeGreaterThan(0);
    let body: Health | null = null;
    for (let i = 0; i < 50; i++) {
      await new Promise((r) => setTimeout(r, 200));
      body = await health(await createApp({ sql: db.sql, workerHealth: () => worker.health() }).request('/healthz'));
      if (body.ok) break;
    }
    expect(body?.worker).toMatchObject({ ok: true, running: true, listening: true });
  });

  it('is 503 when no worker runs in the process', async () => {
    const app = createApp({ sql: db.sql, workerHealth: () => null });
    const res = await app.request('/healthz');
    expect(res.status).toBe(503);
    expect((await health(res)).worker).toMatchObject({ ok: false, last_error: 'no worker in this process' });
  });

  it('is 503 once the worker has stopped', async () => {
    const second = await startWorker({ connectionString: db.url, concurrency: 1, taskList: {}, crontabFile: null });
    await second.stop();
    const app = createApp({ sql: db.sql, workerHealth: () => second.health() });
    const res = await app.request('/healthz');
    expect(res.status).toBe(503);
    expect((await health(res)).worker).toMatchObject({ ok: false, running: false });
  });
});
