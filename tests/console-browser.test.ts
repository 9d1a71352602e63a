/**
 * The console in real Chromium (Debian's, driven by playwright-core): log in,
 * toggle and pause campaigns, onboarding with an invalid radius, Command OS
 * starting Craigslist, a lead's timeline and "why" panel against the database,
 * a CSV import with bad rows. Screenshots of every page at 1280 px and 390 px
 * go to artifacts/screenshots/.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS } from '../hunter/browser.ts';
import { connect, type Sql } from '../db/client.ts';
import { startWorker, type WorkerHandle } from '../worker/runner.ts';
import { importLeads } from '../worker/tasks/import_leads.ts';
import { PASSWORD, startConsoleServer, type ConsoleServer } from './harness/console.ts';

const SHOTS = path.resolve(import.meta.dirname, '..', 'artifacts', 'screenshots');

let srv: ConsoleServer;
let browser: Browser;
let page: Page;
let worker: Sql;
let runner: WorkerHandle;
/** Every Content-Security-Policy violation any page reports (event and console). */
const violations: string[] = [];

async function shot(name: string) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: path.join(SHOTS, `${name}-1280.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(SHOTS, `${name}-390.png`), fullPage: true });
  // Nothing may overflow sideways on a phone except inside the scrolling tables.
  const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
  expect(overflow, `${name} scrolls sideways at 390 px`).toBeLessThanOrEqual(1);
  await page.setViewportSize({ width: 1280, height: 900 });
}

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  srv = await startConsoleServer('console_ui');
  worker = connect(srv.db.url, { role: 'revenue_worker', max: 1 });
  // The import runs as a graphile-worker job, as under `make run`.
  runner = await startWorker({ connectionString: srv.db.url, concurrency: 1, taskList: { import_leads: importLeads({ sql: worker }) }, crontabFile: null });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // Injected by the browser driver, not the page, so the policy does not apply to it.
  await page.exposeFunction('reportCspViolation', (text: string) => violations.push(text));
  await page.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (e) =>
      window.reportCspViolation(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber));`,
  });
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await runner?.stop();
  await worker?.end({ timeout: 5 });
  await srv?.close();
});

