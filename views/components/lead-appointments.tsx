/**
 * The lead page's Appointments panel (issue 18): the lead's meetings at the time it
 * lives by (its zone named), the slots it was offered and has not answered, and the
 * open setter tasks about it. Data: the appointments key of public.lead_page
 * (public.lead_appointments; api/domain/appointments.ts leadAppointmentsFromWire).
 */
import type { FC } from 'hono/jsx';
import type { LeadAppointments } from '../../api/domain/appointments.ts';
import { Badge, Csrf, Empty, Guard, Time } from '../ui.tsx';

const TONE: Record<string, string> = { booked: 'ok', completed: 'info', no_show: 'bad', canceled: 'muted' };
const LABEL: Record<string, string> = { booked: 'booked', completed: 'completed', no_show: 'no-show', canceled: 'cancelled' };

export const LeadAppointmentsPanel: FC<{ data: LeadAppointments; csrf: string; canAct: boolean }> = ({ data, csrf, canAct }) => (
  <section id="lead-appointments" class="card">
    <h3>Appointments</h3>
    {data.appointments.length === 0 ? <Empty>No meeting booked.</Empty> : (
      <ul class="plain-list">
        {data.appointments.map((a) => (
          <li id={`lead-appt-${a.id}`} data-status={a.status}>
            <Badge value={LABEL[a.status] ?? a.status} tone={TONE[a.status] ?? 'plain'} />{' '}
            <span data-testid="meeting-time">{a.local_start}–{a.local_end} <small class="muted">({a.time_zone})</small></span>
            {a.cancel_reason ? <small class="muted"> · {a.cancel_reason}</small> : null}
            {a.status === 'booked' ? (
              <Guard allowed={canAct}>
                <form class="inline" method="post" action={`/appointments/${a.id}/status?back=lead`}>
                  <Csrf token={csrf} />
                  {a.started ? <>
                    <button type="submit" name="status" value="completed" class="secondary">Completed</button>
                    <button type="submit" name="status" value="no_show" class="outline secondary">No-show</button>
                  </> : null}
                  <button type="submit" name="status" value="canceled" class="outline secondary">Cancel</button>
                </form>
              </Guard>
            ) : null}
          </li>
        ))}
      </ul>
    )}
    {data.offered.length > 0 ? (
      <p class="muted" data-testid="offered-slots">Offered, no answer yet: {data.offered.map((o) => o.label).join(' or ')} ({data.offered[0]!.time_zone})</p>
    ) : null}
    {data.tasks.length > 0 ? (
      <div data-testid="lead-setter-tasks">
        <h4>For a setter</h4>
        <ul class="plain-list">
          {data.tasks.map((t) => (
            <li id={`lead-task-${t.id}`}>
              <Badge value={t.kind === 'confirm_slot' ? 'confirm a time' : 'booking failed'} tone={t.kind === 'confirm_slot' ? 'warn' : 'bad'} /> {t.reason}
              {t.suggested_text ? <><br /><small>Suggested: “{t.suggested_text}”</small></> : null} <small class="muted"><Time at={t.created_at} /></small>
            </li>
          ))}
        </ul>
      </div>
    ) : null}
  </section>
);
