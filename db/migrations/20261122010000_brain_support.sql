-- migrate:up

-- Account-level events: things that happen to an account but to no single lead
-- (a campaign switched on or off, an orchestrator's summary, a program started).
-- core_memory_events keeps seed 002's NOT NULL lead_id, so they live here.
create table public.account_events (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references public.accounts (id) on delete cascade,
  event_type text not null
    constraint account_events_event_type_check check (event_type ~ '^[a-z][a-z0-9_.]{0,63}$'),
  event_source text not null
    constraint account_events_event_source_check check (length(event_source) between 1 and 100),
  subject_type text constraint account_events_subject_type_check check (subject_type ~ '^[a-z][a-z0-9_]{0,39}$'),
  subject_id uuid,
  actor text,
  payload jsonb not null default '{}'::jsonb
    constraint account_events_payload_check check (jsonb_typeof(payload) = 'object'),
  dedupe_key text constraint account_events_dedupe_key_check check (length(dedupe_key) between 1 and 400),
  created_at timestamptz not null default now(),
  constraint account_events_account_dedupe_key_key unique (account_id, dedupe_key)
);
create index account_events_account_created_idx on public.account_events (account_id, created_at desc);
create index account_events_subject_idx on public.account_events (subject_id, created_at desc) where subject_id is not null;
comment on table public.account_events is
  'Append-only log of account-level events that concern no single lead: campaign toggles, orchestrator summaries, program starts and stops.';
comment on column public.account_events.id is 'Event id.';
comment on column public.account_events.account_id is 'Owning account.';
comment on column public.account_events.event_type is 'What happened: campaign_activated, campaign_paused, orchestrator_tick, ...';
comment on column public.account_events.event_source is 'Component that recorded it (set_campaign_active, touch_orchestrator, command_os, ...).';
comment on column public.account_events.subject_type is 'Kind of thing the event is about: campaign, program, orchestrator, ...';
comment on column public.account_events.subject_id is 'Id of that thing, when it has one (a campaign id).';
comment on column public.account_events.actor is 'Who caused it: a user id or email, a component name.';
comment on column public.account_events.payload is 'Details.';
comment on column public.account_events.dedupe_key is 'Optional idempotency key, unique per account.';
comment on column public.account_events.created_at is 'When it happened.';

alter table public.account_events enable row level security;
create policy account_events_api_tenant on public.account_events for all to revenue_api
  using (account_id = nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid)
  with check (account_id = nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid);
create policy account_events_analyst_tenant on public.account_events for select to revenue_analyst
  using (account_id = nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid);
create policy account_events_worker_all on public.account_events for all to revenue_worker using (true) with check (true);
grant select on public.account_events to revenue_analyst;
grant select, insert on public.account_events to revenue_api, revenue_worker;

-- Provider readiness, written by the worker at start-up from its configuration
-- (credentials present or not), so SQL can decide which channels may be scheduled.
create table public.provider_readiness (
  provider text primary key
    constraint provider_readiness_provider_check check (provider in ('twilio', 'telnyx', 'elastic_email', 'openai')),
  ready boolean not null,
  detail text not null,
  checked_at timestamptz not null default now()
);
comment on table public.provider_readiness is
  'Whether each real provider is configured, as the worker found it at start-up. The sink provider is always ready and has no row.';
comment on column public.provider_readiness.provider is 'twilio, telnyx, elastic_email or openai.';
comment on column public.provider_readiness.ready is 'True when the credentials the provider needs are configured.';
comment on column public.provider_readiness.detail is 'What is missing, or what was found (never a secret), e.g. seed 000''s missing_elastic_env message.';
comment on column public.provider_readiness.checked_at is 'When the worker last wrote it.';
grant select on public.provider_readiness to revenue_api, revenue_analyst, revenue_worker;
grant insert, update on public.provider_readiness to revenue_worker;

-- When the enrollment's current step is due. Set at enrollment from the step's
-- delay and moved forward by the orchestrator as steps are started.
alter table public.campaign_leads add column next_step_at timestamptz;
comment on column public.campaign_leads.next_step_at is
  'When current_step is due: enrollment (or the previous step''s start) plus the step''s delay_minutes.';
update public.campaign_leads cl
set next_step_at = cl.enrolled_at + make_interval(mins => coalesce(
  (select s.delay_minutes from public.campaign_steps s
   where s.campaign_id = cl.campaign_id and s.step = cl.current_step), 0));
create index campaign_leads_due_idx on public.campaign_leads (next_step_at) where status = 'active';

-- Weight of each lifecycle state in priority_score (lead_next_action_view_v5).
alter table public.lead_states add column priority_weight smallint not null default 0
  constraint lead_states_priority_weight_check check (priority_weight between 0 and 70);
comment on column public.lead_states.priority_weight is
  'Points this state contributes to priority_score (0-70); high_intent weighs most.';
update public.lead_states set priority_weight = case state
  when 'new' then 20
  when 'touched' then 25
  when 'responded' then 45
  when 'email_captured' then 55
  when 'high_intent' then 70
  when 'in_call_queue' then 65
  when 'closed' then 10
  when 'dead' then 5
  when 'suppressed' then 0
end;

-- A maintained copy of priority_score so pages of leads ordered by priority come
-- from an index. brain.lead_priority computes it (the same formula as
-- lead_next_action_view_v5); triggers keep it current and a job ages it.
alter table public.leads
  add column priority_score smallint not null default 0
    constraint leads_priority_score_check check (priority_score between 0 and 100),
  add column priority_scored_at timestamptz;
comment on column public.leads.priority_score is
  'priority_score as of priority_scored_at (brain.lead_priority): kept current on state, contact and scored-event changes, and aged by brain.refresh_lead_priorities. lead_next_action_view_v5 computes the live value.';
comment on column public.leads.priority_scored_at is 'When priority_score was last computed; null before the first computation.';
create index leads_account_priority_idx on public.leads (account_id, priority_score desc, id);
create index core_memory_events_scored_created_idx on public.core_memory_events (created_at) where score_delta <> 0;

-- Event lookups by type for one lead (suppression, stop events, reactivation).
create index core_memory_events_lead_type_created_idx
  on public.core_memory_events (lead_id, event_type, created_at desc);

-- migrate:down
drop index if exists public.core_memory_events_lead_type_created_idx;
drop index if exists public.core_memory_events_scored_created_idx;
drop index if exists public.leads_account_priority_idx;
alter table public.leads drop column if exists priority_scored_at;
alter table public.leads drop column if exists priority_score;
alter table public.lead_states drop column if exists priority_weight;
drop index if exists public.campaign_leads_due_idx;
alter table public.campaign_leads drop column if exists next_step_at;
drop table if exists public.provider_readiness;
drop table if exists public.account_events;
