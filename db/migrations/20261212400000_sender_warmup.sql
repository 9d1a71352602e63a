-- migrate:up

-- Warm-up and sending reputation (issue 19 §4). Each email sender (inbox) ramps up
-- its daily cap from a low start; a sender whose recent sends bounce or draw
-- complaints too often is paused; SMS numbers get a per-number daily cap and an
-- opt-out-rate alarm. The decisions live in sql/ (brain.sender_caps,
-- brain.count_daily_sends, brain.check_sender_reputation).

-- One row per sender the account has sent from (or configured): its ramp and its pause.
create table public.sender_reputation (
  account_id uuid not null references public.accounts (id) on delete cascade,
  channel public.channel not null,
  sender text not null constraint sender_reputation_sender_check check (pg_catalog.length(sender) between 1 and 320),
  ramp_start_cap integer not null default 20 constraint sender_reputation_ramp_start_cap_check check (ramp_start_cap between 1 and 100000),
  ramp_growth_pct numeric(6, 2) not null default 10
    constraint sender_reputation_ramp_growth_pct_check check (ramp_growth_pct between 0 and 100),
  ramp_started_on date,
  already_warm boolean not null default false,
  paused_at timestamptz,
  paused_reason text constraint sender_reputation_paused_reason_check check (paused_reason in ('bounce_rate', 'complaint_rate')),
  paused_detail jsonb constraint sender_reputation_paused_detail_check check (pg_catalog.jsonb_typeof(paused_detail) = 'object'),
  resumed_at timestamptz,
  resumed_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint sender_reputation_pkey primary key (account_id, channel, sender),
  constraint sender_reputation_paused_check check ((paused_at is null) = (paused_reason is null))
);
comment on table public.sender_reputation is 'Per sender (an email inbox or a phone number) of an account: its warm-up ramp (today''s cap = least(target, ceil(ramp_start_cap × (1 + ramp_growth_pct/100)^ramp day)), target = the provider config''s daily_cap; brain.sender_caps) and whether the reputation guard paused it (brain.check_sender_reputation). A sender without a row is a new one: default ramp, not started, not paused.';
comment on column public.sender_reputation.account_id is 'Owning account.';
comment on column public.sender_reputation.channel is 'The channel it sends on (the ramp and the pause apply to email).';
comment on column public.sender_reputation.sender is 'The sending address or number (''default'' for email sent without one).';
comment on column public.sender_reputation.ramp_start_cap is 'Sends allowed on the ramp''s first day (default 20).';
comment on column public.sender_reputation.ramp_growth_pct is 'Daily growth of the cap in percent (default 10: +10% a day), compounded.';
comment on column public.sender_reputation.ramp_started_on is 'The UTC day of its first counted send (ramp day 0); null until it sends.';
comment on column public.sender_reputation.already_warm is 'True: no ramp, the cap is the target from the start (an inbox that was warmed elsewhere, or sent before the ramp existed).';
comment on column public.sender_reputation.paused_at is 'When the reputation guard paused it (its cap is 0 until an owner or admin resumes it); null while it sends.';
comment on column public.sender_reputation.paused_reason is 'bounce_rate (hard bounces over its last 200 sends above 3%) or complaint_rate (complaints above 0.1%).';
comment on column public.sender_reputation.paused_detail is 'The figures that paused it: sends, hard_bounces, complaints, window_start.';
comment on column public.sender_reputation.resumed_at is 'When a person last resumed it.';
comment on column public.sender_reputation.resumed_by is 'Who last resumed it (a user id).';
comment on column public.sender_reputation.created_at is 'When it was first recorded.';
comment on column public.sender_reputation.updated_at is 'When it last changed.';

-- What happened to a sender's sends, once per message and kind.
create table public.sender_reputation_events (
  id uuid not null default gen_random_uuid(),
  account_id uuid not null references public.accounts (id) on delete cascade,
  channel public.channel not null,
  sender text not null constraint sender_reputation_events_sender_check check (pg_catalog.length(sender) between 1 and 320),
  outbound_message_id uuid not null,
  kind text not null constraint sender_reputation_events_kind_check
    check (kind in ('hard_bounce', 'soft_bounce', 'complaint', 'opt_out')),
  message_sent_at timestamptz not null,
  occurred_at timestamptz not null,
  created_at timestamptz not null default now(),
  constraint sender_reputation_events_pkey primary key (id, account_id),
  constraint sender_reputation_events_message_kind_key unique (account_id, outbound_message_id, kind)
);
comment on table public.sender_reputation_events is 'Bounces (hard and soft), complaints and STOP-type opt-outs, each attributed to the outbound message (and so the sender) it answers, once per message and kind. Read by brain.check_sender_reputation (over the sender''s last 200 sends) and public.v_sender_health_v1.';
comment on column public.sender_reputation_events.id is 'Row id.';
comment on column public.sender_reputation_events.account_id is 'Owning account.';
comment on column public.sender_reputation_events.channel is 'The message''s channel.';
comment on column public.sender_reputation_events.sender is 'The message''s sender (outbound_messages.from_address; ''default'' for email sent without one).';
comment on column public.sender_reputation_events.outbound_message_id is 'The message it is about.';
comment on column public.sender_reputation_events.kind is 'hard_bounce, soft_bounce, complaint or opt_out.';
comment on column public.sender_reputation_events.message_sent_at is 'When the message was claimed (outbound_messages.created_at): the event belongs to the sends window that holds it.';
comment on column public.sender_reputation_events.occurred_at is 'When the provider or the lead reported it.';
comment on column public.sender_reputation_events.created_at is 'When it was recorded.';
create index sender_reputation_events_sender_idx
  on public.sender_reputation_events (account_id, channel, sender, message_sent_at);

