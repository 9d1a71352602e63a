/**
 * The operator console: server-rendered pages (views/), htmx partial updates,
 * the JSON API the console's actions share, Server-Sent Events for the bell.
 *
 * Every page and action runs in one transaction as revenue_api with
 * app.account_id set (c.get('db')), so row-level security isolates accounts
 * even where a query forgets a filter. Roles are checked on the server for
 * every change; viewers see the same pages with the forms disabled.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Hono, type Context } from 'hono';
import { getSignedCookie, setSignedCookie } from 'hono/cookie';
import { streamSSE } from 'hono/streaming';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Sql, TransactionSql } from '../../db/client.ts';
import { log } from '../../lib/log.ts';
import { normalizePhone } from '../../lib/phone.ts';
import {
  can,
  endSession,
  requirePermission,
  requireSession,
  startSession,
  verifyPassword,
  type AuthOptions,
  type ConsoleEnv,
} from '../auth.ts';
import { readableDbError } from './errors.ts';
import { Document, Layout } from '../../views/layout.tsx';
import { Notice } from '../../views/ui.tsx';
import { DashboardPage } from '../../views/pages/dashboard.tsx';
import { CampaignList, EnrollResult } from '../../views/pages/campaigns.tsx';
import { LeadFilters, LeadTable } from '../../views/pages/leads.tsx';
import { LeadPage, leadTitle } from '../../views/pages/lead.tsx';
import { SettingsPage, type FieldErrors } from '../../views/pages/settings.tsx';
import { BellPanel } from '../../views/pages/bell.tsx';
import { loadDashboard } from '../domain/dashboard.ts';
import { loadCampaigns } from '../domain/campaigns.ts';
import { LeadFilterSchema, loadLead, loadLeadFilterOptions, loadLeadPage } from '../domain/leads.ts';
import { loadSettings, SECRET_KEYS } from '../domain/settings.ts';
import { loadBell, STAGES } from '../domain/notifications.ts';
import { apiRoutes } from './api.ts';
import { commandOsRoutes } from '../command-os/route.tsx';
import type { LlmConfig } from '../command-os/llm.ts';
import { programsRoutes } from '../programs.ts';
import { leadImportRoutes } from '../lead-import.ts';
import { programPages } from './programs.tsx';
import { importPages } from './imports.tsx';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const ASSETS: Record<string, { file: string; type: string }> = {
  'pico.min.css': { file: 'node_modules/@picocss/pico/css/pico.min.css', type: 'text/css; charset=utf-8' },
  'htmx.min.js': { file: 'node_modules/htmx.org/dist/htmx.min.js', type: 'text/javascript; charset=utf-8' },
  'app.css': { file: 'views/assets/app.css', type: 'text/css; charset=utf-8' },
  'app.js': { file: 'views/assets/app.js', type: 'text/javascript; charset=utf-8' },
};

export interface ConsoleDeps {
  /** Owner pool; requests still run as revenue_api through withTenant. */
  sql: Sql;
  /** Signs session cookies. */
  secret: string;
  /** PUBLIC_BASE_URL: decides Secure cookies and the allowed Origin. */
  publicBaseUrl: string;
  /** Command OS's OpenAI fallback; null or absent: rules only. */
  llm?: LlmConfig | null;
}

type Ctx = Context<ConsoleEnv>;

const LOGIN_CSRF_COOKIE = 'ros_login';

