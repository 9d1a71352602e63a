import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../api/app.ts';
import { connect } from '../db/client.ts';
import { setLogSink } from '../lib/log.ts';
import { upsertMember } from '../lib/users.ts';
import { startWorker, type WorkerHandle } from '../worker/runner.ts';
import { httpLogin, PASSWORD } from './harness/console.ts';
import { cloneTemplate, type TestDatabase } from './harness/env.ts';

interface Health {
  ok: boolean;
}

interface Detail {
  ok: boolean;
  account_id: string;
  database: { ok: boolean; latency_ms: number | null; error: string | null };
  worker: { ok: boolean; running: boolean; listening: boolean; last_error: string | null };
  jobs: { pending: number; running: number; failed: number; retrying: number } | null;
  by_task: { task: string; pending: number }[];
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

  it('is 200 {ok: true} with database and worker healthy, and says nothing more', async () => {
    await db.sql`select graphile_worker.add_job('not_a_task', '{}'::json, run_at => now() + interval '1 hour')`;
    const app = createApp({ sql: db.sql, workerHealth: () => worker.health() });
    const res = await app.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('is 503 when the database cannot be reached', async () => {
    const dead = connect('postgres://postgres@127.0.0.1:1/none', { max: 1 });
    try {
      const app = createApp({ sql: dead, workerHealth: () => worker.health() });
      const res = await app.request('/healthz');
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ ok: false });
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
    expect(body).toEqual({ ok: true });
    expect(worker.health()).toMatchObject({ running: true, listening: true });
  });

  it('is 503 when no worker runs in the process', async () => {
    const app = createApp({ sql: db.sql, workerHealth: () => null });
    const res = await app.request('/healthz');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ ok: false });
  });

  it('is 503 once the worker has stopped', async () => {
    const second = await startWorker({ connectionString: db.url, concurrency: 1, taskList: {}, crontabFile: null });
    await second.stop();
    const app = createApp({ sql: db.sql, workerHealth: () => second.health() });
    const res = await app.request('/healthz');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ ok: false });
  });
});

describe('GET /healthz/detail', () => {
  let db: TestDatabase;
  let worker: WorkerHandle;
  let server: ServerType;
  let url: string;
  let restoreLog: () => void;
  let alpha: string;
  let bravo: string;

  beforeAll(async () => {
    restoreLog = setLogSink(() => {});
    db = await cloneTemplate('healthz_detail');
    worker = await startWorker({ connectionString: db.url, concurrency: 1, taskList: {}, crontabFile: null });
    alpha = (await upsertMember(db.sql, { email: 'owner@alpha.example.com', password: PASSWORD, accountSlug: 'alpha', role: 'owner' })).accountId;
    await upsertMember(db.sql, { email: 'viewer@alpha.example.com', password: PASSWORD, accountSlug: 'alpha', role: 'viewer' });
    await upsertMember(db.sql, { email: 'admin@alpha.example.com', password: PASSWORD, accountSlug: 'alpha', role: 'admin' });
    bravo = (await upsertMember(db.sql, { email: 'owner@bravo.example.com', password: PASSWORD, accountSlug: 'bravo', role: 'owner' })).accountId;
    // One batched dispatch job for Alpha's touch, three for Bravo's, each due in its own minute
    // (run later, so the task-less worker leaves them queued).
    const touches: [string, number][] = [[alpha, 1], [bravo, 3]];
    for (const [account, n] of touches) {
      const [lead] = await db.sql<{ id: string }[]>`select tests.create_lead(${account}::uuid, ${'+1305555' + String(1000 + n)}) as id`;
      for (let step = 1; step <= n; step++) {
        await db.sql`select tests.create_touch(${account}::uuid, ${lead!.id}::uuid, null, ${step}, 'sms', 1, now() + interval '1 hour' + make_interval(mins => ${step}))`;
      }
    }
    const app = createApp({
      sql: db.sql,
      workerHealth: () => worker.health(),
      console: { secret: 'healthz-test-cookie-secret-0123456789', publicBaseUrl: 'http://127.0.0.1:1' },
    });
    const port = await new Promise<number>((resolve) => {
      server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => resolve(info.port));
    });
    url = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    await worker.stop();
    await db.drop();
    restoreLog();
  });

  it("shows an owner liveness and the owner's own account's job counts, not another account's", async () => {
    const a = await httpLogin(url, 'owner@alpha.example.com');
    const res = await fetch(`${url}/healthz/detail`, { headers: { cookie: a.cookie } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Detail;
    expect(body).toMatchObject({ ok: true, account_id: alpha, database: { ok: true }, worker: { ok: true, running: true, listening: true } });
    expect(body.jobs).toEqual({ pending: 1, running: 0, failed: 0, retrying: 0 });
    expect(body.by_task).toEqual([{ task: 'dispatch_touches', pending: 1, running: 0, failed: 0 }]);

    const b = await httpLogin(url, 'owner@bravo.example.com');
    const other = (await (await fetch(`${url}/healthz/detail`, { headers: { cookie: b.cookie } })).json()) as Detail;
    expect(other.account_id).toBe(bravo);
    expect(other.jobs?.pending).toBe(3);
  });

  it('is 401 without a session and 403 for roles other than owner', async () => {
    expect((await fetch(`${url}/healthz/detail`)).status).toBe(401);
    for (const email of ['viewer@alpha.example.com', 'admin@alpha.example.com']) {
      const s = await httpLogin(url, email);
      const res = await fetch(`${url}/healthz/detail`, { headers: { cookie: s.cookie } });
      expect(res.status, email).toBe(403);
      expect(await res.json()).toMatchObject({ error: 'forbidden' });
    }
  });

  it('the public /healthz of the same app still says only ok', async () => {
    const res = await fetch(`${url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });
});
