create or replace view public.v_booking_attribution_v1
with (security_invoker = true) as
select b.account_id, b.appointment_id, b.lead_id,
       nullif(pg_catalog.btrim(pg_catalog.concat_ws(' ', l.first_name, l.last_name)), '') as lead_name,
       b.booked_at, b.day, b.status, b.start_at, b.first_positive_reply_at, b.rule,
       b.touch_run_id, b.touch_sent_at, b.source, b.campaign_id, b.sequence_id,
       case when b.source is not null then brain.analytics_group_name(b.source, c.name, s.name) end as group_name,
       b.step, b.channel::text as channel, b.is_reactivation
from public.analytics_booking_facts b
left join public.leads l on l.id = b.lead_id and l.account_id = b.account_id
left join public.campaigns c on c.id = b.campaign_id and c.account_id = b.account_id
left join public.sequences s on s.id = b.sequence_id and s.account_id = b.account_id;

comment on view public.v_booking_attribution_v1 is
  'Where each booking came from (seed 003 §18): every appointment booked, completed or no_show, attributed to the last touch sent at or before the lead''s first positive reply (when that reply came at or before the booking), else to the last touch sent at or before the booking; rule says which. For a window: where day between from_day and to_day (public.analytics_window). Read from analytics_booking_facts (brain.refresh_analytics, every minute).';
comment on column public.v_booking_attribution_v1.account_id is 'Owning account.';
comment on column public.v_booking_attribution_v1.appointment_id is 'The appointment.';
comment on column public.v_booking_attribution_v1.lead_id is 'The lead.';
comment on column public.v_booking_attribution_v1.lead_name is 'The lead''s first and last name.';
comment on column public.v_booking_attribution_v1.booked_at is 'When it was booked (appointments.created_at).';
comment on column public.v_booking_attribution_v1.day is 'Local date (account time zone) it was booked.';
comment on column public.v_booking_attribution_v1.status is 'booked, completed or no_show.';
comment on column public.v_booking_attribution_v1.start_at is 'When the meeting starts.';
comment on column public.v_booking_attribution_v1.first_positive_reply_at is 'The lead''s first positive reply at or before the booking.';
comment on column public.v_booking_attribution_v1.rule is 'last_touch_before_first_positive_reply, last_touch_before_booking (no positive reply before the booking, or no touch before it), or none (no touch before the booking).';
comment on column public.v_booking_attribution_v1.touch_run_id is 'The touch it is attributed to.';
comment on column public.v_booking_attribution_v1.touch_sent_at is 'When that touch was sent.';
comment on column public.v_booking_attribution_v1.source is 'The touch''s source: campaign, sequence, reactivation, ai_reply or manual.';
comment on column public.v_booking_attribution_v1.campaign_id is 'Its campaign.';
comment on column public.v_booking_attribution_v1.sequence_id is 'Its sequence.';
comment on column public.v_booking_attribution_v1.group_name is 'The campaign''s or sequence''s name; Reactivation, AI replies or Manual messages otherwise.';
comment on column public.v_booking_attribution_v1.step is 'Its campaign step, sequence step or reactivation round.';
comment on column public.v_booking_attribution_v1.channel is 'Its channel.';
comment on column public.v_booking_attribution_v1.is_reactivation is 'It was a reactivation touch.';

grant select on public.v_booking_attribution_v1 to revenue_api, revenue_analyst, revenue_worker;
