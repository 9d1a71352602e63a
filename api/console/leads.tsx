/** The Leads page (filters, table, bulk suppress) and one lead's page with its manual actions. */
import { Hono } from 'hono';
import { z } from 'zod';
import type { TransactionSql } from '../../db/client.ts';
import { log } from '../../lib/log.ts';
import { can, requirePermission, type ConsoleEnv } from '../auth.ts';
import { enrollLeads } from '../domain/campaigns.ts';
import { approveDraft, describeDraftError } from '../domain/inbox.ts';
import {
  assignLead,
  LeadFilterSchema,
  liftConsentRevocation,
  loadLead,
  loadLeadFilterOptions,
  loadLeadPage,
  queueManualMessage,
  resumeCampaignLead,
  suppressLeads,
} from '../domain/leads.ts';
import { Notice } from '../../views/ui.tsx';
import { LeadFilters, LeadTable } from '../../views/pages/leads.tsx';
import { LeadPage, leadTitle } from '../../views/pages/lead.tsx';
import { readableDbError } from './errors.ts';
import { actor, dbErrorFragment, type Ctx, type Form, fullPage } from './helpers.tsx';

const invalid = (detail: string) => Object.assign(new Error('invalid_argument'), { code: '22023', detail });

export function leadRoutes(): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();

  app.get('/leads', async (c) => {
    const s = c.get('session');
    const parsed = LeadFilterSchema.safeParse(c.req.query());
    if (!parsed.success) {
      return fullPage(c, 'Leads', 'leads',
        <>
          <Notice kind="error">{parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}</Notice>
          <a href="/leads">Clear the filters</a>
        </>,
        400,
      );
    }
    const { page, options } = await c.get('readDb')(async (tx) => ({
      page: await loadLeadPage(tx, s.accountId, parsed.data),
      options: await loadLeadFilterOptions(tx),
    }));
    return fullPage(c, 'Leads', 'leads',
      <>
        <LeadFilters f={parsed.data} o={options} />
        <LeadTable page={page} f={parsed.data} csrf={s.csrfToken} canAct={can(s.role, 'leads.act')} />
      </>,
    );
  });

  app.post('/leads/suppress', requirePermission('leads.act'), async (c) => {
    const s = c.get('session');
    const form = await c.req.parseBody({ all: true });
    const ids = ([] as unknown[]).concat(form.lead_id ?? []).filter((v): v is string => typeof v === 'string');
    const filters = LeadFilterSchema.safeParse(Object.fromEntries(Object.entries(form).filter(([k, v]) => typeof v === 'string' && k in LeadFilterSchema.shape)));
    const f = filters.success ? filters.data : {};
    const reason = typeof form.reason === 'string' ? form.reason : 'manual';
    if (ids.length === 0 || !ids.every((id) => z.string().uuid().safeParse(id).success)) {
      const page = await c.get('db')((tx) => loadLeadPage(tx, s.accountId, f));
      return c.html(<LeadTable page={page} f={f} csrf={s.csrfToken} canAct notice={{ kind: 'error', text: 'Select at least one lead.' }} />, 400);
    }
    try {
      const { changed, page } = await c.get('db')(async (tx) => {
        const rows = await suppressLeads(tx, ids, reason, actor(c));
        return { changed: rows.filter((r) => r.suppressed).length, page: await loadLeadPage(tx, s.accountId, f) };
      });
      return c.html(<LeadTable page={page} f={f} csrf={s.csrfToken} canAct notice={{ kind: 'ok', text: `Suppressed ${changed} of ${ids.length} selected leads on every channel.` }} />);
    } catch (error) {
      return dbErrorFragment(c, error);
    }
  });

  app.get('/leads/:id', async (c) => {
    const s = c.get('session');
    const id = z.string().uuid().safeParse(c.req.param('id'));
    const d = id.success ? await c.get('readDb')((tx) => loadLead(tx, id.data)) : null;
    if (!d) {
      return fullPage(c, 'Lead not found', 'leads', <p>There is no such lead in this workspace. <a href="/leads">Back to leads</a></p>, 404);
    }
    return fullPage(c, leadTitle(d), 'leads',
      <LeadPage d={d} csrf={s.csrfToken} canAct={can(s.role, 'leads.act')} canEnroll={can(s.role, 'campaigns.enroll')} />,
    );
  });

  /** Runs one manual action, then re-renders the lead with its outcome. */
  const actOnLead = async (c: Ctx, run: (tx: TransactionSql, leadId: string, form: Form) => Promise<string>) => {
    const s = c.get('session');
    const id = z.string().uuid().safeParse(c.req.param('id'));
    if (!id.success) return c.html(<Notice kind="error">Unknown lead.</Notice>, 400);
    const form = await c.req.parseBody();
    let notice: { kind: 'ok' | 'error'; text: string };
    let status: 200 | 400 | 404 | 409 = 200;
    try {
      const text = await c.get('db')((tx) => run(tx, id.data, form));
      notice = { kind: 'ok', text };
    } catch (error) {
      const r = readableDbError(error);
      if (!r) throw error;
      notice = { kind: 'error', text: r.message };
      status = r.status;
    }
    const d = await c.get('db')((tx) => loadLead(tx, id.data));
    if (!d) return c.html(<Notice kind="error">There is no such lead in this workspace.</Notice>, 404);
    return c.html(<LeadPage d={d} csrf={s.csrfToken} canAct={can(s.role, 'leads.act')} canEnroll={can(s.role, 'campaigns.enroll')} notice={notice} />, status);
  };

  app.post('/leads/:id/suppress', requirePermission('leads.act'), (c) =>
    actOnLead(c, async (tx, id, form) => {
      const [r] = await suppressLeads(tx, [id], String(form.reason ?? 'manual'), actor(c));
      if (!r) throw Object.assign(new Error('lead_not_found'), { code: 'P0002', detail: 'no such lead in this workspace' });
      return r.suppressed ? 'Suppressed on every channel; scheduled touches were canceled.' : 'The lead was already suppressed.';
    }),
  );
  app.post('/leads/:id/assign', requirePermission('leads.act'), (c) =>
    actOnLead(c, async (tx, id, form) => {
      const user = z.string().uuid().safeParse(form.user_id);
      if (!user.success) throw invalid('choose who to assign the lead to');
      return (await assignLead(tx, id, user.data, c.get('session').userId)) ? 'Assigned.' : 'The lead was already assigned to them.';
    }),
  );
  app.post('/leads/:id/enroll', requirePermission('campaigns.enroll'), (c) =>
    actOnLead(c, async (tx, id, form) => {
      const campaign = z.string().uuid().safeParse(form.campaign_id);
      if (!campaign.success) throw invalid('choose a campaign');
      const r = await enrollLeads(tx, campaign.data, { lead_ids: [id] }, false);
      if (r.enrolled) return 'Enrolled at step 1.';
      return r.already_enrolled ? 'The lead is already in that campaign.' : 'This lead cannot be contacted (suppressed, closed or dead), so it was not enrolled.';
    }),
  );
  app.post('/leads/:id/resume', requirePermission('campaigns.enroll'), (c) =>
    actOnLead(c, async (tx, id, form) => {
      const campaign = z.string().uuid().safeParse(form.campaign_id);
      if (!campaign.success) throw invalid('choose a campaign');
      return `Resumed: step ${await resumeCampaignLead(tx, campaign.data, id, actor(c))} is due now.`;
    }),
  );
  app.post('/leads/:id/lift-consent', requirePermission('campaigns.enroll'), (c) =>
    actOnLead(c, async (tx, id, form) => {
      const r = await liftConsentRevocation(tx, id, String(form.reason ?? ''), actor(c));
      return r.outcome === 'lifted'
        ? `Revocation lifted (${r.suppressions_lifted ?? 0} suppression${r.suppressions_lifted === 1 ? '' : 's'}); the reason is on the timeline.`
        : 'There was no revocation to lift.';
    }),
  );
  app.post('/leads/:id/message', requirePermission('leads.act'), (c) =>
    actOnLead(c, async (tx, id, form) => {
      const subject = typeof form.subject === 'string' && form.subject.trim() ? form.subject.trim() : null;
      // The form was filled with the lead's pending AI draft: sent on the draft's channel,
      // it approves the draft as edited (public.approve_ai_draft: once, however often it is sent).
      const draftId = z.string().uuid().safeParse(form.ai_draft_id);
      if (draftId.success && form.channel === form.ai_draft_channel) {
        const s = c.get('session');
        try {
          const r = await approveDraft(tx, draftId.data, { userId: s.userId, accountId: s.accountId }, {
            body: typeof form.body === 'string' ? form.body : undefined,
            subject: subject ?? undefined,
          });
          log('AI_DRAFT_APPROVED', { draft_id: draftId.data, user_id: s.userId, outcome: r.outcome, touch_run_id: r.touch_run_id ?? null, via: 'lead_page' });
          // The draft is rejected in the same transaction (kept: it must not wait in the Inbox).
          if (r.outcome === 'rejected_suppressed') return `Not sent, and the draft was rejected: ${r.reason ?? 'the lead is suppressed'}.`;
          return r.outcome === 'approved'
            ? `Draft approved and queued for the dispatch worker (touch ${String(r.touch_run_id).slice(0, 8)}): suppression and the send window still apply.`
            : `The draft was already ${r.outcome === 'already_sent' ? 'sent' : 'approved'}; nothing more was queued.`;
        } catch (error) {
          const d = describeDraftError(error);
          if (!d) throw error;
          throw Object.assign(new Error(d.code), { code: d.status === 404 ? 'P0002' : d.status === 400 ? '22023' : '55000', detail: d.message });
        }
      }
      const requestId = typeof form.request_id === 'string' && form.request_id ? form.request_id : null;
      const touchId = await queueManualMessage(tx, id, { channel: String(form.channel ?? ''), body: String(form.body ?? ''), subject, requestId }, actor(c));
      return `Queued for the dispatch worker (touch ${touchId.slice(0, 8)}): suppression and the send window still apply.`;
    }),
  );

  return app;
}
