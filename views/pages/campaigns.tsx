/**
 * Outbound campaigns (public.campaigns only; LeadGen programs live on their own
 * page). The only on/off truth is campaigns.is_active; the list is re-read
 * from the database after every change.
 */
import type { FC } from 'hono/jsx';
import { LEAD_STATES } from '../../api/domain/leads.ts';
import type { CampaignRow } from '../../api/domain/campaigns.ts';
import { Badge, Csrf, Empty, fmtNum, Guard, Notice, Table, Time } from '../ui.tsx';


function fallbackText(f: Record<string, unknown> | null): string {
  if (!f || typeof f !== 'object') return 'no fallback';
  const order = Array.isArray(f.order) ? (f.order as string[]).join(' → ') : null;
  const max = f.max_attempts && typeof f.max_attempts === 'object' ? Object.entries(f.max_attempts as Record<string, number>).map(([k, v]) => `${k}×${v}`).join(', ') : null;
  const cd = f.cooldown_minutes && typeof f.cooldown_minutes === 'object' ? Object.entries(f.cooldown_minutes as Record<string, number>).map(([k, v]) => `${k} ${v}m`).join(', ') : null;
  return [order && `order ${order}`, max && `attempts ${max}`, cd && `cooldown ${cd}`].filter(Boolean).join(' · ') || 'no fallback';
}

export const CampaignList: FC<{ campaigns: CampaignRow[]; csrf: string; canToggle: boolean; notice?: { kind: 'ok' | 'error'; text: string } }> = ({
  campaigns,
  csrf,
  canToggle,
  notice,
}) => (
  <div id="campaigns">
    {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
    <div class="toolbar">
      <span>
        <strong data-testid="running-count">{campaigns.filter((c) => c.is_active).length}</strong> of {campaigns.length} running
      </span>
      <a href="/campaigns/new" role="button" class="secondary" id="new-campaign">New campaign</a>
      <Guard allowed={canToggle}>
        <form hx-post="/campaigns/pause-all" hx-target="#campaigns" hx-swap="outerHTML" hx-confirm="Pause every running campaign?" class="inline">
          <Csrf token={csrf} />
          <button type="submit" class="secondary" disabled={!campaigns.some((c) => c.is_active)}>Pause all running</button>
        </form>
      </Guard>
    </div>
    {campaigns.length === 0 ? <Empty>No outbound campaigns yet.</Empty> : null}
    {campaigns.map((c) => (
      <article id={`c-${c.id}`} class="campaign" data-campaign-id={c.id} data-active={String(c.is_active)}>
        <header class="campaign-head">
          <div>
            <h3>{c.name}</h3>
            <small class="muted">
              {c.campaign_key ? <code>{c.campaign_key}</code> : null} · {c.message_class} · status <span data-testid="status">{c.status}</span>
              {' · '}<a href={`/campaigns/${c.id}/edit`} data-testid="edit-campaign">edit steps</a>
            </small>
          </div>
          <Guard allowed={canToggle}>
            <form hx-post={`/campaigns/${c.id}/active`} hx-target="#campaigns" hx-swap="outerHTML" class="inline">
              <Csrf token={csrf} />
              <input type="hidden" name="active" value={c.is_active ? 'false' : 'true'} />
              <label class="switch">
                <input type="checkbox" role="switch" checked={c.is_active} aria-label={`${c.name} active`} data-submit-on-change />
                <Badge value={c.is_active ? 'active' : 'paused'} />
              </label>
            </form>
          </Guard>
        </header>
        {c.description ? <p>{c.description}</p> : null}
        <p class="kpis">
          <span>{fmtNum(c.active_enrollments)} enrolled</span> · <span>{fmtNum(c.touch_runs_24h)} touches 24 h</span> ·{' '}
          <span>{fmtNum(c.sent_24h)} sent</span> · <span>{fmtNum(c.failed_24h)} failed</span> · last touch <Time at={c.last_touch_run_at} />
        </p>
        <Table>
          <thead><tr><th>Step</th><th>Channel</th><th>Delay</th><th>Template</th><th>Fallback plan</th></tr></thead>
          <tbody>
            {c.steps.map((s) => (
              <tr>
                <td>{s.step}</td>
                <td><Badge value={s.channel} tone="plain" /></td>
                <td>{s.delay_minutes} min</td>
                <td><small>{s.template_key ?? '—'}</small></td>
                <td><small>{fallbackText(s.fallback)}</small></td>
              </tr>
            ))}
          </tbody>
        </Table>
        <details>
          <summary>Enroll leads by filter</summary>
          <Guard allowed={canToggle}>
            <form hx-post={`/campaigns/${c.id}/enroll`} hx-target={`#enroll-${c.id}`} class="enroll-form">
              <Csrf token={csrf} />
              <div class="grid">
                <label>State<select name="lead_state"><option value="">any</option>{LEAD_STATES.map((s) => <option>{s}</option>)}</select></label>
                <label>Source<input name="source" placeholder="any" /></label>
                <label>City<input name="city" placeholder="any" /></label>
                <label>Search<input name="q" placeholder="name, email or phone" /></label>
              </div>
              <div class="actions">
                <button type="submit" name="mode" value="preview" class="secondary">Preview count</button>
                <button type="submit" name="mode" value="enroll" hx-confirm="Enroll the matching leads?">Enroll</button>
              </div>
            </form>
          </Guard>
          <div id={`enroll-${c.id}`}></div>
        </details>
      </article>
    ))}
  </div>
);


export const EnrollResult: FC<{
  r: { matched: number; already_enrolled: number; not_contactable: number; to_enroll: number; enrolled: number };
  preview: boolean;
}> = ({ r, preview }) => (
  <Notice kind={preview ? 'info' : 'ok'}>
    <span data-testid="enroll-result">
      {preview
        ? `${fmtNum(r.matched)} leads match: ${fmtNum(r.to_enroll)} would be enrolled, ${fmtNum(r.already_enrolled)} already are, ${fmtNum(r.not_contactable)} cannot be contacted. Nothing was written.`
        : `Enrolled ${fmtNum(r.enrolled)} leads (${fmtNum(r.already_enrolled)} already enrolled, ${fmtNum(r.not_contactable)} not contactable).`}
    </span>
  </Notice>
);