describe('console in Chromium', () => {
  it('logs in (a wrong password first) and shows the dashboard', async () => {
    await page.goto(`${srv.url}/campaigns`);
    await expect.poll(() => page.url()).toContain('/login?next=%2Fcampaigns');
    await shot('login');
    await page.fill('input[name=email]', srv.users.owner);
    await page.fill('input[name=password]', 'wrong password');
    await page.click('button[type=submit]');
    await page.waitForSelector('.notice-error');
    expect(await page.textContent('.notice-error')).toContain('Wrong email or password');
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(`${srv.url}/campaigns`);
    // Touches the dashboard must count: two SMS and one email, made an hour ago.
    await srv.db.sql`
      insert into public.touch_runs (account_id, lead_id, campaign_id, step, channel, attempt, status, scheduled_at, created_at, payload)
      select l.account_id, l.id, cl.campaign_id, 1, case when l.n = 1 then 'email' else 'sms' end, 1, 'scheduled',
             now() + interval '1 day', now() - interval '1 hour', '{}'::jsonb
      from (select id, account_id, row_number() over (order by id) as n from public.leads
            where account_id = ${srv.demoAccountId} order by id limit 3) l
      join public.campaign_leads cl on cl.lead_id = l.id`;
    // A webhook received two minutes ago that no drain has applied (no worker runs here).
    await srv.db.sql`
      select public.receive_webhook(${srv.demoAccountId}::uuid, 'twilio', 'message:SMdashboard', 'inbound_sms', 'inbound_message',
        'phone:+13055550177', '{"provider": "twilio", "event_id": "SMdashboard", "channel": "sms", "from": "+13055550177", "to": "+13055550900", "body": "hi"}')`;
    await srv.db.sql`update public.webhook_receipts set received_at = now() - interval '2 minutes' where idempotency_key = 'message:SMdashboard'`;
    await page.goto(`${srv.url}/`);
    await page.waitForSelector('#system-health');
    const waiting = page.locator('.stat', { hasText: 'Webhooks waiting' });
    expect(await waiting.locator('strong').textContent()).toBe('1');
    expect(await waiting.textContent()).toContain('oldest 2 min old');
    // The dashboard's numbers are the database's.
    const [t] = await srv.db.sql<{ n: number }[]>`
      select count(*)::int as n from public.touch_runs where account_id = ${srv.demoAccountId} and created_at > now() - interval '24 hours'`;
    const stat = await page.locator('.stat', { hasText: 'Touches, last 24 h' }).locator('strong').textContent();
    expect(t!.n).toBe(3);
    expect(Number(stat!.replace(/,/g, ''))).toBe(t!.n);
    const cell = async (ch: string) => page.locator(`#touches-24h tr[data-channel="${ch}"] td[data-status="scheduled"]`).textContent();
    expect(await cell('sms')).toBe('2');
    expect(await cell('email')).toBe('1');
    const runtime = await srv.db.sql<{ campaign_id: string; active_enrollments: number }[]>`
      select campaign_id, active_enrollments::int from public.v_campaign_runtime_status_v1 where account_id = ${srv.demoAccountId}`;
    for (const r of runtime) {
      const cell = await page.locator(`#campaign-runtime tr[data-campaign-id="${r.campaign_id}"] td`).nth(2).textContent();
      expect(Number(cell!.replace(/,/g, ''))).toBe(r.active_enrollments);
    }
    await shot('dashboard');
  });

  it('toggles a campaign, sees the re-read state, then pauses all', async () => {
    await page.goto(`${srv.url}/campaigns`);
    const [c] = await srv.db.sql<{ id: string; is_active: boolean }[]>`
      select id, is_active from public.campaigns where account_id = ${srv.demoAccountId} order by name limit 1`;
    const card = page.locator(`article[data-campaign-id="${c!.id}"]`);
    const was = (await card.getAttribute('data-active')) === 'true';
    expect(was).toBe(c!.is_active);
    await card.locator('input[role=switch]').click();
    await expect.poll(async () => page.locator(`article[data-campaign-id="${c!.id}"]`).getAttribute('data-active')).toBe(String(!was));
    const [after] = await srv.db.sql<{ is_active: boolean; status: string }[]>`select is_active, status from public.campaigns where id = ${c!.id}`;
    expect(after!.is_active).toBe(!was);
    expect(after!.status).toBe(!was ? 'active' : 'paused');
    await expect.poll(async () => page.locator('.notice-ok').textContent()).toContain(!was ? 'is now active' : 'is now paused');
    // Make sure something runs, then pause everything.
    if (was) {
      await page.locator(`article[data-campaign-id="${c!.id}"] input[role=switch]`).click();
      await expect.poll(async () => page.locator(`article[data-campaign-id="${c!.id}"]`).getAttribute('data-active')).toBe('true');
    }
    page.once('dialog', (d) => void d.accept());
    await page.click('text=Pause all running');
    await expect.poll(async () => page.locator('[data-testid=running-count]').textContent()).toBe('0');
    const [running] = await srv.db.sql<{ n: number }[]>`
      select count(*)::int as n from public.campaigns where account_id = ${srv.demoAccountId} and is_active`;
    expect(running!.n).toBe(0);
    await shot('campaigns');
  });

  it('completes onboarding after an invalid radius is shown inline', async () => {
    await page.goto(`${srv.url}/settings`);
    await page.fill('#step-identity input[name=business_name]', 'Demo Motors Miami');
    await page.fill('#step-identity input[name=timezone]', 'America/New_York');
    await page.click('#step-identity button[type=submit]');
    await expect.poll(async () => page.locator('.notice-ok').textContent()).toContain('Identity saved');
    await page.fill('#step-contact input[name=contact_email]', 'sales@demo-motors.example.com');
    await page.fill('#step-contact input[name=contact_phone]', '(305) 555-0100');
    await page.click('#step-contact button[type=submit]');
    await expect.poll(async () => page.locator('.notice-ok').textContent()).toContain('Contact saved');
    await page.fill('#step-routing input[name=dealer_address]', '100 Biscayne Blvd, Miami, FL');
    await page.fill('#step-routing input[name=radius_miles]', '80');
    await page.check('#step-routing input[name=active]');
    await page.click('#step-routing button[type=submit]');
    await page.waitForSelector('[data-error-for=radius_miles]');
    expect(await page.textContent('[data-error-for=radius_miles]')).toContain('between 1 and 50');
    await shot('settings-error');
    const [before] = await srv.db.sql<{ routing: { radius_miles?: number }; done: Date | null }[]>`
      select leadgen_routing as routing, onboarding_completed_at as done from public.org_settings where account_id = ${srv.demoAccountId}`;
    expect(before!.routing.radius_miles).toBe(25);
    expect(before!.done).toBeNull();
    await page.fill('#step-routing input[name=radius_miles]', '30');
    if (!(await page.isChecked('#step-routing input[name=active]'))) await page.check('#step-routing input[name=active]');
    await page.click('#step-routing button[type=submit]');
    await expect.poll(async () => page.locator('.notice-ok').textContent()).toContain('Onboarding is complete');
    const [after] = await srv.db.sql<{ routing: { radius_miles: number; active: boolean }; done: Date | null; phone: string }[]>`
      select leadgen_routing as routing, onboarding_completed_at as done, contact_phone as phone from public.org_settings where account_id = ${srv.demoAccountId}`;
    expect(after!.routing).toMatchObject({ radius_miles: 30, active: true });
    expect(after!.done).not.toBeNull();
    expect(after!.phone).toBe('+13055550100');
    await shot('settings');
  });

  it('runs "prende craigslist miami" in Command OS and sees the program go live', async () => {
    await page.goto(`${srv.url}/programs`);
    await page.click('.command-os summary');
    await page.fill('.command-os input[name=text]', 'prende craigslist miami');
    await page.press('.command-os input[name=text]', 'Enter');
    const reply = page.locator('#chat-log .cos-result[data-intent="craigslist.cto.start"]');
    await reply.waitFor({ timeout: 10_000 });
    expect(await reply.getAttribute('data-ok'), await reply.innerText()).toBe('true');
    // A successful command clears the box (app.js, no inline handler).
    await expect.poll(() => page.inputValue('.command-os input[name=text]')).toBe('');
    const [task] = await srv.db.sql<{ n: number }[]>`
      select count(*)::int as n from lead_hunter.craigslist_tasks_v1 where account_id = ${srv.demoAccountId} and city = 'miami' and task_type = 'discover'`;
    expect(task!.n).toBe(1);
    // A hunter works the discover task (the same SQL calls hunter/ makes).
    const [claimed] = await worker<{ id: string }[]>`select id from lead_hunter.claim_craigslist_task_v1('test-hunter')`;
    expect(claimed).toBeDefined();
    await worker`select lead_hunter.complete_discover_v1(${claimed!.id}, 'test-hunter', ${worker.json([])})`;
    await page.goto(`${srv.url}/programs`);
    const row = page.locator('tr[data-program="craigslist:miami"]');
    await expect.poll(async () => row.getAttribute('data-state')).toBe('live');
    expect(await row.locator('.badge').first().textContent()).toBe('Live');
    await shot('programs');
    await page.click('tr[data-program="craigslist:miami"] a');
    await page.waitForSelector('#program');
    await shot('program-detail');
  });

  it("opens a lead whose timeline and 'why' panel match the database", async () => {
    const [lead] = await srv.db.sql<{ id: string }[]>`
      select l.id from public.leads l where l.account_id = ${srv.demoAccountId} and l.phone is not null order by l.priority_score desc, l.id limit 1`;
    // Give it history on several channels.
    await worker`select public.ingest_inbound_message('twilio', 'SMtimeline0001', 'sms', (select phone::text from public.leads where id = ${lead!.id}), '+13055550101', 'yes, interested, call me', now())`;
    await page.goto(`${srv.url}/leads`);
    await page.waitForSelector('#leads');
    await shot('leads');
    await page.goto(`${srv.url}/leads/${lead!.id}`);
    await page.waitForSelector('#why');
    const [v] = await srv.db.sql<{ next_action: string; reason: string; priority_score: number }[]>`
      select next_action, reason, priority_score from public.lead_next_action_view_v5 where lead_id = ${lead!.id}`;
    expect(await page.textContent('[data-testid=next-action]')).toBe(v!.next_action);
    expect(await page.textContent('[data-testid=reason]')).toBe(v!.reason ?? '—');
    expect(Number(await page.textContent('[data-testid=priority]'))).toBe(v!.priority_score);
    const timeline = await srv.db.sql<{ kind: string; event_type: string }[]>`select kind, event_type from public.lead_timeline(${lead!.id}, 300)`;
    expect(timeline.length).toBeGreaterThan(2);
    const shown = await page.locator('#timeline > li').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-kind')}:${e.getAttribute('data-event')}`));
    expect(shown).toEqual(timeline.map((t) => `${t.kind}:${t.event_type}`));
    expect(shown).toContain('message:inbound_message');
    expect(shown.some((s) => s.startsWith('state:'))).toBe(true);
    await shot('lead');

    // A touch already scheduled goes first: the panel reports it, as the view does.
    const [touch] = await srv.db.sql<{ id: string }[]>`
      insert into public.touch_runs (account_id, lead_id, channel, status, scheduled_at, created_at)
      values (${srv.demoAccountId}, ${lead!.id}, 'whatsapp', 'scheduled', now() + interval '3 days', now() - interval '1 minute')
      returning id`;
    await page.goto(`${srv.url}/leads/${lead!.id}`);
    await page.waitForSelector('#why');
    const [p] = await srv.db.sql<{ next_action: string; effective_channel: string; reason: string }[]>`
      select next_action, effective_channel, reason from public.lead_next_action_view_v5 where lead_id = ${lead!.id}`;
    expect(p).toEqual({ next_action: 'send', effective_channel: 'whatsapp', reason: `touch_scheduled:${touch!.id}` });
    expect(await page.textContent('[data-testid=next-action]')).toBe('send');
    expect(await page.textContent('[data-testid=effective-channel]')).toBe('whatsapp');
    expect(await page.textContent('[data-testid=reason]')).toBe(`touch_scheduled:${touch!.id}`);
    const pending = page.locator('[data-testid=pending-touch]');
    expect(await pending.getAttribute('data-touch-run-id')).toBe(touch!.id);
    expect(await pending.textContent()).toContain('A touch is already scheduled on whatsapp');
    await shot('lead-pending-touch');
    await srv.db.sql`update public.touch_runs set status = 'canceled' where id = ${touch!.id}`;
  });

  it('imports a CSV with bad rows: a live progress bar, then each rejected row with its reason', async () => {
    const csv = [
      'first_name,last_name,phone,email,city',
      'Ana,Lopez,(305) 555-0190,ana.lopez@example.com,Miami',
      'Bad,Phone,12,,Miami',
      'No,Contact,,,Miami',
      'Bad,Email,,not-an-email,Miami',
      'Ben,Ortiz,+1 305 555 0191,,Miami',
    ].join('\n');
    await page.goto(`${srv.url}/imports`);
    await page.setInputFiles('#import-form input[name=file]', { name: 'leads.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.click('#import-form button[type=submit]');
    await page.waitForSelector('#import-status');
    await expect.poll(async () => page.locator('#import-status').getAttribute('data-status'), { timeout: 20_000 }).toBe('done');
    expect(await page.textContent('[data-testid=import-counts]')).toContain('2 imported');
    expect(await page.textContent('[data-testid=import-counts]')).toContain('3 rejected');
    const rows = await page.locator('#import-rejects tr[data-row]').evaluateAll((els) => els.map((e) => e.getAttribute('data-row')));
    expect(rows).toEqual(['3', '4', '5']);
    const [imp] = await srv.db.sql<{ rows_imported: number; rows_rejected: number }[]>`
      select rows_imported, rows_rejected from public.lead_imports where account_id = ${srv.demoAccountId} order by created_at desc limit 1`;
    expect(imp).toEqual({ rows_imported: 2, rows_rejected: 3 });
    const [ana] = await srv.db.sql<{ phone: string }[]>`select phone from public.leads where account_id = ${srv.demoAccountId} and email = 'ana.lopez@example.com'`;
    expect(ana!.phone).toBe('+13055550190');
    await shot('import');
  });
  it('runs under a strict Content-Security-Policy: no page reported a violation, and the moved handlers work', async () => {
    const res = await page.goto(`${srv.url}/leads`);
    const csp = res!.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    // "Select all" (was an inline onclick) ticks every lead.
    const boxes = page.locator('input[name=lead_id]:not([disabled])');
    expect(await boxes.count()).toBeGreaterThan(0);
    await page.locator('input[data-select-all=lead_id]').check();
    for (const checked of await boxes.evaluateAll((els) => els.map((e) => (e as unknown as { checked: boolean }).checked))) expect(checked).toBe(true);
    for (const p of ['/', '/campaigns', '/programs', '/imports', '/settings', '/account/password', '/login']) await page.goto(`${srv.url}${p}`);
    // htmx injected no <style> of its own.
    expect(await page.locator('head style').count()).toBe(0);
    expect(violations).toEqual([]);
  });
});
