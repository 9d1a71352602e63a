/**
 * The campaign builder over HTTP, as an owner and as a viewer: create, add and
 * edit steps, strict templates, preview for a lead, a running campaign's change
 * shown before it is made, archive and copy. Every refusal changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpLogin, startConsoleServer, type ConsoleServer } from './harness/console.ts';

let srv: ConsoleServer;
let owner: { cookie: string; csrf: string };
let viewer: { cookie: string; csrf: string };

const post = (who: { cookie: string; csrf: string }, path: string, fields: Record<string, string>) =>
  fetch(`${srv.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, 'content-type': 'application/x-www-form-urlencoded', origin: srv.url },
    body: new URLSearchParams({ _csrf: who.csrf, ...fields }),
  });

beforeAll(async () => {
  srv = await startConsoleServer('campaign_builder');
  owner = await httpLogin(srv.url, srv.users.owner);
  viewer = await httpLogin(srv.url, srv.users.viewer);
});

afterAll(async () => {
  await srv?.close();
});

describe('campaign builder', () => {
  let id = '';

  it('creates a campaign switched off, and a viewer cannot', async () => {
    const refused = await post(viewer, '/campaigns/new', { campaign_key: 'viewer_try', name: 'Viewer try', message_class: 'cold_outreach' });
    expect(refused.status).toBe(403);
    const created = await post(owner, '/campaigns/new', { campaign_key: 'spring_promo', name: 'Spring promo', message_class: 'follow_up', auto_enroll: 'true' });
    expect(created.status).toBe(303);
    id = /\/campaigns\/([0-9a-f-]{36})\/edit/.exec(created.headers.get('location') ?? '')![1]!;
    const [row] = await srv.db.sql<{ is_active: boolean; auto_enroll: boolean; message_class: string }[]>`
      select is_active, auto_enroll, message_class from public.campaigns where id = ${id}`;
    expect(row).toEqual({ is_active: false, auto_enroll: true, message_class: 'follow_up' });
    const [n] = await srv.db.sql<{ n: number }[]>`select count(*)::int as n from public.campaigns where campaign_key = 'viewer_try'`;
    expect(n!.n).toBe(0);
    const page = await (await fetch(`${srv.url}/campaigns/${id}/edit`, { headers: { cookie: owner.cookie } })).text();
    expect(page).toContain('id="template-variables"');
    expect(page).toContain('{{first_name}}');
    // Role addresses (issue 19): off by default, switched on from the settings form.
    expect(page).toMatch(/<input type="checkbox" name="allow_role_addresses" value="true"\s*\/>/);
    const saved = await post(owner, `/campaigns/${id}/settings`, {
      campaign_key: 'spring_promo', name: 'Spring promo', message_class: 'follow_up', auto_enroll: 'true', allow_role_addresses: 'true',
    });
    expect(saved.status).toBeLessThan(400);
    const [roles] = await srv.db.sql<{ allow_role_addresses: boolean }[]>`select allow_role_addresses from public.campaigns where id = ${id}`;
    expect(roles!.allow_role_addresses).toBe(true);
    const again = await (await fetch(`${srv.url}/campaigns/${id}/edit`, { headers: { cookie: owner.cookie } })).text();
    expect(again).toMatch(/name="allow_role_addresses" value="true" checked/);
  });

  it('adds steps with a fallback matrix, and refuses an unknown variable or a malformed matrix, naming the problem', async () => {
    const ok = await post(owner, `/campaigns/${id}/steps`, {
      channel: 'sms', delay_minutes: '0', language: 'en', subject: '', body: 'Hi {{first_name|there}}, this is {{business_name}}.',
      fallback_order: 'sms, voice', fallback_attempts: 'sms:1, voice:2', fallback_cooldowns: 'voice:30',
    });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('Step 1 added.');
    const bad = await post(owner, `/campaigns/${id}/steps`, { channel: 'sms', body: 'Hi {{nickname}}' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('nickname');
    const badMatrix = await post(owner, `/campaigns/${id}/steps`, { channel: 'sms', body: 'x', fallback_order: 'sms', fallback_attempts: 'sms=1' });
    expect(badMatrix.status).toBe(400);
    expect(await badMatrix.text()).toContain('channel:number pairs');
    const steps = await srv.db.sql<{ step: number; fallback: unknown }[]>`select step, fallback from public.campaign_steps where campaign_id = ${id}`;
    expect(steps).toEqual([{ step: 1, fallback: { order: ['sms', 'voice'], max_attempts: { sms: 1, voice: 2 }, cooldown_minutes: { voice: 30 } } }]);
  });

  it('previews a step for a lead as it would be sent, or says why it would not be', async () => {
    const [lead] = await srv.db.sql<{ phone: string; first_name: string }[]>`
      select phone, first_name from public.leads where account_id = ${srv.demoAccountId} and first_name is not null order by phone limit 1`;
    const page = await (await fetch(`${srv.url}/campaigns/${id}/edit?preview_step=1&lead=${encodeURIComponent(lead!.phone)}`, { headers: { cookie: owner.cookie } })).text();
    expect(page).toContain(`Hi ${lead!.first_name}, this is Demo Motors.`);
    await srv.db.sql`insert into public.leads (account_id, phone, source) values (${srv.demoAccountId}, '+13055557777', 'test')`;
    const missing = await post(owner, `/campaigns/${id}/steps`, { channel: 'voice', body: 'Hello {{first_name}}' });
    expect(missing.status).toBe(200);
    const noName = await (await fetch(`${srv.url}/campaigns/${id}/edit?preview_step=2&lead=%2B13055557777`, { headers: { cookie: owner.cookie } })).text();
    expect(noName).toContain('data-problems="missing_lead_data:first_name"');
  });

  it('shows a running campaign\'s change with the enrolled leads it reaches before making it', async () => {
    const [lead] = await srv.db.sql<{ id: string }[]>`select id from public.leads where account_id = ${srv.demoAccountId} limit 1`;
    await srv.db.sql`update public.campaigns set is_active = true where id = ${id}`;
    await srv.db.sql`insert into public.campaign_leads (account_id, campaign_id, lead_id, current_step) values (${srv.demoAccountId}, ${id}, ${lead!.id}, 1)`;
    const fields = { channel: 'voice', delay_minutes: '60', language: 'en', subject: '', body: 'Hello {{first_name|there}}, from {{business_name}}.' };
    const asked = await post(owner, `/campaigns/${id}/steps/2`, fields);
    expect(asked.status).toBe(200);
    const html = await asked.text();
    expect(html).toContain('data-affected="1"');
    expect(html).toContain('Nothing changed yet');
    const [before] = await srv.db.sql<{ body: string; delay_minutes: number }[]>`select body, delay_minutes from public.campaign_steps where campaign_id = ${id} and step = 2`;
    expect(before).toEqual({ body: 'Hello {{first_name}}', delay_minutes: 0 });
    const confirmed = await post(owner, `/campaigns/${id}/steps/2`, { ...fields, confirm: 'true' });
    expect(await confirmed.text()).toContain('Step 2 saved (body, delay_minutes).');
    const [after] = await srv.db.sql<{ delay_minutes: number }[]>`select delay_minutes from public.campaign_steps where campaign_id = ${id} and step = 2`;
    expect(after!.delay_minutes).toBe(60);
    const [audit] = await srv.db.sql<{ actor: string; payload: unknown }[]>`
      select actor, payload from public.account_events where subject_id = ${id} and event_type = 'campaign_step_saved'`;
    expect(audit).toEqual({ actor: `console:${srv.users.owner}`, payload: { step: 2, changed: ['body', 'delay_minutes'], confirmed: true } });
  });

  it('copies and archives; an archived campaign leaves the list and cannot be switched on', async () => {
    const copied = await post(owner, `/campaigns/${id}/copy`, { campaign_key: 'spring_promo_copy', name: 'Spring promo (copy)' });
    expect(copied.status).toBe(303);
    const archived = await post(owner, `/campaigns/${id}/archive`, { sure: 'yes' });
    expect(await archived.text()).toContain('Archived; 1 enrollment stopped.');
    const list = await (await fetch(`${srv.url}/campaigns`, { headers: { cookie: owner.cookie } })).text();
    expect(list).not.toContain(`data-campaign-id="${id}"`);
    expect(list).toContain('Spring promo (copy)');
    const on = await fetch(`${srv.url}/campaigns/${id}/active`, {
      method: 'POST',
      headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrf, 'hx-request': 'true', 'content-type': 'application/x-www-form-urlencoded', origin: srv.url },
      body: new URLSearchParams({ active: 'true' }),
    });
    expect(on.status).toBe(409);
    const [row] = await srv.db.sql<{ is_active: boolean }[]>`select is_active from public.campaigns where id = ${id}`;
    expect(row!.is_active).toBe(false);
  });
});
