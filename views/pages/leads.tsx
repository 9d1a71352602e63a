/**
 * The Leads page: filters and the leads table, one page at a time (loaded by
 * api/domain/leads.ts loadLeadPage).
 */
import type { FC } from 'hono/jsx';
import { LEAD_STATES, type LeadFilter, type LeadFilterOptions, type LeadPage } from '../../api/domain/leads.ts';
import { SENTIMENT_TAGS } from '../../api/domain/inbox.ts';
import { Badge, Csrf, Empty, Guard, Notice, Table, Time } from '../ui.tsx';
import { TagBadge } from './inbox.tsx';

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
      <label>Reply tag
        <select name="tag"><option value="">any</option>{SENTIMENT_TAGS.map((t) => <option selected={f.tag === t}>{t}</option>)}</select>
      </label>
      <label>AI draft
        <select name="draft"><option value="">any</option><option value="pending" selected={f.draft === 'pending'}>pending approval</option></select>
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
    <form hx-post="/leads/suppress" hx-target="#lead-table" hx-swap="outerHTML" hx-include="[name=q],[name=state],[name=next_action],[name=source],[name=campaign],[name=setter],[name=tag],[name=draft]" hx-confirm="Suppress the selected leads on every channel?">
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
              <th><input type="checkbox" aria-label="Select all" data-select-all="lead_id" disabled={!canAct} /></th>
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
                  {r.sentiment_tag ? <> <TagBadge tag={r.sentiment_tag} /></> : null}
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
