/**
 * The hunter's parts without the site: its settings, where it may go, and how it reads a
 * posting (pure functions, and the page readers on static HTML via page.setContent).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { HunterBrowser } from '../hunter/browser.ts';
import { loadHunterConfig } from '../hunter/config.ts';
import {
  findEmails,
  findPhones,
  parseAttributes,
  parseContact,
  parseLocation,
  parsePostedAt,
  parsePrice,
  postingsFromLinks,
  readListingPage,
  toListing,
  waitForDetail,
  readPostingLinks,
} from '../hunter/extract.ts';
import { Politeness, targetUrl } from '../hunter/run.ts';
import { isSiteUrl, postingIdFromUrl, searchUrl } from '../hunter/site.ts';

const DB = 'postgres://postgres@127.0.0.1:5432/x';

describe('hunter settings', () => {
  it("take seed 001's defaults", () => {
    const c = loadHunterConfig({ DATABASE_URL: DB });
    expect(c).toMatchObject({
      CL_HEADLESS: false,
      CL_SLOWMO: 150,
      CL_HARD_TIMEOUT_MS: 15_000,
      CL_WAIT_SELECTOR_MS: 12_000,
      CL_JITTER_MIN_MS: 2_000,
      CL_JITTER_MAX_MS: 4_000,
      CL_SCREENSHOT_DIR: '/tmp',
      CL_MAX_DISCOVER: 50,
      CL_LOG_EVIDENCE: true,
      CL_BASE_URL: 'https://{city}.craigslist.org',
      CL_CHROMIUM_PATH: '/usr/bin/chromium',
    });
    expect(c.WORKER_ID).toMatch(/:\d+$/);
  });

  it('refuse what cannot work, with the variable named', () => {
    expect(() => loadHunterConfig({})).toThrow(/DATABASE_URL/);
    expect(() => loadHunterConfig({ DATABASE_URL: DB, CL_HEADLESS: 'yes' })).toThrow(/CL_HEADLESS/);
    expect(() => loadHunterConfig({ DATABASE_URL: DB, CL_JITTER_MIN_MS: '5000', CL_JITTER_MAX_MS: '100' })).toThrow(/CL_JITTER_MIN_MS/);
    expect(() => loadHunterConfig({ DATABASE_URL: DB, CL_BASE_URL: 'https://miami.craigslist.org' })).toThrow(/\{city\}/);
    expect(loadHunterConfig({ DATABASE_URL: DB, CL_HEADLESS: '1', CL_SLOWMO: '' })).toMatchObject({ CL_HEADLESS: true, CL_SLOWMO: 150 });
  });
});

describe('where the hunter goes', () => {
  const real = 'https://{city}.craigslist.org';
  const local = 'http://127.0.0.1:4555/{city}';

  it('builds search pages from the base URL', () => {
    expect(searchUrl(real, 'miami')).toBe('https://miami.craigslist.org/search/cto');
    expect(searchUrl(local, 'miami')).toBe('http://127.0.0.1:4555/miami/search/cto');
    expect(() => searchUrl(real, 'evil.com/')).toThrow();
  });

  it('opens only pages under the site root of some city', () => {
    expect(isSiteUrl(real, 'https://fortlauderdale.craigslist.org/cto/d/x/7712345678.html')).toBe(true);
    expect(isSiteUrl(real, 'https://miami.craigslist.org.evil.com/cto/d/x/7712345678.html')).toBe(false);
    expect(isSiteUrl(real, 'https://images.craigslist.com/x.jpg')).toBe(false);
    expect(isSiteUrl(local, 'http://127.0.0.1:4555/orlando/cto/d/x/7712345678.html')).toBe(true);
    expect(isSiteUrl(local, 'http://127.0.0.1:4556/orlando/cto/d/x/7712345678.html')).toBe(false);
    const task = { id: '00000000-0000-0000-0000-000000000000', city: 'miami', attempts: 1 };
    expect(targetUrl({ ...task, task_type: 'detail', url: 'https://example.com/cto/d/x/7712345678.html', external_id: '7712345678' }, real))
      .toBe('https://miami.craigslist.org/cto/7712345678.html');
    expect(targetUrl({ ...task, task_type: 'discover', url: null, external_id: null }, real)).toBe('https://miami.craigslist.org/search/cto');
  });

  it('takes the posting id from a posting URL only', () => {
    expect(postingIdFromUrl('https://miami.craigslist.org/mdc/cto/d/miami-2015-honda-civic/7712345678.html')).toBe('7712345678');
    expect(postingIdFromUrl('https://miami.craigslist.org/search/cto?s=120')).toBeNull();
    expect(postingIdFromUrl('https://miami.craigslist.org/mdc/apa/d/flat/7712345678.html')).toBeNull();
    expect(postingIdFromUrl('not a url')).toBeNull();
  });

  it('collects each posting once, capped, resolving relative links', () => {
    const page = 'http://127.0.0.1:4555/miami/search/cto';
    const links = [
      '/miami/cto/d/a/7700000001.html',
      'http://127.0.0.1:4555/miami/cto/d/a/7700000001.html?lang=es#x',
      '/miami/search/cto?s=120',
      'http://127.0.0.2:9/cto/d/b/7700000009.html',
      'http://127.0.0.1:4555/orlando/cto/d/c/7700000002.html',
      '/miami/cto/d/d/7700000003.html',
    ];
    expect(postingsFromLinks(links, page, 'http://127.0.0.1:4555/{city}', 50)).toEqual([
      { external_id: '7700000001', url: 'http://127.0.0.1:4555/miami/cto/d/a/7700000001.html' },
      { external_id: '7700000002', url: 'http://127.0.0.1:4555/orlando/cto/d/c/7700000002.html' },
      { external_id: '7700000003', url: 'http://127.0.0.1:4555/miami/cto/d/d/7700000003.html' },
    ]);
    expect(postingsFromLinks(links, page, 'http://127.0.0.1:4555/{city}', 2)).toHaveLength(2);
  });

  it('pauses a random jitter between navigations, longer after a block', async () => {
    const p = new Politeness(40, 40, 200, () => 0.5);
    const signal = new AbortController().signal;
    let t = Date.now();
    await p.beforeNavigation(signal);
    expect(Date.now() - t).toBeLessThan(30);
    p.afterNavigation(false);
    t = Date.now();
    await p.beforeNavigation(signal);
    expect(Date.now() - t).toBeGreaterThanOrEqual(35);
    p.afterNavigation(true);
    t = Date.now();
    await p.beforeNavigation(signal);
    expect(Date.now() - t).toBeGreaterThanOrEqual(230);
  });
});

describe('reading a posting (pure)', () => {
  it('prices, locations and times', () => {
    expect(parsePrice('$12,500')).toBe(12500);
    expect(parsePrice('$0')).toBe(0);
    expect(parsePrice('')).toBeNull();
    expect(parsePrice('call')).toBeNull();
    expect(parseLocation(' (Miami Gardens) ')).toBe('Miami Gardens');
    expect(parseLocation('()')).toBeNull();
    expect(parsePostedAt('2026-11-20T10:15:00-0500')).toBe('2026-11-20T15:15:00.000Z');
    expect(parsePostedAt('yesterday')).toBeNull();
  });

  it('vehicle attributes in both layouts', () => {
    expect(parseAttributes(['2015 honda civic', 'odometer: 85,000', 'fuel: gas', 'title status: clean', 'VIN: 1HGCM82633A004352', 'cryptocurrency ok']))
      .toEqual({ year: 2015, make_model: 'honda civic', odometer: 85000, fuel: 'gas', title_status: 'clean', vin: '1HGCM82633A004352', cryptocurrency_ok: 'yes' });
    // A labelled make / model wins over the unlabelled year line.
    expect(parseAttributes(['2017\nhonda civic ex', 'make / model:\ncivic', 'odometer:\nunknown', 'paint color: red', '']))
      .toEqual({ year: 2017, make_model: 'civic', odometer: 'unknown', paint_color: 'red' });
  });

  it('phones: valid US numbers as E.164, invalid ones dropped; emails lower-cased', () => {
    expect(findPhones('call (305) 555-0142 or 305.555.0199, not 123-456-7890; +1 786 555 0123')).toEqual([
      '+13055550142', '+13055550199', '+17865550123',
    ]);
    expect(findPhones('odometer 85000, vin 1HGCM82633A004352, price 12500')).toEqual([]);
    expect(findEmails('Mail Jane.Seller@Example.com. or x@y')).toEqual(['jane.seller@example.com']);
    expect(parseContact({ contactLinks: ['tel:+13055550100', 'mailto:a@b.co?subject=car'], replyText: null, body: 'text 305-555-0142' }))
      .toEqual({ phone: '+13055550100', email: 'a@b.co' });
    expect(parseContact({ contactLinks: ['tel:555'], replyText: null, body: 'no contact here' })).toEqual({});
  });
});

describe('reading a posting (Chromium, static HTML)', () => {
  let browser: HunterBrowser;
  let page: Page;

  beforeAll(async () => {
    browser = await HunterBrowser.launch({
      executablePath: process.env.CL_CHROMIUM_PATH || '/usr/bin/chromium',
      headless: true,
      slowMo: 0,
      hardTimeoutMs: 3_000,
      waitSelectorMs: 1_000,
    });
    page = await browser.page();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('extracts title, price, location, body, time, attributes and the reply box', async () => {
    await page.setContent(`<!doctype html><html><body>
      <section class="body">
        <h1 class="postingtitle"><span class="postingtitletext"><span id="titletextonly">2015 Honda Civic LX</span>
          <span class="price">$9,450</span><small> (Little Havana)</small></span></h1>
        <div class="mapAndAttrs">
          <div class="attrgroup"><div class="attr important"><span class="valu year">2015</span> <span class="valu makemodel"><a href="#">honda civic lx</a></span></div></div>
          <div class="attrgroup">
            <div class="attr"><span class="labl">odometer:</span> <span class="valu">88,120</span></div>
            <div class="attr"><span class="labl">transmission:</span> <span class="valu">automatic</span></div>
          </div>
        </div>
        <section id="postingbody"><div class="print-information"><p>QR Code Link to This Post</p></div>
          Clean title, new brakes.<br>Text me: 305 555 0133 or <a href="mailto:Owner@Example.org">email</a>
        </section>
        <div class="postinginfos"><p class="postinginfo">posted: <time class="date timeago" datetime="2026-11-20T10:15:00-0500">Nov 20</time></p></div>
        <aside class="reply-info"><p class="reply-contact-name">Luis</p></aside>
      </section></body></html>`);
    expect(await waitForDetail(page, 5_000)).toBe(true);
    const listing = toListing(await readListingPage(page), 'https://miami.craigslist.org/mdc/cto/d/x/7712345678.html');
    expect(listing).toEqual({
      title: '2015 Honda Civic LX',
      price: 9450,
      location: 'Little Havana',
      body: 'Clean title, new brakes.\nText me: 305 555 0133 or email',
      posted_at: '2026-11-20T15:15:00.000Z',
      url: 'https://miami.craigslist.org/mdc/cto/d/x/7712345678.html',
      vehicle: { year: 2015, make_model: 'honda civic lx', odometer: 88120, transmission: 'automatic' },
      phone: '+13055550133',
      email: 'owner@example.org',
      contact_name: 'Luis',
    });
  });

  it('reports a page without the posting elements as missing, quickly', async () => {
    await page.setContent('<html><body><div class="removed"><h2>This posting has expired.</h2></div></body></html>');
    const t = Date.now();
    expect(await waitForDetail(page, 300)).toBe(false);
    expect(Date.now() - t).toBeLessThan(2_000);
    expect(toListing({ title: null, price: null, location: null, body: 'x', postedAt: null, attributes: [], contactLinks: [], replyText: null, contactName: null }, 'u')).toBeNull();
  });

  it('reads every link of a search page', async () => {
    await page.setContent(`<ol class="cl-static-search-results">
      <li class="cl-static-search-result"><a href="https://miami.craigslist.org/mdc/cto/d/a/7700000001.html">a</a></li>
      <li class="cl-static-search-result"><a href="/mdc/cto/d/b/7700000002.html">b</a></li></ol><a href="/about">about</a>`);
    expect(await readPostingLinks(page)).toEqual([
      'https://miami.craigslist.org/mdc/cto/d/a/7700000001.html', '/mdc/cto/d/b/7700000002.html', '/about',
    ]);
  });
});
