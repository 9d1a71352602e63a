/**
 * Notification settings in real Chromium (Debian's, driven by playwright-core): a setter
 * opens Notifications from the user menu, sees the role's defaults (bell in real time,
 * email digest, Slack off), turns booked meetings on Slack to real time, sets a digest
 * time and zone, saves, and finds it saved after a reload and in the database; a bad
 * Slack id is refused with a reason and changes nothing. The bell then lists a booking
 * the setter was notified of, and "Mark read" clears it. Screenshots go to
 * artifacts/screenshots/.
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

beforeAll(async () => {
  srv = await startConsoleServer('console_notification_settings_ui');
  ({ page, violations, shot } = chrome = await openChromium());
}, 60_000);

afterAll(async () => {
  await chrome?.close();
  await srv?.close();
});

describe('notification settings in Chromium', () => {
  it('a setter changes a preference, the digest time and zone; it is saved', async () => {
    const sql = srv.db.sql;
    await page.goto(`${srv.url}/login?next=%2F`);
    await page.fill('input[name=email]', srv.users.setter);
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(`${srv.url}/`);

    await page.click('#notification-settings-link');
    await page.waitForURL(`${srv.url}/settings/notifications`);
    const slackBooked = page.locator('select[name="pref.booked.slack"]');
    expect(await slackBooked.inputValue()).toBe('off');
    expect(await page.locator('select[name="pref.booked.in_app"]').inputValue()).toBe('realtime');
    expect(await page.locator('select[name="pref.positive_reply.email"]').inputValue()).toBe('daily_digest');
    // The bell has no digest.
    expect(await page.locator('select[name="pref.booked.in_app"] option').allTextContents()).toEqual(['Real time', 'Off']);
    await shot('notification-settings');

    await slackBooked.selectOption('realtime');
    await page.locator('select[name="pref.integration_failing.email"]').selectOption('off');
    await page.fill('input[name=digest_time]', '07:30');
    await page.fill('input[name=time_zone]', 'America/Los_Angeles');
    await page.fill('input[name=slack_member_id]', 'U0SETTER42');
    await page.click('#notification-settings-form button[type=submit]');
    await page.waitForSelector('.notice');
    expect(await page.locator('.notice').textContent()).toContain('Notification settings saved.');

    await page.reload();
    expect(await page.locator('select[name="pref.booked.slack"]').inputValue()).toBe('realtime');
    expect(await page.locator('select[name="pref.integration_failing.email"]').inputValue()).toBe('off');
    expect(await page.locator('input[name=digest_time]').inputValue()).toBe('07:30');
    expect(await page.locator('input[name=time_zone]').inputValue()).toBe('America/Los_Angeles');

    const [u] = await sql<{ id: string }[]>`select id from public.users where email = ${srv.users.setter}`;
    const prefs = await sql<{ event_kind: string; channel: string; delivery: string }[]>`
      select event_kind, channel, delivery from public.notification_preferences where user_id = ${u!.id} order by 1, 2`;
    expect(prefs).toEqual([
      { event_kind: 'booked', channel: 'slack', delivery: 'realtime' },
      { event_kind: 'integration_failing', channel: 'email', delivery: 'off' },
    ]);
    const [s] = await sql<{ digest_time: string; time_zone: string; slack_member_id: string }[]>`
      select digest_time::text, time_zone::text, slack_member_id from public.notification_user_settings where user_id = ${u!.id}`;
    expect(s).toEqual({ digest_time: '07:30:00', time_zone: 'America/Los_Angeles', slack_member_id: 'U0SETTER42' });
    await shot('notification-settings-saved');

    // A bad Slack id: refused with a reason, nothing changes.
    await page.fill('input[name=slack_member_id]', 'not an id');
    await page.locator('select[name="pref.booked.email"]').selectOption('off');
    await page.click('#notification-settings-form button[type=submit]');
    await page.waitForSelector('.notice');
    expect(await page.locator('.notice').textContent()).toContain('Nothing was saved: A Slack member id looks like U012AB3CD');
    const [again] = await sql<{ n: number }[]>`select count(*)::int as n from public.notification_preferences where user_id = ${u!.id}`;
    expect(again!.n).toBe(2);
    expect(violations).toEqual([]);
  });

  it('the bell lists the setter\'s notification, and Mark read clears it', async () => {
    const sql = srv.db.sql;
    const [u] = await sql<{ id: string }[]>`select id from public.users where email = ${srv.users.setter}`;
    const [lead] = await sql<{ id: string }[]>`
      insert into public.leads (account_id, first_name, last_name, phone, source, assigned_user_id)
      values (${srv.demoAccountId}, 'Lucia', 'Bell', '+13055557301', 'manual', ${u!.id}) returning id`;
    await sql`select tests.book_appointment(${srv.demoAccountId}, ${lead!.id}, now() + interval '1 day')`;

    await page.goto(`${srv.url}/`);
    await expect.poll(async () => (await page.locator('#bell-count').textContent())?.trim(), { timeout: 10_000 }).not.toBe('');
    await page.click('#bell summary');
    const item = page.locator('#bell-panel .bell-item.unread[data-kind=booked]');
    await item.waitFor();
    expect(await item.locator('a').first().textContent()).toBe('Lucia Bell');
    expect(await item.locator('a').first().getAttribute('href')).toBe(`/leads/${lead!.id}`);
    await shot('bell-notifications');
    await item.locator('button.bell-read').click();
    await page.locator('#bell-panel .bell-item.read[data-kind=booked]').waitFor();
    const [r] = await sql<{ n: number }[]>`
      select count(*)::int as n from public.notification_deliveries where user_id = ${u!.id} and channel = 'in_app' and read_at is null`;
    expect(r!.n).toBe(0);
    expect(violations).toEqual([]);
  });
});
