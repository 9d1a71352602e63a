/** Outbound campaigns: the list, on/off, pause all, and enrolling leads by filter. */
import { Hono } from 'hono';
import { z } from 'zod';
import { can, requirePermission, type ConsoleEnv } from '../auth.ts';
import { enrollLeads, loadCampaigns, pauseAllCampaigns, switchCampaign } from '../domain/campaigns.ts';
import { Notice } from '../../views/ui.tsx';
import { CampaignList, EnrollResult } from '../../views/pages/campaigns.tsx';
import { actor, dbErrorFragment, text, fullPage } from './helpers.tsx';

export function campaignRoutes(): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();

  app.get('/campaigns', async (c) => {
    const s = c.get('session');
    const campaigns = await c.get('readDb')(loadCampaigns);
    return fullPage(c, 'Outbound campaigns', 'campaigns',
      <>
        <p class="muted">LeadGen programs such as Craigslist are not campaigns: see <a href="/programs">Programs</a>.</p>
        <CampaignList campaigns={campaigns} csrf={s.csrfToken} canToggle={can(s.role, 'campaigns.toggle')} />
      </>,
    );
  });

  app.post('/campaigns/pause-all', requirePermission('campaigns.toggle'), async (c) => {
    const s = c.get('session');
    const { changed, campaigns } = await c.get('db')(async (tx) => ({
      changed: await pauseAllCampaigns(tx, s.accountId, actor(c)),
      campaigns: await loadCampaigns(tx),
    }));
    return c.html(
      <CampaignList campaigns={campaigns} csrf={s.csrfToken} canToggle notice={{ kind: 'ok', text: `Paused ${changed} campaign${changed === 1 ? '' : 's'}. Re-read from the database.` }} />,
    );
  });

  app.post('/campaigns/:id/active', requirePermission('campaigns.toggle'), async (c) => {
    const s = c.get('session');
    const id = z.string().uuid().safeParse(c.req.param('id'));
    const form = await c.req.parseBody();
    const active = form.active === 'true' ? true : form.active === 'false' ? false : null;
    if (!id.success || active === null) return c.html(<Notice kind="error">Unknown campaign or state.</Notice>, 400);
    try {
      const { row, campaigns } = await c.get('db')(async (tx) => ({
        row: await switchCampaign(tx, id.data, active, actor(c)),
        campaigns: await loadCampaigns(tx),
      }));
      if (!row) return c.html(<Notice kind="error">No such campaign in this workspace.</Notice>, 404);
      return c.html(
        <CampaignList campaigns={campaigns} csrf={s.csrfToken} canToggle notice={{ kind: 'ok', text: `${row.name} is now ${row.is_active ? 'active' : 'paused'} (status ${row.status}).` }} />,
      );
    } catch (error) {
      return dbErrorFragment(c, error);
    }
  });

  app.post('/campaigns/:id/enroll', requirePermission('campaigns.enroll'), async (c) => {
    const id = z.string().uuid().safeParse(c.req.param('id'));
    const form = await c.req.parseBody();
    if (!id.success) return c.html(<Notice kind="error">Unknown campaign.</Notice>, 400);
    const filter: Record<string, string> = {};
    for (const k of ['lead_state', 'source', 'city', 'q'] as const) {
      const v = text(form, k);
      if (v) filter[k] = v;
    }
    const preview = form.mode !== 'enroll';
    try {
      const r = await c.get('db')((tx) => enrollLeads(tx, id.data, filter, preview));
      return c.html(<EnrollResult r={r} preview={preview} />);
    } catch (error) {
      return dbErrorFragment(c, error);
    }
  });

  return app;
}
