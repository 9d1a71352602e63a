/**
 * The console's keyset pages over lead_next_action_view_v5: walking every page
 * with any filter visits exactly the leads a plain ORDER BY would, in order,
 * once each — also when a small scan budget makes pages short.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../db/client.ts';
import { loadLeadPage, type LeadFilter } from '../api/domain/leads.ts';
import { cloneTemplate, type TestDatabase } from './harness/env.ts';

let db: TestDatabase;
let accountId: string;

beforeAll(async () => {
  db = await cloneTemplate('console_leads');
  const [a] = await db.sql<{ id: string }[]>`insert into public.accounts (name, slug) values ('Keyset', 'keyset') returning id`;
  accountId = a!.id;
  const [b] = await db.sql<{ id: string }[]>`insert into public.accounts (name, slug) values ('Other', 'other') returning id`;
  await db.sql`
    insert into public.leads (account_id, first_name, last_name, phone, email, source, lead_state)
    select ${accountId}, (array['Ana','Luis','Maria'])[1 + g % 3], 'Keyset' || g, '+1305555' || lpad(g::text, 4, '0'),
           'k' || g || '@example.com', (array['craigslist','import'])[1 + g % 2], (array['new','touched','dead'])[1 + (g % 7 = 0)::int + (g % 11 = 0)::int]
    from generate_series(1, 437) g`;
  await db.sql`insert into public.leads (account_id, first_name, phone, source) values (${b!.id}, 'Ana', '+13055559999', 'import')`;
  // Many equal scores, so ties are broken by id.
  await db.sql`update public.leads set priority_score = (abs(hashtext(id::text)) % 5) * 20 where account_id = ${accountId}`;
});

afterAll(async () => {
  await db?.drop();
});

async function walk(f: LeadFilter, scanLimit?: number): Promise<{ ids: string[]; pages: number; partial: number }> {
  const ids: string[] = [];
  let after: string | undefined;
  let pages = 0;
  let partial = 0;
  for (;;) {
    const page = await withTenant(db.sql, accountId, (tx) => loadLeadPage(tx, accountId, { ...f, after }, scanLimit));
    pages++;
    if (page.partial) partial++;
    ids.push(...page.rows.map((r) => r.lead_id));
    if (!page.next) break;
    after = page.next;
    if (pages > 500) throw new Error('no end');
  }
  return { ids, pages, partial };
}

async function expected(where: string): Promise<string[]> {
  const rows = await db.sql.unsafe<{ id: string }[]>(
    `select id from public.leads where account_id = $1 ${where} order by priority_score desc, id`,
    [accountId],
  );
  return rows.map((r) => r.id);
}

describe('leads keyset pages', () => {
  it('visits every lead of the account once, in priority order, and no other account', async () => {
    const all = await walk({});
    expect(all.ids).toEqual(await expected(''));
    expect(all.pages).toBe(Math.ceil(437 / 50));
  });

  it('filters by state and source, and searches by name, email or phone digits', async () => {
    expect((await walk({ state: 'touched' })).ids).toEqual(await expected(`and lead_state = 'touched'`));
    expect((await walk({ source: 'craigslist', state: 'new' })).ids).toEqual(await expected(`and source = 'craigslist' and lead_state = 'new'`));
    expect((await walk({ q: 'keyset4' })).ids).toEqual(await expected(`and last_name ilike '%keyset4%'`));
    expect((await walk({ q: '555-0123' })).ids).toEqual(await expected(`and phone::text like '%5550123%'`));
    expect((await walk({ q: 'K7@EXAMPLE' })).ids).toEqual(await expected(`and email = 'k7@example.com'`));
  });

  it('with a small scan budget, short pages still lead on to every match', async () => {
    const dead = await walk({ state: 'dead' }, 40);
    expect(dead.partial).toBeGreaterThan(0);
    expect(dead.ids).toEqual(await expected(`and lead_state = 'dead'`));
    const none = await walk({ q: 'nobody-at-all' }, 100);
    expect(none.ids).toEqual([]);
    expect(none.pages).toBe(Math.ceil(437 / 100));
  });

  it('filters by the live next action', async () => {
    const want = await db.sql<{ lead_id: string }[]>`
      select v.lead_id from public.lead_next_action_view_v5 v join public.leads l on l.id = v.lead_id
      where v.account_id = ${accountId} and v.next_action = 'stop_all' order by l.priority_score desc, l.id`;
    expect(want.length).toBeGreaterThan(0);
    expect((await walk({ next_action: 'stop_all' })).ids).toEqual(want.map((r) => r.lead_id));
  });
});
