/**
 * One lead: its timeline on every channel, its suppression, the "why" of its
 * next action (the inputs and the rule lead_next_action_view_v5 used) with the
 * lead's enrichment and per-channel reachability, and the
 * manual actions. Everything is read in the request's tenant transaction.
 */
import type { FC } from 'hono/jsx';
import type { LeadDetail } from '../../api/domain/leads.ts';
import { pendingTouch } from '../../lib/next-action.ts';
import { Badge, Csrf, Empty, Guard, Notice, Table, Time, fmtTime } from '../ui.tsx';
import { TagBadge } from './inbox.tsx';
import { FollowUps } from '../components/followups.tsx';
import { LeadAppointmentsPanel } from '../components/lead-appointments.tsx';
import { LeadReachabilityPanel } from '../components/lead-reachability.tsx';


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
  const draft = lead.pending_draft;
  const channel = draft?.channel ?? 'sms';
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
          <LeadReachabilityPanel enrichment={d.enrichment} rows={d.reachability} />
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
            <form hx-post={`/leads/${lead.id}/message`} hx-target="#lead-detail" hx-swap="outerHTML" class="message-form" hx-disabled-elt="find button">
              <Csrf token={csrf} />
              {/* Sending this form twice (a double click, a retry) queues one message. */}
              <input type="hidden" name="request_id" value={crypto.randomUUID()} />
              {draft ? (
                <>
                  {/* Filled with the pending AI draft: sent on its channel, this form approves the draft (as edited here). */}
                  <input type="hidden" name="ai_draft_id" value={draft.id} />
                  <input type="hidden" name="ai_draft_channel" value={draft.channel} />
                  <p data-testid="pending-draft" data-draft-id={draft.id}>
                    <TagBadge tag={draft.sentiment_tag} /> AI draft, confidence{' '}
                    <strong data-testid="draft-confidence">{draft.confidence === null ? '—' : `${Math.round(draft.confidence * 100)}%`}</strong>
                    <br /><small class="muted">Needs review: {draft.auto_send_reason}. Sending it on {draft.channel} approves the draft; another channel sends a separate message and leaves the draft in the <a href="/inbox">Inbox</a>.</small>
                  </p>
                </>
              ) : null}
              <label>Send a message
                <select name="channel">
                  <option value="sms" selected={channel === 'sms'}>SMS</option><option value="whatsapp" selected={channel === 'whatsapp'}>WhatsApp</option>
                  <option value="email" selected={channel === 'email'}>Email</option>
                </select>
              </label>
              <input name="subject" placeholder="Subject (email only)" maxlength={draft ? 998 : 200} value={draft?.subject ?? ''} />
              <textarea name="body" rows={3} maxlength={1600} required placeholder="Message (sent through the dispatch path: suppression and send window apply)">{draft?.body ?? ''}</textarea>
              <button type="submit">{draft ? 'Approve & send draft' : 'Queue message'}</button>
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

      <FollowUps leadId={lead.id} f={d.followups} csrf={csrf} canAct={canAct} />

      <LeadAppointmentsPanel data={d.appointments} csrf={csrf} canAct={canAct} />

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
