/**
 * Campaign builder routes (mounted under /campaigns): create, edit settings,
 * add / edit / move / remove steps, preview a step for a lead, copy, archive.
 * Thin: parse the form, one call to api/domain/campaign-builder.ts, render
 * views/pages/campaign-builder.tsx.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { can, type ConsoleEnv } from '../auth.ts';
import { readableDbError } from './errors.ts';
import {
  archiveCampaign,
  copyCampaign,
  loadBuilder,
  moveStep,
  previewStep,
  saveCampaign,
  saveStep,
  type StepChange,
} from '../domain/campaign-builder.ts';
import { resolveLead } from '../domain/leads.ts';
import { Layout } from '../../views/layout.tsx';
import { Notice } from '../../views/ui.tsx';
import { CampaignBuilderPage, NewCampaignPage, type BuilderNotice } from '../../views/pages/campaign-builder.tsx';

type Ctx = Context<ConsoleEnv>;
type Form = Record<string, string | File>;

const text = (form: Form, key: string): string => (typeof form[key] === 'string' ? (form[key] as string) : '');

/** `sms:1, voice:2` → {sms: 1, voice: 2}; a malformed pair is a readable error. */
function parsePairs(value: string, what: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of value.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([a-z]+)\s*:\s*(\d{1,5})$/.exec(part);
    if (!m) throw new FormError(`${what}: write channel:number pairs separated by commas, like sms:1, voice:2 ("${part}" is not one).`);
    out[m[1]!] = Number(m[2]);
  }
  return out;
}

class FormError extends Error {}

function campaignFields(form: Form): Record<string, unknown> {
  return {
    campaign_key: text(form, 'campaign_key').trim(),
    name: text(form, 'name'),
    description: text(form, 'description'),
    message_class: text(form, 'message_class').trim() || 'cold_outreach',
    auto_enroll: text(form, 'auto_enroll') === 'true',
    allow_role_addresses: text(form, 'allow_role_addresses') === 'true',
    ...(text(form, 'response_mode') ? { response_mode: text(form, 'response_mode') } : {}),
    ...(text(form, 'auto_send_threshold').trim() ? { auto_send_threshold: threshold(text(form, 'auto_send_threshold')) } : {}),
    // Only the edit form offers a persona: absent, the campaign's choice stays as it is.
    ...('ai_persona_id' in form ? { ai_persona_id: text(form, 'ai_persona_id') || null } : {}),
  };
}

/** The threshold as a number; anything else is sent as written, for save_campaign to refuse with its reason. */
function threshold(v: string): number | string {
  const n = Number(v.trim());
  return Number.isFinite(n) ? n : v;
}

function stepFields(form: Form): Record<string, unknown> {
  const delay = text(form, 'delay_minutes').trim();
  if (delay && !/^\d{1,6}$/.test(delay)) throw new FormError('The delay is a whole number of minutes.');
  const order = text(form, 'fallback_order').split(',').map((p) => p.trim()).filter(Boolean);
  return {
    channel: text(form, 'channel'),
    delay_minutes: delay ? Number(delay) : 0,
    language: text(form, 'language').trim() || 'en',
    subject: text(form, 'subject'),
    body: text(form, 'body'),
    fallback: order.length
      ? {
          order,
          max_attempts: parsePairs(text(form, 'fallback_attempts'), 'Attempts per channel'),
          cooldown_minutes: parsePairs(text(form, 'fallback_cooldowns'), 'Cooldown minutes'),
        }
      : null,
  };
}

/** The form fields to post again when a running campaign's change needs confirming. */
function resend(form: Form): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(form)) if (typeof v === 'string' && k !== '_csrf' && k !== 'confirm') out[k] = v;
  return out;
}

