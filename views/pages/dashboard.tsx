/**
 * Director dashboard: what the engine is doing now. Every number is read from
 * the database in the request's tenant transaction.
 */
import type { FC } from 'hono/jsx';
import type { DashboardData } from '../../api/domain/dashboard.ts';
import { StackedBars } from '../chart.tsx';
import { Badge, Empty, fmtNum, Stat, Table, Time } from '../ui.tsx';

const CHANNELS = ['sms', 'voice', 'whatsapp', 'email'] as const;
const COLORS: Record<string, string> = { sms: '#2f6fdf', voice: '#d9822b', whatsapp: '#1f9d55', email: '#8e44ad' };


/** Seconds as the dashboard shows an age: 0.4 s, 12 s, 3 min, 2 h. */
function fmtAge(seconds: number): string {
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}

const STATUSES = ['scheduled', 'queued', 'sending', 'sent', 'delivered', 'failed', 'canceled', 'unknown'];

export const DashboardPage: FC<{ data: DashboardData }> = ({ data }) => {
  const { health } = data;
  const byChannel = (ch: string, st: string) => data.touches24h.find((r) => r.channel === ch && r.status === st)?.n ?? 0;
  const total24 = data.touches24h.reduce((s, r) => s + r.n, 0);
  const statuses = STATUSES.filter((s) => data.touches24h.some((r) => r.status === s));
  return (
    <>
      <section class="stats" id="system-health">
        <Stat label="Jobs pending" value={fmtNum(health.jobs.pending)} hint={`${fmtNum(health.jobs.retrying)} retrying`} />
        <Stat label="Jobs running" value={fmtNum(health.jobs.running)} />
        <Stat label="Jobs failed" value={fmtNum(health.jobs.failed)} tone={health.jobs.failed > 0 ? 'bad' : undefined} hint="gave up after all attempts" />
        <Stat
          label="Webhooks waiting"
          value={fmtNum(health.receipts.waiting)}
          hint={health.receipts.waiting > 0 ? `oldest ${fmtAge(health.receipts.oldest_age_s)} old` : 'all applied'}
          tone={health.receipts.failed > 0 || health.receipts.oldest_age_s > 60 ? 'bad' : undefined}
        />
        <Stat label="Touches, last 24 h" value={fmtNum(total24)} />
        <Stat label="Campaigns running" value={`${data.campaigns.filter((c) => c.is_active).length} / ${data.campaigns.length}`} />
      </section>

      <div class="grid-2">
        <section>
          <h2>Channel readiness</h2>
          <Table id="readiness">
            <thead>
              <tr><th>Channel</th><th>Provider</th><th>Ready</th><th>Detail</th></tr>
            </thead>
            <tbody>
              {data.readiness.map((r) => (
                <tr data-channel={r.channel}>
                  <td>{r.channel}</td>
                  <td>{r.provider ?? <span class="muted">none</span>}</td>
                  <td><Badge value={r.ready ? 'ready' : 'not_ready'} /></td>
                  <td><small>{r.detail ?? (r.provider === 'sink' ? 'records only, sends nothing' : '')}</small></td>
                </tr>
              ))}
            </tbody>
          </Table>
        </section>
        <section>
          <h2>Scheduled tasks</h2>
          <Table id="crontab">
            <thead><tr><th>Task</th><th>Last run</th><th>Queued</th><th>Failed</th></tr></thead>
            <tbody>
              {health.crontab.length === 0 ? (
                <tr><td colspan={4}><Empty>The worker has not registered its schedule yet.</Empty></td></tr>
              ) : (
                health.crontab.map((c) => {
                  const t = health.by_task.find((b) => b.task === c.identifier);
                  return (
                    <tr>
                      <td>{c.identifier}</td>
                      <td><Time at={c.last_execution} /></td>
                      <td>{fmtNum(t?.pending ?? 0)}</td>
                      <td>{fmtNum(t?.failed ?? 0)}</td>
                    </tr>
                  );
                })
              )}
            </tbody>
          </Table>
        </section>
      </div>

      <section>
        <h2>Touches in the last 24 hours</h2>
        {total24 === 0 ? (
          <Empty>No touches were created in the last 24 hours.</Empty>
        ) : (
          <Table id="touches-24h">
            <thead>
              <tr><th>Channel</th>{statuses.map((s) => <th class="num">{s}</th>)}<th class="num">total</th></tr>
            </thead>
            <tbody>
              {CHANNELS.map((ch) => (
                <tr data-channel={ch}>
                  <td>{ch}</td>
                  {statuses.map((s) => <td class="num" data-status={s}>{fmtNum(byChannel(ch, s))}</td>)}
                  <td class="num">{fmtNum(data.touches24h.filter((r) => r.channel === ch).reduce((a, r) => a + r.n, 0))}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>

      <section>
        <h2>Touches per day, last 14 days</h2>
        <StackedBars
          title="Touches per day by channel"
          days={data.days}
          series={CHANNELS.map((c) => ({ key: c, label: c, color: COLORS[c]! }))}
          values={data.perDay}
        />
      </section>

      <section>
        <h2>Replies by tag, last 7 days <small class="muted"><a href="/inbox">Inbox</a></small></h2>
        {data.repliesByTag7d.length === 0 ? (
          <p class="muted">No replies in the last 7 days.</p>
        ) : (
          <Table id="replies-by-tag">
            <thead><tr><th>Tag</th><th class="num">Replies</th></tr></thead>
            <tbody>
              {data.repliesByTag7d.map((r) => (
                <tr data-tag={r.tag}>
                  <td>{r.tag === 'Not classified yet' ? r.tag : <a href={`/leads?tag=${encodeURIComponent(r.tag)}`}>{r.tag}</a>}</td>
                  <td class="num">{fmtNum(r.n)}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>

      <section>
        <h2>Campaign runtime <small class="muted">v_campaign_runtime_status_v1</small></h2>
        <Table id="campaign-runtime">
          <thead>
            <tr>
              <th>Campaign</th><th>State</th><th class="num">Enrolled</th><th class="num">Touches 24 h</th>
              <th class="num">Queued</th><th class="num">Sent</th><th class="num">Failed</th><th>Last touch</th>
            </tr>
          </thead>
          <tbody>
            {data.campaigns.map((c) => (
              <tr data-campaign-id={c.campaign_id}>
                <td><a href={`/campaigns#c-${c.campaign_id}`}>{c.name}</a></td>
                <td><Badge value={c.is_active ? 'active' : 'paused'} /></td>
                <td class="num">{fmtNum(c.active_enrollments)}</td>
                <td class="num">{fmtNum(c.touch_runs_24h)}</td>
                <td class="num">{fmtNum(c.queued_24h)}</td>
                <td class="num">{fmtNum(c.sent_24h)}</td>
                <td class="num">{fmtNum(c.failed_24h)}</td>
                <td><Time at={c.last_touch_run_at} /></td>
              </tr>
            ))}
          </tbody>
        </Table>
      </section>

      <section>
        <h2>Newest errors</h2>
        {data.errors.length === 0 ? (
          <Empty>No failed touches or hunter tasks.</Empty>
        ) : (
          <Table id="errors">
            <thead><tr><th>When</th><th>Where</th><th>Code</th><th>Message</th></tr></thead>
            <tbody>
              {data.errors.map((e) => (
                <tr>
                  <td><Time at={e.at} /></td>
                  <td>{e.lead_id ? <a href={`/leads/${e.lead_id}`}>{e.source}</a> : e.source}</td>
                  <td><code>{e.code ?? '—'}</code></td>
                  <td><small>{e.message ?? ''}</small></td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>
    </>
  );
};
