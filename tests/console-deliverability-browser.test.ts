/**
 * Enrichment and deliverability in real Chromium (issue 19). An owner opens a lead whose
 * number enrichment found to be a landline: the "why" panel's reachability table says voice
 * yes, SMS and WhatsApp no (a landline), and names the source. A lead whose enrichment is
 * still pending shows how long its touches wait. In Settings the owner sees an inbox the
 * guard paused, resumes it, sets the enrichment wait and a sender's daily cap; each is saved.
 * Screenshots go to artifacts/screenshots/.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openChromium, type ConsoleChromium } from './harness/chromium.ts';
import { PASSWORD, startConsoleServer, type ConsoleServer } from './harness/console.ts';

let srv: ConsoleServer;
let chrome: ConsoleChromium;
let page: Page;
let shot: ConsoleChromium['shot'];
let violations: string[] = [];

const PAUSED = 'bounced@demo-motors.example.com';

beforeAll(async () => {
  srv = await startConsoleServer('console_deliverability_ui');
  ({ page, violations, shot } = chrome = await openChromium());
  await page.goto(`${srv.url}/login?next=%2F`);
  await page.fill('input[name=email]', srv.users.owner);
  await page.fill('input[name=password]', PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForURL(`${srv.url}/`);
}, 60_000);

afterAll(async () => {
  await chrome?.close();
  await srv?.close();
});

describe('enrichment and deliverability in Chromium', () => {
  it('the why panel shows what enrichment learned, per channel', async () => {
    const sql = srv.db.sql;
    const [landline] = await sql<{ id: string }[]>`
      insert into public.leads (account_id, first_name, last_name, phone, email, source)
      values (${srv.demoAccountId}, 'Lena', 'Landline', '+13055557401', 'lena@dealer.example', 'manual') returning id`;
    await sql`
      update public.leads set enrichment_status = 'done', enrichment_finished_at = now(), enrichment_reason = 'phone valid, landline',
             phone_status = 'valid', phone_line_type = 'landline', phone_line_type_source = 'twilio_lookup', phone_carrier = 'Fake Bell',
             phone_checked_at = now(), email_status = 'no_mx', email_checked_at = now()
      where id = ${landline!.id}`;

    await page.goto(`${srv.url}/leads/${landline!.id}`);
    const panel = page.locator('#reachability');
    await panel.waitFor();
    expect(await panel.getAttribute('data-enrichment-status')).toBe('done');
    const row = (channel: string) => page.locator(`#reachability-channels tr[data-channel=${channel}]`);
    expect(await row('voice').getAttribute('data-reachable')).toBe('true');
    expect(await row('sms').getAttribute('data-reachable')).toBe('false');
    expect(await row('sms').getAttribute('data-reason')).toBe('phone_not_mobile');
    expect(await row('whatsapp').getAttribute('data-reason')).toBe('phone_not_mobile');
    expect(await row('email').getAttribute('data-reason')).toBe('email_no_mx');
    expect(await row('sms').textContent()).toContain('a landline: no texts');
    expect(await page.locator('[data-testid=enrichment]').textContent()).toContain('carrier Fake Bell');
    await shot('lead-reachability');

    // A lead whose enrichment is still pending: its touches wait, and the page says until when.
    const [pending] = await sql<{ id: string }[]>`
      insert into public.leads (account_id, first_name, phone, source)
      values (${srv.demoAccountId}, 'Pablo', '+13055557402', 'manual') returning id`;
    await page.goto(`${srv.url}/leads/${pending!.id}`);
    expect(await page.locator('#reachability').getAttribute('data-enrichment-status')).toBe('pending');
    expect(await page.locator('[data-testid=enrichment]').textContent()).toContain('touches wait until');
    expect(await row('sms').textContent()).toContain('waits for enrichment until');
    expect(violations).toEqual([]);
  });

  it('Settings: resume a paused inbox, set the enrichment wait and a daily cap', async () => {
    const sql = srv.db.sql;
    await sql`
      update public.account_provider_settings
      set config = config || ${sql.json({ senders: [{ address: PAUSED }] })}
      where account_id = ${srv.demoAccountId} and channel = 'email' and is_default`;
    await sql`
      insert into public.sender_reputation (account_id, channel, sender, ramp_started_on, paused_at, paused_reason, paused_detail)
      values (${srv.demoAccountId}, 'email', ${PAUSED}, (now() at time zone 'UTC')::date - 3, now(), 'bounce_rate',
              '{"sends": 200, "window": 200, "hard_bounces": 8}')`;

    await page.goto(`${srv.url}/settings`);
    const inbox = page.locator(`#sender-health tr[data-sender="${PAUSED}"]`);
    await inbox.waitFor();
    expect(await inbox.locator('[data-cap-today]').getAttribute('data-cap-today')).toBe('0');
    expect(await inbox.textContent()).toContain('paused');
    await shot('settings-senders-paused');

    page.once('dialog', (d) => void d.accept());
    await inbox.locator('form[hx-post="/settings/senders/resume"] button').click();
    await page.waitForSelector('.notice');
    expect(await page.locator('.notice').textContent()).toContain('is sending again');
    const resumed = page.locator(`#sender-health tr[data-sender="${PAUSED}"]`);
    expect(await resumed.textContent()).toContain('sending');
    // Day 3 of the ramp: 20 × 1.1³ rounded up.
    expect(await resumed.locator('[data-cap-today]').getAttribute('data-cap-today')).toBe('27');
    const [rep] = await sql<{ paused: boolean }[]>`
      select paused_at is not null as paused from public.sender_reputation where account_id = ${srv.demoAccountId} and sender = ${PAUSED}`;
    expect(rep!.paused).toBe(false);

    // The enrichment wait: a bad value is refused with a reason, a good one saved.
    await page.fill('input[name=enrichment_wait_minutes]', '5000');
    await page.locator('input[name=enrichment_wait_minutes]').evaluate((el) => el.removeAttribute('max'));
    await page.click('#enrichment-wait button[type=submit]');
    await expect.poll(async () => page.locator('#enrichment-settings').textContent(), { timeout: 10_000 }).toContain('0 to 1440');
    const [unchanged] = await sql<{ s: number }[]>`select enrichment_wait_seconds as s from public.org_settings where account_id = ${srv.demoAccountId}`;
    expect(unchanged!.s).toBe(600);
    await page.fill('input[name=enrichment_wait_minutes]', '3');
    await page.click('#enrichment-wait button[type=submit]');
    await expect.poll(async () => page.locator('.notice').textContent(), { timeout: 10_000 }).toContain('wait up to 3 min');
    const [o] = await sql<{ s: number }[]>`select enrichment_wait_seconds as s from public.org_settings where account_id = ${srv.demoAccountId}`;
    expect(o!.s).toBe(180);
    expect(await page.locator('input[name=enrichment_wait_minutes]').inputValue()).toBe('3');

    // A daily cap for the email senders: the ramp's target, kept with the senders.
    await page.selectOption('#provider-form select[name=channel]', 'email');
    await page.selectOption('#provider-form select[name=provider]', 'sink');
    await page.fill('#provider-form input[name=daily_cap]', '120');
    await page.click('#provider-form button[type=submit]');
    await expect.poll(async () => page.locator('.notice').textContent(), { timeout: 10_000 }).toContain('is now the email provider');
    const [cfg] = await sql<{ cap: string; senders: number }[]>`
      select config ->> 'daily_cap' as cap, jsonb_array_length(coalesce(config -> 'senders', '[]')) as senders
      from public.account_provider_settings where account_id = ${srv.demoAccountId} and channel = 'email' and provider = 'sink'`;
    expect(cfg!.cap).toBe('120');
    await shot('settings-enrichment-and-caps');
    expect(violations).toEqual([]);
  });
});
