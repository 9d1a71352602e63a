/**
 * The LeadGen programs JSON API (seed 001 "Programs UI"): `GET /api/programs/list`
 * and `GET /api/programs/:key`, mounted behind requireSession; every role may
 * read. The data is api/domain/programs.ts's, as on the Programs page.
 */
import { Hono } from 'hono';
import type { ConsoleEnv } from '../auth.ts';
import { listPrograms, programDetail } from '../domain/programs.ts';

export function programsRoutes(): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();

  app.get('/list', async (c) => c.json(await listPrograms(c.get('db'))));

  app.get('/:key', async (c) => {
    const result = await programDetail(c.get('db'), c.req.param('key'));
    if (!result.found) return c.json({ error: 'program_not_found' as const, reason: result.reason }, 404);
    return c.json(result.program);
  });

  return app;
}
