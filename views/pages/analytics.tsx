/**
 * Analytics (issue 18; seed 003 §18): a window of 7, 30 or 90 days or a custom
 * range in the account's time zone, and six tabs: the funnel, campaigns,
 * sequences, channels and steps, reactivation, attribution. Every number comes
 * from public.analytics_page (the v_*_v1 views analysts read); charts are
 * server-rendered SVG; every table downloads as CSV.
 */
import type { FC } from 'hono/jsx';
import { TABLES, TABS, type AnalyticsData, type AnalyticsQuery, type Column, type Row, type TableName, type Tab } from '../../api/domain/analytics.ts';
import { HBars, StackedBars } from '../chart.tsx';
import { Empty, fmtNum, fmtTime, Stat, Table } from '../ui.tsx';

const TAB_LABELS: Record<Tab, string> = {
  overview: 'Overview',
  campaigns: 'Campaigns',
  sequences: 'Sequences',
  channels: 'Channels & steps',
  reactivation: 'Reactivation',
  attribution: 'Attribution',
};

const WINDOW_LABELS = { '7d': 'Last 7 days', '30d': 'Last 30 days', '90d': 'Last 90 days', custom: 'Custom range' } as const;
const COLORS = { contacted: '#94a3b8', replied: '#2f6fdf', positive: '#1f9d55', meeting: '#d9822b', booked: '#8e44ad' };

/** A rate (a fraction from SQL) as a percentage. */
export function fmtRate(v: number | string | null | undefined): string {
  if (v === null || v === undefined || v === '') return '—';
  const n = Number(v) * 100;
  return `${n >= 10 || n === 0 ? n.toFixed(0) : n.toFixed(1)}%`;
}

function cell(col: Column, v: string | number | null | undefined) {
  if (v === null || v === undefined) return <span class="muted">—</span>;
  switch (col.kind) {
    case 'int': return fmtNum(v);
    case 'rate': return fmtRate(v);
    case 'time': return <time datetime={String(v)}>{fmtTime(String(v))}</time>;
    default: return String(v);
  }
}

/** The query string of this page for another tab or of an export. */
export function analyticsQuery(q: AnalyticsQuery, extra: Record<string, string>): string {
  const p = new URLSearchParams({ window: q.window });
  if (q.window === 'custom') {
    if (q.from) p.set('from', q.from);
    if (q.to) p.set('to', q.to);
  }
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  return p.toString();
}

