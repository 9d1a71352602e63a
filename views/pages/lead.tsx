/**
 * One lead: its timeline on every channel, its suppression, the "why" of its
 * next action (the inputs and the rule lead_next_action_view_v5 used), and the
 * manual actions. Everything is read in the request's tenant transaction.
 */
import type { FC } from 'hono/jsx';
import type { TransactionSql } from '../../db/client.ts';
import { pendingTouch } from '../../lib/next-action.ts';
import { Badge, Csrf, Empty, Guard, Notice, Table, Time, fmtTime } from '../ui.tsx';

export interface LeadDetail {
  lead: {
    id: string; first_name: string | null; last_name: string | null; company_name: string | null; phone: string | null;
    phone_line_type: string | null; email: string | null; alternate_emails: string[] | null; source: string | null;
    external_id: string | null; city: string | null; country: string | null; timezone: string | null; status: string;
    lead_state: string; persona: string | null; assigned_user_id: string | null; assigned_to: string | null;
    created_at: Date; first_seen_at: Date | null;
    consent_review_at: Date | null; consent_review_rule: string | null; phone_wrong_number_at: Date | null;
  };
  next: {
    next_action: string; next_action_at: Date | null; reason: string | null; priority_score: number; campaign_id: string | null;
    recommended_channel: string | null; effective_channel: string | null; recommended_delay_minutes: number | null;
  } | null;
  suppression: {
    is_unsubscribed: boolean; suppression_reason: string | null; suppressed_channels: string[] | null; in_negative_cooldown: boolean;
    negative_cooldown_until: Date | null; stop_event: string | null; last_touch_at: Date | null; last_inbound_at: Date | null;
    reactivation_eligible_at: Date | null;
  } | null;
  suppressions: { channel: string | null; address: string; reason: string; source: string | null; created_at: Date }[];
  attempts: { campaign_id: string | null; step: number; channel: string; attempts_done: number; last_attempt_at: Date | null }[];
  window: { time_zone: string | null; within: boolean; next_open: Date | null; start: string; end: string };
  fallback: { order?: string[]; max_attempts?: Record<string, number>; cooldown_minutes?: Record<string, number> } | null;
  enrollments: { campaign_id: string; name: string; status: string; current_step: number; next_step_at: Date | null; stop_reason: string | null }[];
  timeline: { occurred_at: Date; kind: string; event_type: string; channel: string | null; direction: string | null; summary: string | null; body: string | null }[];
  campaigns: { id: string; name: string }[];
  setters: { id: string; name: string }[];
}

export async function loadLead(tx: TransactionSql, leadId: string): Promise<LeadDetail | null> {
  const [lead] = await tx<LeadDetail['lead'][]>`
    select l.id, l.first_name, l.last_name, l.company_name, l.phone::text as phone, l.phone_line_type, l.email::text as email,
           l.alternate_emails::text[] as alternate_emails, l.source, l.external_id, l.city, l.country, l.timezone::text as timezone,
           l.status, l.lead_state, l.persona, l.assigned_user_id, p.name as assigned_to, l.created_at, l.first_seen_at,
           l.consent_review_at, l.consent_review_rule, l.phone_wrong_number_at
    from public.leads l left join public.account_people() p on p.user_id = l.assigned_user_id
    where l.id = ${leadId}`;
  if (!lead) return null;
  const [next] = await tx<NonNullable<LeadDetail['next']>[]>`
    select next_action, next_action_at, reason, priority_score, campaign_id, recommended_channel, effective_channel,
           recommended_delay_minutes
    from public.lead_next_action_view_v5 where lead_id = ${leadId}`;
  const [suppression] = await tx<NonNullable<LeadDetail['suppression']>[]>`
    select is_unsubscribed, suppression_reason, suppressed_channels::text[] as suppressed_channels, in_negative_cooldown,
           negative_cooldown_until, stop_event, last_touch_at, last_inbound_at, reactivation_eligible_at
    from public.lead_suppression_status_v1 where lead_id = ${leadId}`;
  const suppressions = await tx<LeadDetail['suppressions']>`
    select s.channel::text as channel, coalesce(s.phone::text, s.email::text) as address, s.reason, s.source, s.created_at
    from public.suppressions s
    where s.lifted_at is null
      and (s.lead_id = ${leadId} or s.phone = ${lead.phone} or s.email = ${lead.email})
    order by s.created_at desc`;
  const attempts = await tx<LeadDetail['attempts']>`
    select campaign_id, step, channel, attempts_done::int, last_attempt_at
    from public.v_lead_channel_attempts where lead_id = ${leadId} order by step, channel`;
  const [window] = await tx<LeadDetail['window'][]>`
    select (select z.time_zone::text from brain.lead_time_zone(l.timezone, l.phone, o.timezone) z) as time_zone,
           brain.is_within_send_window(l.id) as within,
           brain.next_send_window_start(l.id) as next_open,
           to_char(o.send_window_start, 'HH24:MI') as start, to_char(o.send_window_end, 'HH24:MI') as end
    from public.leads l join public.org_settings o on o.account_id = l.account_id
    where l.id = ${leadId}`;
  const enrollments = await tx<LeadDetail['enrollments']>`
    select cl.campaign_id, c.name, cl.status, cl.current_step, cl.next_step_at, cl.stop_reason
    from public.campaign_leads cl join public.campaigns c on c.id = cl.campaign_id
    where cl.lead_id = ${leadId} order by cl.enrolled_at desc`;
  let fallback: LeadDetail['fallback'] = null;
  if (next?.campaign_id) {
    const [f] = await tx<{ fallback: LeadDetail['fallback'] }[]>`
      select s.fallback from public.campaign_leads cl
      join public.campaign_steps s on s.campaign_id = cl.campaign_id and s.step = cl.current_step
      where cl.lead_id = ${leadId} and cl.campaign_id = ${next.campaign_id}`;
    fallback = f?.fallback ?? null;
  }
  const timeline = await tx<LeadDetail['timeline']>`
    select occurred_at, kind, event_type, channel, direction, summary, body from public.lead_timeline(${leadId}, 300)`;
  const campaigns = await tx<{ id: string; name: string }[]>`select id, name from public.campaigns order by name`;
  const setters = await tx<{ id: string; name: string }[]>`
    select user_id as id, name from public.account_people() where is_active and role in ('owner', 'admin', 'setter') order by name`;
  return {
    lead,
    next: next ?? null,
    suppression: suppression ?? null,
    suppressions,
    attempts,
    window: window!,
    fallback,
    enrollments,
    timeline,
    campaigns,
    setters,
  };
}

