/**
 * LeadGen programs routes (the pages are views/pages/programs.tsx). Start and
 * stop go through Command OS's own actions, so both paths behave the same.
 */
import { Hono } from 'hono';
import { can, type ConsoleEnv } from '../auth.ts';
import { listPrograms, programDetail } from '../domain/programs.ts';
import { startCraigslist, stopCraigslist } from '../command-os/actions.ts';
import { Notice } from '../../views/ui.tsx';
import { fullPage, type Ctx } from './helpers.tsx';
import { ProgramDetailView, ProgramsView, type ProgramOutcome } from '../../views/pages/programs.tsx';

type Outcome = ProgramOutcome;

export function programPages(): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();

  const listPage = async (c: Ctx, outcome?: Outcome & { city?: string; override?: boolean }, status: 200 | 400 | 403 | 409 = 200) => {
    const s = c.get('session');
    const list = await listPrograms(c.get('readDb'));
    const canControl = can(s.role, 'programs.control');
    const body = <ProgramsView list={list} csrf={s.csrfToken} canControl={canControl} outcome={outcome} />;
    if (c.req.header('hx-request')) return c.html(body, status);
    return fullPage(c, 'LeadGen programs', 'programs', body, status);
  };

  app.get('/', (c) => listPage(c));

  app.post('/craigslist/start', async (c) => {
    const s = c.get('session');
    if (!can(s.role, 'programs.control')) return listPage(c, { ok: false, message: `Your role (${s.role}) may not start programs.` }, 403);
    const form = await c.req.parseBody();
    const city = typeof form.city === 'string' ? form.city.trim() : '';
    const override = form.override === 'true';
    const confirm = form.confirm === 'true';
    const r = (await startCraigslist({ session: s, db: c.get('db') }, { city, override, confirm })) as Outcome;
    return listPage(c, { ...r, city, override }, r.ok || r.needs_confirmation ? 200 : 400);
  });

  app.post('/craigslist/:city/stop', async (c) => {
    const s = c.get('session');
    if (!can(s.role, 'programs.control')) return listPage(c, { ok: false, message: `Your role (${s.role}) may not stop programs.` }, 403);
    const r = (await stopCraigslist({ session: s, db: c.get('db') }, { city: c.req.param('city') })) as Outcome;
    return listPage(c, r, r.ok ? 200 : 400);
  });

  app.get('/:key', async (c) => {
    const s = c.get('session');
    const found = await programDetail(c.get('readDb'), c.req.param('key'));
    if (!found.found) {
      return fullPage(c, 'Program not found', 'programs',
        <>
          <Notice kind="error">{found.reason}</Notice>
          <a href="/programs">All programs</a>
        </>,
        404,
      );
    }
    return fullPage(c, found.program.name, 'programs',
      <ProgramDetailView p={found.program} csrf={s.csrfToken} canControl={can(s.role, 'programs.control')} />,
    );
  });
  return app;
}
