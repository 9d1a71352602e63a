-- Booking (issue 18): the lead page's Appointments panel in one read, as the caller.
create or replace function public.lead_appointments(p_lead_id uuid, p_now timestamptz default now())
returns json
language sql
stable
security invoker
set search_path = ''
as $$
  select pg_catalog.json_build_object(
    'appointments', (select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
        'id', a.id, 'status', a.status, 'start_at', a.start_at, 'end_at', a.end_at, 'time_zone', a.time_zone::text,
        'local_start', pg_catalog.to_char(a.start_at at time zone a.time_zone::text, 'Dy DD Mon YYYY HH24:MI'),
        'local_end', pg_catalog.to_char(a.end_at at time zone a.time_zone::text, 'HH24:MI'),
        'source', a.source, 'provider', a.provider, 'cancel_reason', a.cancel_reason,
        'upcoming', a.status = 'booked' and a.end_at > p_now, 'started', a.start_at <= p_now)
        order by a.start_at desc), '[]'::json)
      from public.appointments a where a.lead_id = p_lead_id),
    'tasks', (select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
        'id', t.id, 'kind', t.kind, 'reason', t.reason, 'suggested_text', t.suggested_text, 'created_at', t.created_at)
        order by t.created_at desc), '[]'::json)
      from public.setter_tasks t where t.lead_id = p_lead_id and t.status = 'open'),
    'offered', (select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
        'label', s.label, 'time_zone', s.time_zone::text, 'slot_start', s.slot_start, 'offered_at', s.offered_at)
        order by s.offer_order), '[]'::json)
      from public.offered_slots s where s.lead_id = p_lead_id and s.status = 'open' and s.slot_start > p_now))
$$;

comment on function public.lead_appointments(uuid, timestamptz) is
  'A lead''s appointments (newest first; local_start/local_end in the appointment''s time_zone, which is named), its open setter tasks (kind, reason, suggested_text) and the slots it was offered and has not answered yet (label, time_zone), as the caller (row-level security). The lead page''s Appointments panel (views/components/lead-appointments.tsx).';

revoke execute on function public.lead_appointments(uuid, timestamptz) from public;
grant execute on function public.lead_appointments(uuid, timestamptz) to revenue_api, revenue_analyst;