function leadName(l: LeadDetail['lead']): string {
  return [l.first_name, l.last_name].filter(Boolean).join(' ') || l.company_name || l.email || l.phone || 'Unnamed lead';
}

export function leadTitle(d: LeadDetail): string {
  return leadName(d.lead);
}

export const LeadPage: FC<{ d: LeadDetail; csrf: string; canAct: boolean; canEnroll: boolean; notice?: { kind: 'ok' | 'error'; text: string } }> = ({
  d,
  csrf,
  canAct,
  canEnroll,
  notice,
}) => {
  const { lead, next, suppression } = d;
  const pending = pendingTouch(next?.reason);
  const suppressed = lead.status === 'suppressed' || suppression?.is_unsubscribed;
  return (
    <div id="lead-detail" data-lead-id={lead.id}>
      {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
      <div class="grid-2">
        <section>
          <h2>Contact</h2>
          <dl class="facts">
            <dt>Phone</dt><dd>{lead.phone ?? '—'} {lead.phone_line_type ? <small class="muted">({lead.phone_line_type})</small> : null}
              {lead.phone_wrong_number_at ? <> <Badge value="wrong number" tone="bad" /> <small class="muted" id="phone-not-theirs">not this lead's phone since {fmtTime(lead.phone_wrong_number_at)}</small></> : null}</dd>
            <dt>Email</dt><dd>{lead.email ?? '—'}{lead.alternate_emails?.length ? <small class="muted"> · also {lead.alternate_emails.join(', ')}</small> : null}</dd>
            <dt>State</dt><dd><Badge value={lead.lead_state} /> <small class="muted">status {lead.status}</small></dd>
            <dt>Source</dt><dd>{lead.source ?? '—'}{lead.external_id ? <small class="muted"> · {lead.external_id}</small> : null}</dd>
            <dt>Place</dt><dd>{[lead.city, lead.country].filter(Boolean).join(', ') || '—'}</dd>
            <dt>Setter</dt><dd>{lead.assigned_to ?? 'unassigned'}</dd>
            <dt>First seen</dt><dd><Time at={lead.first_seen_at ?? lead.created_at} /></dd>
          </dl>
          <h3>Suppression</h3>
          <div id="suppression" data-suppressed={String(Boolean(suppressed))}>
            {lead.consent_review_at ? (
              <p id="consent-review" data-consent-review="true">
                <Badge value="consent review" tone="warn" /> a reply was read as a revocation and honoured
                ({lead.consent_review_rule ? <code>{lead.consent_review_rule}</code> : 'rule unknown'}, {fmtTime(lead.consent_review_at)}); a person should check it.
              </p>
            ) : null}
            {suppressed || d.suppressions.length ? (
              <>
                <p>
                  <Badge value="suppressed" /> {suppression?.suppression_reason ? <>reason <code>{suppression.suppression_reason}</code></> : null}
                  {suppression?.suppressed_channels?.length ? <> · channels {suppression.suppressed_channels.join(', ')}</> : null}
                </p>
                <ul class="plain">
                  {d.suppressions.map((s) => (
                    <li><code>{s.reason}</code> on {s.channel ?? 'every channel'} for {s.address} <small class="muted">({s.source ?? 'unknown source'}, {fmtTime(s.created_at)})</small></li>
                  ))}
                </ul>
              </>
            ) : (
              <p class="muted">Not suppressed.</p>
            )}
            {suppression?.in_negative_cooldown ? <p>Negative cooldown until {fmtTime(suppression.negative_cooldown_until)}.</p> : null}
            {suppression?.stop_event ? <p>Stop event: <code>{suppression.stop_event}</code></p> : null}
            {lead.consent_review_at || lead.phone_wrong_number_at || d.suppressions.some((s) => s.reason === 'opt_out_keyword' || s.reason === 'wrong_number') ? (
              <Guard allowed={canEnroll}>
                {/* A revocation holds until the lead opts back in; a person may lift it only with a reason, which the timeline keeps. */}
                <form id="lift-consent" hx-post={`/leads/${lead.id}/lift-consent`} hx-target="#lead-detail" hx-swap="outerHTML"
                      hx-confirm="Lift this lead's consent revocation? Texts and calls may reach them again.">
                  <Csrf token={csrf} />
                  <label>Lift the revocation (owner or admin, with the reason the timeline will keep)
                    <input name="reason" required minlength={3} maxlength={500} placeholder="e.g. the lead asked by phone to be texted again" />
                  </label>
                  <button type="submit" class="secondary">Lift revocation</button>
                </form>
              </Guard>
            ) : null}
          </div>
        </section>
        <section id="why" class="why">
          <h2>Why this next action</h2>
          {next ? (
            <>
              <p class="why-headline">
                <strong data-testid="next-action">{next.next_action}</strong>
                {next.effective_channel ? <> on <strong data-testid="effective-channel">{next.effective_channel}</strong></> : null}
                {next.next_action_at ? <> · <Time at={next.next_action_at} /></> : null}
              </p>
              {pending ? (
                <p data-testid="pending-touch" data-touch-run-id={pending.touchRunId} data-status={pending.status}>
                  A touch is already {pending.status} on {next.effective_channel ?? '—'}
                  {next.next_action_at ? <>, due <Time at={next.next_action_at} /></> : null}: it goes before the next campaign step.
                </p>
              ) : null}
              <dl class="facts">
                <dt>Rule</dt><dd><code data-testid="reason">{next.reason ?? '—'}</code></dd>
                <dt>Priority</dt><dd data-testid="priority">{next.priority_score}</dd>
                <dt>Channel</dt><dd>recommended {next.recommended_channel ?? '—'}, effective {next.effective_channel ?? '—'}{next.recommended_delay_minutes !== null ? `, in ${next.recommended_delay_minutes} min` : ''}</dd>
                <dt>Send window</dt>
                <dd data-testid="send-window">
                  {d.window.start}–{d.window.end} {d.window.time_zone ?? ''} · {d.window.within ? 'open now' : <>closed, opens {fmtTime(d.window.next_open)}</>}
                </dd>
                <dt>Cooldowns</dt>
                <dd>
                  {suppression?.in_negative_cooldown ? `negative until ${fmtTime(suppression.negative_cooldown_until)}` : 'no negative cooldown'}
                  {d.fallback?.cooldown_minutes ? <> · between channels {Object.entries(d.fallback.cooldown_minutes).map(([k, v]) => `${k} ${v} min`).join(', ')}</> : null}
                </dd>
                <dt>Fallback</dt><dd>{d.fallback?.order ? d.fallback.order.join(' → ') : '—'}</dd>
              </dl>
              <h3>Attempts per channel</h3>
              {d.attempts.length === 0 ? (
                <Empty>No attempts yet.</Empty>
              ) : (
                <Table id="attempts">
                  <thead><tr><th>Step</th><th>Channel</th><th class="num">Done</th><th class="num">Max</th><th>Last</th></tr></thead>
                  <tbody>
                    {d.attempts.map((a) => (
                      <tr data-channel={a.channel} data-step={String(a.step)}>
                        <td>{a.step}</td><td>{a.channel}</td><td class="num">{a.attempts_done}</td>
                        <td class="num">{d.fallback?.max_attempts?.[a.channel] ?? '—'}</td><td><Time at={a.last_attempt_at} /></td>
                      </tr>
                    ))}
                  </tbody>
                </Table>
              )}
            </>
          ) : (
            <Empty>No decision for this lead.</Empty>
          )}
        </section>
      </div>

      <section>
        <h2>Actions</h2>
        <div class="actions-grid">
          <Guard allowed={canAct}>
            <form hx-post={`/leads/${lead.id}/suppress`} hx-target="#lead-detail" hx-swap="outerHTML" hx-confirm="Suppress this lead on every channel?">
              <Csrf token={csrf} />
              <label>Suppress
                <select name="reason">
                  <option value="manual">manual</option><option value="do_not_contact">do not contact</option>
                  <option value="wrong_number">wrong number</option><option value="not_interested">not interested</option>
                  <option value="bad_fit">bad fit</option>
                </select>
              </label>
              <button type="submit" class="secondary" disabled={lead.status === 'suppressed'}>Suppress</button>
            </form>
            <form hx-post={`/leads/${lead.id}/assign`} hx-target="#lead-detail" hx-swap="outerHTML">
              <Csrf token={csrf} />
              <label>Assign to
                <select name="user_id" required>
                  {d.setters.map((s) => <option value={s.id} selected={s.id === lead.assigned_user_id}>{s.name}</option>)}
                </select>
              </label>
              <button type="submit" class="secondary">Assign</button>
            </form>
          </Guard>
          <Guard allowed={canEnroll}>
            <form hx-post={`/leads/${lead.id}/enroll`} hx-target="#lead-detail" hx-swap="outerHTML">
              <Csrf token={csrf} />
              <label>Enroll in
                <select name="campaign_id" required>{d.campaigns.map((c) => <option value={c.id}>{c.name}</option>)}</select>
              </label>
              <button type="submit" class="secondary">Enroll</button>
            </form>
          </Guard>
          <Guard allowed={canAct}>
            <form hx-post={`/leads/${lead.id}/message`} hx-target="#lead-detail" hx-swap="outerHTML" class="message-form">
              <Csrf token={csrf} />
              {/* Sending this form twice (a double click, a retry) queues one message. */}
              <input type="hidden" name="request_id" value={crypto.randomUUID()} />
              <label>Send a message
                <select name="channel">
                  <option value="sms">SMS</option><option value="whatsapp">WhatsApp</option><option value="email">Email</option>
                </select>
              </label>
              <input name="subject" placeholder="Subject (email only)" maxlength={200} />
              <textarea name="body" rows={3} maxlength={1600} required placeholder="Message (sent through the dispatch path: suppression and send window apply)"></textarea>
              <button type="submit">Queue message</button>
            </form>
          </Guard>
        </div>
        {d.enrollments.length ? (
          <p class="muted">
            Enrollments: {d.enrollments.map((e) => `${e.name} (${e.status}, step ${e.current_step}${e.stop_reason ? `, ${e.stop_reason}` : ''})`).join(' · ')}
          </p>
        ) : null}
        {/* A paused enrollment (e.g. missing_lead_data:first_name) waits for a person: fix the lead, then resume. */}
        {d.enrollments.some((e) => e.status === 'paused') ? (
          <Guard allowed={canEnroll}>
            {d.enrollments
              .filter((e) => e.status === 'paused')
              .map((e) => (
                <form hx-post={`/leads/${lead.id}/resume`} hx-target="#lead-detail" hx-swap="outerHTML" class="resume-form">
                  <Csrf token={csrf} />
                  <input type="hidden" name="campaign_id" value={e.campaign_id} />
                  <span>{e.name} is paused{e.stop_reason ? <> (<code>{e.stop_reason}</code>)</> : null}.</span>{' '}
                  <button type="submit" class="secondary">Resume at step {e.current_step}</button>
                </form>
              ))}
          </Guard>
        ) : null}
      </section>

      <section>
        <h2>Timeline</h2>
        {d.timeline.length === 0 ? (
          <Empty>Nothing has happened with this lead yet.</Empty>
        ) : (
          <ol class="timeline" id="timeline">
            {d.timeline.map((t) => (
              <li class={`tl tl-${t.kind} ${t.direction ? `tl-${t.direction}` : ''}`} data-kind={t.kind} data-event={t.event_type}>
                <span class="tl-when"><Time at={t.occurred_at} /></span>
                <span class="tl-what">
                  <strong>{t.event_type.replaceAll('_', ' ')}</strong>
                  {t.channel ? <Badge value={t.channel} tone="plain" /> : null}
                  {t.summary ? <small class="muted"> {t.summary}</small> : null}
                  {t.body ? <blockquote>{t.body}</blockquote> : null}
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
};
