/**
 * Appointments (issue 18, seed 003 §12): upcoming meetings, past ones, no-shows and
 * cancellations, each at the time the lead lives by (its zone named), with a link to
 * the lead and a setter's actions; and the open setter tasks auto-booking left for a
 * person. Loaded by api/domain/appointments.ts.
 */
import type { FC } from 'hono/jsx';
import { APPOINTMENT_TABS, type AppointmentRow, type AppointmentsPage, type AppointmentTab, type SetterTask } from '../../api/domain/appointments.ts';
import { Badge, Csrf, Empty, Guard, Notice, Table, Time } from '../ui.tsx';

export type AppointmentsNotice = { kind: 'ok' | 'error' | 'info'; text: string };

const TAB_LABEL: Record<AppointmentTab, string> = { upcoming: 'Upcoming', past: 'Past', no_show: 'No-shows', canceled: 'Cancelled' };
const STATUS_TONE: Record<AppointmentRow['status'], string> = { booked: 'ok', completed: 'info', no_show: 'bad', canceled: 'muted' };
const STATUS_LABEL: Record<AppointmentRow['status'], string> = { booked: 'booked', completed: 'completed', no_show: 'no-show', canceled: 'cancelled' };
const SOURCE_LABEL: Record<string, string> = { auto_booking: 'auto-booked from a reply', setter: 'booked by a setter', webhook: 'booked on the link' };

/** "Tue 08 Dec 2026 10:00–10:30 (America/New_York)": the lead's own clock, named. */
export const MeetingTime: FC<{ a: Pick<AppointmentRow, 'local_start' | 'local_end' | 'time_zone' | 'start_at'> }> = ({ a }) => (
  <span class="meeting-time" data-testid="meeting-time" title={a.start_at.toISOString()}>
    {a.local_start}–{a.local_end} <small class="muted">({a.time_zone})</small>
  </span>
);

const Actions: FC<{ a: AppointmentRow; tab: AppointmentTab; csrf: string }> = ({ a, tab, csrf }) => {
  if (a.status !== 'booked') return <span class="muted">—</span>;
  const choices: { status: string; label: string }[] = a.started
    ? [{ status: 'completed', label: 'Completed' }, { status: 'no_show', label: 'No-show' }, { status: 'canceled', label: 'Cancel' }]
    : [{ status: 'canceled', label: 'Cancel' }];
  return (
    <div class="row-actions">
      {choices.map((ch) => (
        <form method="post" action={`/appointments/${a.id}/status?tab=${tab}`} hx-post={`/appointments/${a.id}/status?tab=${tab}`}
          hx-target="#appointments" hx-select="#appointments" hx-swap="outerHTML">
          <Csrf token={csrf} />
          <input type="hidden" name="status" value={ch.status} />
          <button type="submit" class={ch.status === 'completed' ? 'secondary' : 'outline secondary'} data-action={ch.status}>{ch.label}</button>
        </form>
      ))}
    </div>
  );
};

const Tasks: FC<{ tasks: SetterTask[]; tab: AppointmentTab; csrf: string }> = ({ tasks, tab, csrf }) =>
  tasks.length === 0 ? null : (
    <section id="setter-tasks">
      <h2>For a setter <small class="muted">({tasks.length})</small></h2>
      <Table>
        <thead><tr><th>Lead</th><th>Why</th><th>Suggested reply</th><th>Since</th><th></th></tr></thead>
        <tbody>
          {tasks.map((t) => (
            <tr id={`task-${t.id}`}>
              <td><a href={`/leads/${t.lead_id}`}>{t.lead_name}</a></td>
              <td><Badge value={t.kind === 'confirm_slot' ? 'confirm a time' : 'booking failed'} tone={t.kind === 'confirm_slot' ? 'warn' : 'bad'} /> {t.reason}</td>
              <td>{t.suggested_text ?? '—'}</td>
              <td><Time at={t.created_at} /></td>
              <td>
                <form class="inline" method="post" action={`/appointments/tasks/${t.id}/done?tab=${tab}`} hx-post={`/appointments/tasks/${t.id}/done?tab=${tab}`}
                  hx-target="#appointments" hx-select="#appointments" hx-swap="outerHTML">
                  <Csrf token={csrf} />
                  <button type="submit" class="outline secondary">Done</button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    </section>
  );

export const AppointmentsView: FC<{ page: AppointmentsPage; csrf: string; canAct: boolean; notice?: AppointmentsNotice }> = ({ page, csrf, canAct, notice }) => (
  <div id="appointments">
    {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
    <nav class="tabs" aria-label="Appointments">
      <ul>
        {APPOINTMENT_TABS.map((t) => (
          <li>
            <a href={`/appointments?tab=${t}`} aria-current={t === page.tab ? 'page' : undefined} data-tab={t}>
              {TAB_LABEL[t]} <Badge value={String(page.counts[t] ?? 0)} tone={t === page.tab ? 'info' : 'plain'} />
            </a>
          </li>
        ))}
      </ul>
    </nav>
    {page.appointments.length === 0 ? (
      <Empty>No {TAB_LABEL[page.tab].toLowerCase()} appointments.</Empty>
    ) : (
      <Table id="appointments-table">
        <thead><tr><th>When (the lead's time)</th><th>Lead</th><th>Status</th><th>How</th><th></th></tr></thead>
        <tbody>
          {page.appointments.map((a) => (
            <tr id={`appt-${a.id}`} data-status={a.status}>
              <td><MeetingTime a={a} /></td>
              <td><a href={`/leads/${a.lead_id}`} data-testid="lead-link">{a.lead_name}</a>{a.lead_phone ? <><br /><small class="muted">{a.lead_phone}</small></> : null}</td>
              <td>
                <Badge value={STATUS_LABEL[a.status]} tone={STATUS_TONE[a.status]} />
                {a.cancel_reason ? <><br /><small class="muted">{a.cancel_reason}</small></> : null}
              </td>
              <td><small>{SOURCE_LABEL[a.source] ?? a.source}</small></td>
              <td><Guard allowed={canAct}><Actions a={a} tab={page.tab} csrf={csrf} /></Guard></td>
            </tr>
          ))}
        </tbody>
      </Table>
    )}
    <Guard allowed={canAct}><Tasks tasks={page.tasks} tab={page.tab} csrf={csrf} /></Guard>
  </div>
);
