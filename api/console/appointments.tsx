/**
 * The Appointments page and a setter's actions on it (issue 18): mark a meeting
 * no-show, completed or cancelled; mark a setter task done. Each action is one SQL
 * call (api/domain/appointments.ts); the answer is the page as it now stands (htmx
 * swaps #appointments), or a redirect for a plain form post (the lead page).
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { log } from '../../lib/log.ts';
import { can, requirePermission, type ConsoleEnv } from '../auth.ts';
import {
  AppointmentActionSchema,
  AppointmentFilterSchema,
  completeSetterTask,
  loadAppointmentsPage,
  setAppointmentStatus,
  type AppointmentTab,
} from '../domain/appointments.ts';
import { Notice } from '../../views/ui.tsx';
import { AppointmentsView, type AppointmentsNotice } from '../../views/pages/appointments.tsx';
import { readableDbError } from './errors.ts';
import { fullPage, type Ctx } from './helpers.tsx';

const Id = z.string().uuid();

export function appointmentRoutes(): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();

  const render = async (c: Ctx, tab: AppointmentTab, notice?: AppointmentsNotice, status: 200 | 400 | 404 | 409 = 200) => {
    const s = c.get('session');
    const page = await c.get('db')((tx) => loadAppointmentsPage(tx, tab));
    return fullPage(c, 'Appointments', 'appointments', <AppointmentsView page={page} csrf={s.csrfToken} canAct={can(s.role, 'leads.act')} notice={notice} />, status);
  };
  const tabOf = (c: Ctx): AppointmentTab => AppointmentFilterSchema.safeParse(c.req.query()).data?.tab ?? 'upcoming';

  app.get('/appointments', async (c) => {
    const f = AppointmentFilterSchema.safeParse(c.req.query());
    if (!f.success) {
      return fullPage(c, 'Appointments', 'appointments',
        <><Notice kind="error">{f.error.issues.map((i) => i.message).join('; ')}</Notice><a href="/appointments">Upcoming appointments</a></>, 400);
    }
    const s = c.get('session');
    const page = await c.get('readDb')((tx) => loadAppointmentsPage(tx, f.data.tab));
    return fullPage(c, 'Appointments', 'appointments', <AppointmentsView page={page} csrf={s.csrfToken} canAct={can(s.role, 'leads.act')} />);
  });

  app.post('/appointments/:id/status', requirePermission('leads.act'), async (c) => {
    const s = c.get('session');
    const tab = tabOf(c);
    const id = Id.safeParse(c.req.param('id'));
    const form = (await c.req.parseBody()) as Record<string, unknown>;
    const input = AppointmentActionSchema.safeParse({ status: form.status, reason: form.reason });
    if (!id.success || !input.success) {
      return render(c, tab, { kind: 'error', text: 'That is not an appointment and a status (no-show, completed or cancel): nothing was changed.' }, 400);
    }
    let notice: AppointmentsNotice;
    let status: 200 | 400 | 404 | 409 = 200;
    let leadId: string | undefined;
    try {
      const r = await c.get('db')((tx) => setAppointmentStatus(tx, { accountId: s.accountId, email: s.email }, id.data, input.data));
      leadId = r.lead_id;
      log('APPOINTMENT_STATUS_SET', { appointment_id: id.data, user_id: s.userId, status: input.data.status, outcome: r.outcome });
      notice = r.outcome === 'unchanged'
        ? { kind: 'info', text: 'It already had that status: nothing changed.' }
        : { kind: 'ok', text: input.data.status === 'canceled' ? 'Cancelled: the lead is back to high intent.' : input.data.status === 'no_show' ? 'Marked a no-show: the lead is back to high intent.' : 'Marked completed.' };
    } catch (error) {
      const e = readableDbError(error);
      if (!e) throw error;
      notice = { kind: 'error', text: e.message };
      status = e.status === 404 ? 404 : e.status === 409 ? 409 : 400;
    }
    if (c.req.query('back') === 'lead' && !c.req.header('hx-request') && leadId) return c.redirect(`/leads/${leadId}`, 303);
    return render(c, tab, notice, status);
  });

  app.post('/appointments/tasks/:id/done', requirePermission('leads.act'), async (c) => {
    const s = c.get('session');
    const id = Id.safeParse(c.req.param('id'));
    if (!id.success) return render(c, tabOf(c), { kind: 'error', text: 'That is not a task id: nothing was changed.' }, 400);
    try {
      const r = await c.get('db')((tx) => completeSetterTask(tx, { accountId: s.accountId, email: s.email }, id.data));
      log('SETTER_TASK_DONE', { setter_task_id: id.data, user_id: s.userId, outcome: r.outcome });
      return render(c, tabOf(c), { kind: 'ok', text: r.outcome === 'done' ? 'Task done.' : 'It was already done.' });
    } catch (error) {
      const e = readableDbError(error);
      if (!e) throw error;
      return render(c, tabOf(c), { kind: 'error', text: e.message }, e.status === 404 ? 404 : 400);
    }
  });

  return app;
}
