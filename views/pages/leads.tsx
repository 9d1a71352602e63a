/**
 * The leads table: lead_next_action_view_v5 for one page at a time. Pages come
 * from the leads (account_id, priority_score desc, id) index with a keyset
 * cursor, so page 1 and page 20,000 cost the same on a million leads.
 */
import type { FC } from 'hono/jsx';
import { z } from 'zod';
import type { TransactionSql } from '../../db/client.ts';
import { LEAD_STATES } from './campaigns.tsx';
import { Badge, Csrf, Empty, Guard, Notice, Table, Time } from '../ui.tsx';

export const PAGE_SIZE = 50;
/** Index rows one request may walk to fill a page when filters are selective. */
export const SCAN_LIMIT = 20_000;
/** Live next-action decisions one request may compute when filtering by next action. */
const DECIDE_LIMIT = 1_000;

/** brain.lead_next_action_at's vocabulary (lead_next_action_view_v5.next_action). */
export const NEXT_ACTIONS = ['send', 'reactivate', 'cooldown', 'stop_all', 'do_nothing'] as const;

const uuid = z.string().uuid();
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const LeadFilterSchema = z.object({
  state: z.preprocess(blankToUndefined, z.enum(LEAD_STATES as [string, ...string[]]).optional()),
  next_action: z.preprocess(blankToUndefined, z.enum(NEXT_ACTIONS).optional()),
  source: z.preprocess(blankToUndefined, z.string().regex(/^[a-z0-9][a-z0-9_]{0,39}$/, 'sources are lower-case words').optional()),
  campaign: z.preprocess(blankToUndefined, uuid.optional()),
  setter: z.preprocess(blankToUndefined, z.union([uuid, z.literal('none')]).optional()),
  q: z.preprocess(blankToUndefined, z.string().trim().max(100).optional()),
  after: z.preprocess(blankToUndefined, z.string().regex(/^\d{1,3}:[0-9a-f-]{36}$/, 'bad page cursor').optional()),
});
export type LeadFilter = z.infer<typeof LeadFilterSchema>;

export interface LeadRow {
  lead_id: string;
  lead_name: string | null;
  phone: string | null;
  email: string | null;
  source: string | null;
  city: string | null;
  status: string;
  lead_state: string;
  priority_score: number;
  next_action: string;
  next_action_at: Date | null;
  effective_channel: string | null;
  reason: string | null;
  campaign_id: string | null;
  campaign_name: string | null;
  assigned_to: string | null;
}

export interface LeadPage {
  rows: LeadRow[];
  /** Cursor for the next page, null at the end. */
  next: string | null;
  /** When the page is short: index rows walked to look for it (at most SCAN_LIMIT); else 0. */
  scanned: number;
  /** True when the page is short because the scan limit was reached, not the end. */
  partial: boolean;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (m) => `\\${m}`);
}

