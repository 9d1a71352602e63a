/**
 * The JSON API behind the console's actions: campaigns and leads. Same session,
 * same CSRF rule (X-CSRF-Token header), same role checks and the same SQL
 * functions as the pages. GET /api/openapi.json describes it; the document is
 * generated from the zod schemas below, so it cannot drift from validation.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { can, type ConsoleEnv, type Permission } from '../auth.ts';
import { readableDbError } from './errors.ts';
import { enrollLeads, loadCampaigns, pauseAllCampaigns, switchCampaign } from '../domain/campaigns.ts';
import { LeadFilterSchema, loadLead, loadLeadPage, queueManualMessage, suppressLeads } from '../domain/leads.ts';

type Ctx = Context<ConsoleEnv>;

const Uuid = z.string().uuid();
const ErrorBody = z.object({ error: z.string(), reason: z.string() });

const Step = z.object({
  step: z.number().int(),
  channel: z.string(),
  delay_minutes: z.number().int(),
  fallback: z.record(z.string(), z.unknown()).nullable(),
  template_key: z.string().nullable(),
});
export const Campaign = z.object({
  id: Uuid,
  name: z.string(),
  campaign_key: z.string().nullable(),
  description: z.string().nullable(),
  message_class: z.string(),
  is_active: z.boolean(),
  status: z.string(),
  last_touch_run_at: z.string().nullable(),
  touch_runs_24h: z.number().int(),
  sent_24h: z.number().int(),
  failed_24h: z.number().int(),
  active_enrollments: z.number().int(),
  steps: z.array(Step),
});
const CampaignList = z.object({ campaigns: z.array(Campaign) });
const SetActiveBody = z.object({ active: z.boolean() });
const EnrollBody = z.object({
  filter: z
    .object({
      lead_state: z.string().optional(),
      next_action: z.string().optional(),
      source: z.string().optional(),
      city: z.string().optional(),
      assigned_user_id: Uuid.optional(),
      q: z.string().max(100).optional(),
      lead_ids: z.array(Uuid).max(1000).optional(),
    })
    .strict(),
  preview: z.boolean(),
});
const EnrollResult = z.object({
  matched: z.number().int(),
  already_enrolled: z.number().int(),
  not_contactable: z.number().int(),
  to_enroll: z.number().int(),
  enrolled: z.number().int(),
});
const LeadRow = z.object({
  lead_id: Uuid,
  lead_name: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  source: z.string().nullable(),
  city: z.string().nullable(),
  status: z.string(),
  lead_state: z.string(),
  priority_score: z.number().int(),
  next_action: z.string(),
  next_action_at: z.string().nullable(),
  effective_channel: z.string().nullable(),
  reason: z.string().nullable(),
  campaign_id: Uuid.nullable(),
  campaign_name: z.string().nullable(),
  assigned_to: z.string().nullable(),
});
const LeadPageBody = z.object({
  leads: z.array(LeadRow),
  next: z.string().nullable().describe('Pass as ?after= for the next page; null at the end.'),
  scanned: z.number().int().describe('When the page is short: leads examined looking for it (at most 20,000); else 0.'),
  partial: z.boolean().describe('The page is short because the scan budget ran out, not because the list ended.'),
});
const SuppressBody = z.object({
  lead_ids: z.array(Uuid).min(1).max(1000),
  reason: z.enum(['manual', 'do_not_contact', 'wrong_number', 'not_interested', 'bad_fit']).default('manual'),
});
const SuppressResult = z.object({ results: z.array(z.object({ lead_id: Uuid, suppressed: z.boolean() })) });
const MessageBody = z.object({
  channel: z.enum(['sms', 'whatsapp', 'email']),
  body: z.string().min(1).max(1600),
  subject: z.string().max(200).optional(),
  request_id: z.string().min(8).max(100).optional().describe('Repeat it on a retry: the message already queued is answered, not queued twice.'),
});
const MessageResult = z.object({ touch_run_id: Uuid });
const LeadDetailBody = z.object({ lead: z.record(z.string(), z.unknown()), next: z.record(z.string(), z.unknown()).nullable() }).passthrough();

function json<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

async function body<T extends z.ZodType>(c: Ctx, schema: T): Promise<{ ok: true; data: z.infer<T> } | { ok: false; res: Response }> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    return { ok: false, res: c.json({ error: 'invalid_json', reason: 'the body must be JSON' }, 400) };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, res: c.json({ error: 'invalid_request', reason: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ') }, 400) };
  }
  return { ok: true, data: parsed.data };
}

function permit(c: Ctx, p: Permission): Response | null {
  const s = c.get('session');
  return can(s.role, p) ? null : c.json({ error: 'forbidden', reason: `your role (${s.role}) may not do this` }, 403);
}

function dbError(c: Ctx, error: unknown): Response {
  const r = readableDbError(error);
  if (!r) throw error;
  return c.json({ error: r.code, reason: r.message }, r.status);
}

export function apiRoutes(): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();

  app.get('/v1/campaigns', async (c) => c.json({ campaigns: json(await c.get('db')(loadCampaigns)) }));

  app.post('/v1/campaigns/pause-all', async (c) => {
    const denied = permit(c, 'campaigns.toggle');
    if (denied) return denied;
    const s = c.get('session');
    const campaigns = await c.get('db')(async (tx) => {
      await pauseAllCampaigns(tx, s.accountId, `api:${s.email}`);
      return loadCampaigns(tx);
    });
    return c.json({ campaigns: json(campaigns) });
  });

  app.post('/v1/campaigns/:id/active', async (c) => {
    const denied = permit(c, 'campaigns.toggle');
    if (denied) return denied;
    const id = Uuid.safeParse(c.req.param('id'));
    if (!id.success) return c.json({ error: 'invalid_request', reason: 'campaign id must be a UUID' }, 400);
    const b = await body(c, SetActiveBody);
    if (!b.ok) return b.res;
    const s = c.get('session');
    try {
      const row = await c.get('db')(async (tx) => {
        if (!(await switchCampaign(tx, id.data, b.data.active, `api:${s.email}`))) return null;
        return (await loadCampaigns(tx)).find((x) => x.id === id.data) ?? null;
      });
      if (!row) return c.json({ error: 'not_found', reason: 'no such campaign in this workspace' }, 404);
      return c.json(json(row));
    } catch (error) {
      return dbError(c, error);
    }
  });

  app.post('/v1/campaigns/:id/enroll', async (c) => {
    const denied = permit(c, 'campaigns.enroll');
    if (denied) return denied;
    const id = Uuid.safeParse(c.req.param('id'));
    if (!id.success) return c.json({ error: 'invalid_request', reason: 'campaign id must be a UUID' }, 400);
    const b = await body(c, EnrollBody);
    if (!b.ok) return b.res;
    try {
      const r: z.infer<typeof EnrollResult> = await c.get('db')((tx) => enrollLeads(tx, id.data, b.data.filter, b.data.preview));
      return c.json(r);
    } catch (error) {
      return dbError(c, error);
    }
  });

  app.get('/v1/leads', async (c) => {
    const f = LeadFilterSchema.safeParse(c.req.query());
    if (!f.success) return c.json({ error: 'invalid_request', reason: f.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') }, 400);
    const s = c.get('session');
    const page = await c.get('db')((tx) => loadLeadPage(tx, s.accountId, f.data));
    return c.json({ leads: json(page.rows), next: page.next, scanned: page.scanned, partial: page.partial });
  });

  app.get('/v1/leads/:id', async (c) => {
    const id = Uuid.safeParse(c.req.param('id'));
    if (!id.success) return c.json({ error: 'invalid_request', reason: 'lead id must be a UUID' }, 400);
    const d = await c.get('db')((tx) => loadLead(tx, id.data));
    if (!d) return c.json({ error: 'not_found', reason: 'no such lead in this workspace' }, 404);
    const { campaigns: _c, setters: _s, ...rest } = d;
    return c.json(json(rest));
  });

  app.post('/v1/leads/suppress', async (c) => {
    const denied = permit(c, 'leads.act');
    if (denied) return denied;
    const b = await body(c, SuppressBody);
    if (!b.ok) return b.res;
    const s = c.get('session');
    try {
      const results = await c.get('db')((tx) => suppressLeads(tx, b.data.lead_ids, b.data.reason, `api:${s.email}`));
      return c.json({ results: json(results) });
    } catch (error) {
      return dbError(c, error);
    }
  });

  app.post('/v1/leads/:id/message', async (c) => {
    const denied = permit(c, 'leads.act');
    if (denied) return denied;
    const id = Uuid.safeParse(c.req.param('id'));
    if (!id.success) return c.json({ error: 'invalid_request', reason: 'lead id must be a UUID' }, 400);
    const b = await body(c, MessageBody);
    if (!b.ok) return b.res;
    const s = c.get('session');
    try {
      const touchId = await c.get('db')((tx) =>
        queueManualMessage(tx, id.data, { channel: b.data.channel, body: b.data.body, subject: b.data.subject ?? null, requestId: b.data.request_id ?? null }, `api:${s.email}`),
      );
      return c.json({ touch_run_id: touchId }, 202);
    } catch (error) {
      return dbError(c, error);
    }
  });

  app.get('/openapi.json', (c) => c.json(openApiDocument()));
  return app;
}

type Op = { summary: string; body?: z.ZodType; response: z.ZodType; status?: number; query?: z.ZodObject; permission?: string };

const OPERATIONS: Record<string, Record<string, Op>> = {
  '/api/v1/campaigns': { get: { summary: 'Outbound campaigns with steps and 24 h runtime figures', response: CampaignList } },
  '/api/v1/campaigns/pause-all': { post: { summary: 'Pause every running campaign; returns the re-read list', response: CampaignList, permission: 'campaigns.toggle' } },
  '/api/v1/campaigns/{id}/active': { post: { summary: 'Switch one campaign on or off (public.set_campaign_active); returns it re-read', body: SetActiveBody, response: Campaign, permission: 'campaigns.toggle' } },
  '/api/v1/campaigns/{id}/enroll': { post: { summary: 'Enroll leads by filter (preview: true writes nothing)', body: EnrollBody, response: EnrollResult, permission: 'campaigns.enroll' } },
  '/api/v1/leads': { get: { summary: 'One keyset page of lead_next_action_view_v5 with filters', query: LeadFilterSchema, response: LeadPageBody } },
  '/api/v1/leads/{id}': { get: { summary: 'A lead with its next action, suppression, attempts, send window and timeline', response: LeadDetailBody } },
  '/api/v1/leads/suppress': { post: { summary: 'Suppress leads on every channel (public.suppress_leads)', body: SuppressBody, response: SuppressResult, permission: 'leads.act' } },
  '/api/v1/leads/{id}/message': { post: { summary: 'Queue a one-off message through the dispatch path', body: MessageBody, response: MessageResult, status: 202, permission: 'leads.act' } },
};

export function openApiDocument(): Record<string, unknown> {
  const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' });
  const paths: Record<string, unknown> = {};
  for (const [p, ops] of Object.entries(OPERATIONS)) {
    const item: Record<string, unknown> = {};
    for (const [method, op] of Object.entries(ops)) {
      const params = [
        ...(p.includes('{id}') ? [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }] : []),
        ...(op.query ? Object.keys(op.query.shape).map((name) => ({ name, in: 'query', required: false, schema: schema((op.query!.shape as Record<string, z.ZodType>)[name]!) })) : []),
      ];
      item[method] = {
        summary: op.summary,
        ...(op.permission ? { description: `Needs the ${op.permission} permission; send the session's CSRF token as X-CSRF-Token.` } : {}),
        ...(params.length ? { parameters: params } : {}),
        ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: schema(op.body) } } } } : {}),
        responses: {
          [String(op.status ?? 200)]: { description: 'OK', content: { 'application/json': { schema: schema(op.response) } } },
          '400': { description: 'Invalid input (nothing changed)', content: { 'application/json': { schema: schema(ErrorBody) } } },
          '401': { description: 'Not logged in' },
          '403': { description: 'Role may not do this, or CSRF token missing', content: { 'application/json': { schema: schema(ErrorBody) } } },
        },
      };
    }
    paths[p] = item;
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Revenue OS console API', version: '1.0.0', description: 'Session-cookie API used by the operator console. Every request runs under row-level security for the session\'s account.' },
    components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'ros_session' } } },
    security: [{ session: [] }],
    paths,
  };
}
