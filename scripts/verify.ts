/**
 * `make verify`: runs seed 001's verification queries, verbatim, and prints
 * their results. Exits 1 when a query fails or a check that promises a value
 * (no campaign mismatches, the next-action view exists) does not hold.
 *
 * Database: DATABASE_URL; else the embedded database of a running `make run`;
 * else the embedded database in DATA_DIR, started for the occasion.
 */
import { pathToFileURL } from 'node:url';
import { connect, type Sql } from '../db/client.ts';
import { withCommandDatabase } from '../db/embedded.ts';
import { loadConfig } from '../lib/config.ts';
import { maskUrl, setLogLevel } from '../lib/log.ts';

export interface Verification {
  section: string;
  title: string;
  sql: string;
  /** When set, the check fails unless this holds for the rows. */
  expect?: { description: string; holds: (rows: Record<string, unknown>[]) => boolean };
}

const zeroCount = {
  description: 'count = 0',
  holds: (rows: Record<string, unknown>[]) => rows.length === 1 && Number(Object.values(rows[0]!)[0]) === 0,
};

export const VERIFICATIONS: Verification[] = [
  {
    section: 'Programs vs Campaigns: LeadGen programs',
    title: 'routing active (org_settings is a singleton table in repo-truth)',
    sql: `select leadgen_routing
from public.org_settings
limit 1;`,
  },
  {
    section: 'Programs vs Campaigns: LeadGen programs',
    title: 'tasks last 60m (Craigslist)',
    sql: `select status, task_type, count(*) as n
from lead_hunter.craigslist_tasks_v1
where created_at > now() - interval '60 minutes'
group by 1,2
order by 1,2;`,
  },
  {
    section: 'Programs vs Campaigns: LeadGen programs',
    title: 'leads from craigslist last 60m',
    sql: `select count(*) as leads_last_60m
from public.leads
where source = 'craigslist'
  and created_at > now() - interval '60 minutes';`,
  },
  {
    section: 'Programs UI: endpoints backing data',
    title: 'tasks last 15m (worker health evidence)',
    sql: `select status, count(*) as n
from lead_hunter.craigslist_tasks_v1
where created_at > now() - interval '15 minutes'
group by 1
order by 1;`,
  },
  {
    section: 'Programs UI: endpoints backing data',
    title: 'last success (done)',
    sql: `select created_at
from lead_hunter.craigslist_tasks_v1
where status='done'
order by created_at desc
limit 1;`,
  },
  {
    section: 'Canonical Lead Next Action View',
    title: 'view exists',
    sql: `select 1
from information_schema.views
where table_schema='public'
  and table_name='lead_next_action_view_v5';`,
    expect: { description: 'one row', holds: (rows) => rows.length === 1 },
  },
  {
    section: 'Canonical Lead Next Action View',
    title: 'sample',
    sql: `select *
from public.lead_next_action_view_v5
limit 5;`,
  },
  {
    section: 'Canonical Lead Next Action View',
    title: 'campaign mismatches should be 0',
    sql: `select count(*)
from public.campaigns
where (is_active = true and status <> 'active')
   or (is_active = false and status = 'active');`,
    expect: zeroCount,
  },
  {
    section: 'Craigslist (US) V0: verified state',
    title: 'latest discover (miami)',
    sql: `select id, status, last_error, created_at
from lead_hunter.craigslist_tasks_v1
where task_type='discover' and city='miami'
order by created_at desc limit 1;`,
  },
  {
    section: 'Craigslist (US) V0: verified state',
    title: 'detail tasks breakdown (miami, last 60m)',
    sql: `select status, task_type, count(*)
from lead_hunter.craigslist_tasks_v1
where city='miami' and created_at > now() - interval '60 minutes'
group by 1,2 order by 1,2;`,
  },
  {
    section: 'Craigslist (US) V0: verified state',
    title: 'leads inserted (miami, last 60m)',
    sql: `select count(*) as leads_last_60m
from public.leads
where source='craigslist' and city='miami'
and created_at > now() - interval '60 minutes';`,
  },
  {
    section: 'Verification snippets',
    title: 'campaign consistency (should return 0 rows)',
    sql: `select id, name, is_active, status
from public.campaigns
where is_active = true and status <> 'active';`,
    expect: { description: '0 rows', holds: (rows) => rows.length === 0 },
  },
  {
    section: 'Verification snippets',
    title: 'bulk pause impact (running count should drop)',
    sql: `select count(*) as running
from public.campaigns
where is_active = true;`,
  },
  {
    section: 'Verification snippets',
    title: 'lead next action exists (sample)',
    sql: `select lead_id, priority_score, recommended_action, effective_channel
from public.lead_next_action_view_v5
order by priority_score desc
limit 10;`,
  },
];

export interface VerificationResult {
  verification: Verification;
  rows: Record<string, unknown>[];
  error: string | null;
  ok: boolean;
}

/** Each query runs in its own read-only transaction; a failing one does not stop the others. */
export async function runVerifications(sql: Sql): Promise<VerificationResult[]> {
  const results: VerificationResult[] = [];
  for (const v of VERIFICATIONS) {
    try {
      const rows = (await sql.begin('read only', (tx) => tx.unsafe(v.sql))) as unknown as Record<string, unknown>[];
      const ok = v.expect ? v.expect.holds(rows) : true;
      results.push({ verification: v, rows: [...rows], error: null, ok });
    } catch (error) {
      results.push({ verification: v, rows: [], error: (error as Error).message, ok: false });
    }
  }
  return results;
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function formatResult(r: VerificationResult): string {
  const head = `-- ${r.verification.title}${r.verification.expect ? ` (expect ${r.verification.expect.description})` : ''}`;
  if (r.error) return `${head}\nERROR: ${r.error}\n`;
  const columns = r.rows.length ? Object.keys(r.rows[0]!) : [];
  const table = [columns, ...r.rows.map((row) => columns.map((c) => cell(row[c])))];
  const widths = columns.map((_, i) => Math.min(60, Math.max(...table.map((line) => (line[i] ?? '').length))));
  const fmt = (line: string[]) => line.map((v, i) => (v.length > 60 ? v.slice(0, 57) + '...' : v.padEnd(widths[i]!))).join(' | ');
  const lines = r.rows.length ? [fmt(columns), widths.map((w) => '-'.repeat(w)).join('-+-'), ...table.slice(1).map(fmt)] : [];
  return `${head}\n${lines.join('\n')}${lines.length ? '\n' : ''}(${r.rows.length} row${r.rows.length === 1 ? '' : 's'})${r.ok ? '' : '  <-- FAILED'}\n`;
}

async function main(): Promise<number> {
  const config = loadConfig();
  setLogLevel('warn');
  return withCommandDatabase(config, async (url) => {
    const sql = connect(url, { max: 1, applicationName: 'revenue-os-verify' });
    try {
      process.stdout.write(`Seed 001 verification queries on ${maskUrl(url)}\n`);
      const results = await runVerifications(sql);
      let section = '';
      for (const r of results) {
        if (r.verification.section !== section) {
          section = r.verification.section;
          process.stdout.write(`\n== ${section} ==\n`);
        }
        process.stdout.write(formatResult(r));
      }
      const failed = results.filter((r) => !r.ok);
      process.stdout.write(`\n${results.length - failed.length}/${results.length} queries ran and held what they promise.\n`);
      return failed.length ? 1 : 0;
    } finally {
      await sql.end();
    }
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    (code) => process.exit(code),
    (error: Error) => {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    },
  );
}
