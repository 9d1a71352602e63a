/**
 * Booking (issue 18) as the console uses it: the Appointments page
 * (public.appointments_page), a lead's appointments and open setter tasks
 * (public.lead_appointments), and a setter's actions: mark an appointment no-show,
 * completed or cancelled (public.update_appointment_status), mark a task done
 * (public.complete_setter_task). Each operation is one SQL call in the caller's
 * transaction; which moves are allowed is decided in SQL.
 */
import { z } from 'zod';
import type { TransactionSql } from '../../db/client.ts';
import { at, atOrNull, type Wire } from './wire.ts';

export const APPOINTMENT_TABS = ['upcoming', 'past', 'no_show', 'canceled'] as const;
export type AppointmentTab = (typeof APPOINTMENT_TABS)[number];

export const AppointmentFilterSchema = z.object({
  tab: z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? v : undefined),
    z.enum(APPOINTMENT_TABS, { message: `the tab is one of ${APPOINTMENT_TABS.join(', ')}` }).default('upcoming')),
});

export const AppointmentActionSchema = z.object({
  status: z.enum(['no_show', 'completed', 'canceled'], { message: 'the new status is no_show, completed or canceled' }),
  reason: z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined), z.string().max(300).optional()),
});

export interface AppointmentRow {
  id: string;
  lead_id: string;
  lead_name: string;
  lead_phone: string | null;
  lead_email: string | null;
  lead_state: string;
  status: 'booked' | 'canceled' | 'no_show' | 'completed';
  start_at: Date;
  end_at: Date;
  time_zone: string;
  /** The start in time_zone ("Tue 08 Dec 2026 10:00"). */
  local_start: string;
  local_end: string;
  source: string;
  provider: string;
  booked_by: string | null;
  cancel_reason: string | null;
  canceled_at: Date | null;
  no_show_at: Date | null;
  started: boolean;
}

export interface SetterTask {
  id: string;
  lead_id?: string;
  lead_name?: string;
  kind: 'confirm_slot' | 'booking_failed';
  reason: string;
  suggested_text: string | null;
  created_at: Date;
}

export interface AppointmentsPage {
  tab: AppointmentTab;
  counts: Record<AppointmentTab, number>;
  appointments: AppointmentRow[];
  tasks: SetterTask[];
}

export interface LeadAppointments {
  appointments: (Pick<AppointmentRow, 'id' | 'status' | 'start_at' | 'end_at' | 'time_zone' | 'local_start' | 'local_end' | 'source' | 'provider' | 'cancel_reason' | 'started'> & { upcoming: boolean })[];
  tasks: SetterTask[];
  offered: { label: string; time_zone: string; slot_start: Date; offered_at: Date }[];
}

const task = (t: Wire<SetterTask>): SetterTask => ({ ...t, created_at: at(t.created_at) });

export async function loadAppointmentsPage(tx: TransactionSql, tab: AppointmentTab): Promise<AppointmentsPage> {
  const [r] = await tx<{ page: Wire<AppointmentsPage> }[]>`select public.appointments_page(${tab}) as page`;
  const p = r!.page;
  return {
    ...p,
    appointments: p.appointments.map((a) => ({
      ...a, start_at: at(a.start_at), end_at: at(a.end_at), canceled_at: atOrNull(a.canceled_at), no_show_at: atOrNull(a.no_show_at),
    })),
    tasks: p.tasks.map(task),
  };
}

/** public.lead_appointments as the lead page reads it (a key of public.lead_page). */
export function leadAppointmentsFromWire(p: Wire<LeadAppointments>): LeadAppointments {
  return {
    appointments: p.appointments.map((a) => ({ ...a, start_at: at(a.start_at), end_at: at(a.end_at) })),
    tasks: p.tasks.map(task),
    offered: p.offered.map((o) => ({ ...o, slot_start: at(o.slot_start), offered_at: at(o.offered_at) })),
  };
}

export async function setAppointmentStatus(
  tx: TransactionSql,
  who: { accountId: string; email: string },
  appointmentId: string,
  input: z.infer<typeof AppointmentActionSchema>,
): Promise<{ outcome: string; lead_id?: string }> {
  const [r] = await tx<{ r: { outcome: string; lead_id?: string } }[]>`
    select public.update_appointment_status(${who.accountId}, ${appointmentId}, ${input.status}, ${`user:${who.email}`}, ${input.reason ?? null}) as r`;
  return r!.r;
}

export async function completeSetterTask(tx: TransactionSql, who: { accountId: string; email: string }, taskId: string): Promise<{ outcome: string }> {
  const [r] = await tx<{ r: { outcome: string } }[]>`
    select public.complete_setter_task(${who.accountId}, ${taskId}, ${`user:${who.email}`}) as r`;
  return r!.r;
}