export async function loadLeadPage(tx: TransactionSql, accountId: string, f: LeadFilter, scanLimit = SCAN_LIMIT): Promise<LeadPage> {
  const [afterScore, afterId] = f.after ? (f.after.split(':') as [string, string]) : [null, null];
  const q = f.q?.trim();
  const digits = q?.replace(/[^0-9]/g, '') ?? '';
  const wanted = f.next_action ? DECIDE_LIMIT : PAGE_SIZE + 1;
  // After (score, id) in "priority_score desc, id" order: a lower score, or the same score and a later id.
  const cursor = afterId
    ? tx`and priority_score <= ${Number(afterScore)}::smallint
         and (priority_score < ${Number(afterScore)}::smallint or id > ${afterId}::uuid)`
    : tx``;
  // Leads-level filters over a bounded walk of the priority index. The walk is a
  // streaming subquery: it stops as soon as the page is full.
  const matched = await tx<{ id: string; priority_score: number }[]>`
    select w.id, w.priority_score from (
      select id, priority_score, lead_state, source, assigned_user_id, first_name, last_name, email, phone
      from public.leads
      where account_id = ${accountId} ${cursor}
      order by priority_score desc, id
      limit ${scanLimit}
    ) w
    where true
      ${f.state ? tx`and w.lead_state = ${f.state}` : tx``}
      ${f.source ? tx`and w.source = ${f.source}` : tx``}
      ${f.setter === 'none' ? tx`and w.assigned_user_id is null` : f.setter ? tx`and w.assigned_user_id = ${f.setter}::uuid` : tx``}
      ${f.campaign ? tx`and exists (select 1 from public.campaign_leads cl where cl.lead_id = w.id and cl.campaign_id = ${f.campaign}::uuid)` : tx``}
      ${
        q
          ? tx`and (concat_ws(' ', w.first_name, w.last_name) ilike ${'%' + escapeLike(q) + '%'}
               or w.email::text ilike ${'%' + escapeLike(q.toLowerCase()) + '%'}
               ${digits.length >= 3 ? tx`or w.phone::text like ${'%' + digits + '%'}` : tx``})`
          : tx``
      }
    limit ${wanted}`;
  // Only a short page needs to know where the walk ended (and whether the list did).
  let lastScanned: { id: string; priority_score: number } | null = null;
  let scanned = 0;
  if (matched.length < wanted) {
    const [end] = await tx<{ id: string; priority_score: number }[]>`
      select id, priority_score from public.leads where account_id = ${accountId} ${cursor}
      order by priority_score desc, id offset ${scanLimit - 1} limit 1`;
    lastScanned = end ?? null;
    scanned = end ? scanLimit : (await tx<{ n: number }[]>`
      select count(*)::int as n from public.leads where account_id = ${accountId} ${cursor}`)[0]!.n;
  }
  const walkExhausted = lastScanned === null;
  const candidates = matched;

  let ids = matched.map((m) => m.id);
  if (f.next_action) {
    // The live decision for the candidates, in index order, 100 at a time until the page is full.
    const kept: string[] = [];
    for (let i = 0; i < ids.length && kept.length <= PAGE_SIZE; i += 100) {
      const chunk = ids.slice(i, i + 100);
      const decided = await tx<{ lead_id: string; next_action: string }[]>`
        select lead_id, next_action from public.lead_next_action_view_v5 where lead_id = any(${chunk}::uuid[])`;
      const keep = new Set(decided.filter((d) => d.next_action === f.next_action).map((d) => d.lead_id));
      kept.push(...chunk.filter((id) => keep.has(id)));
    }
    ids = kept.slice(0, PAGE_SIZE + 1);
  }
  const hasMoreMatches = ids.length > PAGE_SIZE;
  const pageIds = ids.slice(0, PAGE_SIZE);
  const rows = pageIds.length
    ? await tx<LeadRow[]>`
        select v.lead_id, v.lead_name, l.phone::text as phone, l.email::text as email, l.source, l.city, l.status,
               v.lead_state, v.priority_score, v.next_action, v.next_action_at, v.effective_channel, v.reason, v.campaign_id,
               c.name as campaign_name, u.name as assigned_to
        from public.lead_next_action_view_v5 v
        join public.leads l on l.id = v.lead_id
        left join public.campaigns c on c.id = v.campaign_id
        left join public.account_people() u on u.user_id = l.assigned_user_id
        where v.lead_id = any(${pageIds}::uuid[])`
    : [];
  const order = new Map(pageIds.map((id, i) => [id, i]));
  rows.sort((a, b) => order.get(a.lead_id)! - order.get(b.lead_id)!);

  // Where the next page starts: after the last lead shown when more matches are
  // known; else after the last lead examined when the decision budget or the
  // walk stopped early; else nowhere (the end).
  let next: string | null = null;
  let partial = false;
  const keyOf = (id: string) => {
    const c = candidates.find((x) => x.id === id)!;
    return `${c.priority_score}:${c.id}`;
  };
  if (hasMoreMatches) next = keyOf(pageIds[pageIds.length - 1]!);
  else if (f.next_action && matched.length >= wanted) {
    // The decision budget ran out before the page filled: continue after the last candidate.
    next = keyOf(matched[matched.length - 1]!.id);
    partial = true;
  } else if (!walkExhausted && lastScanned) {
    // The walk stopped at its budget before the page filled: continue after it.
    next = `${lastScanned.priority_score}:${lastScanned.id}`;
    partial = true;
  }
  return { rows, next, scanned, partial };
}

export interface LeadFilterOptions {
  campaigns: { id: string; name: string }[];
  setters: { id: string; name: string }[];
  sources: string[];
  nextActions: string[];
}

export async function loadLeadFilterOptions(tx: TransactionSql): Promise<LeadFilterOptions> {
  const campaigns = await tx<{ id: string; name: string }[]>`select id, name from public.campaigns order by name`;
  const setters = await tx<{ id: string; name: string }[]>`
    select user_id as id, name from public.account_people()
    where is_active and role in ('owner', 'admin', 'setter') order by name`;
  const sources = (await tx<{ source: string }[]>`
    select distinct source from public.leads where source is not null order by 1 limit 50`).map((r) => r.source);
  return { campaigns, setters, sources, nextActions: [...NEXT_ACTIONS] };
}


