/**
 * Reading Craigslist pages. The page readers only collect strings from the DOM; everything
 * that turns them into data (ids, prices, attributes, phones, emails) is a pure function
 * below them, so both halves can be tested without the site.
 *
 * The elements read are those of a Craigslist posting:
 *   #titletextonly, .postingtitletext .price, .postingtitletext small (location),
 *   #postingbody, .postinginfos time[datetime], .attrgroup children (vehicle attributes),
 *   and, where a page shows one, a reply box (.reply-info with tel:/mailto: links,
 *   .reply-contact-name).
 */
import type { Page } from 'playwright-core';
import { z } from 'zod';
import { normalizePhone } from '../lib/phone.ts';
import { isSiteUrl, postingIdFromUrl } from './site.ts';

// Type aliases rather than interfaces, so they are JSON values for postgres.js.
export type Posting = {
  external_id: string;
  url: string;
};

export type VehicleAttributes = Record<string, string | number>;

/** What complete_detail_v1 takes as p_listing. */
export type Listing = {
  title: string;
  price: number | null;
  location: string | null;
  body: string | null;
  posted_at: string | null;
  url: string;
  vehicle: VehicleAttributes;
  phone?: string;
  email?: string;
  contact_name?: string;
};

/** Strings as found on a posting page, before any interpretation. */
export interface RawListing {
  title: string | null;
  price: string | null;
  location: string | null;
  body: string | null;
  postedAt: string | null;
  attributes: string[];
  contactLinks: string[];
  replyText: string | null;
  contactName: string | null;
}

/** A search page is ready when its result list (any Craigslist layout) or a posting link is there. */
export const SEARCH_READY =
  'ol.cl-static-search-results, .cl-results-page, .cl-search-result, li.result-row, a[href*="/cto/"][href$=".html"]';
/** A posting page must show these; otherwise the task fails with detail_missing_dom. */
export const DETAIL_REQUIRED = ['#titletextonly', '#postingbody'] as const;

const MAX_BODY = 20_000;
const strings = z.array(z.string());

// ---------------------------------------------------------------------------------------------
// Page readers (I/O with the browser)

export async function readPostingLinks(page: Page): Promise<string[]> {
  const hrefs: unknown = await page.locator('a[href]').evaluateAll((els) => els.map((e) => e.getAttribute('href') ?? ''));
  return strings.parse(hrefs);
}

/** Postings of a loaded search page, at most `max`, each once, only under the site root. */
export async function readSearchPage(page: Page, baseUrl: string, max: number): Promise<Posting[]> {
  return postingsFromLinks(await readPostingLinks(page), page.url(), baseUrl, max);
}

/** Waits up to `timeoutMs` for a posting's expected elements; false when one is missing. */
export async function waitForDetail(page: Page, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (const selector of DETAIL_REQUIRED) {
    try {
      await page.locator(selector).first().waitFor({ state: 'attached', timeout: Math.max(1, deadline - Date.now()) });
    } catch {
      return false;
    }
  }
  return true;
}

async function firstText(page: Page, selector: string): Promise<string | null> {
  const loc = page.locator(selector).first();
  if ((await loc.count()) === 0) return null;
  return cleanText(await loc.innerText());
}

async function firstAttribute(page: Page, selector: string, name: string): Promise<string | null> {
  const loc = page.locator(selector).first();
  if ((await loc.count()) === 0) return null;
  return loc.getAttribute(name);
}