export function consoleRoutes(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const publicUrl = new URL(deps.publicBaseUrl);
  const auth: AuthOptions = {
    sql: deps.sql,
    secret: deps.secret,
    secureCookies: publicUrl.protocol === 'https:',
    publicOrigin: publicUrl.origin,
  };
  const app = new Hono<ConsoleEnv>();
  const assetCache = new Map<string, string>();

  app.get('/assets/:name', async (c) => {
    const asset = ASSETS[c.req.param('name')];
    if (!asset) return c.text('not found', 404);
    let body = assetCache.get(asset.file);
    if (body === undefined) {
      body = await readFile(path.join(ROOT, asset.file), 'utf8');
      assetCache.set(asset.file, body);
    }
    c.header('Content-Type', asset.type);
    c.header('Cache-Control', 'public, max-age=300');
    return c.body(body);
  });

  // ---- login / logout -----------------------------------------------------
  app.get('/login', async (c) => {
    const token = randomBytes(24).toString('base64url');
    await setSignedCookie(c, LOGIN_CSRF_COOKIE, token, deps.secret, {
      httpOnly: true, sameSite: 'Lax', secure: auth.secureCookies, path: '/login', maxAge: 3600,
    });
    return c.html(<LoginPage token={token} next={safeNext(c.req.query('next'))} />);
  });

  app.post('/login', async (c) => {
    const form = await c.req.parseBody();
    const expected = await getSignedCookie(c, deps.secret, LOGIN_CSRF_COOKIE);
    const sent = typeof form._csrf === 'string' ? form._csrf : '';
    const next = safeNext(typeof form.next === 'string' ? form.next : undefined);
    const fresh = async (status: 400 | 401 | 403 | 429, error: string) => {
      const token = randomBytes(24).toString('base64url');
      await setSignedCookie(c, LOGIN_CSRF_COOKIE, token, deps.secret, {
        httpOnly: true, sameSite: 'Lax', secure: auth.secureCookies, path: '/login', maxAge: 3600,
      });
      return c.html(<LoginPage token={token} next={next} error={error} email={typeof form.email === 'string' ? form.email : ''} />, status);
    };
    if (!expected || !sent || !equal(expected, sent)) {
      log('CSRF_REJECTED', { path: '/login', reason: 'login_token' }, 'warn');
      return fresh(403, 'The form expired. Please try again.');
    }
    const email = typeof form.email === 'string' ? form.email.trim().toLowerCase() : '';
    const password = typeof form.password === 'string' ? form.password : '';
    if (!email || !password || email.length > 320 || password.length > 200) return fresh(400, 'Enter your email and password.');
    const ip = clientIp(c);
    const ua = c.req.header('user-agent') ?? null;
    const lookup = await asApi(deps.sql, (tx) => tx<{ user_id: string | null; password_hash: string | null; rate_limited: boolean }[]>`
      select * from public.login_lookup(${email}, ${ip})`);
    const row = lookup[0]!;
    if (row.rate_limited) {
      log('LOGIN_RATE_LIMITED', { ip }, 'warn');
      return fresh(429, 'Too many failed logins. Wait a minute and try again.');
    }
    const ok = await verifyPassword(password, row.password_hash);
    const done = await asApi(deps.sql, (tx) => tx<{ session_id: string }[]>`
      select * from public.login_complete(${email}, ${ip}, ${ua}, ${row.user_id}, ${ok && row.user_id !== null})`);
    if (!ok || !done[0]) {
      log('LOGIN_FAILED', { ip }, 'warn');
      return fresh(401, 'Wrong email or password.');
    }
    await startSession(c, auth, done[0].session_id);
    log('LOGIN_SUCCEEDED', { user_id: row.user_id });
    return c.redirect(next, 303);
  });

  app.use('*', async (c, next) => {
    if (c.req.path.startsWith('/assets/') || c.req.path === '/login') return next();
    return requireSession(auth)(c, next);
  });

  app.post('/logout', async (c) => {
    const s = c.get('session');
    await asApi(deps.sql, (tx) => tx`select public.session_revoke(${s.sessionId})`);
    endSession(c);
    return c.redirect('/login', 303);
  });

  // ---- pages ----------------------------------------------------------------
  app.get('/', async (c) => {
    const s = c.get('session');
    const data = await c.get('db')((tx) => loadDashboard(tx, s.accountId));
    return c.html(
      <Layout title="Dashboard" session={s} active="dashboard">
        <DashboardPage data={data} />
      </Layout>,
    );
  });

  app.get('/campaigns', async (c) => {
    const s = c.get('session');
    const campaigns = await c.get('db')(loadCampaigns);
    return c.html(
      <Layout title="Outbound campaigns" session={s} active="campaigns">
        <p class="muted">LeadGen programs such as Craigslist are not campaigns: see <a href="/programs">Programs</a>.</p>
        <CampaignList campaigns={campaigns} csrf={s.csrfToken} canToggle={can(s.role, 'campaigns.toggle')} />
      </Layout>,
    );
  });

  app.post('/campaigns/pause-all', requirePermission('campaigns.toggle'), async (c) => {
    const s = c.get('session');
    const { changed, campaigns } = await c.get('db')(async (tx) => {
      const changed = await tx`select id from public.set_campaigns_active_bulk(${s.accountId}, false, ${actor(c)})`;
      return { changed: changed.length, campaigns: await loadCampaigns(tx) };
    });
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
      const { row, campaigns } = await c.get('db')(async (tx) => {
        const [row] = await tx<{ name: string; is_active: boolean; status: string }[]>`
          select name, is_active, status from public.set_campaign_active(${id.data}, ${active}, ${actor(c)})`;
        return { row, campaigns: await loadCampaigns(tx) };
      });
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
      const v = typeof form[k] === 'string' ? (form[k] as string).trim() : '';
      if (v) filter[k] = v;
    }
    const preview = form.mode !== 'enroll';
    try {
      const [r] = await c.get('db')((tx) => tx<{ matched: number; already_enrolled: number; not_contactable: number; to_enroll: number; enrolled: number }[]>`
        select matched::int, already_enrolled::int, not_contactable::int, to_enroll::int, enrolled::int
        from public.enroll_leads(${id.data}, ${tx.json(filter)}, ${preview})`);
      return c.html(<EnrollResult r={r!} preview={preview} />);
    } catch (error) {
      return dbErrorFragment(c, error);
    }
  });

  app.get('/leads', async (c) => {
    const s = c.get('session');
    const parsed = LeadFilterSchema.safeParse(c.req.query());
    if (!parsed.success) {
      return c.html(
        <Layout title="Leads" session={s} active="leads">
          <Notice kind="error">{parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}</Notice>
          <a href="/leads">Clear the filters</a>
        </Layout>,
        400,
      );
    }
    const { page, options } = await c.get('db')(async (tx) => ({
      page: await loadLeadPage(tx, s.accountId, parsed.data),
      options: await loadLeadFilterOptions(tx),
    }));
    return c.html(
      <Layout title="Leads" session={s} active="leads">
        <LeadFilters f={parsed.data} o={options} />
        <LeadTable page={page} f={parsed.data} csrf={s.csrfToken} canAct={can(s.role, 'leads.act')} />
      </Layout>,
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
        const rows = await tx<{ suppressed: boolean }[]>`select * from public.suppress_leads(${ids}::uuid[], ${reason}, ${actor(c)})`;
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
    const d = id.success ? await c.get('db')((tx) => loadLead(tx, id.data)) : null;
    if (!d) {
      return c.html(
        <Layout title="Lead not found" session={s} active="leads">
          <p>There is no such lead in this workspace. <a href="/leads">Back to leads</a></p>
        </Layout>,
        404,
      );
    }
    return c.html(
      <Layout title={leadTitle(d)} session={s} active="leads">
        <LeadPage d={d} csrf={s.csrfToken} canAct={can(s.role, 'leads.act')} canEnroll={can(s.role, 'campaigns.enroll')} />
      </Layout>,
    );
  });

  const actOnLead = async (
    c: Ctx,
    run: (tx: TransactionSql, leadId: string, form: Record<string, string | File>) => Promise<string>,
  ) => {
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
      const [r] = await tx<{ suppressed: boolean }[]>`
        select * from public.suppress_leads(array[${id}]::uuid[], ${String(form.reason ?? 'manual')}, ${actor(c)})`;
      if (!r) throw Object.assign(new Error('lead_not_found'), { code: 'P0002', detail: 'no such lead in this workspace' });
      return r.suppressed ? 'Suppressed on every channel; scheduled touches were canceled.' : 'The lead was already suppressed.';
    }),
  );
  app.post('/leads/:id/assign', requirePermission('leads.act'), (c) =>
    actOnLead(c, async (tx, id, form) => {
      const user = z.string().uuid().safeParse(form.user_id);
      if (!user.success) throw Object.assign(new Error('invalid_argument'), { code: '22023', detail: 'choose who to assign the lead to' });
      const [r] = await tx<{ changed: boolean }[]>`select public.assign_lead(${id}, ${user.data}, ${c.get('session').userId}) as changed`;
      return r!.changed ? 'Assigned.' : 'The lead was already assigned to them.';
    }),
  );
  app.post('/leads/:id/enroll', requirePermission('campaigns.enroll'), (c) =>
    actOnLead(c, async (tx, id, form) => {
      const campaign = z.string().uuid().safeParse(form.campaign_id);
      if (!campaign.success) throw Object.assign(new Error('invalid_argument'), { code: '22023', detail: 'choose a campaign' });
      const [r] = await tx<{ enrolled: number; already_enrolled: number; not_contactable: number }[]>`
        select enrolled::int, already_enrolled::int, not_contactable::int
        from public.enroll_leads(${campaign.data}, ${tx.json({ lead_ids: [id] })}, false)`;
      if (r!.enrolled) return 'Enrolled at step 1.';
      return r!.already_enrolled ? 'The lead is already in that campaign.' : 'This lead cannot be contacted (suppressed, closed or dead), so it was not enrolled.';
    }),
  );
  app.post('/leads/:id/resume', requirePermission('campaigns.enroll'), (c) =>
    actOnLead(c, async (tx, id, form) => {
      const campaign = z.string().uuid().safeParse(form.campaign_id);
      if (!campaign.success) throw Object.assign(new Error('invalid_argument'), { code: '22023', detail: 'choose a campaign' });
      const [r] = await tx<{ current_step: number }[]>`
        select current_step from public.resume_campaign_lead(${campaign.data}, ${id}, ${actor(c)})`;
      return `Resumed: step ${r!.current_step} is due now.`;
    }),
  );
  app.post('/leads/:id/lift-consent', requirePermission('campaigns.enroll'), (c) =>
    actOnLead(c, async (tx, id, form) => {
      const [r] = await tx<{ result: { outcome: string; suppressions_lifted?: number } }[]>`
        select public.lift_consent_revocation(${id}, ${String(form.reason ?? '')}, ${actor(c)}) as result`;
      return r!.result.outcome === 'lifted'
        ? `Revocation lifted (${r!.result.suppressions_lifted ?? 0} suppression${r!.result.suppressions_lifted === 1 ? '' : 's'}); the reason is on the timeline.`
        : 'There was no revocation to lift.';
    }),
  );
  app.post('/leads/:id/message', requirePermission('leads.act'), (c) =>
    actOnLead(c, async (tx, id, form) => {
      const subject = typeof form.subject === 'string' && form.subject.trim() ? form.subject.trim() : null;
      const [r] = await tx<{ id: string }[]>`
        select public.queue_manual_message(${id}, ${String(form.channel ?? '')}, ${String(form.body ?? '')}, ${subject}, ${actor(c)},
                                           now(), ${typeof form.request_id === 'string' && form.request_id ? form.request_id : null}) as id`;
      return `Queued for the dispatch worker (touch ${r!.id.slice(0, 8)}): suppression and the send window still apply.`;
    }),
  );

  // ---- settings -----------------------------------------------------------------
  app.get('/settings', async (c) => {
    const s = c.get('session');
    const data = await c.get('db')(loadSettings);
    return c.html(
      <Layout title="Settings" session={s} active="settings">
        <SettingsPage s={data} csrf={s.csrfToken} canEdit={can(s.role, 'settings.edit')} canProviders={can(s.role, 'providers.edit')} />
      </Layout>,
    );
  });

  const saveSettings = async (c: Ctx, update: (tx: TransactionSql, form: Record<string, string | File>) => Promise<FieldErrors | string>) => {
    const s = c.get('session');
    const form = await c.req.parseBody();
    let errors: FieldErrors | undefined;
    let notice: { kind: 'ok' | 'error'; text: string } | undefined;
    try {
      const r = await c.get('db')((tx) => update(tx, form));
      if (typeof r === 'string') notice = { kind: 'ok', text: r };
      else errors = r;
    } catch (error) {
      const r = readableDbError(error);
      if (!r) throw error;
      errors = { [r.field ?? 'general']: r.message };
    }
    if (errors) notice = { kind: 'error', text: 'Nothing was saved: ' + Object.values(errors).join(' ') };
    const data = await c.get('db')(loadSettings);
    return c.html(
      <SettingsPage s={data} csrf={s.csrfToken} canEdit={can(s.role, 'settings.edit')} canProviders={can(s.role, 'providers.edit')} errors={errors} notice={notice} />,
      errors ? 400 : 200,
    );
  };

  const text = (form: Record<string, string | File>, k: string) => (typeof form[k] === 'string' ? (form[k] as string).trim() : '');

  app.post('/settings/identity', requirePermission('settings.edit'), (c) =>
    saveSettings(c, async (tx, form) => {
      const tz = text(form, 'timezone') || null;
      if (tz) {
        const [ok] = await tx<{ ok: boolean }[]>`select exists (select 1 from pg_timezone_names where name = ${tz}) as ok`;
        if (!ok!.ok) return { timezone: `${tz} is not a time zone name (like America/New_York).` };
      }
      await tx`update public.org_settings set business_name = ${text(form, 'business_name') || null}, timezone = ${tz},
               persona_name = ${text(form, 'persona_name') || null},
               onboarding_step = greatest(onboarding_step, 2)`;
      return 'Identity saved. Next: contact.';
    }),
  );
  app.post('/settings/contact', requirePermission('settings.edit'), (c) =>
    saveSettings(c, async (tx, form) => {
      const errors: FieldErrors = {};
      const phone = (k: string) => {
        const v = text(form, k);
        if (!v) return null;
        const n = normalizePhone(v, 'US');
        if (!n.ok) {
          errors[k] = `${v} is not a phone number we can dial (${n.reason}).`;
          return null;
        }
        return n.e164;
      };
      const contactPhone = phone('contact_phone');
      const whatsapp = phone('contact_whatsapp');
      if (Object.keys(errors).length) return errors;
      const email = text(form, 'contact_email').toLowerCase() || null;
      try {
        await tx`update public.org_settings set contact_email = ${email}, contact_phone = ${contactPhone},
                 contact_whatsapp = ${whatsapp}, onboarding_step = greatest(onboarding_step, 3)`;
      } catch (error) {
        if ((error as { constraint_name?: string }).constraint_name === 'email_address_check') {
          return { contact_email: `${email} is not an email address (like name@example.com).` };
        }
        throw error;
      }
      return 'Contact saved. Next: LeadGen routing.';
    }),
  );
  app.post('/settings/routing', requirePermission('settings.edit'), (c) =>
    saveSettings(c, async (tx, form) => {
      const radiusText = text(form, 'radius_miles');
      const radius = radiusText === '' ? undefined : Number(radiusText);
      if (radius !== undefined && !Number.isFinite(radius)) return { radius_miles: `"${radiusText}" is not a number of miles.` };
      const routing: Record<string, unknown> = {
        dealer_address: text(form, 'dealer_address') || null,
        city_fallback: text(form, 'city_fallback').toLowerCase() || null,
        active: form.active === 'true',
      };
      if (radius !== undefined) routing.radius_miles = radius;
      // The database's CHECK constraints decide (radius 1-50, address when active).
      await tx`update public.org_settings set leadgen_routing = ${tx.json(routing as never)},
               onboarding_step = 3, onboarding_completed_at = coalesce(onboarding_completed_at, now())`;
      return 'Routing saved. Onboarding is complete.';
    }),
  );
  app.post('/settings/window', requirePermission('settings.edit'), (c) =>
    saveSettings(c, async (tx, form) => {
      const start = text(form, 'send_window_start');
      const end = text(form, 'send_window_end');
      if (!/^\d{2}:\d{2}$/.test(start) || !/^\d{2}:\d{2}$/.test(end)) return { send_window: 'Give both times as HH:MM.' };
      await tx`update public.org_settings set send_window_start = ${start}::time, send_window_end = ${end}::time`;
      return `Send window saved: ${start}–${end} in each lead's time zone.`;
    }),
  );
  app.post('/settings/provider', requirePermission('providers.edit'), (c) =>
    saveSettings(c, async (tx, form): Promise<FieldErrors | string> => {
      const channel = text(form, 'channel');
      const provider = text(form, 'provider');
      if (!['sms', 'voice', 'whatsapp', 'email'].includes(channel)) return { senders: 'Choose a channel.' };
      if (!(provider in SECRET_KEYS)) return { senders: 'Choose a provider.' };
      const senders: { address: string; persona?: string }[] = [];
      for (const line of text(form, 'senders').split(/\r?\n/).map((l) => l.trim()).filter(Boolean)) {
        const [address, persona] = line.split(/\s+/);
        if (persona && !['initial', 'nudge', 'booking'].includes(persona)) return { senders: `Persona "${persona}" is not initial, nudge or booking.` };
        if (channel === 'email') {
          if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address!)) return { senders: `${address} is not an email address.` };
          senders.push({ address: address!.toLowerCase(), ...(persona ? { persona } : {}) });
        } else {
          const n = normalizePhone(address!, 'US');
          if (!n.ok) return { senders: `${address} is not a phone number (${n.reason}).` };
          senders.push({ address: n.e164, ...(persona ? { persona } : {}) });
        }
      }
      const secretKey = text(form, 'secret_key');
      const secretValue = typeof form.secret_value === 'string' ? form.secret_value : '';
      if ((secretKey && !secretValue) || (!secretKey && secretValue)) return { secret: 'Give both the secret name and its value, or neither.' };
      if (secretKey && !SECRET_KEYS[provider]!.includes(secretKey)) {
        return { secret: `${provider} takes ${SECRET_KEYS[provider]!.join(', ') || 'no secrets'}.` };
      }
      const config = senders.length ? { senders } : {};
      const secrets = secretKey ? { [secretKey]: secretValue } : {};
      // Secrets are write-only: merged in, never read back.
      await tx`
        insert into public.account_provider_settings (account_id, channel, provider, is_default, config, secrets)
        values (${c.get('session').accountId}, ${channel}, ${provider}, false, ${tx.json(config)}, ${tx.json(secrets)})
        on conflict (account_id, channel, provider) do update
          set config = case when ${senders.length > 0} then public.account_provider_settings.config || excluded.config
                            else public.account_provider_settings.config end,
              secrets = public.account_provider_settings.secrets || excluded.secrets`;
      await tx`update public.account_provider_settings set is_default = false where channel = ${channel} and provider <> ${provider} and is_default`;
      await tx`update public.account_provider_settings set is_default = true where channel = ${channel} and provider = ${provider}`;
      log('PROVIDER_SETTINGS_SAVED', { channel, provider, secret_key: secretKey || undefined });
      return `${provider} is now the ${channel} provider${secretKey ? `; ${secretKey} stored (write-only)` : ''}.`;
    }),
  );

  // ---- notifications: the bell -------------------------------------------------
  app.get('/notifications/count', async (c) => {
    const bell = await c.get('db')(loadBell);
    const n = bell.groups.reduce((a, g) => a + g.count, 0);
    return c.html(n ? <>{n}</> : <></>);
  });
  app.get('/notifications', async (c) => {
    const bell = await c.get('db')(loadBell);
    return c.html(<BellPanel bell={bell} />);
  });
  app.get('/events', (c) => {
    const s = c.get('session');
    return streamSSE(c, async (stream) => {
      const unsubscribe = inboundBus(deps.sql).subscribe(s.accountId, (event) => {
        void stream.writeSSE({ event: 'inbound', data: JSON.stringify(event) });
      });
      stream.onAbort(unsubscribe);
      await stream.writeSSE({ event: 'ready', data: JSON.stringify({ stages: STAGES.map((x) => x.key) }) });
      while (!stream.aborted) {
        await stream.sleep(25_000);
        if (!stream.aborted) await stream.writeSSE({ event: 'ping', data: '{}' });
      }
      unsubscribe();
    });
  });

  // ---- programs, imports, Command OS, JSON API ------------------------------------
  app.route('/programs', programPages());
  app.route('/imports', importPages());
  app.route('/api/command-os', commandOsRoutes({ llm: deps.llm ?? null }));
  app.route('/api/programs', programsRoutes());
  app.route('/api/imports', leadImportRoutes());
  app.route('/api', apiRoutes());

  return app;
}

