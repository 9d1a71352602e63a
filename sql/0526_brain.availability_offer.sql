-- Booking (issue 18, seed 003 §12): which open slots a message offers a lead. Two slots,
-- each the first open slot of a different day in the lead's zone (the first two slots
-- when only one day has any), at least an hour ahead; labelled as the lead reads them
-- ("Tue 10:00"). brain.lead_template_values renders {{availability}} from it and
-- brain.record_offered_slots records the same slots when the message goes.
-- language sql without SET clauses, so the planner inlines it.
-- (Numbered 0526 so that it loads before brain.lead_template_values, a language sql
-- function that reads it and is checked when it is created.)
create or replace function brain.availability_offer(p_slots_utc timestamptz[], p_time_zone text, p_now timestamptz)
returns table (offer_order integer, slot_start timestamptz, label text)
language sql
stable
as $$
  select pg_catalog.row_number() over (order by c.slot_start)::integer,
         c.slot_start,
         pg_catalog.to_char(c.local_start, 'Dy HH24:MI')
  from (
    select s.slot_start, s.local_start
    from (
      select u.s as slot_start, u.s at time zone p_time_zone as local_start,
             pg_catalog.row_number() over (partition by (u.s at time zone p_time_zone)::date order by u.s) as k
      from pg_catalog.unnest(p_slots_utc) u (s)
      where u.s >= p_now + interval '1 hour'
    ) s
    order by (s.k = 1) desc, s.slot_start
    limit 2
  ) c
$$;

comment on function brain.availability_offer(timestamptz[], text, timestamptz) is
  'The slots a message offers (seed 003 §12): from p_slots_utc (an availability cache), at most two slots starting at least an hour after p_now, each the first open slot of a different day in p_time_zone (the first two when only one day has slots), numbered by start (offer_order 1 = the earliest); label is the start in p_time_zone as "Dy HH24:MI" (e.g. Tue 10:00). Meetings are 30 minutes.';

revoke execute on function brain.availability_offer(timestamptz[], text, timestamptz) from public;
grant execute on function brain.availability_offer(timestamptz[], text, timestamptz) to revenue_worker, revenue_api;
