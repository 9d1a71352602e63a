-- The bookings of some leads and the touch each is attributed to, from the source tables.
create or replace function brain.analytics_booking_facts(p_account_id uuid, p_lead_ids uuid[])
returns table (
  account_id uuid,
  appointment_id uuid,
  lead_id uuid,
  booked_at timestamptz,
  day date,
  status text,
  start_at timestamptz,
  first_positive_reply_at timestamptz,
  rule text,
  touch_run_id uuid,
  touch_sent_at timestamptz,
  source text,
  campaign_id uuid,
  sequence_id uuid,
  step integer,
  channel text,
  is_reactivation boolean
)
language sql
stable
as $$
  select p_account_id, e.item_id, e.lead_id, e.at,
         (e.at at time zone coalesce((select o.timezone from public.org_settings o where o.account_id = p_account_id), 'UTC'))::date,
         e.status, e.start_at, e.first_positive_reply_at, e.rule, e.touch_run_id, e.touch_sent_at, e.touch_source,
         e.touch_campaign_id, e.touch_sequence_id, e.touch_step, e.touch_channel, e.touch_is_reactivation
  from brain.analytics_lead_events(p_account_id, p_lead_ids) e
  where e.kind = 2 and e.status in ('booked', 'completed', 'no_show')
$$;

comment on function brain.analytics_booking_facts(uuid, uuid[]) is
  'Bookings (appointments booked, completed or no_show) of leads p_lead_ids (account p_account_id) with their attribution from brain.analytics_lead_events: booked_at (appointments.created_at) and its local day (org_settings.timezone), the lead''s first positive reply at or before it, the rule (last_touch_before_first_positive_reply, last_touch_before_booking, none) and the touch it chose: id, sent_at, source, campaign, sequence, step, channel, is_reactivation. analytics_booking_facts holds the same rows once brain.refresh_analytics has counted the leads.';

revoke execute on function brain.analytics_booking_facts(uuid, uuid[]) from public;
grant execute on function brain.analytics_booking_facts(uuid, uuid[]) to revenue_worker, revenue_analyst;