const DataTable: FC<{ name: TableName; rows: Row[]; q: AnalyticsQuery; title: string; canExport: boolean; empty: string; folded?: boolean }> = ({
  name, rows, q, title, canExport, empty, folded,
}) => {
  const cols: readonly Column[] = TABLES[name];
  const shown = cols.filter((c) => c.key !== 'lead_id');
  const body = (
    <Table id={`analytics-${name}`}>
      <thead>
        <tr>{shown.map((c) => <th class={c.kind === 'int' || c.kind === 'rate' ? 'num' : undefined}>{c.label}</th>)}</tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr>
            {shown.map((c) => (
              <td class={c.kind === 'int' || c.kind === 'rate' ? 'num' : undefined} data-col={c.key}>
                {c.key === 'lead' && r.lead_id ? <a href={`/leads/${r.lead_id}`}>{r.lead ?? 'Unnamed lead'}</a> : cell(c, r[c.key])}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </Table>
  );
  return (
    <section id={`table-${name}`}>
      <div class="table-head">
        <h3>{title}</h3>
        {canExport ? (
          <a href={`/analytics/export.csv?${analyticsQuery(q, { table: name })}`} download data-export={name}>Download CSV</a>
        ) : null}
      </div>
      {rows.length === 0 ? (
        <Empty>{empty}</Empty>
      ) : folded ? (
        <details>
          <summary>{`Show ${rows.length} rows`}</summary>
          {body}
        </details>
      ) : (
        body
      )}
    </section>
  );
};

const num = (v: string | number | null | undefined) => Number(v ?? 0);
const STAGES = ['contacted', 'replied', 'positive', 'meeting', 'booked'] as const;

/** Groups (campaigns or sequences) compared on contacted, replied and booked. */
const GroupChart: FC<{ title: string; rows: Row[]; nameKey: string; idKey: string; id: string }> = ({ title, rows, nameKey, idKey, id }) => (
  <HBars
    id={id}
    title={title}
    rows={rows.slice(0, 12).map((r) => ({
      key: String(r[idKey] ?? r[nameKey]),
      label: String(r[nameKey]),
      values: { contacted: num(r.contacted), replied: num(r.replied), booked: num(r.booked) },
      note: `${fmtRate(r.booking_rate)} booked`,
    }))}
    series={[
      { key: 'contacted', label: 'Contacted', color: COLORS.contacted },
      { key: 'replied', label: 'Replied', color: COLORS.replied },
      { key: 'booked', label: 'Booked', color: COLORS.booked },
    ]}
  />
);

export const AnalyticsPage: FC<{ data: AnalyticsData; q: AnalyticsQuery; canExport: boolean }> = ({ data, q, canExport }) => {
  const t = data.tables;
  const w = data.window;
  const funnel = t.funnel;
  const totals = t.reactivation_totals[0] ?? {};
  const table = (name: TableName, title: string, empty: string, folded = false) => (
    <DataTable name={name} rows={t[name]} q={q} title={title} canExport={canExport} empty={empty} folded={folded} />
  );
  return (
    <>
      <form method="get" action="/analytics" class="analytics-window" id="analytics-window">
        <input type="hidden" name="tab" value={q.tab} />
        <label>
          Period
          <select name="window" aria-label="Period">
            {(Object.keys(WINDOW_LABELS) as (keyof typeof WINDOW_LABELS)[]).map((k) => (
              <option value={k} selected={k === q.window}>{WINDOW_LABELS[k]}</option>
            ))}
          </select>
        </label>
        <label>
          From
          <input type="date" name="from" value={q.window === 'custom' ? (q.from ?? '') : w.from_day} />
        </label>
        <label>
          To (included)
          <input type="date" name="to" value={q.window === 'custom' ? (q.to ?? '') : w.to_day} />
        </label>
        <button type="submit" class="secondary">Apply</button>
      </form>
      <p class="muted" id="analytics-window-caption">
        <span data-from={w.from_day} data-to={w.to_day}>{w.from_day} – {w.to_day}</span> ({w.days} days, {w.time_zone}).{' '}
        {data.pending_leads > 0
          ? `${fmtNum(data.pending_leads)} lead${data.pending_leads === 1 ? ' has' : 's have'} changes the next refresh (every minute) will count.`
          : 'Up to date.'}{' '}
        Analysts read the same numbers in <code>v_funnel_daily_v1</code>, <code>v_touch_rates_daily_v1</code>,{' '}
        <code>v_reactivation_daily_v1</code> and <code>v_booking_attribution_v1</code>.
      </p>

      <nav class="tabs" aria-label="Analytics sections">
        <ul>
          {TABS.map((tab) => (
            <li><a href={`/analytics?${analyticsQuery(q, { tab })}`} aria-current={tab === q.tab ? 'page' : undefined} data-tab={tab}>{TAB_LABELS[tab]}</a></li>
          ))}
        </ul>
      </nav>

      {q.tab === 'overview' ? (
        <section id="tab-overview">
          <section class="stats">
            {funnel.map((s) => (
              <Stat label={`Leads ${s.stage}`} value={fmtNum(s.leads)} hint={s.stage === 'contacted' ? 'first touch in the period' : `${fmtRate(s.share_of_contacted)} of contacted`} />
            ))}
          </section>
          <h2>Funnel</h2>
          <HBars
            id="funnel-chart"
            title="Funnel: leads first contacted in the period, and how far they got"
            rows={funnel.map((s) => ({
              key: String(s.stage),
              label: String(s.stage).replace(/^./, (m) => m.toUpperCase()),
              values: { leads: num(s.leads) },
              note: s.stage === 'contacted' ? undefined : `${fmtRate(s.share_of_contacted)}`,
            }))}
            series={[{ key: 'leads', label: 'Leads', color: COLORS.replied }]}
          />
          <h2>Leads contacted per day</h2>
          <StackedBars
            title="Leads first contacted per day"
            days={t.daily.map((d) => String(d.day))}
            series={[{ key: 'contacted', label: 'Leads first contacted', color: COLORS.replied }]}
            values={Object.fromEntries(t.daily.map((d) => [String(d.day), { contacted: num(d.contacted) }]))}
          />
          {table('funnel', 'Funnel', 'No lead was contacted in this period.')}
          {table('daily', 'Per day', 'No days in this period.', true)}
        </section>
      ) : null}

      {q.tab === 'campaigns' ? (
        <section id="tab-campaigns">
          <h2>Campaigns</h2>
          {t.funnel_campaigns.length ? <GroupChart id="campaigns-chart" title="Campaigns: contacted, replied, booked" rows={t.funnel_campaigns} nameKey="campaign" idKey="campaign_id" /> : null}
          {table('funnel_campaigns', 'Funnel per campaign', 'No campaign contacted a lead in this period.')}
        </section>
      ) : null}

      {q.tab === 'sequences' ? (
        <section id="tab-sequences">
          <h2>Sequences</h2>
          {t.funnel_sequences.length ? <GroupChart id="sequences-chart" title="Sequences: contacted, replied, booked" rows={t.funnel_sequences} nameKey="sequence" idKey="sequence_id" /> : null}
          {table('funnel_sequences', 'Funnel per sequence', 'No sequence step went out in this period.')}
        </section>
      ) : null}

      {q.tab === 'channels' ? (
        <section id="tab-channels">
          <h2>Channels &amp; steps</h2>
          {t.rates_channels.length ? (
            <HBars
              id="channels-chart"
              title="Reply and booking rate per channel"
              format={(v) => fmtRate(v)}
              rows={t.rates_channels.map((r) => ({
                key: String(r.channel), label: String(r.channel),
                values: { reply_rate: num(r.reply_rate), booking_rate: num(r.booking_rate) },
                note: `${fmtNum(r.touches_sent)} sent`,
              }))}
              series={[
                { key: 'reply_rate', label: 'Reply rate', color: COLORS.replied },
                { key: 'booking_rate', label: 'Booking rate', color: COLORS.booked },
              ]}
            />
          ) : null}
          {table('rates_channels', 'Per channel', 'No touch went out in this period.')}
          {table('rates_steps', 'Per step', 'No touch went out in this period.')}
        </section>
      ) : null}

      {q.tab === 'reactivation' ? (
        <section id="tab-reactivation">
          <h2>Reactivation</h2>
          <section class="stats">
            <Stat label="Leads reactivated" value={fmtNum(totals.reactivated)} hint={`${fmtNum(totals.touches_sent)} reactivation touches`} />
            <Stat label="Replied after" value={fmtNum(totals.replied)} hint={fmtRate(totals.reply_rate)} />
            <Stat label="Positive" value={fmtNum(totals.positive)} />
            <Stat label="Booked after" value={fmtNum(totals.booked)} hint={fmtRate(totals.booking_rate)} />
          </section>
          <HBars
            id="reactivation-chart"
            title="Reactivated leads and how far they got"
            rows={STAGES.map((s) => ({
              key: s,
              label: s === 'contacted' ? 'Reactivated' : s.replace(/^./, (m) => m.toUpperCase()),
              values: { leads: num(totals[s === 'contacted' ? 'reactivated' : s]) },
            }))}
            series={[{ key: 'leads', label: 'Leads', color: COLORS.positive }]}
          />
          {table('reactivation_totals', 'Totals', 'No reactivation in this period.')}
          {table('reactivation', 'Per round and channel', 'No reactivation touch went out in this period.')}
        </section>
      ) : null}

      {q.tab === 'attribution' ? (
        <section id="tab-attribution">
          <h2>Attribution</h2>
          <p class="muted">Each booking of the period goes to the last touch sent before the lead's first positive reply; without one, to the last touch before the booking.</p>
          {t.attribution_sources.length ? (
            <HBars
              id="attribution-chart"
              title="Bookings by the touch they came from"
              rows={t.attribution_sources.slice(0, 12).map((r, i) => ({
                key: String(i),
                label: `${r.group}${r.step !== null ? ` · step ${r.step}` : ''}${r.channel ? ` · ${r.channel}` : ''}`,
                values: { bookings: num(r.bookings) },
                note: fmtRate(r.share),
              }))}
              series={[{ key: 'bookings', label: 'Bookings', color: COLORS.booked }]}
            />
          ) : null}
          {table('attribution_sources', 'Bookings by source', 'No booking in this period.')}
          {table('attribution', 'Bookings (newest 200)', 'No booking in this period.')}
        </section>
      ) : null}
    </>
  );
};