export function campaignBuilderPages(): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  const actor = (c: Ctx) => `console:${c.get('session').email}`;
  const canEdit = (c: Ctx) => can(c.get('session').role, 'campaigns.toggle');

  const builderPage = async (
    c: Ctx,
    id: string,
    extra: { notice?: BuilderNotice; pending?: { change: StepChange; action: string; hidden: Record<string, string> } } = {},
    status: 200 | 400 | 403 | 404 | 409 = 200,
  ) => {
    const s = c.get('session');
    const lead = c.req.query('lead')?.trim();
    const previewAt = Number(c.req.query('preview_step'));
    const loaded = await c.get('db')(async (tx) => {
      const b = await loadBuilder(tx, id);
      if (!b || !lead || !Number.isInteger(previewAt)) return { b, preview: undefined, previewError: undefined };
      const found = await resolveLead(tx, s.accountId, lead);
      if (found.kind !== 'one') {
        return { b, preview: undefined, previewError: found.kind === 'none' ? `No lead matches "${lead}".` : `${found.candidates.length} leads match "${lead}"; be more specific.` };
      }
      const p = await previewStep(tx, id, previewAt, found.value.lead_id);
      return { b, preview: { ...p, lead_label: found.value.lead_name ?? found.value.phone ?? found.value.email ?? 'this lead' }, previewError: undefined };
    });
    if (!loaded.b) {
      return c.html(
        <Layout title="Campaign not found" session={s} active="campaigns">
          <Notice kind="error">There is no such campaign in this workspace.</Notice>
        </Layout>,
        404,
      );
    }
    const notice = extra.notice ?? (loaded.previewError ? { kind: 'error' as const, text: loaded.previewError } : undefined);
    return c.html(
      <Layout title={`Campaign: ${loaded.b.campaign.name}`} session={s} active="campaigns">
        <CampaignBuilderPage b={loaded.b} csrf={s.csrfToken} canEdit={canEdit(c)} notice={notice} pending={extra.pending} preview={loaded.preview} />
      </Layout>,
      status,
    );
  };

  /** Runs a change; a database refusal or a malformed form becomes the page with the reason. */
  const change = async (c: Ctx, id: string, run: (form: Form) => Promise<BuilderNotice | { pending: StepChange; action: string }>) => {
    if (!canEdit(c)) return builderPage(c, id, { notice: { kind: 'error', text: `Your role (${c.get('session').role}) may not edit campaigns.` } }, 403);
    const form = await c.req.parseBody();
    try {
      const r = await run(form);
      if ('pending' in r) return builderPage(c, id, { pending: { change: r.pending, action: r.action, hidden: resend(form) } });
      return builderPage(c, id, { notice: r });
    } catch (error) {
      if (error instanceof FormError) return builderPage(c, id, { notice: { kind: 'error', text: error.message } }, 400);
      const r = readableDbError(error);
      if (!r) throw error;
      return builderPage(c, id, { notice: { kind: 'error', text: r.message } }, r.status);
    }
  };

  const idOf = (c: Ctx): string | null => {
    const id = z.string().uuid().safeParse(c.req.param('id'));
    return id.success ? id.data : null;
  };
  const stepOf = (c: Ctx): number | null => {
    const n = Number(c.req.param('step'));
    return Number.isInteger(n) && n >= 1 && n <= 100 ? n : null;
  };
  const unknown = (c: Ctx) => c.html(<Notice kind="error">Unknown campaign or step.</Notice>, 404);

  app.get('/new', (c) => {
    const s = c.get('session');
    return c.html(
      <Layout title="New campaign" session={s} active="campaigns">
        <NewCampaignPage csrf={s.csrfToken} canEdit={canEdit(c)} />
      </Layout>,
    );
  });

  app.post('/new', async (c) => {
    const s = c.get('session');
    const page = (notice: BuilderNotice, status: 400 | 403 | 404 | 409) =>
      c.html(
        <Layout title="New campaign" session={s} active="campaigns">
          <NewCampaignPage csrf={s.csrfToken} canEdit={canEdit(c)} notice={notice} />
        </Layout>,
        status,
      );
    if (!canEdit(c)) return page({ kind: 'error', text: `Your role (${s.role}) may not create campaigns.` }, 403);
    const form = await c.req.parseBody();
    try {
      const r = await c.get('db')((tx) => saveCampaign(tx, null, campaignFields(form), actor(c)));
      return c.redirect(`/campaigns/${r.campaign_id}/edit`, 303);
    } catch (error) {
      const r = readableDbError(error);
      if (!r) throw error;
      return page({ kind: 'error', text: r.message }, r.status);
    }
  });

  app.get('/:id/edit', (c) => {
    const id = idOf(c);
    return id ? builderPage(c, id) : unknown(c);
  });

  app.post('/:id/settings', (c) => {
    const id = idOf(c);
    if (!id) return unknown(c);
    return change(c, id, async (form) => {
      const r = await c.get('db')((tx) => saveCampaign(tx, id, campaignFields(form), actor(c)));
      const n = Object.keys((r.changed as Record<string, unknown>) ?? {}).length;
      return { kind: 'ok', text: n ? `Saved (${n} field${n === 1 ? '' : 's'} changed).` : 'Nothing changed.' };
    });
  });

  app.post('/:id/steps', (c) => {
    const id = idOf(c);
    if (!id) return unknown(c);
    return change(c, id, async (form) => {
      const r = await c.get('db')((tx) => saveStep(tx, id, null, stepFields(form), actor(c), form.confirm === 'true'));
      if (r.needs_confirmation) return { pending: r, action: `/campaigns/${id}/steps` };
      return { kind: 'ok', text: `Step ${r.step} added.` };
    });
  });

  app.post('/:id/steps/:step', (c) => {
    const id = idOf(c);
    const step = stepOf(c);
    if (!id || !step) return unknown(c);
    return change(c, id, async (form) => {
      const r = await c.get('db')((tx) => saveStep(tx, id, step, stepFields(form), actor(c), form.confirm === 'true'));
      if (r.needs_confirmation) return { pending: r, action: `/campaigns/${id}/steps/${step}` };
      return { kind: 'ok', text: r.changed?.length ? `Step ${step} saved (${r.changed.join(', ')}).` : `Step ${step}: nothing changed.` };
    });
  });

  app.post('/:id/steps/:step/move', (c) => {
    const id = idOf(c);
    const step = stepOf(c);
    if (!id || !step) return unknown(c);
    return change(c, id, async (form) => {
      const to = text(form, 'to').trim();
      if (to && !/^\d{1,3}$/.test(to)) throw new FormError('Move it to a step number.');
      const r = await c.get('db')((tx) => moveStep(tx, id, step, to ? Number(to) : null, actor(c), form.confirm === 'true'));
      if (r.needs_confirmation) return { pending: r, action: `/campaigns/${id}/steps/${step}/move` };
      return { kind: 'ok', text: r.removed ? `Step ${step} removed; the later steps moved up.` : r.moved ? `Step ${step} moved to ${to}.` : 'Nothing changed.' };
    });
  });

  app.post('/:id/archive', (c) => {
    const id = idOf(c);
    if (!id) return unknown(c);
    return change(c, id, async () => {
      const r = await c.get('db')((tx) => archiveCampaign(tx, id, actor(c)));
      return r.archived
        ? { kind: 'ok', text: `Archived; ${r.enrollments_stopped ?? 0} enrollment${r.enrollments_stopped === 1 ? '' : 's'} stopped.` }
        : { kind: 'ok', text: 'It was already archived.' };
    });
  });

  app.post('/:id/copy', async (c) => {
    const id = idOf(c);
    if (!id) return unknown(c);
    if (!canEdit(c)) return builderPage(c, id, { notice: { kind: 'error', text: `Your role (${c.get('session').role}) may not copy campaigns.` } }, 403);
    const form = await c.req.parseBody();
    try {
      const r = await c.get('db')((tx) => copyCampaign(tx, id, text(form, 'campaign_key').trim(), text(form, 'name'), actor(c)));
      return c.redirect(`/campaigns/${r.campaign_id}/edit`, 303);
    } catch (error) {
      const r = readableDbError(error);
      if (!r) throw error;
      return builderPage(c, id, { notice: { kind: 'error', text: r.message } }, r.status);
    }
  });

  return app;
}
