/**
 * The notification bell: the user's own in-app notifications (issue 18: positive
 * replies, meeting requests, bookings, drafts to review, failing integrations;
 * public.notification_inbox, marked read with public.mark_notifications_read), and
 * inbound replies of the last 24 hours grouped by workspace stage (seed 004 Part 8),
 * from the inbound_message memory events.
 */
import type { TransactionSql } from '../../db/client.ts';

export const STAGES = [
  { key: 'initial_message', label: 'Initial Message' },
  { key: 'retarget', label: 'Retarget' },
  { key: 'nudger', label: 'Nudger' },
  { key: 'content_nurture', label: 'Content Nurture' },
  { key: 'book_appointment', label: 'Book Appointment' },
] as const;

export interface InAppNotification {
  id: string;
  kind: string;
  label: string;
  lead_id: string | null;
  lead_name: string | null;
  payload: Record<string, unknown>;
  at: string;
  read: boolean;
}

export interface NotificationInbox {
  unread: number;
  items: InAppNotification[];
}

/** The user's in-app notifications, newest first, and how many are unread. */
export async function loadInbox(tx: TransactionSql, userId: string, limit = 20): Promise<NotificationInbox> {
  const [r] = await tx<{ inbox: NotificationInbox }[]>`select public.notification_inbox(${userId}, ${limit}) as inbox`;
  return r!.inbox;
}

/** Marks the user's in-app notifications read: those named, or all. Answers how many changed. */
export async function markRead(tx: TransactionSql, userId: string, ids: string[] | null): Promise<number> {
  const [r] = await tx<{ n: number }[]>`select public.mark_notifications_read(${userId}, ${ids}::uuid[]) as n`;
  return r!.n;
}

export interface Bell {
  inbox: NotificationInbox;
  groups: { key: string; label: string; count: number; latest: { lead_id: string; name: string; at: Date; classification: string | null }[] }[];
}

export async function loadBell(tx: TransactionSql, userId: string): Promise<Bell> {
  const inbox = await loadInbox(tx, userId);
  const rows = await tx<{ stage: string; count: number; latest: { lead_id: string; name: string; at: string; classification: string | null }[] }[]>`
    with replies as (
      select e.lead_id, e.created_at, coalesce(e.payload ->> 'stage', 'initial_message') as stage, e.payload ->> 'classification' as classification
      from public.core_memory_events e
      where e.event_type = 'inbound_message' and e.created_at > now() - interval '24 hours'
        and coalesce(e.payload ->> 'keyword', 'none') = 'none'
    )
    select r.stage, count(*)::int as count,
           (select json_agg(x order by x.at desc) from (
              select r2.lead_id, coalesce(nullif(concat_ws(' ', l.first_name, l.last_name), ''), l.phone::text, l.email::text, 'lead') as name,
                     r2.created_at as at, r2.classification
              from replies r2 join public.leads l on l.id = r2.lead_id
              where r2.stage = r.stage order by r2.created_at desc limit 5) x) as latest
    from replies r group by r.stage`;
  return {
    inbox,
    groups: STAGES.map((s) => {
      const r = rows.find((x) => x.stage === s.key);
      return { key: s.key, label: s.label, count: r?.count ?? 0, latest: (r?.latest ?? []).map((l) => ({ ...l, at: new Date(l.at) })) };
    }),
  };
}