-- A sender's last 200 sends, newest first (brain.check_sender_reputation), without a scan.
create index outbound_messages_sender_idx on public.outbound_messages (account_id, channel, from_address, created_at desc);

-- The day's cap in force when the sender last counted a send (shown by the health view).
alter table public.sender_daily_counts add column cap integer
  constraint sender_daily_counts_cap_check check (cap >= 0);
comment on column public.sender_daily_counts.cap is 'The sender''s cap for that day when it last counted a send (the ramp''s, the provider config''s daily_cap, or 0 while paused).';
comment on table public.sender_daily_counts is 'How many sends each sender started per UTC day: the email per-inbox cap (with its warm-up ramp) and the SMS / WhatsApp per-number cap.';

-- Inboxes that already sent before the ramp existed keep their full cap: a ramp from 20
-- a day would throttle a warm inbox.
insert into public.sender_reputation (account_id, channel, sender, ramp_started_on, already_warm)
select c.account_id, c.channel, c.sender, pg_catalog.min(c.day), true
from public.sender_daily_counts c
where c.channel = 'email' and c.sent > 0
group by c.account_id, c.channel, c.sender
on conflict do nothing;

-- The alert kinds.
alter table public.notification_preferences drop constraint notification_preferences_event_kind_check;
alter table public.notification_preferences add constraint notification_preferences_event_kind_check
  check (event_kind in ('positive_reply', 'meeting_requested', 'booked', 'draft_needs_review', 'integration_failing',
                        'sender_paused', 'sender_opt_outs'));
alter table public.notification_events drop constraint notification_events_kind_check;
alter table public.notification_events add constraint notification_events_kind_check
  check (kind in ('positive_reply', 'meeting_requested', 'booked', 'draft_needs_review', 'integration_failing',
                  'sender_paused', 'sender_opt_outs'));
comment on column public.notification_preferences.event_kind is 'positive_reply (a reply tagged Interested or Follow Up), meeting_requested (tagged Meeting Requested), booked (a meeting was booked), draft_needs_review (an AI draft waits for a person), integration_failing (a provider refuses the account''s credentials or configuration), sender_paused (the reputation guard paused an email sender), sender_opt_outs (a number''s opt-out rate passed its alarm).';
comment on column public.notification_events.kind is 'positive_reply, meeting_requested, booked, draft_needs_review, integration_failing, sender_paused or sender_opt_outs.';
comment on column public.notification_events.dedupe_key is 'Unique per account: positive_reply:<inbound message>, meeting_requested:<inbound message>, booked:<appointment>, draft_needs_review:<draft>, integration_failing:<integration>:<the account''s local date>, sender_paused:<channel>:<sender>:<paused_at>, sender_opt_outs:<channel>:<sender>:<UTC date>.';

-- The signatures gain the bounce class (sql/ recreates them).
drop function if exists brain.apply_email_event(text, text, text, text, text, uuid, timestamptz, text[], boolean);
drop function if exists public.ingest_email_event(text, text, text, text, text, uuid, timestamptz, text[]);

do $$
declare
  t text;
begin
  foreach t in array array['sender_reputation', 'sender_reputation_events'] loop
    execute pg_catalog.format('alter table public.%I enable row level security', t);
    execute pg_catalog.format($p$create policy %I on public.%I for select to revenue_api
      using (account_id = nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid)$p$, t || '_api_tenant', t);
    execute pg_catalog.format($p$create policy %I on public.%I for select to revenue_analyst
      using (account_id = (select private.analyst_account_id()))$p$, t || '_analyst_tenant', t);
    execute pg_catalog.format('create policy %I on public.%I to revenue_worker using (true) with check (true)', t || '_worker_all', t);
    execute pg_catalog.format('grant select on public.%I to revenue_analyst, revenue_api', t);
  end loop;
end
$$;
-- The worker counts sends, records bounces and pauses (brain functions run as the worker);
-- the API changes a sender only through definer functions (resume, already warm).
grant select, insert, update on public.sender_reputation to revenue_worker;
grant select, insert on public.sender_reputation_events to revenue_worker;

-- migrate:down
drop index if exists public.outbound_messages_sender_idx;
alter table public.sender_daily_counts drop column if exists cap;
drop table if exists public.sender_reputation_events;
drop table if exists public.sender_reputation;
