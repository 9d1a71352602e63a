/** The director dashboard (GET /). */
import { Hono } from 'hono';
import type { ConsoleEnv } from '../auth.ts';
import { loadDashboard } from '../domain/dashboard.ts';
import { DashboardPage } from '../../views/pages/dashboard.tsx';
import { fullPage } from './helpers.tsx';

export function dashboardRoutes(): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.get('/', async (c) => {
    const s = c.get('session');
    const data = await c.get('readDb')((tx) => loadDashboard(tx, s.accountId));
    return fullPage(c, 'Dashboard', 'dashboard', <DashboardPage data={data} />);
  });
  return app;
}
