/**
 * Console security over plain HTTP: sessions, CSRF, roles on the server, and
 * row-level security between accounts. Every refused request must change nothing.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../api/app.ts';
import { consoleRoutes } from '../api/console/index.tsx';
import { httpLogin, PASSWORD, startConsoleServer, type ConsoleServer } from './harness/console.ts';

let srv: ConsoleServer;
let owner: { cookie: string; csrf: string };
let viewer: { cookie: string; csrf: string };
let other: { cookie: string; csrf: string };
let campaignId: string;
let leadId: string;

const form = (o: Record<string, string>) => new URLSearchParams(o);

/**
 * A form post on its own connection: the server answers an oversized body
 * before reading it and then closes the socket, which must not be fetch's
 * pooled one.
 */
function postOnce(path: string, headers: Record<string, string>, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${srv.url}${path}`, {
      method: 'POST', agent: false,
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), connection: 'close' },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function snapshot() {
  const [r] = await srv.db.sql<{ active: number; suppressed: number; enrollments: number; touches: number; routing: unknown }[]>`
    select (select count(*)::int from public.campaigns where is_active) as active,
           (select count(*)::int from public.leads where status = 'suppressed') as suppressed,
           (select count(*)::int from public.campaign_leads) as enrollments,
           (select count(*)::int from public.touch_runs) as touches,
           (select leadgen_routing from public.org_settings where account_id = ${srv.demoAccountId}) as routing`;
  return r!;
}

beforeAll(async () => {
  srv = await startConsoleServer('console_sec');
  owner = await httpLogin(srv.url, srv.users.owner);
  viewer = await httpLogin(srv.url, srv.users.viewer);
  other = await httpLogin(srv.url, srv.users.other);
  const [c] = await srv.db.sql<{ id: string }[]>`select id from public.campaigns where account_id = ${srv.demoAccountId} limit 1`;
  campaignId = c!.id;
  const [l] = await srv.db.sql<{ id: string }[]>`select id from public.leads where account_id = ${srv.demoAccountId} and phone is not null limit 1`;
  leadId = l!.id;
});

afterAll(async () => {
  await srv?.close();
});

describe('console security', () => {
  it('pages need a session: HTML requests go to the login page, API requests get 401', async () => {
    const page = await fetch(`${srv.url}/campaigns`, { redirect: 'manual', headers: { accept: 'text/html' } });
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe('/login?next=%2Fcampaigns');
    const api = await fetch(`${srv.url}/api/v1/campaigns`);
    expect(api.status).toBe(401);
    expect(await api.json()).toMatchObject({ error: 'not_logged_in' });
  });

  it('a login form without its token is refused', async () => {
    const res = await fetch(`${srv.url}/login`, {
      method: 'POST', redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form({ email: srv.users.owner, password: PASSWORD }),
    });
    expect(res.status).toBe(403);
    expect(res.headers.getSetCookie().some((c) => c.startsWith('ros_session='))).toBe(false);
  });

  it('a post without the CSRF token is refused and changes nothing', async () => {
    const before = await snapshot();
    const noToken = await fetch(`${srv.url}/campaigns/pause-all`, {
      method: 'POST', headers: { cookie: owner.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: form({}),
    });
    expect(noToken.status).toBe(403);
    expect(await noToken.json()).toMatchObject({ error: 'csrf' });
    const wrongToken = await fetch(`${srv.url}/api/v1/campaigns/pause-all`, {
      method: 'POST', headers: { cookie: owner.cookie, 'x-csrf-token': 'x'.repeat(64) },
    });
    expect(wrongToken.status).toBe(403);
    const crossSite = await fetch(`${srv.url}/api/v1/campaigns/pause-all`, {
      method: 'POST', headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrf, origin: 'https://evil.example.com' },
    });
    expect(crossSite.status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it('a viewer sees the pages with forms disabled and cannot change anything', async () => {
    const before = await snapshot();
    const page = await fetch(`${srv.url}/campaigns`, { headers: { cookie: viewer.cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('fieldset disabled');
    const h = { cookie: viewer.cookie, 'x-csrf-token': viewer.csrf };
    const attempts = [
      fetch(`${srv.url}/campaigns/pause-all`, { method: 'POST', headers: h }),
      fetch(`${srv.url}/campaigns/${campaignId}/active`, { method: 'POST', headers: { ...h, 'content-type': 'application/x-www-form-urlencoded' }, body: form({ active: 'false' }) }),
      fetch(`${srv.url}/campaigns/${campaignId}/enroll`, { method: 'POST', headers: { ...h, 'content-type': 'application/x-www-form-urlencoded' }, body: form({ mode: 'enroll' }) }),
      fetch(`${srv.url}/leads/suppress`, { method: 'POST', headers: { ...h, 'content-type': 'application/x-www-form-urlencoded' }, body: form({ lead_id: leadId }) }),
      fetch(`${srv.url}/leads/${leadId}/message`, { method: 'POST', headers: { ...h, 'content-type': 'application/x-www-form-urlencoded' }, body: form({ channel: 'sms', body: 'hi' }) }),
      fetch(`${srv.url}/settings/routing`, { method: 'POST', headers: { ...h, 'content-type': 'application/x-www-form-urlencoded' }, body: form({ radius_miles: '10', dealer_address: 'x', active: 'true' }) }),
      fetch(`${srv.url}/programs/craigslist/start`, { method: 'POST', headers: { ...h, 'content-type': 'application/x-www-form-urlencoded' }, body: form({ city: 'miami' }) }),
      fetch(`${srv.url}/api/v1/campaigns/${campaignId}/active`, { method: 'POST', headers: { ...h, 'content-type': 'application/json' }, body: JSON.stringify({ active: false }) }),
      fetch(`${srv.url}/api/v1/leads/suppress`, { method: 'POST', headers: { ...h, 'content-type': 'application/json' }, body: JSON.stringify({ lead_ids: [leadId] }) }),
      fetch(`${srv.url}/api/command-os`, { method: 'POST', headers: { ...h, 'content-type': 'application/json' }, body: JSON.stringify({ text: 'pausa todas las campañas' }) }),
    ];
    const results = await Promise.all(attempts);
    for (const r of results.slice(0, -1)) expect(r.status).toBe(403);
    // Command OS answers the viewer (200) but refuses the change in its reply.
    const cos = (await results[results.length - 1]!.json()) as { ok: boolean };
    expect(cos.ok).toBe(false);
    const [tasks] = await srv.db.sql<{ n: number }[]>`select count(*)::int as n from lead_hunter.craigslist_tasks_v1`;
    expect(tasks!.n).toBe(0);
    expect(await snapshot()).toEqual(before);
  });

  it("account A cannot see account B's pages or API data", async () => {
    const leadPage = await fetch(`${srv.url}/leads/${srv.otherLeadId}`, { headers: { cookie: owner.cookie } });
    expect(leadPage.status).toBe(404);
    expect(await leadPage.text()).not.toContain('Secret');
    const apiLead = await fetch(`${srv.url}/api/v1/leads/${srv.otherLeadId}`, { headers: { cookie: owner.cookie } });
    expect(apiLead.status).toBe(404);
    const campaigns = (await (await fetch(`${srv.url}/api/v1/campaigns`, { headers: { cookie: owner.cookie } })).json()) as { campaigns: { id: string }[] };
    expect(campaigns.campaigns.length).toBeGreaterThan(0);
    expect(campaigns.campaigns.map((c) => c.id)).not.toContain(srv.otherCampaignId);
    const list = await (await fetch(`${srv.url}/leads?q=Secret`, { headers: { cookie: owner.cookie } })).text();
    expect(list).not.toContain(srv.otherLeadId);
    // Acting on B's records by id finds nothing and changes nothing.
    const before = await snapshot();
    const toggle = await fetch(`${srv.url}/api/v1/campaigns/${srv.otherCampaignId}/active`, {
      method: 'POST', headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrf, 'content-type': 'application/json' }, body: JSON.stringify({ active: false }),
    });
    expect(toggle.status).toBe(404);
    const suppress = await fetch(`${srv.url}/api/v1/leads/suppress`, {
      method: 'POST', headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrf, 'content-type': 'application/json' }, body: JSON.stringify({ lead_ids: [srv.otherLeadId] }),
    });
    expect(await suppress.json()).toEqual({ results: [] });
    expect(await snapshot()).toEqual(before);
    // And B sees its own.
    const mine = await fetch(`${srv.url}/api/v1/leads/${srv.otherLeadId}`, { headers: { cookie: other.cookie } });
    expect(mine.status).toBe(200);
  });

  it('bad input gets a 400 with a reason and changes nothing', async () => {
    const before = await snapshot();
    const h = { cookie: owner.cookie, 'x-csrf-token': owner.csrf, 'content-type': 'application/json' };
    const notJson = await fetch(`${srv.url}/api/v1/leads/suppress`, { method: 'POST', headers: h, body: '{' });
    expect(notJson.status).toBe(400);
    const badReason = await fetch(`${srv.url}/api/v1/leads/suppress`, { method: 'POST', headers: h, body: JSON.stringify({ lead_ids: [leadId], reason: 'because' }) });
    expect(badReason.status).toBe(400);
    expect(((await badReason.json()) as { reason: string }).reason).toContain('reason');
    const badFilter = await fetch(`${srv.url}/api/v1/leads?state=sleeping`, { headers: { cookie: owner.cookie } });
    expect(badFilter.status).toBe(400);
    const emptyMessage = await fetch(`${srv.url}/api/v1/leads/${leadId}/message`, { method: 'POST', headers: h, body: JSON.stringify({ channel: 'sms', body: '' }) });
    expect(emptyMessage.status).toBe(400);
    const radius = await fetch(`${srv.url}/settings/routing`, {
      method: 'POST', headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrf, 'content-type': 'application/x-www-form-urlencoded' },
      body: form({ dealer_address: '1 Main St', radius_miles: '80', active: 'true' }),
    });
    expect(radius.status).toBe(400);
    expect(await radius.text()).toContain('between 1 and 50');
    expect(await snapshot()).toEqual(before);
  });

  it('pages carry secure headers, and an oversized post is refused before it is read, changing nothing', async () => {
    const page = await fetch(`${srv.url}/campaigns`, { headers: { cookie: owner.cookie } });
    expect(page.status).toBe(200);
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    const csp = page.headers.get('content-security-policy') ?? '';
    for (const d of ["default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'", "form-action 'self'"]) expect(csp).toContain(d);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    // The login page, a 404 and the webhooks answer with the same headers.
    for (const path of ['/login', '/assets/nothing-here.js', '/healthz']) {
      const r = await fetch(`${srv.url}${path}`);
      expect(r.headers.get('content-security-policy'), path).toBe(csp);
      expect(r.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
    // The unsubscribe page keeps its stricter Referrer-Policy, and its one inline <style> is allowed by hash.
    const unsub = await fetch(`${srv.url}/unsubscribe/not-a-real-token`);
    expect(unsub.headers.get('referrer-policy')).toBe('no-referrer');
    const style = /<style>([^<]*)<\/style>/.exec(await unsub.text())![1]!;
    expect(unsub.headers.get('content-security-policy')).toContain(`'sha256-${createHash('sha256').update(style).digest('base64')}'`);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('same-origin');
    expect(page.headers.get('strict-transport-security')).toBeNull(); // served over http here
    const before = await snapshot();
    const big = 'x'.repeat(2 * 1024 * 1024);
    const login = await postOnce('/login', {}, form({ email: srv.users.owner, password: big }).toString());
    expect(login.status).toBe(413);
    const settings = await postOnce('/settings/routing', { cookie: owner.cookie, 'x-csrf-token': owner.csrf }, form({ dealer_address: big, radius_miles: '10', active: 'true' }).toString());
    expect(settings.status).toBe(413);
    expect(JSON.parse(settings.body)).toMatchObject({ error: 'body_too_large' });
    expect(await snapshot()).toEqual(before);
  });

  it('sends Strict-Transport-Security only when the public URL is https', async () => {
    const make = (publicBaseUrl: string) =>
      createApp({ sql: srv.db.sql, workerHealth: () => null, console: { secret: 'console-test-cookie-secret-0123456789', publicBaseUrl } });
    const https = await make('https://console.example.com').request('/login');
    expect(https.headers.get('strict-transport-security')).toBe('max-age=15552000; includeSubDomains');
    expect(https.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const http = await make('http://127.0.0.1:3000').request('/login');
    expect(http.headers.get('strict-transport-security')).toBeNull();
  });

  it('no view carries an inline script, event handler, style attribute or hx-on (the CSP would block them)', async () => {
    const root = path.resolve(import.meta.dirname, '..');
    const files = (await readdir(root, { recursive: true }))
      .filter((f) => /^(views|api)\/.*\.tsx?$/.test(f) && f !== 'api/security-headers.ts');
    expect(files.length).toBeGreaterThan(20);
    const found: string[] = [];
    for (const f of files) {
      const text = await readFile(path.join(root, f), 'utf8');
      for (const m of text.matchAll(/\son[a-z]+=["{]|\sstyle=["{]|\shx-on[:-]|<script>|\bjs:/g)) found.push(`${f}: ${m[0].trim()}`);
    }
    expect(found).toEqual([]);
  });

  it('logging out revokes the session on the server', async () => {
    const s = await httpLogin(srv.url, srv.users.admin);
    const out = await fetch(`${srv.url}/logout`, {
      method: 'POST', redirect: 'manual', headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: form({ _csrf: s.csrf }),
    });
    expect(out.status).toBe(303);
    const again = await fetch(`${srv.url}/api/v1/campaigns`, { headers: { cookie: s.cookie } });
    expect(again.status).toBe(401);
  });

  it('serves an OpenAPI document generated from the zod schemas', async () => {
    const doc = (await (await fetch(`${srv.url}/api/openapi.json`, { headers: { cookie: owner.cookie } })).json()) as { openapi: string; paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> } }>> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/v1/leads/suppress');
    expect(doc.paths['/api/v1/leads/suppress']!.post!.requestBody!.content['application/json']!.schema.properties).toHaveProperty('lead_ids');
  });
  it('the OpenAPI document lists every route served under /api/v1, and a body its schema refuses gets 400 naming the field', async () => {
    const doc = (await (await fetch(`${srv.url}/api/openapi.json`, { headers: { cookie: owner.cookie } })).json()) as { paths: Record<string, Record<string, unknown>>; components: { securitySchemes: Record<string, unknown> } };
    const app = consoleRoutes({ sql: srv.db.sql, secret: 'console-test-cookie-secret-0123456789', publicBaseUrl: 'http://127.0.0.1:1' });
    const served = new Set(app.routes.filter((r) => r.path.startsWith('/api/v1') && r.method !== 'ALL').map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`));
    const documented = new Set(Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)).filter((k) => k.includes(' /api/v1')));
    expect(served.size).toBeGreaterThanOrEqual(8);
    expect([...documented].sort()).toEqual([...served].sort());
    expect(doc.components.securitySchemes).toHaveProperty('session');

    const before = await snapshot();
    const h = { cookie: owner.cookie, 'x-csrf-token': owner.csrf, 'content-type': 'application/json' };
    const notBoolean = await fetch(`${srv.url}/api/v1/campaigns/${campaignId}/active`, { method: 'POST', headers: h, body: JSON.stringify({ active: 'yes' }) });
    expect(notBoolean.status).toBe(400);
    const refused = (await notBoolean.json()) as { error: string; reason: string };
    expect(refused.error).toBe('invalid_request');
    expect(refused.reason).toMatch(/^active: /);
    const unknownFilter = await fetch(`${srv.url}/api/v1/campaigns/${campaignId}/enroll`, { method: 'POST', headers: h, body: JSON.stringify({ filter: { colour: 'red' }, preview: false }) });
    expect(unknownFilter.status).toBe(400);
    expect(((await unknownFilter.json()) as { reason: string }).reason).toContain('filter');
    const badId = await fetch(`${srv.url}/api/v1/campaigns/not-a-uuid/active`, { method: 'POST', headers: h, body: JSON.stringify({ active: true }) });
    expect(badId.status).toBe(400);
    expect(await badId.json()).toEqual({ error: 'invalid_request', reason: 'campaign id must be a UUID' });
    const empty = await fetch(`${srv.url}/api/v1/leads/suppress`, { method: 'POST', headers: h });
    expect(await empty.json()).toEqual({ error: 'invalid_json', reason: 'the body must be JSON' });
    // The role check comes before validation, as before: a viewer's bad body is a 403.
    const viewerBad = await fetch(`${srv.url}/api/v1/leads/suppress`, { method: 'POST', headers: { ...h, cookie: viewer.cookie, 'x-csrf-token': viewer.csrf }, body: JSON.stringify({ lead_ids: 'all' }) });
    expect(viewerBad.status).toBe(403);
    expect(await snapshot()).toEqual(before);
    // A JSON body without a JSON Content-Type is still read as JSON (preview writes nothing).
    const plain = await fetch(`${srv.url}/api/v1/campaigns/${campaignId}/enroll`, { method: 'POST', headers: { ...h, 'content-type': 'text/plain' }, body: JSON.stringify({ filter: {}, preview: true }) });
    expect(plain.status).toBe(200);
    expect(await plain.json()).toHaveProperty('to_enroll');
    expect(await snapshot()).toEqual(before);
  });

  it('a wrong password is refused; after 5 failures for an email from a new address the next attempt waits (login-security.test.ts has the rest)', async () => {
    const attempt = async (password: string) => {
      const page = await fetch(`${srv.url}/login`);
      const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
      return fetch(`${srv.url}/login`, {
        method: 'POST', redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
        body: form({ _csrf: token, email: srv.users.analyst, password }),
      });
    };
    const wrong = await attempt('not the password');
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('Wrong email or password');
    for (let i = 0; i < 4; i++) expect((await attempt(`wrong ${i}`)).status).toBe(401);
    const limited = await attempt(PASSWORD);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(await limited.text()).toContain('Too many attempts for this account; try again in 2 s');
    const [n] = await srv.db.sql<{ n: number }[]>`select count(*)::int as n from public.login_attempts where email = ${srv.users.analyst} and not succeeded`;
    expect(n!.n).toBe(5);
  });

});
