-- migrate:up

-- Issue 18, analytics (seed 003 §18): the funnel, reply and booking rates, reactivation
-- KPIs and booking attribution are counted once per lead, kept in a per-day rollup that
-- the v_*_v1 views and the Analytics page read. The definitions are SQL functions
-- (brain.analytics_*); brain.refresh_analytics recomputes the leads that changed
-- (analytics_dirty_leads, filled by triggers) and moves the rollup by the difference.

-- Leads whose touches, replies or appointments changed since the last refresh. Only
-- appended to (no unique key, so two writers never wait on each other) and emptied by
-- brain.refresh_analytics. No foreign key: a lead or account being deleted writes here too.
create table public.analytics_dirty_leads (
  account_id uuid not null,
  id bigint generated always as identity,
  lead_id uuid not null,
  marked_at timestamptz not null default now(),
  constraint analytics_dirty_leads_pkey primary key (account_id, id)
);
comment on table public.analytics_dirty_leads is 'Leads whose analytics changed (a touch sent, a reply, a tag, an appointment) and that brain.refresh_analytics has not recounted yet; a lead may appear more than once. The Analytics page shows how many are waiting.';
comment on column public.analytics_dirty_leads.account_id is 'Owning account.';
comment on column public.analytics_dirty_leads.id is 'Order of marking; the refresh takes the oldest first.';
comment on column public.analytics_dirty_leads.lead_id is 'The lead to recount.';
comment on column public.analytics_dirty_leads.marked_at is 'When the change was made.';
create index analytics_dirty_leads_id_idx on public.analytics_dirty_leads (id);

-- One row per outbound touch that reached the lead (status sent or delivered), with
-- what became of it. A cache of brain.analytics_touch_facts for every lead.
create table public.analytics_touch_facts (
  account_id uuid not null references public.accounts (id) on delete cascade,
  touch_run_id uuid not null,
  lead_id uuid not null,
  sent_at timestamptz not null,
  day date not null,
  source text not null constraint analytics_touch_facts_source_check
    check (source in ('campaign', 'sequence', 'reactivation', 'ai_reply', 'manual')),
  campaign_id uuid,
  sequence_id uuid,
  step integer,
  channel public.channel not null,
  is_reactivation boolean not null,
  replied boolean not null,
  positive boolean not null,
  booked integer not null constraint analytics_touch_facts_booked_check check (booked >= 0),
  unit_stage smallint constraint analytics_touch_facts_unit_stage_check check (unit_stage between 1 and 5),
  lead_stage smallint constraint analytics_touch_facts_lead_stage_check check (lead_stage between 1 and 5),
  constraint analytics_touch_facts_pkey primary key (account_id, touch_run_id)
);
comment on table public.analytics_touch_facts is 'Analytics facts per sent touch (status sent or delivered, transactional replies left out), kept by brain.refresh_analytics from brain.analytics_touch_facts; analytics_daily is their sum per day.';
comment on column public.analytics_touch_facts.account_id is 'Owning account.';
comment on column public.analytics_touch_facts.touch_run_id is 'The touch (touch_runs.id).';
comment on column public.analytics_touch_facts.lead_id is 'The lead.';
comment on column public.analytics_touch_facts.sent_at is 'When it was sent.';
comment on column public.analytics_touch_facts.day is 'sent_at''s date in the account''s time zone (org_settings.timezone).';
comment on column public.analytics_touch_facts.source is 'campaign, sequence (a sequence step), reactivation (the reactivation orchestrator), ai_reply (an approved AI draft) or manual (a person''s message).';
comment on column public.analytics_touch_facts.campaign_id is 'The campaign (campaign touches).';
comment on column public.analytics_touch_facts.sequence_id is 'The sequence (sequence touches, through touch_runs.sequence_enrollment_id).';
comment on column public.analytics_touch_facts.step is 'Campaign step, sequence step (touch_runs.sequence_step) or reactivation round; null for ai_reply and manual.';
comment on column public.analytics_touch_facts.channel is 'Channel it went out on.';
comment on column public.analytics_touch_facts.is_reactivation is 'payload message_class is reactivation.';
comment on column public.analytics_touch_facts.replied is 'The lead replied to it: a reply (not a bounce or automatic reply) came after it and before the lead''s next touch.';
comment on column public.analytics_touch_facts.positive is 'One of those replies was positive (tag Interested, Meeting Requested or Follow Up; untagged: classification positive).';
comment on column public.analytics_touch_facts.booked is 'Bookings attributed to this touch (see v_booking_attribution_v1).';
comment on column public.analytics_touch_facts.unit_stage is 'Set on the first touch of the lead in its group (campaign, sequence, reactivation round, AI replies, manual): how far the lead got after it: 1 contacted, 2 replied, 3 positive, 4 meeting, 5 booked.';
comment on column public.analytics_touch_facts.lead_stage is 'Set on the lead''s first touch of all: how far the lead got after it (1 contacted … 5 booked).';
create index analytics_touch_facts_lead_idx on public.analytics_touch_facts (account_id, lead_id);

