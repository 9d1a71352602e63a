/**
 * Console leads table benchmark (issue 6): one page of 50 from
 * lead_next_action_view_v5 through the console's own loader (api/domain/leads.ts),
 * on 1,000,000 leads, under row-level security as revenue_api. Baseline in the
 * same run: fetching 50 leads by primary key through the same view.
 *
 * Pages: the first, one 500,000 leads deep (keyset cursor), a state filter, a
 * search that matches nothing (the scan budget stops it), a next-action filter.
 *
 *   node --import tsx bench/console.ts        (BENCH_CONSOLE_LEADS=1000000)
 */
import { withTenant } from '../db/client.ts';
import { setLogLevel } from '../lib/log.ts';
import { loadLeadPage, type LeadFilter } from '../api/domain/leads.ts';
import { dropDatabase, freshDatabase, heading, line, ms, record, timeEach } from './lib.ts';

const DB = 'revenue_os_bench_console';
const LEADS = Number(process.env.BENCH_CONSOLE_LEADS ?? 1_000_000);
const RUNS = 15;

async function main(): Promise<void> {
  setLogLevel('warn');
  const started = Date.now();
  const { sql } = await freshDatabase(DB);
  try {
    const [acct] = await sql<{ id: string }[]>`insert into public.accounts (name, slug) values ('Bench', 'bench') returning id`;
    const accountId = acct!.id;
    // Loading only: the per-row triggers (priority scoring, state log) are not what is measured.
    await sql.begin(async (tx) => {
      await tx`set local session_replication_role = replica`;
      await tx`
        insert into public.leads (account_id, first_name, last_name, phone, email, source, city, lead_state, priority_score, created_at)
        select ${accountId}, (array['Ana','Luis','Maria','John','Sofia'])[1 + g % 5], 'Lead' || g,
               '+1305' || lpad((g % 10000000)::text, 7, '0'), 'lead' || g || '@example.com',
               (array['craigslist','import','webhook'])[1 + g % 3], 'miami',
               (array['new','touched','responded','dead'])[1 + (g % 97 = 0)::int + (g % 89 = 0)::int * 2],
               (g::bigint * 7919 % 101)::int, now() - (g % 1000) * interval '1 minute'
        from generate_series(1, ${LEADS}) g`;
    });
    await sql`vacuum analyze public.leads`;
    process.stdout.write(`# ${LEADS.toLocaleString('en-US')} leads loaded in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);

    const page = (f: LeadFilter) => withTenant(sql, accountId, (tx) => loadLeadPage(tx, accountId, f));
    const sample = (await sql<{ id: string }[]>`select id from public.leads order by random() limit ${50 * RUNS}`).map((r) => r.id);

    heading('baseline: 50 leads by primary key through lead_next_action_view_v5');
    const base = await timeEach([...Array(RUNS).keys()], (i) =>
      withTenant(sql, accountId, (tx) => tx`select * from public.lead_next_action_view_v5 where lead_id = any(${sample.slice(i * 50, i * 50 + 50)}::uuid[])`),
    );
    line('p50 / p99', `${ms(base.p50)} / ${ms(base.p99)}`);

    const first = await page({});
    const [deep] = await sql<{ priority_score: number; id: string }[]>`
      select priority_score, id from public.leads where account_id = ${accountId}
      order by priority_score desc, id offset ${Math.floor(LEADS / 2)} limit 1`;
    const cases: { label: string; short: string; f: LeadFilter }[] = [
      { label: 'first page', short: 'first page', f: {} },
      { label: `page ${Math.floor(LEADS / 2).toLocaleString('en-US')} leads deep (keyset cursor)`, short: 'half-way deep', f: { after: `${deep!.priority_score}:${deep!.id}` } },
      { label: 'second page from the first page cursor', short: 'second page', f: { after: first.next! } },
      { label: 'state = responded (~1% of leads)', short: 'state filter', f: { state: 'responded' } },
      { label: 'search that matches nothing (scan budget)', short: 'search, no match', f: { q: 'zzzz-nobody' } },
      { label: 'next action = do_nothing (live decision per candidate)', short: 'next-action filter', f: { next_action: 'do_nothing' } },
    ];
    heading('console leads page of 50 (median of 15), ratio to the baseline p50');
    for (const c of cases) {
      let rows = 0;
      const t = await timeEach([...Array(RUNS).keys()], async () => {
        rows = (await page(c.f)).rows.length;
      });
      line(`${c.label} (${rows} rows)`, `p50 ${ms(t.p50)} · p99 ${ms(t.p99)} · ${(t.p50 / base.p50).toFixed(1)}x`);
      record({
        bench: 'console', metric: `leads page p50 ÷ 50 by pk, ${c.short}, ${LEADS} leads`, unit: 'ms',
        figure: t.p50, baseline: base.p50, target: null,
      });
    }
  } finally {
    await sql.end();
    if (!process.env.BENCH_KEEP) await dropDatabase(DB);
  }
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