export const LeadFilters: FC<{ f: LeadFilter; o: LeadFilterOptions }> = ({ f, o }) => (
  <form class="filters" method="get" action="/leads" hx-get="/leads" hx-target="#lead-table" hx-select="#lead-table" hx-push-url="true" hx-trigger="change, submit, keyup changed delay:400ms from:input[name=q]">
    <div class="grid filters-grid">
      <label>Search<input name="q" value={f.q ?? ''} placeholder="name, phone or email" type="search" /></label>
      <label>State
        <select name="state"><option value="">any</option>{LEAD_STATES.map((s) => <option selected={f.state === s}>{s}</option>)}</select>
      </label>
      <label>Next action
        <select name="next_action"><option value="">any</option>{o.nextActions.map((s) => <option selected={f.next_action === s}>{s}</option>)}</select>
      </label>
      <label>Source
        <select name="source"><option value="">any</option>{o.sources.map((s) => <option selected={f.source === s}>{s}</option>)}</select>
      </label>
      <label>Campaign
        <select name="campaign"><option value="">any</option>{o.campaigns.map((c) => <option value={c.id} selected={f.campaign === c.id}>{c.name}</option>)}</select>
      </label>
      <label>Setter
        <select name="setter">
          <option value="">any</option>
          <option value="none" selected={f.setter === 'none'}>unassigned</option>
          {o.setters.map((s) => <option value={s.id} selected={f.setter === s.id}>{s.name}</option>)}
        </select>
      </label>
    </div>
    <noscript><button type="submit">Filter</button></noscript>
  </form>
);

function pageLink(f: LeadFilter, after: string): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v && k !== 'after') p.set(k, String(v));
  p.set('after', after);
  return `/leads?${p.toString()}`;
}

export const LeadTable: FC<{ page: LeadPage; f: LeadFilter; csrf: string; canAct: boolean; notice?: { kind: 'ok' | 'error'; text: string } }> = ({
  page,
  f,
  csrf,
  canAct,
  notice,
}) => (
  <div id="lead-table">
    {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
    <form hx-post="/leads/suppress" hx-target="#lead-table" hx-swap="outerHTML" hx-include="[name=q],[name=state],[name=next_action],[name=source],[name=campaign],[name=setter]" hx-confirm="Suppress the selected leads on every channel?">
      <Csrf token={csrf} />
      {f.after ? <input type="hidden" name="after" value={f.after} /> : null}
      <div class="toolbar">
        <span class="muted">
          {page.rows.length} leads on this page{page.partial ? ` (searched ${page.scanned.toLocaleString('en-US')} leads; more may match further on)` : ''}
        </span>
        <Guard allowed={canAct}>
          <select name="reason" aria-label="Reason">
            <option value="manual">manual</option>
            <option value="do_not_contact">do not contact</option>
            <option value="wrong_number">wrong number</option>
            <option value="not_interested">not interested</option>
            <option value="bad_fit">bad fit</option>
          </select>
          <button type="submit" class="secondary">Suppress selected</button>
        </Guard>
      </div>
      {page.rows.length === 0 ? (
        <Empty>No leads match these filters.</Empty>
      ) : (
        <Table id="leads">
          <thead>
            <tr>
              <th><input type="checkbox" aria-label="Select all" onclick="document.querySelectorAll('input[name=lead_id]').forEach(c=>c.checked=this.checked)" disabled={!canAct} /></th>
              <th>Lead</th><th>State</th><th>Next action</th><th>When</th><th>Channel</th><th class="num">Priority</th>
              <th>Source</th><th>Campaign</th><th>Setter</th>
            </tr>
          </thead>
          <tbody>
            {page.rows.map((r) => (
              <tr data-lead-id={r.lead_id}>
                <td><input type="checkbox" name="lead_id" value={r.lead_id} aria-label="Select" disabled={!canAct} /></td>
                <td>
                  <a href={`/leads/${r.lead_id}`}>{r.lead_name || r.email || r.phone || 'unnamed'}</a>
                  <br /><small class="muted">{[r.phone, r.email].filter(Boolean).join(' · ')}</small>
                </td>
                <td><Badge value={r.status === 'suppressed' ? 'suppressed' : r.lead_state} /></td>
                <td><code>{r.next_action}</code></td>
                <td><Time at={r.next_action_at} /></td>
                <td>{r.effective_channel ?? '—'}</td>
                <td class="num">{r.priority_score}</td>
                <td>{r.source ?? '—'}{r.city ? <small class="muted"> · {r.city}</small> : null}</td>
                <td><small>{r.campaign_name ?? '—'}</small></td>
                <td><small>{r.assigned_to ?? '—'}</small></td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </form>
    <nav class="pager">
      {f.after ? <a href="/leads" role="button" class="secondary outline">First page</a> : null}
      {page.next ? <a href={pageLink(f, page.next)} role="button" class="secondary" rel="next">Next page →</a> : <span class="muted">End of list</span>}
    </nav>
  </div>
);
