/**
 * The Analytics page in real Chromium (Debian's, driven by playwright-core): the
 * 30-day window's funnel chart shows the numbers the views hold, the period
 * selector moves to 7 days and to a custom range, the tabs open, and nothing
 * breaks the Content-Security-Policy. Screenshots at 1280 px and 390 px go to
 * artifacts/screenshots/.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openChromium, type ConsoleChromium } from './harness/chromium.ts';
import { PASSWORD, startConsoleServer, type ConsoleServer } from './harness/console.ts';
import { seedAnalytics } from './harness/analytics.ts';

const STAGES = ['contacted', 'replied', 'positive', 'meeting', 'booked'] as const;

let srv: ConsoleServer;
let chrome: ConsoleChromium;
let page: Page;
let shot: ConsoleChromium['shot'];
let violations: string[] = [];

/** The funnel chart as drawn: each stage's bar value and the number written beside it. */
async function funnel(): Promise<Record<string, { value: number; text: string }>> {
  const out: Record<string, { value: number; text: string }> = {};
  for (const stage of STAGES) {
    const bar = page.locator(`#funnel-chart [data-row="${stage}"] [data-series="leads"]`);
    out[stage] = { value: Number(await bar.getAttribute('data-value')), text: (await bar.locator('text.value').textContent()) ?? '' };
  }
  return out;
}

beforeAll(async () => {
  srv = await startConsoleServer('console_analytics_ui');
  await seedAnalytics(srv.db.sql, srv.demoAccountId);
  ({ page, violations, shot } = chrome = await openChromium());
}, 60_000);

afterAll(async () => {
  await chrome?.close();
  await srv?.close();
});

describe('the Analytics page in Chromium', () => {
  it("shows the 30-day funnel chart with the views' numbers", async () => {
    await page.goto(`${srv.url}/login?next=${encodeURIComponent('/analytics?window=30d')}`);
    await page.fill('input[name=email]', srv.users.owner);
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(`${srv.url}/analytics?window=30d`);

    await page.locator('#funnel-chart svg').waitFor();
    expect(await page.locator('nav.nav-links a[aria-current=page], header a[aria-current=page]').first().textContent()).toBe('Analytics');
    expect(await page.locator('select[name=window]').inputValue()).toBe('30d');
    expect(await page.textContent('#analytics-window-caption')).toContain('(30 days, America/New_York)');
    const chart = await funnel();
    expect(Object.fromEntries(STAGES.map((s) => [s, chart[s]!.value]))).toEqual({ contacted: 3, replied: 2, positive: 2, meeting: 2, booked: 2 });
    expect(chart.contacted!.text).toBe('3');
    expect(chart.booked!.text).toBe('2 · 67%');
    // The bars are drawn to scale: booked is two thirds of contacted.
    const width = (s: string) => page.locator(`#funnel-chart [data-row="${s}"] rect`).getAttribute('width');
    expect(Number(await width('booked')) / Number(await width('contacted'))).toBeCloseTo(2 / 3, 2);
    expect(await page.locator('#analytics-funnel td[data-col=leads]').allTextContents()).toEqual(['3', '2', '2', '2', '2']);
    await shot('analytics');
    expect(violations).toEqual([]);
  });

  it('moves to the last 7 days and to a custom range with the period selector', async () => {
    await page.selectOption('select[name=window]', '7d');
    await page.click('#analytics-window button[type=submit]');
    await page.waitForURL(/window=7d/);
    expect(Object.fromEntries(Object.entries(await funnel()).map(([k, v]) => [k, v.value]))).toEqual({ contacted: 2, replied: 1, positive: 1, meeting: 1, booked: 1 });

    // A custom range ending 9 days ago (its end date included) holds only the lead first texted 10 days ago.
    const [d] = await srv.db.sql<{ from: string; to: string }[]>`
      select (to_day - 12)::text as from, (to_day - 9)::text as to from public.analytics_window(${srv.demoAccountId}, '7d')`;
    await page.selectOption('select[name=window]', 'custom');
    await page.fill('input[name=from]', d!.from);
    await page.fill('input[name=to]', d!.to);
    await page.click('#analytics-window button[type=submit]');
    await page.waitForURL(/window=custom/);
    expect((await funnel()).contacted!.value).toBe(1);
    expect(await page.textContent('#analytics-window-caption')).toContain(`${d!.from} – ${d!.to}`);

    // A reversed range is refused with a sentence.
    await page.fill('input[name=from]', d!.to);
    await page.fill('input[name=to]', d!.from);
    await page.click('#analytics-window button[type=submit]');
    expect(await page.textContent('.notice-error')).toContain(`The start date ${d!.to} is after the end date ${d!.from}.`);
    expect(violations).toEqual([]);
  });

  it('opens the tabs: campaigns, channels and attribution', async () => {
    await page.goto(`${srv.url}/analytics?window=30d`);
    await page.click('a[data-tab=campaigns]');
    await page.locator('#tab-campaigns').waitFor();
    expect(await page.locator('#analytics-funnel_campaigns td[data-col=campaign]').allTextContents()).toEqual(['Analytics spring']);
    expect(await page.locator('#campaigns-chart [data-row] [data-series=booked]').getAttribute('data-value')).toBe('2');
    await page.click('a[data-tab=channels]');
    await page.locator('#tab-channels').waitFor();
    expect(await page.locator('#analytics-rates_channels td[data-col=reply_rate]').allTextContents()).toEqual(['67%']);
    await page.click('a[data-tab=attribution]');
    await page.locator('#tab-attribution').waitFor();
    expect(await page.locator('#analytics-attribution tbody tr').count()).toBe(2);
    expect(await page.getAttribute('a[data-export=attribution]', 'href')).toBe('/analytics/export.csv?window=30d&table=attribution');
    await shot('analytics-attribution');
    expect(violations).toEqual([]);
  });
});
