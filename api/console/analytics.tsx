/** The Analytics page (GET /analytics) and its CSV export (GET /analytics/export.csv). */
import { Hono } from 'hono';
import { z } from 'zod';
import { can, requirePermission, type ConsoleEnv } from '../auth.ts';
import { AnalyticsQuerySchema, csvFileName, loadAnalytics, TABLE_NAMES, tableCsv, type AnalyticsQuery, type TableName } from '../domain/analytics.ts';
import { log } from '../../lib/log.ts';
import { AnalyticsPage } from '../../views/pages/analytics.tsx';
import { Notice } from '../../views/ui.tsx';
import { readableDbError } from './errors.ts';
import { fullPage, type Ctx } from './helpers.tsx';

const ExportSchema = AnalyticsQuerySchema.extend({ table: z.enum(TABLE_NAMES as [TableName, ...TableName[]]) });

function badWindow(c: Ctx, message: string) {
  return fullPage(c, 'Analytics', 'analytics',
    <>
      <Notice kind="error">{message}</Notice>
      <a href="/analytics">Back to the last 30 days</a>
    </>,
    400,
  );
}

function issues(e: z.ZodError): string {
  return e.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; ');
}

export function analyticsRoutes(): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();

  app.get('/analytics', async (c) => {
    const s = c.get('session');
    const parsed = AnalyticsQuerySchema.safeParse(c.req.query());
    if (!parsed.success) return badWindow(c, issues(parsed.error));
    const q: AnalyticsQuery = parsed.data;
    try {
      const data = await c.get('readDb')((tx) => loadAnalytics(tx, s.accountId, q));
      return fullPage(c, 'Analytics', 'analytics', <AnalyticsPage data={data} q={q} canExport={can(s.role, 'analytics.export')} />);
    } catch (error) {
      const r = readableDbError(error);
      if (!r || r.status !== 400) throw error;
      return badWindow(c, r.message);
    }
  });

  app.get('/analytics/export.csv', requirePermission('analytics.export'), async (c) => {
    const s = c.get('session');
    const parsed = ExportSchema.safeParse(c.req.query());
    if (!parsed.success) return c.json({ error: 'invalid_query', reason: issues(parsed.error) }, 400);
    const { table } = parsed.data;
    try {
      const data = await c.get('readDb')((tx) => loadAnalytics(tx, s.accountId, parsed.data, { listLimit: null }));
      const rows = data.tables[table];
      log('ANALYTICS_EXPORTED', { table, rows: rows.length, from: data.window.from_day, to: data.window.to_day, user_id: s.userId });
      c.header('Content-Type', 'text/csv; charset=utf-8');
      c.header('Content-Disposition', `attachment; filename="${csvFileName(table, data.window)}"`);
      c.header('Cache-Control', 'no-store');
      return c.body(tableCsv(table, rows));
    } catch (error) {
      const r = readableDbError(error);
      if (!r || r.status !== 400) throw error;
      return c.json({ error: r.code, reason: r.message }, 400);
    }
  });

  return app;
}
