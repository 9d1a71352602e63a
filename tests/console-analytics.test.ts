/**
 * The Analytics page and its CSV export over HTTP (issue 18): the 30-day window's
 * funnel from the views, custom ranges and a refused one, every tab, the export of
 * every table with proper quoting and formula-safe cells (a lead named
 * =HYPERLINK(...) exports as '=HYPERLINK(...), numbers stay numbers), the export's
 * role check, and nothing of another account.
 */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLE_NAMES, TABS } from '../api/domain/analytics.ts';
import { connect } from '../db/client.ts';
import type { WorkerDeps } from '../worker/deps.ts';
import { refreshAnalytics } from '../worker/tasks/refresh_analytics.ts';
import { httpLogin, startConsoleServer, type ConsoleServer } from './harness/console.ts';
import { FORMULA_NAME, PLUS_NAME, seedAnalytics, type AnalyticsSeed } from './harness/analytics.ts';

type Who = { cookie: string; csrf: string };

let srv: ConsoleServer;
let owner: Who;
let seed: AnalyticsSeed;

async function get(who: Who, path: string): Promise<Response> {
  return fetch(`${srv.url}${path}`, { headers: { cookie: who.cookie } });
}

/** The funnel chart's numbers, by stage, as the page draws them. */
function funnelChart(html: string): Record<string, number> {
  const chart = /<figure class="chart hbars" id="funnel-chart">([\s\S]*?)<\/figure>/.exec(html)?.[1] ?? '';
  return Object.fromEntries(
    [...chart.matchAll(/data-row="(\w+)">[\s\S]*?data-value="(\d+)"/g)].map((m) => [m[1]!, Number(m[2])]),
  );
}

beforeAll(async () => {
  srv = await startConsoleServer('console_analytics');
  seed = await seedAnalytics(srv.db.sql, srv.demoAccountId);
  owner = await httpLogin(srv.url, srv.users.owner);
}, 60_000);

afterAll(async () => {
  await srv?.close();
});

