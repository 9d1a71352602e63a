/**
 * CSV import routes (the page is views/pages/imports.tsx). The upload only
 * stores the file and queues the import_leads job; the page polls its progress.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { can, type ConsoleEnv } from '../auth.ts';
import { createImport, importStatus, listImports } from '../domain/imports.ts';
import { listCampaignNames } from '../domain/campaigns.ts';
import { Notice } from '../../views/ui.tsx';
import { fullPage, type Ctx } from './helpers.tsx';
import { ImportsPage, Progress } from '../../views/pages/imports.tsx';


export function importPages(): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();

  const page = async (c: Ctx, notice?: { kind: 'ok' | 'error'; text: string }, status: 200 | 400 | 403 = 200) => {
    const s = c.get('session');
    const [imports, campaigns] = await Promise.all([
      listImports(c.get('db')),
      c.get('db')(listCampaignNames),
    ]);
    return fullPage(c, 'Import leads', 'imports',
      <ImportsPage imports={imports} campaigns={campaigns} csrf={s.csrfToken} canImport={can(s.role, 'leads.import')} notice={notice} />,
      status,
    );
  };

  app.get('/', (c) => page(c));

  app.post('/', async (c) => {
    const s = c.get('session');
    if (!can(s.role, 'leads.import')) return c.html(<Notice kind="error">Your role ({s.role}) may not import leads.</Notice>, 403);
    const form = await c.req.parseBody();
    const file = form.file;
    if (!(file instanceof File) || file.size === 0) return c.html(<Notice kind="error">Choose a non-empty CSV file.</Notice>, 400);
    const campaign = typeof form.campaign_id === 'string' && form.campaign_id ? form.campaign_id : null;
    const r = await createImport(c.get('db'), s, { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }, { campaign_id: campaign });
    if (!r.ok) return c.html(<Notice kind="error">{r.reason}</Notice>, r.httpStatus);
    const status = await importStatus(c.get('db'), r.id);
    return c.html(<Progress p={status!} />, 202);
  });

  app.get('/:id/progress', async (c) => {
    const id = z.string().uuid().safeParse(c.req.param('id'));
    const p = id.success ? await importStatus(c.get('db'), id.data) : null;
    if (!p) return c.html(<Notice kind="error">No such import in this workspace.</Notice>, 404);
    return c.html(<Progress p={p} />);
  });

  return app;
}
