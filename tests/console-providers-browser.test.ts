/**
 * Provider settings in real Chromium: an owner saves Twilio credentials on the
 * settings page and sees them masked (the full token nowhere in the DOM),
 * presses Test connection against the fake Twilio and sees the verified
 * result; and picks a channel's provider and senders with the provider form
 * (which used to answer 500).
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS } from '../hunter/browser.ts';
import { startFakeTwilio, type FakeTwilio } from './fakes/index.ts';
import { PASSWORD, startConsoleServer, type ConsoleServer } from './harness/console.ts';

const SID = 'AC' + 'c3'.repeat(16);
const TOKEN = 'browser-twilio-token-0123456789-TTTT';

let srv: ConsoleServer;
let twilio: FakeTwilio;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  twilio = await startFakeTwilio();
  twilio.setAccount(SID, TOKEN);
  srv = await startConsoleServer('console_providers', { providerEnv: { TWILIO_API_BASE_URL: twilio.url, PROVIDER_TIMEOUT_MS: '5000' } });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await srv?.close();
  await twilio?.close();
});

describe('provider settings in Chromium', () => {
  it('saves Twilio credentials, shows them masked, and Test connection verifies them', async () => {
    await page.goto(`${srv.url}/login?next=%2Fsettings`);
    await page.fill('input[name=email]', srv.users.owner);
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(`${srv.url}/settings`);

    const form = page.locator('#credentials-form-twilio');
    expect(await form.locator('input[name=auth_token]').getAttribute('type')).toBe('password');
    expect(await form.locator('input[name=auth_token]').getAttribute('autocomplete')).toBe('new-password');
    await form.locator('input[name=account_sid]').fill(SID);
    await form.locator('input[name=auth_token]').fill(TOKEN);
    await form.locator('button[type=submit]').click();
    await page.waitForSelector('#credentials-twilio code[data-masked-field=auth_token]');
    expect(await page.textContent('.notice-ok')).toContain('Twilio credentials saved');
    expect(await page.textContent('#credentials-twilio code[data-masked-field=auth_token]')).toBe('••••TTTT');
    // Neither the page's markup nor any input's live value holds the token.
    expect(await page.content()).not.toContain(TOKEN);
    const values = await page.$$eval('input', (inputs) => inputs.map((i) => (i as unknown as { value: string }).value));
    expect(values).not.toContain(TOKEN);
    expect(values).not.toContain(SID);

    await page.click('#credentials-twilio button[data-test-connection=twilio]');
    await page.waitForSelector('#credentials-twilio [data-verify-result=true]');
    expect(await page.textContent('#credentials-twilio [data-verify-result=true]')).toContain('Twilio accepted the credentials');
    expect(await page.textContent('#credentials-twilio header')).toContain('verified');
    expect(twilio.requests.some((r) => r.path === `/2010-04-01/Accounts/${SID}.json` && r.authenticated)).toBe(true);
    expect(await page.content()).not.toContain(TOKEN);
  });

  it("saves a channel's provider and senders with the provider form", async () => {
    await page.goto(`${srv.url}/settings`);
    await page.selectOption('#provider-form select[name=channel]', 'sms');
    await page.selectOption('#provider-form select[name=provider]', 'twilio');
    await page.fill('#provider-form textarea[name=senders]', '+13055550177 initial');
    const answer = page.waitForResponse((r) => r.url().endsWith('/settings/provider'));
    await page.click('#provider-form button[type=submit]');
    expect((await answer).status()).toBe(200);
    await page.waitForSelector('.notice-ok');
    expect(await page.textContent('.notice-ok')).toContain('twilio is now the sms provider');
    const row = page.locator('#providers tr', { hasText: '+13055550177' });
    expect(await row.textContent()).toContain('twilio');
    const [p] = await srv.db.sql<{ provider: string; config: { senders: { address: string }[] } }[]>`
      select provider, config from public.account_provider_settings
      where account_id = ${srv.demoAccountId} and channel = 'sms' and is_default`;
    expect(p!.provider).toBe('twilio');
    expect(p!.config.senders.map((s) => s.address)).toContain('+13055550177');
  });
});
