/**
 * The JSON API behind the console's actions: campaigns and leads. Same session,
 * same CSRF rule (X-CSRF-Token header), same role checks and the same SQL
 * functions as the pages. Every route is an `OpenAPIHono` route made with
 * `createRoute`: the zod schemas in it validate the request and are what
 * GET /api/openapi.json describes, so the document cannot drift from validation.
 */
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler, ValidationTargets } from 'hono';
import { z } from 'zod';
import { can, type ConsoleEnv, type Permission } from '../auth.ts';
import { readableDbError } from './errors.ts';
import { enrollLeads, loadCampaigns, pauseAllCampaigns, switchCampaign } from '../domain/campaigns.ts';
import { CURSOR_FIELD, LeadFilterSchema, loadLead, loadLeadPage, queueManualMessage, suppressLeads } from '../domain/leads.ts';

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

const CampaignParams = z.object({ id: z.string().uuid({ error: 'campaign id must be a UUID' }) });
const LeadParams = z.object({ id: z.string().uuid({ error: 'lead id must be a UUID' }) });

function json<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/** The result a route's validator hands its hook: zod's verdict on one part of the request. */
type Verdict = { target: keyof ValidationTargets } & ({ success: true } | { success: false; error: z.ZodError });

/**
 * Every refused request answers 400 `{ error: 'invalid_request', reason }`,
 * the reason naming each field: `body: …` for the JSON body, the field path for
 * query strings, and a sentence for a malformed id.
 */
function refuse(result: Verdict, c: Ctx): Response | undefined {
  if (result.success) return undefined;
  const issues = result.error.issues;
  // A malformed page cursor has its own code, so a client can drop it and start over.
  const cursor = result.target === 'query' ? issues.find((i) => i.path[0] === CURSOR_FIELD) : undefined;
  if (cursor) return c.json({ error: 'invalid_cursor', reason: `${CURSOR_FIELD}: ${cursor.message.replace(/^invalid_cursor: /, '')}` }, 400);
  const reason =
    result.target === 'param'
      ? issues.map((i) => i.message).join('; ')
      : issues.map((i) => `${i.path.join('.') || (result.target === 'json' ? 'body' : result.target)}: ${i.message}`).join('; ');
  return c.json({ error: 'invalid_request', reason }, 400);
}

const JSON_TYPE = /^application\/([a-z-.]+\+)?json(;\s*[a-zA-Z0-9-]+=([^;]+))*$/i;

/**
 * The body must parse as JSON, whatever Content-Type the client sent (as it
 * always has): a body that does not gets 400 invalid_json; one that does is
 * handed on as application/json, so the route's schema validates it.
 */
const jsonBody: MiddlewareHandler<ConsoleEnv> = async (c, next) => {
  const text = await c.req.text();
  try {
    JSON.parse(text);
  } catch {
    return c.json({ error: 'invalid_json', reason: 'the body must be JSON' }, 400);
  }
  if (!JSON_TYPE.test(c.req.header('content-type') ?? '')) {
    const headers = new Headers(c.req.raw.headers);
    headers.set('content-type', 'application/json');
    c.req.raw = new Request(c.req.raw.url, { method: c.req.raw.method, headers, body: text });
  }
  await next();
};

/** 403 unless the session's role has the permission; runs before any validation, as it always has. */
function permit(p: Permission): MiddlewareHandler<ConsoleEnv> {
  return async (c, next) => {
    const s = c.get('session');
    if (!can(s.role, p)) return c.json({ error: 'forbidden', reason: `your role (${s.role}) may not do this` }, 403);
    await next();
  };
}

/** A change: the permission it needs (checked first), said in the document, and a JSON body. */
function change(p: Permission, withBody: boolean): { description: string; middleware: MiddlewareHandler<ConsoleEnv>[] } {
  return {
    description: `Needs the ${p} permission; send the session's CSRF token as X-CSRF-Token.`,
    middleware: withBody ? [permit(p), jsonBody] : [permit(p)],
  };
}

function dbError(c: Ctx, error: unknown) {
  const r = readableDbError(error);
  if (!r) throw error;
  return c.json({ error: r.code, reason: r.message }, r.status);
}

const ok = <T extends z.ZodType>(schema: T, description = 'OK') => ({ description, content: { 'application/json': { schema } } });
const body = <T extends z.ZodType>(schema: T) => ({ body: { required: true, content: { 'application/json': { schema } } } });
const errorBody = { content: { 'application/json': { schema: ErrorBody } } };
const REFUSALS = {
  400: { description: 'Invalid input (nothing changed)', ...errorBody },
  401: { description: 'Not logged in' },
  403: { description: 'Role may not do this, or CSRF token missing', ...errorBody },
};
const notFound = (what: string) => ({ 404: { description: `No such ${what} in this workspace`, ...errorBody } });
const CONFLICT = { 409: { description: 'Refused by the database in its current state (nothing changed)', ...errorBody } };

const listCampaigns = createRoute({
  method: 'get',
  path: '/v1/campaigns',
  summary: 'Outbound campaigns with steps and 24 h runtime figures',
  responses: { 200: ok(CampaignList), ...REFUSALS },
});

const pauseAll = createRoute({
  method: 'post',
  path: '/v1/campaigns/pause-all',
  summary: 'Pause every running campaign; returns the re-read list',
  ...change('campaigns.toggle', false),
  responses: { 200: ok(CampaignList), ...REFUSALS },
});

