-- Recounts some leads of one account: their touch facts and booking facts are replaced by
-- what brain.analytics_touch_facts / brain.analytics_booking_facts say now, and the daily
-- rollup moves by the difference, in one transaction.
create or replace function brain.refresh_analytics_leads(p_account_id uuid, p_lead_ids uuid[])
returns integer
language plpgsql
volatile
set search_path = ''
as $$
begin
  -- One recount of an account at a time: two recounts of a lead would each add the same
  -- difference to the rollup. Each statement below reads what the previous holder committed.
  perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('revenue_os.refresh_analytics'), pg_catalog.hashtext(p_account_id::text));

  with fresh as (
    select * from brain.analytics_touch_facts(p_account_id, p_lead_ids)
  ), stale as (
    -- What is counted now for these leads, and for their touches wherever they were counted
    -- (a merge moves a touch to another lead, whose recount may come first).
    select f.*
    from pg_catalog.unnest(p_lead_ids) as w (lead_id)
    join public.analytics_touch_facts f on f.account_id = p_account_id and f.lead_id = w.lead_id
    union
    select f.*
    from fresh n
    join public.analytics_touch_facts f on f.account_id = p_account_id and f.touch_run_id = n.touch_run_id
  ), gone as (
    delete from public.analytics_touch_facts f
    using stale s
    where f.account_id = p_account_id and f.touch_run_id = s.touch_run_id
      and not exists (select 1 from fresh n where n.touch_run_id = s.touch_run_id)
  ), kept as (
    insert into public.analytics_touch_facts as f (account_id, touch_run_id, lead_id, sent_at, day, source, campaign_id,
      sequence_id, step, channel, is_reactivation, replied, positive, booked, unit_stage, lead_stage)
    select n.account_id, n.touch_run_id, n.lead_id, n.sent_at, n.day, n.source, n.campaign_id, n.sequence_id, n.step,
           n.channel, n.is_reactivation, n.replied, n.positive, n.booked, n.unit_stage, n.lead_stage
    from fresh n
    on conflict (account_id, touch_run_id) do update
    set lead_id = excluded.lead_id, sent_at = excluded.sent_at, day = excluded.day, source = excluded.source,
        campaign_id = excluded.campaign_id, sequence_id = excluded.sequence_id, step = excluded.step,
        channel = excluded.channel, is_reactivation = excluded.is_reactivation, replied = excluded.replied,
        positive = excluded.positive, booked = excluded.booked, unit_stage = excluded.unit_stage, lead_stage = excluded.lead_stage
    where (f.lead_id, f.sent_at, f.day, f.source, f.campaign_id, f.sequence_id, f.step, f.channel, f.is_reactivation,
           f.replied, f.positive, f.booked, f.unit_stage, f.lead_stage)
          is distinct from
          (excluded.lead_id, excluded.sent_at, excluded.day, excluded.source, excluded.campaign_id, excluded.sequence_id,
           excluded.step, excluded.channel, excluded.is_reactivation, excluded.replied, excluded.positive, excluded.booked,
           excluded.unit_stage, excluded.lead_stage)
  ), delta as (
    select d.day, d.source, d.campaign_id, d.sequence_id, d.step, d.channel, d.is_reactivation,
           pg_catalog.sum(d.sign)::integer as touches_sent,
           pg_catalog.sum(d.sign * d.replied::integer)::integer as touches_replied,
           pg_catalog.sum(d.sign * d.positive::integer)::integer as touches_positive,
           pg_catalog.sum(d.sign * d.booked)::integer as touches_booked,
           pg_catalog.sum(d.sign * (d.unit_stage >= 1)::integer)::integer as units_contacted,
           pg_catalog.sum(d.sign * (d.unit_stage >= 2)::integer)::integer as units_replied,
           pg_catalog.sum(d.sign * (d.unit_stage >= 3)::integer)::integer as units_positive,
           pg_catalog.sum(d.sign * (d.unit_stage >= 4)::integer)::integer as units_meeting,
           pg_catalog.sum(d.sign * (d.unit_stage >= 5)::integer)::integer as units_booked,
           pg_catalog.sum(d.sign * (d.lead_stage >= 1)::integer)::integer as leads_contacted,
           pg_catalog.sum(d.sign * (d.lead_stage >= 2)::integer)::integer as leads_replied,
           pg_catalog.sum(d.sign * (d.lead_stage >= 3)::integer)::integer as leads_positive,
           pg_catalog.sum(d.sign * (d.lead_stage >= 4)::integer)::integer as leads_meeting,
           pg_catalog.sum(d.sign * (d.lead_stage >= 5)::integer)::integer as leads_booked
    from (select 1 as sign, n.day, n.source, n.campaign_id, n.sequence_id, n.step, n.channel, n.is_reactivation,
                 n.replied, n.positive, n.booked, coalesce(n.unit_stage, 0) as unit_stage, coalesce(n.lead_stage, 0) as lead_stage
          from fresh n
          union all
          select -1, s.day, s.source, s.campaign_id, s.sequence_id, s.step, s.channel, s.is_reactivation,
                 s.replied, s.positive, s.booked, coalesce(s.unit_stage, 0), coalesce(s.lead_stage, 0)
          from stale s) d
    group by d.day, d.source, d.campaign_id, d.sequence_id, d.step, d.channel, d.is_reactivation
  )
  insert into public.analytics_daily as a (account_id, day, source, campaign_id, sequence_id, step, channel, is_reactivation,
    touches_sent, touches_replied, touches_positive, touches_booked, units_contacted, units_replied, units_positive,
    units_meeting, units_booked, leads_contacted, leads_replied, leads_positive, leads_meeting, leads_booked)
  select p_account_id, d.day, d.source, d.campaign_id, d.sequence_id, d.step, d.channel, d.is_reactivation,
         d.touches_sent, d.touches_replied, d.touches_positive, d.touches_booked, d.units_contacted, d.units_replied,
         d.units_positive, d.units_meeting, d.units_booked, d.leads_contacted, d.leads_replied, d.leads_positive,
         d.leads_meeting, d.leads_booked
  from delta d
  where (d.touches_sent, d.touches_replied, d.touches_positive, d.touches_booked, d.units_contacted, d.units_replied,
         d.units_positive, d.units_meeting, d.units_booked, d.leads_contacted, d.leads_replied, d.leads_positive,
         d.leads_meeting, d.leads_booked) <> (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
  on conflict (account_id, day, source, campaign_id, sequence_id, step, channel, is_reactivation) do update
  set touches_sent = a.touches_sent + excluded.touches_sent,
      touches_replied = a.touches_replied + excluded.touches_replied,
      touches_positive = a.touches_positive + excluded.touches_positive,
      touches_booked = a.touches_booked + excluded.touches_booked,
      units_contacted = a.units_contacted + excluded.units_contacted,
      units_replied = a.units_replied + excluded.units_replied,
      units_positive = a.units_positive + excluded.units_positive,
      units_meeting = a.units_meeting + excluded.units_meeting,
      units_booked = a.units_booked + excluded.units_booked,
      leads_contacted = a.leads_contacted + excluded.leads_contacted,
      leads_replied = a.leads_replied + excluded.leads_replied,
      leads_positive = a.leads_positive + excluded.leads_positive,
      leads_meeting = a.leads_meeting + excluded.leads_meeting,
      leads_booked = a.leads_booked + excluded.leads_booked;

  -- A day and dimension with no touch left has nothing left to count.
  delete from public.analytics_daily a where a.account_id = p_account_id and a.touches_sent = 0;

  -- Only leads with an appointment have bookings to count (the others' old rows go below).
  with fresh as (
    select * from brain.analytics_booking_facts(p_account_id, array(
      select w.lead_id from pg_catalog.unnest(p_lead_ids) as w (lead_id)
      where exists (select 1 from public.appointments a where a.account_id = p_account_id and a.lead_id = w.lead_id)))
  ), gone as (
    delete from public.analytics_booking_facts f
    using pg_catalog.unnest(p_lead_ids) as w (lead_id)
    where f.account_id = p_account_id and f.lead_id = w.lead_id
      and not exists (select 1 from fresh n where n.appointment_id = f.appointment_id)
  )
  insert into public.analytics_booking_facts as f (account_id, appointment_id, lead_id, booked_at, day, status, start_at,
    first_positive_reply_at, rule, touch_run_id, touch_sent_at, source, campaign_id, sequence_id, step, channel, is_reactivation)
  select n.account_id, n.appointment_id, n.lead_id, n.booked_at, n.day, n.status, n.start_at, n.first_positive_reply_at,
         n.rule, n.touch_run_id, n.touch_sent_at, n.source, n.campaign_id, n.sequence_id, n.step, n.channel, n.is_reactivation
  from fresh n
  on conflict (account_id, appointment_id) do update
  set lead_id = excluded.lead_id, booked_at = excluded.booked_at, day = excluded.day, status = excluded.status,
      start_at = excluded.start_at, first_positive_reply_at = excluded.first_positive_reply_at, rule = excluded.rule,
      touch_run_id = excluded.touch_run_id, touch_sent_at = excluded.touch_sent_at, source = excluded.source,
      campaign_id = excluded.campaign_id, sequence_id = excluded.sequence_id, step = excluded.step,
      channel = excluded.channel, is_reactivation = excluded.is_reactivation
  where (f.*) is distinct from (excluded.*);

  return pg_catalog.cardinality(p_lead_ids);
end
$$;

comment on function brain.refresh_analytics_leads(uuid, uuid[]) is
  'Recounts leads p_lead_ids of account p_account_id: analytics_touch_facts and analytics_booking_facts of those leads become what brain.analytics_touch_facts and brain.analytics_booking_facts compute now (rows no longer there are deleted, unchanged rows are left alone), and analytics_daily moves by the difference of the touch facts (new minus old, per day and dimension; rows left without touches are removed), all in one transaction under the account''s advisory lock (two recounts of one account wait for each other), so the rollup always equals the sum of the facts. Returns how many leads it was given. brain.refresh_analytics calls it for the leads in analytics_dirty_leads.';

revoke execute on function brain.refresh_analytics_leads(uuid, uuid[]) from public;
grant execute on function brain.refresh_analytics_leads(uuid, uuid[]) to revenue_worker;
