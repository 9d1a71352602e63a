/**
 * Team management in real Chromium (Debian's, driven by playwright-core): an
 * owner invites a user from the Team page, the invitee opens the link, sets a
 * name and password, logs in, and switches account with the header switcher.
 * Screenshots at 1280 px and 390 px go to artifacts/screenshots/.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS } from '../hunter/browser.ts';
import { startConsoleServer, type ConsoleServer } from './harness/console.ts';

const SHOTS = path.resolve(import.meta.dirname, '..', 'artifacts', 'screenshots');
const NEW_PASSWORD = 'a brand new password 42';

let srv: ConsoleServer;
let browser: Browser;
let page: Page;

async function shot(name: string) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: path.join(SHOTS, `${name}-1280.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(SHOTS, `${name}-390.png`), fullPage: true });
  const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
  expect(overflow, `${name} scrolls sideways at 390 px`).toBeLessThanOrEqual(1);
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function logIn(email: string, password: string) {
  await page.goto(`${srv.url}/login`);
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
  await page.waitForURL(`${srv.url}/`);
}

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  srv = await startConsoleServer('console_team_ui');
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await srv?.close();
});

describe('team management in Chromium', () => {
  let invitePath = '';

  it('an owner invites a user from the Team page; the link is shown once', async () => {
    const { PASSWORD } = await import('./harness/console.ts');
    await logIn(srv.users.other, PASSWORD);
    await page.goto(`${srv.url}/settings`);
    await page.click('#team-link');
    await page.waitForURL(`${srv.url}/settings/team`);
    await page.fill('#invite-form input[name=email]', 'rosa@browser.example.com');
    await page.selectOption('#invite-role', 'admin');
    await page.click('#invite-form button[type=submit]');
    const link = (await page.textContent('#invite-link'))!.trim();
    invitePath = new URL(link).pathname;
    expect(invitePath).toMatch(/^\/invite\/[A-Za-z0-9_-]{43}$/);
    expect(await page.textContent('#invites')).toContain('rosa@browser.example.com');
    await shot('team');
    await page.click('form[action="/logout"] button');
    await page.waitForURL(`${srv.url}/login`);
  });

  it('the invitee opens the link, sets a password, and logs in to the account', async () => {
    await page.goto(`${srv.url}${invitePath}`);
    expect(await page.textContent('main')).toContain('Other Dealer');
    await shot('invite');
    await page.fill('input[name=display_name]', 'Rosa Browser');
    await page.fill('input[name=password]', NEW_PASSWORD);
    await page.fill('input[name=password_again]', NEW_PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForSelector('#go-login');
    // A second account for the switcher: the demo account adds her as a viewer.
    await srv.db.sql`insert into public.account_members (account_id, user_id, role)
                     select ${srv.demoAccountId}, id, 'viewer' from public.users where email = 'rosa@browser.example.com'`;
    await page.click('#go-login');
    await page.waitForURL(/\/login/);
    await page.fill('input[name=email]', 'rosa@browser.example.com');
    await page.fill('input[name=password]', NEW_PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(`${srv.url}/`);
    expect(await page.textContent('.who')).toContain('Rosa Browser');
    expect(await page.textContent('.who')).toContain('admin');
  });

  it('switches account with the header switcher', async () => {
    await page.waitForSelector('#account-switcher details summary');
    expect(await page.textContent('#account-switcher summary')).toContain('Other Dealer');
    await page.click('#account-switcher summary');
    await page.click('#account-switcher button[data-account="Demo Motors"]');
    await page.waitForURL(`${srv.url}/`);
    await page.waitForSelector('#account-switcher details summary');
    expect(await page.textContent('#account-switcher summary')).toContain('Demo Motors');
    expect(await page.textContent('.who')).toContain('viewer');
    const [s] = await srv.db.sql<{ n: number }[]>`
      select count(*)::int as n from public.user_sessions s join public.users u on u.id = s.user_id
      where u.email = 'rosa@browser.example.com' and s.revoked_at is null and s.account_id = ${srv.demoAccountId}`;
    expect(s!.n).toBe(1);
  });
});