const setActive = createRoute({
  method: 'post',
  path: '/v1/campaigns/{id}/active',
  summary: 'Switch one campaign on or off (public.set_campaign_active); returns it re-read',
  ...change('campaigns.toggle', true),
  request: { params: CampaignParams, ...body(SetActiveBody) },
  responses: { 200: ok(Campaign), ...REFUSALS, ...notFound('campaign'), ...CONFLICT },
});

const enroll = createRoute({
  method: 'post',
  path: '/v1/campaigns/{id}/enroll',
  summary: 'Enroll leads by filter (preview: true writes nothing)',
  ...change('campaigns.enroll', true),
  request: { params: CampaignParams, ...body(EnrollBody) },
  responses: { 200: ok(EnrollResult), ...REFUSALS, ...notFound('campaign'), ...CONFLICT },
});

const listLeads = createRoute({
  method: 'get',
  path: '/v1/leads',
  summary: 'One keyset page of lead_next_action_view_v5 with filters',
  request: { query: LeadFilterSchema },
  responses: { 200: ok(LeadPageBody), ...REFUSALS },
});

const showLead = createRoute({
  method: 'get',
  path: '/v1/leads/{id}',
  summary: 'A lead with its next action, suppression, attempts, send window and timeline',
  request: { params: LeadParams },
  responses: { 200: ok(LeadDetailBody), ...REFUSALS, ...notFound('lead') },
});

const suppress = createRoute({
  method: 'post',
  path: '/v1/leads/suppress',
  summary: 'Suppress leads on every channel (public.suppress_leads)',
  ...change('leads.act', true),
  request: body(SuppressBody),
  responses: { 200: ok(SuppressResult), ...REFUSALS, ...notFound('lead'), ...CONFLICT },
});

const message = createRoute({
  method: 'post',
  path: '/v1/leads/{id}/message',
  summary: 'Queue a one-off message through the dispatch path',
  ...change('leads.act', true),
  request: { params: LeadParams, ...body(MessageBody) },
  responses: { 202: ok(MessageResult, 'Queued'), ...REFUSALS, ...notFound('lead'), ...CONFLICT },
});

/** The document's frame; the paths come from the routes registered below. */
const DOCUMENT = {
  openapi: '3.1.0',
  info: { title: 'Revenue OS console API', version: '1.0.0', description: "Session-cookie API used by the operator console. Every request runs under row-level security for the session's account." },
  security: [{ session: [] }],
};

/** Mounted at the console's root; its paths (and the document's) start with /api. */
export function apiRoutes(): OpenAPIHono<ConsoleEnv> {
  const app = new OpenAPIHono<ConsoleEnv>({ defaultHook: refuse }).basePath('/api');
  app.openAPIRegistry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: 'ros_session' });

  app.openapi(listCampaigns, async (c) => c.json({ campaigns: json(await c.get('db')(loadCampaigns)) }, 200));

  app.openapi(pauseAll, async (c) => {
    const s = c.get('session');
    const campaigns = await c.get('db')(async (tx) => {
      await pauseAllCampaigns(tx, s.accountId, `api:${s.email}`);
      return loadCampaigns(tx);
    });
    return c.json({ campaigns: json(campaigns) }, 200);
  });

  app.openapi(setActive, async (c) => {
    const { id } = c.req.valid('param');
    const { active } = c.req.valid('json');
    const s = c.get('session');
    try {
      const row = await c.get('db')(async (tx) => {
        if (!(await switchCampaign(tx, id, active, `api:${s.email}`))) return null;
        return (await loadCampaigns(tx)).find((x) => x.id === id) ?? null;
      });
      if (!row) return c.json({ error: 'not_found', reason: 'no such campaign in this workspace' }, 404);
      return c.json(json(row), 200);
    } catch (error) {
      return dbError(c, error);
    }
  });

  app.openapi(enroll, async (c) => {
    const { id } = c.req.valid('param');
    const b = c.req.valid('json');
    try {
      const r: z.infer<typeof EnrollResult> = await c.get('db')((tx) => enrollLeads(tx, id, b.filter, b.preview));
      return c.json(r, 200);
    } catch (error) {
      return dbError(c, error);
    }
  });

  app.openapi(listLeads, async (c) => {
    const f = c.req.valid('query');
    const s = c.get('session');
    const page = await c.get('db')((tx) => loadLeadPage(tx, s.accountId, f));
    return c.json({ leads: json(page.rows), next: page.next, scanned: page.scanned, partial: page.partial }, 200);
  });

  app.openapi(showLead, async (c) => {
    const { id } = c.req.valid('param');
    const d = await c.get('db')((tx) => loadLead(tx, id));
    if (!d) return c.json({ error: 'not_found', reason: 'no such lead in this workspace' }, 404);
    const { campaigns: _c, setters: _s, ...rest } = d;
    return c.json(json(rest), 200);
  });

  app.openapi(suppress, async (c) => {
    const b = c.req.valid('json');
    const s = c.get('session');
    try {
      const results = await c.get('db')((tx) => suppressLeads(tx, b.lead_ids, b.reason, `api:${s.email}`));
      return c.json({ results: json(results) }, 200);
    } catch (error) {
      return dbError(c, error);
    }
  });

  app.openapi(message, async (c) => {
    const { id } = c.req.valid('param');
    const b = c.req.valid('json');
    const s = c.get('session');
    try {
      const touchId = await c.get('db')((tx) =>
        queueManualMessage(tx, id, { channel: b.channel, body: b.body, subject: b.subject ?? null, requestId: b.request_id ?? null }, `api:${s.email}`),
      );
      return c.json({ touch_run_id: touchId }, 202);
    } catch (error) {
      return dbError(c, error);
    }
  });

  app.doc31('/openapi.json', DOCUMENT);
  return app;
}
