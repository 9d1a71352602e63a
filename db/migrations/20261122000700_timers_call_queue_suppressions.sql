-- migrate:up

create table public.lead_timers (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null,
  lead_id uuid not null,
  timer_type text not null
    constraint lead_timers_timer_type_check check (timer_type in ('TIMER_7D', 'TIMER_14D', 'TIMER_30D', 'FOLLOW_UP', 'CALLBACK')),
  trigger_at timestamptz not null,
  executed_at timestamptz,
  cancelled_at timestamptz,
  attempts integer not null default 0 constraint lead_timers_attempts_check check (attempts >= 0),
  max_attempts integer not null default 3 constraint lead_timers_max_attempts_check check (max_attempts between 1 and 20),
  last_error text,
  payload jsonb not null default '{}'::jsonb
    constraint lead_timers_payload_check check (jsonb_typeof(payload) = 'object'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint lead_timers_account_lead_type_key unique (account_id, lead_id, timer_type),
  constraint lead_timers_lead_fkey foreign key (account_id, lead_id)
    references public.leads (account_id, id) on delete cascade,
  constraint lead_timers_done_once_check check (executed_at is null or cancelled_at is null)
);
create index lead_timers_due_idx on public.lead_timers (trigger_at)
  where executed_at is null and cancelled_at is null;
comment on table public.lead_timers is
  'Explicit per-lead timers (seed 004 Part 5): created on the first touch, cancelled on a reply, executed when due.';
comment on column public.lead_timers.id is 'Timer id.';
comment on column public.lead_timers.account_id is 'Owning account.';
comment on column public.lead_timers.lead_id is 'The lead.';
comment on column public.lead_timers.timer_type is 'TIMER_7D, TIMER_14D, TIMER_30D, FOLLOW_UP or CALLBACK; one of each per lead.';
comment on column public.lead_timers.trigger_at is 'When the timer is due.';
comment on column public.lead_timers.executed_at is 'When it ran; null while pending.';
comment on column public.lead_timers.cancelled_at is 'When it was cancelled (e.g. the lead replied).';
comment on column public.lead_timers.attempts is 'How many times running it was tried.';
comment on column public.lead_timers.max_attempts is 'Attempts after which it stops being retried.';
comment on column public.lead_timers.last_error is 'Error of the last failed attempt.';
comment on column public.lead_timers.payload is 'Context for the timer (persona, campaign).';
comment on column public.lead_timers.created_at is 'When the timer was first created.';
comment on column public.lead_timers.updated_at is 'When the row last changed (a refresh moves trigger_at).';

create table public.call_queue (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null,
  lead_id uuid not null,
  priority integer not null default 100 constraint call_queue_priority_check check (priority between 0 and 1000),
  status text not null default 'pending'
    constraint call_queue_status_check check (status in ('pending', 'in_progress', 'done', 'canceled')),
  reason text not null,
  source text not null default 'engine',
  assigned_user_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  started_at timestamptz,
  completed_at timestamptz,
  constraint call_queue_lead_fkey foreign key (account_id, lead_id)
    references public.leads (account_id, id) on delete cascade,
  constraint call_queue_assigned_member_fkey foreign key (account_id, assigned_user_id)
    references public.account_members (account_id, user_id)
);
create unique index call_queue_one_open_per_lead_idx on public.call_queue (account_id, lead_id)
  where status in ('pending', 'in_progress');
create index call_queue_pending_idx on public.call_queue (account_id, priority desc, created_at)
  where status = 'pending';
comment on table public.call_queue is 'Leads waiting for a human call, highest priority first; at most one open entry per lead.';
comment on column public.call_queue.id is 'Entry id.';
comment on column public.call_queue.account_id is 'Owning account.';
comment on column public.call_queue.lead_id is 'Lead to call.';
comment on column public.call_queue.priority is 'Higher is called first (gold leads use org_settings.call_queue_gold_priority).';
comment on column public.call_queue.status is 'pending, in_progress, done or canceled.';
comment on column public.call_queue.reason is 'Why the lead is queued (positive_reply_gold, hot_call, manual).';
comment on column public.call_queue.source is 'Component that queued it.';
comment on column public.call_queue.assigned_user_id is 'Setter taking the call.';
comment on column public.call_queue.created_at is 'When it was queued.';
comment on column public.call_queue.updated_at is 'When the row last changed.';
comment on column public.call_queue.started_at is 'When the call started.';
comment on column public.call_queue.completed_at is 'When it was done or canceled.';

create table public.suppressions (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references public.accounts (id) on delete cascade,
  channel public.channel,
  phone public.e164_phone,
  email public.email_address,
  reason text not null constraint suppressions_reason_check check (reason ~ '^[a-z][a-z0-9_]{0,63}$'),
  source text not null default 'manual',
  lead_id uuid,
  created_at timestamptz not null default now(),
  lifted_at timestamptz,
  lifted_reason text,
  constraint suppressions_one_address_check check (num_nonnulls(phone, email) = 1),
  constraint suppressions_lead_fkey foreign key (account_id, lead_id)
    references public.leads (account_id, id) on delete set null (lead_id),
  constraint suppressions_lifted_check check (lifted_at is null or lifted_at >= created_at)
);
create unique index suppressions_active_address_idx
  on public.suppressions (account_id, channel, phone, email) nulls not distinct
  where lifted_at is null;
create index suppressions_phone_idx on public.suppressions (account_id, phone) where phone is not null and lifted_at is null;
create index suppressions_email_idx on public.suppressions (account_id, email) where email is not null and lifted_at is null;
comment on table public.suppressions is
  'Addresses that must not be contacted: STOP replies, bounces, complaints, operator entries. A row is active while lifted_at is null.';
comment on column public.suppressions.id is 'Row id.';
comment on column public.suppressions.account_id is 'Owning account.';
comment on column public.suppressions.channel is 'Channel suppressed; null means every channel.';
comment on column public.suppressions.phone is 'Suppressed phone (E.164); exactly one of phone or email is set.';
comment on column public.suppressions.email is 'Suppressed email; exactly one of phone or email is set.';
comment on column public.suppressions.reason is 'Why: opt_out_keyword, bounce, complaint, unsubscribe, manual, ...';
comment on column public.suppressions.source is 'Component or person that added it.';
comment on column public.suppressions.lead_id is 'Lead that caused it, when known.';
comment on column public.suppressions.created_at is 'When it took effect.';
comment on column public.suppressions.lifted_at is 'When it was lifted (e.g. START); null while active.';
comment on column public.suppressions.lifted_reason is 'Why it was lifted.';

-- migrate:down
drop table if exists public.suppressions;
drop table if exists public.call_queue;
drop table if exists public.lead_timers;