describe('the Analytics page', () => {
  it('shows the 30-day funnel by default, read from the views', async () => {
    const r = await get(owner, '/analytics');
    expect(r.status).toBe(200);
    const html = await r.text();
    expect(funnelChart(html)).toEqual({ contacted: 3, replied: 2, positive: 2, meeting: 2, booked: 2 });
    expect(html).toContain('America/New_York');
    expect(html).toMatch(/\(30 days, America\/New_York\)/);
    expect(html).toContain('Up to date.');
    expect(html).toContain('<a href="/analytics" aria-current="page">Analytics</a>');
    // The same numbers an analyst gets from the view.
    const [v] = await srv.db.sql<{ contacted: number; booked: number }[]>`
      select sum(contacted)::int as contacted, sum(booked)::int as booked from public.v_funnel_daily_v1 v
      join public.analytics_window(${srv.demoAccountId}, '30d') w on v.day between w.from_day and w.to_day
      where v.account_id = ${srv.demoAccountId} and v.group_kind = 'all'`;
    expect(v).toEqual({ contacted: 3, booked: 2 });
  });

  it('opens every tab', async () => {
    for (const tab of TABS) {
      const r = await get(owner, `/analytics?window=90d&tab=${tab}`);
      expect(r.status, tab).toBe(200);
      expect(await r.text(), tab).toContain(`id="tab-${tab}"`);
    }
    const html = await (await get(owner, '/analytics?window=90d&tab=campaigns')).text();
    expect(html).toContain('Analytics spring');
    expect(html).toMatch(/<td class="num" data-col="contacted">4<\/td>/);
  });

  it('takes a custom range with its end date included, and refuses a bad one', async () => {
    const [d] = await srv.db.sql<{ from: string; to: string }[]>`
      select (to_day - 3)::text as from, (to_day - 3)::text as to from public.analytics_window(${srv.demoAccountId}, '7d')`;
    const one = await (await get(owner, `/analytics?window=custom&from=${d!.from}&to=${d!.to}`)).text();
    expect(funnelChart(one).contacted).toBe(1);
    const bad = await get(owner, `/analytics?window=custom&from=${d!.to}&to=2020-01-01`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain(`The start date ${d!.to} is after the end date 2020-01-01.`);
    const unknown = await get(owner, '/analytics?window=week');
    expect(unknown.status).toBe(400);
    const long = await get(owner, '/analytics?window=custom&from=2020-01-01&to=2026-01-01');
    expect(long.status).toBe(400);
    expect(await long.text()).toContain('at most 366 days');
    const month13 = await get(owner, '/analytics?window=custom&from=2026-13-01&to=2026-12-01');
    expect(month13.status).toBe(400);
    expect(await month13.text()).toContain('from: no such date');
  });
});

describe('CSV export', () => {
  it('exports the attribution with formula-safe cells and numbers as numbers', async () => {
    const r = await get(owner, '/analytics/export.csv?table=attribution&window=30d');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(r.headers.get('content-disposition')).toMatch(/^attachment; filename="analytics-attribution-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = new Uint8Array(await r.arrayBuffer());
    expect([...bytes.slice(0, 3)], 'a UTF-8 byte order mark').toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    const rows = parse(text, { bom: true, columns: true, record_delimiter: '\r\n' }) as Record<string, string>[];
    expect(rows.map((x) => x.lead).sort()).toEqual([`'${FORMULA_NAME}`, `'${PLUS_NAME}`].sort());
    // The raw text: the quote inside the name is doubled, and the cell is quoted.
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example/x"",""Click"")"`);
    expect(text).not.toMatch(/(^|,)=HYPERLINK/m);
    expect(rows.every((x) => x.group === 'Analytics spring' && x.step === '1' && x.channel === 'sms')).toBe(true);
    expect(rows.map((x) => x.rule).sort()).toEqual(['last_touch_before_booking', 'last_touch_before_first_positive_reply']);
    expect(text.split('\r\n')[0]).toBe('\ufeffbooked_at,lead,status,start_at,source,group,step,channel,touch_sent_at,first_positive_reply_at,rule,lead_id');
    // A step is a bare number, not a quoted or escaped one.
    expect(text).toMatch(/,campaign,Analytics spring,1,sms,/);
  });

  it('exports every table of the page; rates are fractions', async () => {
    for (const table of TABLE_NAMES) {
      const r = await get(owner, `/analytics/export.csv?table=${table}&window=30d`);
      expect(r.status, table).toBe(200);
    }
    const text = await (await get(owner, '/analytics/export.csv?table=funnel_campaigns&window=30d')).text();
    const rows = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toEqual([{ campaign: 'Analytics spring', contacted: '3', replied: '2', positive: '2', meeting: '2', booked: '2', reply_rate: '0.6667', booking_rate: '0.6667' }]);
  });

  it('refuses an unknown table and a bad window', async () => {
    expect((await get(owner, '/analytics/export.csv?table=leads&window=30d')).status).toBe(400);
    const bad = await get(owner, '/analytics/export.csv?table=funnel&window=custom&from=2026-12-02&to=2026-12-01');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'invalid_analytics_window' });
  });

  it('is for owners, admins and analysts; viewers and setters see the page without export links', async () => {
    for (const role of ['admin', 'analyst'] as const) {
      const who = await httpLogin(srv.url, srv.users[role]);
      expect((await get(who, '/analytics/export.csv?table=funnel')).status, role).toBe(200);
      expect(await (await get(who, '/analytics')).text(), role).toContain('data-export="funnel"');
    }
    for (const role of ['viewer', 'setter'] as const) {
      const who = await httpLogin(srv.url, srv.users[role]);
      expect((await get(who, '/analytics/export.csv?table=funnel')).status, role).toBe(403);
      const page = await get(who, '/analytics');
      expect(page.status, role).toBe(200);
      expect(await page.text(), role).not.toContain('data-export=');
    }
    expect((await fetch(`${srv.url}/analytics/export.csv?table=funnel`, { redirect: 'manual' })).status).not.toBe(200);
  });

  it('another account sees none of it', async () => {
    const other = await httpLogin(srv.url, srv.users.other);
    expect(funnelChart(await (await get(other, '/analytics?window=90d')).text())).toEqual({ contacted: 0, replied: 0, positive: 0, meeting: 0, booked: 0 });
    const text = await (await get(other, '/analytics/export.csv?table=attribution&window=90d')).text();
    expect(text).not.toContain('HYPERLINK');
  });
});

describe('the worker keeps it current', () => {
  it('a new reply waits for refresh_analytics, which counts it', async () => {
    await srv.db.sql`
      insert into public.inbound_messages (account_id, lead_id, channel, provider, provider_message_id, from_address, body, received_at)
      values (${srv.demoAccountId}, ${seed.leads.plain}, 'sms', 'twilio', 'SManalyticsplain', '+13055558102', 'who is this?', now())`;
    const before = await (await get(owner, '/analytics')).text();
    expect(funnelChart(before).replied).toBe(2);
    expect(before).toContain('1 lead has changes the next refresh (every minute) will count.');
    const workerSql = connect(srv.db.url, { max: 1, role: 'revenue_worker' });
    try {
      await refreshAnalytics({ sql: workerSql } as WorkerDeps)({}, {} as never);
    } finally {
      await workerSql.end();
    }
    const after = await (await get(owner, '/analytics')).text();
    expect(funnelChart(after)).toEqual({ contacted: 3, replied: 3, positive: 2, meeting: 2, booked: 2 });
    expect(after).toContain('Up to date.');
  });
});
