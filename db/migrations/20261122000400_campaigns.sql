-- migrate:up

create table public.campaigns (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references public.accounts (id) on delete cascade,
  campaign_key text not null
    constraint campaigns_campaign_key_check check (campaign_key ~ '^[a-z0-9][a-z0-9_]{0,79}$'),
  name text not null constraint campaigns_name_check check (length(btrim(name)) between 1 and 200),
  description text,
  message_class text not null default 'cold_outreach'
    constraint campaigns_message_class_check check (message_class ~ '^[a-z][a-z0-9_]{0,39}$'),
  is_active boolean not null default false,
  -- Derived, never written: seed 001's mismatch query returns 0 by construction.
  status text not null generated always as (case when is_active then 'active' else 'paused' end) stored,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint campaigns_account_campaign_key_key unique (account_id, campaign_key),
  constraint campaigns_account_id_id_key unique (account_id, id)
);
create index campaigns_account_active_idx on public.campaigns (account_id) where is_active;
comment on table public.campaigns is
  'Outbound campaigns (cadences). LeadGen programs such as Craigslist are not campaigns.';
comment on column public.campaigns.id is 'Campaign id.';
comment on column public.campaigns.account_id is 'Owning account.';
comment on column public.campaigns.campaign_key is 'Stable key, unique per account (autos outbound campaigns are autos_outbound_<city>).';
comment on column public.campaigns.name is 'Display name.';
comment on column public.campaigns.description is 'Free text for operators.';
comment on column public.campaigns.message_class is 'Message class copied into touch payloads (cold_outreach, reactivation, ...).';
comment on column public.campaigns.is_active is 'The only on/off truth for a campaign.';
comment on column public.campaigns.status is 'Derived from is_active: active or paused. Generated; cannot be written.';
comment on column public.campaigns.created_at is 'When the campaign was created.';
comment on column public.campaigns.updated_at is 'When the row last changed.';

create table public.campaign_steps (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null,
  campaign_id uuid not null,
  step integer not null constraint campaign_steps_step_check check (step between 1 and 100),
  channel public.channel not null,
  delay_minutes integer not null default 0
    constraint campaign_steps_delay_minutes_check check (delay_minutes between 0 and 525600),
  fallback jsonb
    constraint campaign_steps_fallback_check check (
      fallback is null
      or (jsonb_typeof(fallback) = 'object'
          and jsonb_typeof(fallback -> 'order') = 'array'
          and jsonb_array_length(fallback -> 'order') > 0)
    ),
  stop_on_events text[] not null default array['reply_positive', 'appointment_booked', 'do_not_contact'],
  template_key text,
  subject text,
  body text,
  language text not null default 'en' constraint campaign_steps_language_check check (language ~ '^[a-z]{2}$'),
  expires_after_minutes integer
    constraint campaign_steps_expires_after_minutes_check check (expires_after_minutes > 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint campaign_steps_account_campaign_step_key unique (account_id, campaign_id, step),
  constraint campaign_steps_campaign_fkey foreign key (account_id, campaign_id)
    references public.campaigns (account_id, id) on delete cascade
);
comment on table public.campaign_steps is 'The ordered steps of a campaign: which channel, when, with what content and fallback plan.';
comment on column public.campaign_steps.id is 'Step row id.';
comment on column public.campaign_steps.account_id is 'Owning account.';
comment on column public.campaign_steps.campaign_id is 'The campaign.';
comment on column public.campaign_steps.step is 'Step number, 1-based, unique within the campaign.';
comment on column public.campaign_steps.channel is 'Primary channel of the step.';
comment on column public.campaign_steps.delay_minutes is 'Minutes after enrollment (step 1) or after the previous step before this step is due.';
comment on column public.campaign_steps.fallback is
  'Payload v2 routing.fallback: {order, max_attempts, cooldown_minutes}; null means no fallback (the matrix decides stop).';
comment on column public.campaign_steps.stop_on_events is 'Memory event types that stop this step''s cadence (payload v2 routing.stop_on_events).';
comment on column public.campaign_steps.template_key is 'Template key for the dispatcher.';
comment on column public.campaign_steps.subject is 'Email subject.';
comment on column public.campaign_steps.body is 'Message body or call script text.';
comment on column public.campaign_steps.language is 'ISO 639-1 language of the content.';
comment on column public.campaign_steps.expires_after_minutes is 'When set, touches of this step expire this many minutes after creation (routing.expires_at).';
comment on column public.campaign_steps.created_at is 'When the step was created.';
comment on column public.campaign_steps.updated_at is 'When the row last changed.';

create table public.campaign_leads (
  account_id uuid not null,
  campaign_id uuid not null,
  lead_id uuid not null,
  status text not null default 'active'
    constraint campaign_leads_status_check check (status in ('active', 'paused', 'completed', 'stopped')),
  current_step integer not null default 1 constraint campaign_leads_current_step_check check (current_step >= 1),
  enrolled_at timestamptz not null default now(),
  paused_at timestamptz,
  stopped_at timestamptz,
  stop_reason text,
  updated_at timestamptz not null default now(),
  primary key (account_id, campaign_id, lead_id),
  constraint campaign_leads_campaign_fkey foreign key (account_id, campaign_id)
    references public.campaigns (account_id, id) on delete cascade,
  constraint campaign_leads_lead_fkey foreign key (account_id, lead_id)
    references public.leads (account_id, id) on delete cascade
);
create index campaign_leads_lead_idx on public.campaign_leads (lead_id);
create index campaign_leads_active_idx on public.campaign_leads (account_id, campaign_id) where status = 'active';
comment on table public.campaign_leads is 'Enrollment of a lead in a campaign and its progress through the steps.';
comment on column public.campaign_leads.account_id is 'Owning account.';
comment on column public.campaign_leads.campaign_id is 'The campaign.';
comment on column public.campaign_leads.lead_id is 'The lead.';
comment on column public.campaign_leads.status is 'active (cadence runs), paused (e.g. the lead replied), completed, stopped.';
comment on column public.campaign_leads.current_step is 'Next step to run for this lead.';
comment on column public.campaign_leads.enrolled_at is 'When the lead was enrolled.';
comment on column public.campaign_leads.paused_at is 'When the enrollment was paused.';
comment on column public.campaign_leads.stopped_at is 'When the enrollment was stopped or completed.';
comment on column public.campaign_leads.stop_reason is 'Why it stopped or paused (lead_replied, appointment_booked, exhausted, ...).';
comment on column public.campaign_leads.updated_at is 'When the row last changed.';

-- migrate:down
drop table if exists public.campaign_leads;
drop table if exists public.campaign_steps;
drop table if exists public.campaigns;