function dbErrorFragment(c: Ctx, error: unknown) {
  const r = readableDbError(error);
  if (!r) throw error;
  return c.html(<Notice kind="error">{r.message}</Notice>, r.status);
}

function actor(c: Ctx): string {
  const s = c.get('session');
  return `console:${s.email}`;
}

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function safeNext(next: string | undefined): string {
  return next && /^\/(?![/\\])[\w\-./?=&%]*$/.test(next) && !next.startsWith('/login') ? next : '/';
}

function clientIp(c: Ctx): string | null {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? null;
}

async function asApi<T>(sql: Sql, fn: (tx: TransactionSql) => Promise<T>): Promise<T> {
  return (await sql.begin(async (tx) => {
    await tx.unsafe('set local role revenue_api');
    return fn(tx);
  })) as T;
}

// ---- pg_notify 'revenue_inbound' fan-out to SSE clients -------------------------
type InboundEvent = { account_id: string; lead_id: string; stage: string; channel: string; classification: string | null };
const buses = new WeakMap<Sql, InboundBus>();

class InboundBus {
  private listeners = new Map<string, Set<(e: InboundEvent) => void>>();
  private started: Promise<unknown> | null = null;
  constructor(private readonly sql: Sql) {}
  subscribe(accountId: string, fn: (e: InboundEvent) => void): () => void {
    this.started ??= this.sql
      .listen('revenue_inbound', (payload) => {
        let e: InboundEvent;
        try {
          e = JSON.parse(payload) as InboundEvent;
        } catch {
          return;
        }
        // Only this account's listeners hear it; no message body is in the payload.
        for (const l of this.listeners.get(e.account_id) ?? []) l(e);
      })
      .catch((error: Error) => {
        this.started = null;
        log('SSE_LISTEN_FAILED', { error: error.message }, 'error');
      });
    let set = this.listeners.get(accountId);
    if (!set) this.listeners.set(accountId, (set = new Set()));
    set.add(fn);
    return () => set!.delete(fn);
  }
}

function inboundBus(sql: Sql): InboundBus {
  let bus = buses.get(sql);
  if (!bus) buses.set(sql, (bus = new InboundBus(sql)));
  return bus;
}

const LoginPage = ({ token, next, error, email }: { token: string; next: string; error?: string; email?: string }) => (
  <Document title="Log in">
    <main class="container login">
      <article>
        <header>
          <h1>Revenue OS</h1>
          <p class="muted">Log in to the operator console.</p>
        </header>
        {error ? <Notice kind="error">{error}</Notice> : null}
        <form method="post" action="/login">
          <input type="hidden" name="_csrf" value={token} />
          <input type="hidden" name="next" value={next} />
          <label>Email<input name="email" type="email" autocomplete="username" required value={email ?? ''} /></label>
          <label>Password<input name="password" type="password" autocomplete="current-password" required /></label>
          <button type="submit">Log in</button>
        </form>
      </article>
    </main>
  </Document>
);