export async function readListingPage(page: Page): Promise<RawListing> {
  const contactLinks = strings.parse(
    await page
      .locator('#postingbody a[href], .reply-info a[href]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('href') ?? '')),
  );
  return {
    title: await firstText(page, '#titletextonly'),
    price: await firstText(page, '.postingtitletext .price, span.price'),
    location: await firstText(page, '.postingtitletext small'),
    body: await firstText(page, '#postingbody'),
    postedAt:
      (await firstAttribute(page, '.postinginfos time[datetime]', 'datetime')) ??
      (await firstAttribute(page, 'time[datetime]', 'datetime')),
    attributes: (await page.locator('.attrgroup > *').allInnerTexts()).map(cleanText).filter((t) => t !== ''),
    contactLinks,
    replyText: await firstText(page, '.reply-info'),
    contactName: await firstText(page, '.reply-info .reply-contact-name'),
  };
}

// ---------------------------------------------------------------------------------------------
// Pure parsing

/** Trims each line, squeezes runs of spaces, drops blank lines at the ends. */
export function cleanText(s: string): string {
  return s
    .split(/\r?\n/)
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export function postingsFromLinks(hrefs: string[], pageUrl: string, baseUrl: string, max: number): Posting[] {
  const out: Posting[] = [];
  const seen = new Set<string>();
  for (const href of hrefs) {
    if (out.length >= max) break;
    let url: URL;
    try {
      url = new URL(href, pageUrl);
    } catch {
      continue;
    }
    url.hash = '';
    url.search = '';
    const absolute = url.toString();
    if (!isSiteUrl(baseUrl, absolute)) continue;
    const id = postingIdFromUrl(absolute);
    if (!id || seen.has(id)) continue;
    seen.add(id);
    out.push({ external_id: id, url: absolute });
  }
  return out;
}

/** "$12,500" → 12500; null when no amount is shown. */
export function parsePrice(text: string | null): number | null {
  if (!text) return null;
  const m = /(\d[\d,]*)(?:\.(\d{1,2}))?/.exec(text);
  if (!m?.[1]) return null;
  const value = Number(m[1].replace(/,/g, '') + (m[2] ? `.${m[2]}` : ''));
  return Number.isFinite(value) ? value : null;
}

/** "(Miami Gardens)" → "Miami Gardens". */
export function parseLocation(text: string | null): string | null {
  if (!text) return null;
  const v = text.replace(/^\s*\(\s*/, '').replace(/\s*\)\s*$/, '').trim();
  return v === '' ? null : v;
}

/** The posting's own words, without Craigslist's "QR Code Link to This Post" line. */
export function parseBody(text: string | null): string | null {
  if (!text) return null;
  const v = cleanText(text.replace(/^\s*QR Code Link to This Post\s*$/im, ''));
  return v === '' ? null : v.slice(0, MAX_BODY);
}

/** A datetime attribute ("2026-11-20T10:15:00-0500") as ISO 8601 UTC, or null. */
export function parsePostedAt(text: string | null): string | null {
  if (!text) return null;
  const normalized = text.trim().replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const d = new Date(normalized);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

function attributeKey(label: string): string {
  return label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/**
 * Attribute-group entries ("odometer: 85,000", "make / model:\nhonda civic", "2015 honda civic")
 * as {odometer: 85000, make_model: 'honda civic', year: 2015, ...}. A line without a label
 * that starts with a year is the year and make/model; other unlabelled lines are kept as flags
 * (e.g. "cryptocurrency ok": "yes").
 */
export function parseAttributes(entries: string[]): VehicleAttributes {
  const out: VehicleAttributes = {};
  for (const raw of entries) {
    const entry = raw.replace(/\s+/g, ' ').trim();
    if (entry === '') continue;
    const colon = entry.indexOf(':');
    if (colon > 0) {
      const key = attributeKey(entry.slice(0, colon));
      const value = entry.slice(colon + 1).trim();
      if (key === '' || value === '') continue;
      if (key === 'odometer') {
        const n = Number(value.replace(/[^\d]/g, ''));
        out[key] = /\d/.test(value) && Number.isFinite(n) ? n : value;
      } else if (key === 'year' && /^\d{4}$/.test(value)) {
        out[key] = Number(value);
      } else {
        out[key] = value;
      }
      continue;
    }
    const ymm = /^((?:19|20)\d{2})\s+(.+)$/.exec(entry);
    if (ymm?.[1] && ymm[2]) {
      out.year ??= Number(ymm[1]);
      out.make_model ??= ymm[2];
      continue;
    }
    const key = attributeKey(entry);
    if (key !== '') out[key] ??= 'yes';
  }
  return out;
}

// Phone numbers as sellers write them: (305) 555-0142, 305.555.0142, +1 305 555 0142.
const PHONE = /(?:\+?1[\s.-]?)?\(?\b\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}\b/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

/** Valid US numbers in a text, as E.164, each once; invalid ones are dropped. */
export function findPhones(text: string | null): string[] {
  if (!text) return [];
  const out = new Set<string>();
  for (const m of text.matchAll(PHONE)) {
    const n = normalizePhone(m[0], 'US');
    if (n.ok) out.add(n.e164);
  }
  return [...out];
}

/** Email addresses in a text, lower-cased, each once. */
export function findEmails(text: string | null): string[] {
  if (!text) return [];
  const out = new Set<string>();
  for (const m of text.matchAll(EMAIL)) {
    const e = m[0].toLowerCase().replace(/\.+$/, '');
    if (e.length <= 320) out.add(e);
  }
  return [...out];
}

/** Phone and email from tel:/mailto: links first, then the reply box, then the body. */
export function parseContact(raw: Pick<RawListing, 'contactLinks' | 'replyText' | 'body'>): { phone?: string; email?: string } {
  const linkPhones: string[] = [];
  const linkEmails: string[] = [];
  for (const href of raw.contactLinks) {
    if (/^tel:/i.test(href)) {
      const n = normalizePhone(decodeURIComponent(href.slice(4)), 'US');
      if (n.ok) linkPhones.push(n.e164);
    } else if (/^mailto:/i.test(href)) {
      linkEmails.push(...findEmails(decodeURIComponent(href.slice(7).split('?')[0] ?? '')));
    }
  }
  const phone = [...linkPhones, ...findPhones(raw.replyText), ...findPhones(raw.body)][0];
  const email = [...linkEmails, ...findEmails(raw.replyText), ...findEmails(raw.body)][0];
  return { ...(phone ? { phone } : {}), ...(email ? { email } : {}) };
}

/** The listing complete_detail_v1 stores, or null when the page lacks a title. */
export function toListing(raw: RawListing, url: string): Listing | null {
  if (!raw.title) return null;
  const contactName = raw.contactName?.trim();
  return {
    title: raw.title.slice(0, 500),
    price: parsePrice(raw.price),
    location: parseLocation(raw.location),
    body: parseBody(raw.body),
    posted_at: parsePostedAt(raw.postedAt),
    url,
    vehicle: parseAttributes(raw.attributes),
    ...parseContact(raw),
    ...(contactName ? { contact_name: contactName.slice(0, 200) } : {}),
  };
}
