/**
 * The lead page's Follow-ups (issue 18): the lead's sequence runs with their status, next
 * step and why they are paused; Resume, Cancel, Start sequence; the "auto follow-ups"
 * switch and Snooze until. Every form posts with htmx and re-renders the lead.
 */
import type { FC } from 'hono/jsx';
import type { LeadFollowups } from '../../api/domain/sequences.ts';
import { Badge, Csrf, Empty, Guard, Table, Time } from '../ui.tsx';

/** A paused run's reason in words. */
export function pausedWhy(reason: string | null): string {
  if (!reason) return '';
  if (reason === 'lead_replied') return 'the lead replied: resumes on a setter\'s next message, or Resume';
  if (reason.startsWith('missing_lead_data:')) return `the lead has no ${reason.slice('missing_lead_data:'.length)}: fill it in, then Resume`;
  if (reason === 'appointment_booked') return 'a meeting is booked';
  if (reason === 'auto_followups_off') return 'auto follow-ups are off for this lead';
  return reason.replaceAll('_', ' ');
}

export const FollowUps: FC<{ leadId: string; f: LeadFollowups; csrf: string; canAct: boolean }> = ({ leadId, f, csrf, canAct }) => {
  const post = (path: string) => ({ 'hx-post': `/leads/${leadId}/followups/${path}`, 'hx-target': '#lead-detail', 'hx-swap': 'outerHTML' });
  const snoozed = f.snoozed_until && f.snoozed_until.getTime() > Date.now() ? f.snoozed_until : null;
  return (
    <section id="followups">
      <h2>Follow-ups</h2>
      <p>
        Auto follow-ups <Badge value={f.auto_followups_enabled ? 'on' : 'off'} tone={f.auto_followups_enabled ? 'ok' : 'warn'} />
        {snoozed ? <> · snoozed until <Time at={snoozed} /></> : null}
      </p>
      {f.runs.length === 0 ? (
        <Empty>No sequence has run for this lead.</Empty>
      ) : (
        <Table id="followup-runs">
          <thead><tr><th>Sequence</th><th>Status</th><th>Step</th><th>Next</th><th>Why</th><th></th></tr></thead>
          <tbody>
            {f.runs.map((r) => (
              <tr data-enrollment-id={r.enrollment_id} data-status={r.status}>
                <td>{r.sequence_name} <small class="muted">({r.trigger.replaceAll('_', ' ')})</small></td>
                <td><Badge value={r.status} /></td>
                <td>{r.current_step} of {r.step_count}{r.next_channel && (r.status === 'active' || r.status === 'paused') ? <> · {r.next_channel}</> : null}</td>
                <td>{r.status === 'active' ? (r.next_step_at ? <Time at={r.next_step_at} /> : 'waits for approval') : '—'}</td>
                <td>{r.status === 'paused' ? pausedWhy(r.paused_reason) : r.ended_reason ? r.ended_reason.replaceAll('_', ' ') : ''}</td>
                <td>
                  <Guard allowed={canAct}>
                    {r.status === 'paused' ? (
                      <form {...post('resume')} class="inline-form">
                        <Csrf token={csrf} />
                        <input type="hidden" name="enrollment_id" value={r.enrollment_id} />
                        <button type="submit" class="secondary">Resume</button>
                      </form>
                    ) : null}
                    {r.status === 'active' || r.status === 'paused' ? (
                      <form {...post('cancel')} class="inline-form" hx-confirm="Cancel this sequence for the lead?">
                        <Csrf token={csrf} />
                        <input type="hidden" name="enrollment_id" value={r.enrollment_id} />
                        <button type="submit" class="secondary outline">Cancel</button>
                      </form>
                    ) : null}
                  </Guard>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {f.drafts.length ? (
        <p class="muted">Step drafts waiting for approval: {f.drafts.map((d) => `step ${d.step_order} (${d.channel})`).join(', ')} — see <a href="/sequences">Sequences</a>.</p>
      ) : null}
      <Guard allowed={canAct}>
        <div class="actions-grid">
          <form {...post('start')}>
            <Csrf token={csrf} />
            <label>Start sequence
              <select name="sequence_id" required>
                {f.sequences.map((s) => <option value={s.id}>{s.name}</option>)}
              </select>
            </label>
            <button type="submit" class="secondary" disabled={f.sequences.length === 0}>Start</button>
          </form>
          <form {...post('auto')}>
            <Csrf token={csrf} />
            <input type="hidden" name="enabled" value={f.auto_followups_enabled ? 'false' : 'true'} />
            <button type="submit" class="secondary">{f.auto_followups_enabled ? 'Turn auto follow-ups off' : 'Turn auto follow-ups on'}</button>
          </form>
          <form {...post('snooze')}>
            <Csrf token={csrf} />
            <label>Snooze until <input type="date" name="until" value={snoozed ? snoozed.toISOString().slice(0, 10) : ''} /></label>
            <button type="submit" class="secondary">{snoozed ? 'Change snooze' : 'Snooze'}</button>
            {snoozed ? <button type="submit" name="clear" value="true" class="secondary outline">Clear snooze</button> : null}
          </form>
        </div>
      </Guard>
    </section>
  );
};
