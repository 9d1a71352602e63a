/** The director dashboard (GET /). */
import { Hono } from 'hono';
import type { ConsoleEnv } from '../auth.ts';
import { loadDashboard } from '../domain/dashboard.ts';
import { Layout } from '../../views/layout.tsx';
import { DashboardPage } from '../../views/pages/dashboard.tsx';

export function dashboardRoutes(): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.get('/', async (c) => {
    const s = c.get('session');
    const data = await c.get('db')((tx) => loadDashboard(tx, s.accountId));
    return c.html(
      <Layout title="Dashboard" session={s} active="dashboard">
        <DashboardPage data={data} />
      </Layout>,
    );
  });
  return app;
}