-- One row per booking (appointments booked, completed or no_show) and where it came from.
create table public.analytics_booking_facts (
  account_id uuid not null references public.accounts (id) on delete cascade,
  appointment_id uuid not null,
  lead_id uuid not null,
  booked_at timestamptz not null,
  day date not null,
  status text not null,
  start_at timestamptz not null,
  first_positive_reply_at timestamptz,
  rule text not null constraint analytics_booking_facts_rule_check
    check (rule in ('last_touch_before_first_positive_reply', 'last_touch_before_booking', 'none')),
  touch_run_id uuid,
  touch_sent_at timestamptz,
  source text,
  campaign_id uuid,
  sequence_id uuid,
  step integer,
  channel public.channel,
  is_reactivation boolean,
  constraint analytics_booking_facts_pkey primary key (account_id, appointment_id)
);
comment on table public.analytics_booking_facts is 'Analytics facts per booking (appointments with status booked, completed or no_show) with its attribution, kept by brain.refresh_analytics from brain.analytics_booking_facts.';
comment on column public.analytics_booking_facts.account_id is 'Owning account.';
comment on column public.analytics_booking_facts.appointment_id is 'The appointment.';
comment on column public.analytics_booking_facts.lead_id is 'The lead.';
comment on column public.analytics_booking_facts.booked_at is 'When it was booked (appointments.created_at).';
comment on column public.analytics_booking_facts.day is 'booked_at''s date in the account''s time zone.';
comment on column public.analytics_booking_facts.status is 'booked, completed or no_show.';
comment on column public.analytics_booking_facts.start_at is 'When the meeting starts.';
comment on column public.analytics_booking_facts.first_positive_reply_at is 'The lead''s first positive reply at or before the booking.';
comment on column public.analytics_booking_facts.rule is 'How the touch was chosen: last_touch_before_first_positive_reply, last_touch_before_booking (no positive reply, or no touch before it), none (no touch before the booking).';
comment on column public.analytics_booking_facts.touch_run_id is 'The touch the booking is attributed to.';
comment on column public.analytics_booking_facts.touch_sent_at is 'When that touch was sent.';
comment on column public.analytics_booking_facts.source is 'Its source: campaign, sequence, reactivation, ai_reply, manual.';
comment on column public.analytics_booking_facts.campaign_id is 'Its campaign.';
comment on column public.analytics_booking_facts.sequence_id is 'Its sequence.';
comment on column public.analytics_booking_facts.step is 'Its campaign step, sequence step or reactivation round.';
comment on column public.analytics_booking_facts.channel is 'Its channel.';
comment on column public.analytics_booking_facts.is_reactivation is 'It was a reactivation touch.';
create index analytics_booking_facts_day_idx on public.analytics_booking_facts (account_id, day);
-- The newest bookings first (the Analytics page's list).
create index analytics_booking_facts_booked_idx on public.analytics_booking_facts (account_id, booked_at desc, appointment_id);
create index analytics_booking_facts_lead_idx on public.analytics_booking_facts (account_id, lead_id);

-- The rollup: analytics_touch_facts summed per account, local day and dimension.
create table public.analytics_daily (
  account_id uuid not null references public.accounts (id) on delete cascade,
  id bigint generated always as identity,
  day date not null,
  source text not null,
  campaign_id uuid,
  sequence_id uuid,
  step integer,
  channel public.channel not null,
  is_reactivation boolean not null,
  touches_sent integer not null default 0,
  touches_replied integer not null default 0,
  touches_positive integer not null default 0,
  touches_booked integer not null default 0,
  units_contacted integer not null default 0,
  units_replied integer not null default 0,
  units_positive integer not null default 0,
  units_meeting integer not null default 0,
  units_booked integer not null default 0,
  leads_contacted integer not null default 0,
  leads_replied integer not null default 0,
  leads_positive integer not null default 0,
  leads_meeting integer not null default 0,
  leads_booked integer not null default 0,
  constraint analytics_daily_pkey primary key (account_id, id)
);
comment on table public.analytics_daily is 'analytics_touch_facts summed per account, local day (of the touch) and source, campaign, sequence, step, channel and reactivation flag. brain.refresh_analytics moves it by the difference of the facts it replaces; the v_*_v1 views read it.';
comment on column public.analytics_daily.account_id is 'Owning account.';
comment on column public.analytics_daily.id is 'Row id.';
comment on column public.analytics_daily.day is 'Local date of the touches (account time zone).';
comment on column public.analytics_daily.source is 'campaign, sequence, reactivation, ai_reply or manual.';
comment on column public.analytics_daily.campaign_id is 'Campaign (campaign touches).';
comment on column public.analytics_daily.sequence_id is 'Sequence (sequence touches).';
comment on column public.analytics_daily.step is 'Campaign step, sequence step or reactivation round.';
comment on column public.analytics_daily.channel is 'Channel.';
comment on column public.analytics_daily.is_reactivation is 'Reactivation touches (message_class reactivation).';
comment on column public.analytics_daily.touches_sent is 'Touches sent.';
comment on column public.analytics_daily.touches_replied is '... that the lead replied to (before its next touch).';
comment on column public.analytics_daily.touches_positive is '... with a positive reply.';
comment on column public.analytics_daily.touches_booked is 'Bookings attributed to these touches.';
comment on column public.analytics_daily.units_contacted is 'Leads first contacted in this group (campaign, sequence, reactivation round, AI replies, manual) by these touches.';
comment on column public.analytics_daily.units_replied is '... of whom replied after it.';
comment on column public.analytics_daily.units_positive is '... got as far as a positive reply.';
comment on column public.analytics_daily.units_meeting is '... got as far as a meeting (Meeting Requested or an appointment).';
comment on column public.analytics_daily.units_booked is '... booked (appointment booked, completed or no_show).';
comment on column public.analytics_daily.leads_contacted is 'Leads whose first touch of all was one of these touches.';
comment on column public.analytics_daily.leads_replied is '... of whom replied after it.';
comment on column public.analytics_daily.leads_positive is '... got as far as a positive reply.';
comment on column public.analytics_daily.leads_meeting is '... got as far as a meeting.';
comment on column public.analytics_daily.leads_booked is '... booked.';
create unique index analytics_daily_key on public.analytics_daily
  (account_id, day, source, campaign_id, sequence_id, step, channel, is_reactivation) nulls not distinct;

-- Row-level security, as for every tenant table. Only the worker (brain.refresh_analytics)
-- writes; the triggers mark leads through a security definer function.
do $$
declare
  t text;
begin
  foreach t in array array['analytics_dirty_leads', 'analytics_touch_facts', 'analytics_booking_facts', 'analytics_daily'] loop
    execute pg_catalog.format('alter table public.%I enable row level security', t);
    execute pg_catalog.format($p$create policy %I on public.%I for select to revenue_api
      using (account_id = nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid)$p$, t || '_api_tenant', t);
    execute pg_catalog.format($p$create policy %I on public.%I for select to revenue_analyst
      using (account_id = (select private.analyst_account_id()))$p$, t || '_analyst_tenant', t);
    execute pg_catalog.format('create policy %I on public.%I to revenue_worker using (true) with check (true)', t || '_worker_all', t);
    execute pg_catalog.format('grant select on public.%I to revenue_api, revenue_analyst', t);
    execute pg_catalog.format('grant select, %s on public.%I to revenue_worker',
      case when t = 'analytics_dirty_leads' then 'delete' else 'insert, update, delete' end, t);
  end loop;
end
$$;

-- What is already there is counted by the first refreshes.
insert into public.analytics_dirty_leads (account_id, lead_id)
select distinct t.account_id, t.lead_id from public.touch_runs t where t.status in ('sent', 'delivered')
union
select a.account_id, a.lead_id from public.appointments a;

-- migrate:down
