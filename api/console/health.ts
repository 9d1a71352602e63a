/**
 * GET /healthz/detail: the engine's health for an account's owner. Liveness of
 * the database and of this process's worker (shared by every account, shown as
 * liveness), and the owner's own account's job counts (public.system_health);
 * never another account's figures. Other roles get 403; no session, 401.
 */
import { Hono } from 'hono';
import type { Sql } from '../../db/client.ts';
import { log } from '../../lib/log.ts';
import type { WorkerHealth } from '../../worker/runner.ts';
import type { ConsoleEnv } from '../auth.ts';
import { accountQueue, probeDatabase, workerLiveness } from '../domain/health.ts';

export function healthRoutes(sql: Sql, workerHealth: () => WorkerHealth | null): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.get('/healthz/detail', async (c) => {
    const s = c.get('session');
    if (s.role !== 'owner') {
      log('PERMISSION_DENIED', { path: c.req.path, role: s.role, permission: 'health.detail' }, 'warn');
      return c.json({ error: 'forbidden', reason: `only an owner may see the engine's health detail (your role: ${s.role})` }, 403);
    }
    const database = await probeDatabase(sql);
    const worker = workerLiveness(workerHealth());
    const queue = database.ok ? await c.get('db')(accountQueue) : null;
    const ok = database.ok && worker.ok;
    return c.json({ ok, database, worker, account_id: s.accountId, ...(queue ?? { jobs: null, by_task: [], crontab: [] }) }, ok ? 200 : 503);
  });
  return app;
}
