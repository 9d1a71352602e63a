-- Booking (issue 18, seed 003 §12): a claimed touch whose text used {{availability}}
-- offered the lead the slots brain.availability_offer chose (the same rule, the same
-- cache, the same moment as the render). They are recorded, and the lead's earlier
-- open offers are superseded, so a reply is matched against what it last read.
create or replace function brain.record_offered_slots(
  p_account_id uuid,
  p_touch_run_ids uuid[],
  p_now timestamptz default now()
)
returns integer
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_n integer;
begin
  with t as (
    select t_.id, t_.lead_id from public.touch_runs t_
    where t_.id = any(p_touch_run_ids) and t_.account_id = p_account_id
  ), offer as (
    select t.id as touch_run_id, t.lead_id, z.time_zone, x.offer_order, x.slot_start, x.label
    from t
    join public.leads l on l.id = t.lead_id and l.account_id = p_account_id
    join public.org_settings o on o.account_id = p_account_id
    join public.availability_caches ac on ac.account_id = p_account_id and ac.expires_at > pg_catalog.now()
    cross join lateral brain.lead_time_zone(l.timezone, l.phone, o.timezone) z
    cross join lateral brain.availability_offer(ac.slots_utc, z.time_zone, pg_catalog.now()) x
  ), old as (
    update public.offered_slots s set status = 'superseded'
    where s.account_id = p_account_id and s.status in ('open', 'accepted')
      and s.lead_id in (select offer.lead_id from offer)
      and (s.touch_run_id is null or s.touch_run_id <> all (select offer.touch_run_id from offer))
  )
  insert into public.offered_slots (account_id, lead_id, slot_start, slot_end, time_zone, label, offer_order, touch_run_id, offered_at)
  select p_account_id, offer.lead_id, offer.slot_start, offer.slot_start + interval '30 minutes', offer.time_zone::public.time_zone,
         offer.label, offer.offer_order, offer.touch_run_id, p_now
  from offer
  on conflict (account_id, touch_run_id, slot_start) do nothing;
  get diagnostics v_n = row_count;
  update public.availability_caches set demanded_at = p_now
  where account_id = p_account_id and (demanded_at is null or demanded_at < p_now - interval '10 seconds');
  return v_n;
end
$$;

comment on function brain.record_offered_slots(uuid, uuid[], timestamptz) is
  'Records the slots the given claimed touches offered through {{availability}} (seed 003 §12): for each touch, brain.availability_offer over the account''s fresh availability cache in the lead''s zone (what the render used), as offered_slots rows (lead, slot_start, slot_end, time_zone, label, offer_order, touch_run_id, offered_at p_now); the lead''s older open offers become superseded. Idempotent per touch and slot. Returns how many rows were written. Called by brain.claim_touch_rows.';

revoke execute on function brain.record_offered_slots(uuid, uuid[], timestamptz) from public;
grant execute on function brain.record_offered_slots(uuid, uuid[], timestamptz) to revenue_worker;
