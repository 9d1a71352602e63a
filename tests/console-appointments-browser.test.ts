/**
 * The Appointments page in real Chromium (Debian's, driven by playwright-core): a
 * setter sees upcoming meetings at the lead's own time with the zone named and a link
 * to the lead, marks a past meeting a no-show (it moves to the No-shows tab and the
 * lead is high intent again), cancels an upcoming one (it moves to Cancelled), and
 * sees the setter task an ambiguous reply left. Screenshots go to artifacts/screenshots/.
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
  srv = await startConsoleServer('console_appointments_ui');
  ({ page, violations, shot } = chrome = await openChromium());
}, 60_000);

afterAll(async () => {
  await chrome?.close();
  await srv?.close();
});

describe('the Appointments page in Chromium', () => {
  it('shows upcoming, no-show and cancelled meetings in the lead\'s zone, and a setter changes them', async () => {
    const sql = srv.db.sql;
    const acct = srv.demoAccountId;
    const lead = async (first: string, phone: string, tz: string) => {
      const [l] = await sql<{ id: string }[]>`
        insert into public.leads (account_id, first_name, last_name, phone, email, timezone, lead_state, source)
        values (${acct}, ${first}, 'Booker', ${phone}, ${`${first.toLowerCase()}@example.com`}, ${tz}, 'high_intent', 'manual') returning id`;
      return l!.id;
    };
    const tokyo = await lead('Aiko', '+13055556201', 'Asia/Tokyo');
    const chicago = await lead('Bruno', '+13055556202', 'America/Chicago');
    const denver = await lead('Carmen', '+13055556203', 'America/Denver');
    // Upcoming: Aiko at 10:00 Tokyo time in 3 days. Past: Bruno 2 hours ago. Upcoming: Carmen in 2 days, 16:30 Denver time.
    const [t] = await sql<{ aiko: Date; carmen: Date }[]>`
      select ((now() at time zone 'Asia/Tokyo')::date + 3 + time '10:00') at time zone 'Asia/Tokyo' as aiko,
             ((now() at time zone 'America/Denver')::date + 2 + time '16:30') at time zone 'America/Denver' as carmen`;
    const book = (l: string, start: Date, tz: string, uri: string) =>
      sql`select brain.record_appointment(${acct}, ${l}, ${start}, null, ${tz}, 'calendly', 'auto_booking', 'system:auto_booking', null, ${uri})`;
    await book(tokyo, t!.aiko, 'Asia/Tokyo', 'https://calendly.test/invitees/A');
    await book(chicago, new Date(Date.now() - 2 * 3600_000), 'America/Chicago', 'https://calendly.test/invitees/B');
    await book(denver, t!.carmen, 'America/Denver', 'https://calendly.test/invitees/C');
    const [ids] = await sql<{ a: string; b: string; c: string }[]>`
      select (select id from public.appointments where lead_id = ${tokyo}) as a,
             (select id from public.appointments where lead_id = ${chicago}) as b,
             (select id from public.appointments where lead_id = ${denver}) as c`;
    // A setter task left by an ambiguous reply.
    const [m] = await sql<{ id: string }[]>`
      insert into public.inbound_messages (account_id, lead_id, channel, provider, provider_message_id, from_address, body, received_at)
      values (${acct}, ${denver}, 'sms', 'twilio', 'SMapptui0001', '+13055556203', 'Tuesday or Wednesday works', now()) returning id`;
    await sql`insert into public.setter_tasks (account_id, lead_id, kind, reason, suggested_text, inbound_message_id)
              values (${acct}, ${denver}, 'confirm_slot', 'the reply fits more than one offered slot', 'Happy to set it up. Which works better: Tue 10:00 or Wed 15:30?', ${m!.id})`;

    await page.goto(`${srv.url}/login?next=%2Fappointments`);
    await page.fill('input[name=email]', srv.users.setter);
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(`${srv.url}/appointments`);

    // Upcoming: Aiko and Carmen (soonest first), each in their own zone, named.
    const dfmt = (d: Date, tz: string) => {
      const p = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: tz, weekday: 'short', day: '2-digit', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false })
        .formatToParts(d).map((x) => [x.type, x.value]));
      return `${p.weekday} ${p.day} ${p.month} ${p.year} ${p.hour}:${p.minute}`;
    };
    const rows = page.locator('#appointments-table tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).getAttribute('id')).toBe(`appt-${ids!.c}`);
    expect(await page.locator(`#appt-${ids!.a} [data-testid=meeting-time]`).textContent()).toBe(`${dfmt(t!.aiko, 'Asia/Tokyo')}–10:30 (Asia/Tokyo)`);
    expect(await page.locator(`#appt-${ids!.c} [data-testid=meeting-time]`).textContent()).toBe(`${dfmt(t!.carmen, 'America/Denver')}–17:00 (America/Denver)`);
    expect(await page.locator(`#appt-${ids!.a} [data-testid=lead-link]`).getAttribute('href')).toBe(`/leads/${tokyo}`);
    expect(await page.locator('#setter-tasks').textContent()).toContain('the reply fits more than one offered slot');
    await shot('appointments-upcoming');

    // Past: Bruno's meeting; a no-show moves it to the No-shows tab.
    await page.click('a[data-tab=past]');
    await page.waitForURL(/tab=past/);
    await page.locator(`#appt-${ids!.b} button[data-action=no_show]`).click();
    await page.locator('#appointments .notice-ok').waitFor();
    expect(await page.locator('#appointments .notice-ok').textContent()).toContain('no-show');
    await page.goto(`${srv.url}/appointments?tab=no_show`);
    expect(await page.locator(`#appt-${ids!.b}`).getAttribute('data-status')).toBe('no_show');
    expect(await page.locator(`#appt-${ids!.b} [data-testid=meeting-time]`).textContent()).toContain('(America/Chicago)');
    await shot('appointments-no-shows');
    const [bruno] = await sql<{ lead_state: string }[]>`select lead_state from public.leads where id = ${chicago}`;
    expect(bruno!.lead_state).toBe('high_intent');

    // Cancel Carmen's upcoming meeting: it moves to Cancelled.
    await page.goto(`${srv.url}/appointments`);
    await page.locator(`#appt-${ids!.c} button[data-action=canceled]`).click();
    await page.locator('#appointments .notice-ok').waitFor();
    expect(await page.locator(`#appt-${ids!.c}`).count()).toBe(0);
    await page.click('a[data-tab=canceled]');
    await page.waitForURL(/tab=canceled/);
    expect(await page.locator(`#appt-${ids!.c}`).getAttribute('data-status')).toBe('canceled');
    expect(await page.locator(`#appt-${ids!.c} [data-testid=meeting-time]`).textContent()).toContain('(America/Denver)');
    await shot('appointments-cancelled');
    const [counts] = await sql<{ booked: number; no_show: number; canceled: number }[]>`
      select count(*) filter (where status = 'booked')::int as booked, count(*) filter (where status = 'no_show')::int as no_show,
             count(*) filter (where status = 'canceled')::int as canceled
      from public.appointments where account_id = ${acct}`;
    expect(counts).toEqual({ booked: 1, no_show: 1, canceled: 1 });

    expect(violations).toEqual([]);
  });
});
