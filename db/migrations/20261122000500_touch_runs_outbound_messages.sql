-- migrate:up

create table public.touch_run_statuses (
  status text primary key,
  is_final boolean not null,
  description text not null
);
comment on table public.touch_run_statuses is 'The touch_runs status lifecycle.';
comment on column public.touch_run_statuses.status is 'Status name stored in touch_runs.status.';
comment on column public.touch_run_statuses.is_final is 'True when the touch will never change again.';
comment on column public.touch_run_statuses.description is 'What the status means.';

insert into public.touch_run_statuses (status, is_final, description) values
  ('scheduled', false, 'Created; due at scheduled_at (e.g. outside the send window now).'),
  ('queued',    false, 'Due now; a dispatch job is queued.'),
  ('sending',   false, 'Claimed by a worker; the provider is being called.'),
  ('sent',      false, 'The provider accepted it.'),
  ('delivered', true,  'The provider confirmed delivery.'),
  ('failed',    true,  'It failed; the smart router decides what comes next.'),
  ('canceled',  true,  'It will not be sent (suppressed, campaign off, duplicate send key, ...).'),
  ('unknown',   false, 'A worker died between claim and outcome; reconciled, never re-sent blindly.');

create table public.touch_run_status_transitions (
  from_status text not null references public.touch_run_statuses (status),
  to_status text not null references public.touch_run_statuses (status),
  primary key (from_status, to_status),
  constraint touch_run_status_transitions_not_self_check check (from_status <> to_status)
);
comment on table public.touch_run_status_transitions is
  'Allowed touch_runs status changes; any other raises invalid_touch_run_transition.';
comment on column public.touch_run_status_transitions.from_status is 'Current status.';
comment on column public.touch_run_status_transitions.to_status is 'Status it may move to.';

insert into public.touch_run_status_transitions (from_status, to_status) values
  ('scheduled', 'queued'), ('scheduled', 'sending'), ('scheduled', 'canceled'),
  ('queued', 'scheduled'), ('queued', 'sending'), ('queued', 'canceled'),
  ('sending', 'sent'), ('sending', 'failed'), ('sending', 'unknown'), ('sending', 'canceled'),
  ('sent', 'delivered'), ('sent', 'failed'),
  ('unknown', 'sent'), ('unknown', 'delivered'), ('unknown', 'failed');

create table public.touch_runs (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null,
  lead_id uuid not null,
  campaign_id uuid,
  step integer not null default 1 constraint touch_runs_step_check check (step between 1 and 100),
  channel public.channel not null,
  attempt integer not null default 1 constraint touch_runs_attempt_check check (attempt between 1 and 100),
  status text not null default 'scheduled' references public.touch_run_statuses (status),
  scheduled_at timestamptz not null default now(),
  payload jsonb not null default '{}'::jsonb
    constraint touch_runs_payload_check check (jsonb_typeof(payload) = 'object'),
  send_key text,
  provider text,
  provider_message_id text,
  error_code text,
  error_message text,
  claimed_at timestamptz,
  sent_at timestamptz,
  delivered_at timestamptz,
  failed_at timestamptz,
  canceled_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint touch_runs_attempt_key unique nulls not distinct (account_id, lead_id, campaign_id, step, channel, attempt),
  constraint touch_runs_account_id_id_key unique (account_id, id),
  constraint touch_runs_lead_fkey foreign key (account_id, lead_id)
    references public.leads (account_id, id) on delete cascade,
  constraint touch_runs_campaign_fkey foreign key (account_id, campaign_id)
    references public.campaigns (account_id, id) on delete cascade
);
create index touch_runs_lead_idx on public.touch_runs (lead_id, created_at desc);
create index touch_runs_due_idx on public.touch_runs (scheduled_at) where status in ('scheduled', 'queued');
create index touch_runs_account_created_idx on public.touch_runs (account_id, created_at desc);
create index touch_runs_campaign_created_idx on public.touch_runs (campaign_id, created_at desc) where campaign_id is not null;
create index touch_runs_open_idx on public.touch_runs (status) where status in ('sending', 'unknown');
comment on table public.touch_runs is
  'One attempt on one channel for one lead (and campaign step). payload follows seed 002''s Touch payload v2.';
comment on column public.touch_runs.id is 'Touch id (memory events refer to it as payload.touch_run_id).';
comment on column public.touch_runs.account_id is 'Owning account.';
comment on column public.touch_runs.lead_id is 'The lead to contact.';
comment on column public.touch_runs.campaign_id is 'Campaign of the touch; null for touches outside a campaign (reactivation, replies).';
comment on column public.touch_runs.step is 'Campaign step the touch belongs to.';
comment on column public.touch_runs.channel is 'Channel of this attempt (payload.routing.current_channel).';
comment on column public.touch_runs.attempt is 'Attempt number on this channel for this lead, campaign and step.';
comment on column public.touch_runs.status is 'scheduled, queued, sending, sent, delivered, failed, canceled or unknown (touch_run_status_transitions).';
comment on column public.touch_runs.scheduled_at is 'When the touch is due.';
comment on column public.touch_runs.payload is 'Touch payload v2: message_class, routing (fallback, stop_on_events, expires_at), delivery, provider, meta.';
comment on column public.touch_runs.send_key is 'Idempotency key of the send intent (outbound_messages.send_key), set at claim.';
comment on column public.touch_runs.provider is 'Provider that handled the send.';
comment on column public.touch_runs.provider_message_id is 'Provider''s id for the message or call.';
comment on column public.touch_runs.error_code is 'Stable error code when failed or canceled.';
comment on column public.touch_runs.error_message is 'Readable error (never a message body or secret).';
comment on column public.touch_runs.claimed_at is 'When a worker claimed it (status sending).';
comment on column public.touch_runs.sent_at is 'When the provider accepted it.';
comment on column public.touch_runs.delivered_at is 'When delivery was confirmed.';
comment on column public.touch_runs.failed_at is 'When it failed.';
comment on column public.touch_runs.canceled_at is 'When it was canceled.';
comment on column public.touch_runs.created_at is 'When the touch was created (v_campaign_runtime_status_v1 counts by this).';
comment on column public.touch_runs.updated_at is 'When the row last changed.';

create table public.outbound_messages (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null,
  lead_id uuid not null,
  touch_run_id uuid,
  campaign_id uuid,
  channel public.channel not null,
  send_key text not null constraint outbound_messages_send_key_check check (length(send_key) between 8 and 400),
  provider text not null,
  provider_message_id text,
  status text not null default 'pending'
    constraint outbound_messages_status_check check (status in ('pending', 'sent', 'delivered', 'failed', 'unknown', 'canceled')),
  provider_status text,
  to_address text,
  from_address text,
  subject text,
  body text,
  error_code text,
  error_message text,
  sent_at timestamptz,
  delivered_at timestamptz,
  failed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint outbound_messages_account_send_key_key unique (account_id, send_key),
  constraint outbound_messages_account_provider_message_key unique (account_id, provider, provider_message_id),
  constraint outbound_messages_lead_fkey foreign key (account_id, lead_id)
    references public.leads (account_id, id) on delete cascade,
  constraint outbound_messages_touch_run_fkey foreign key (account_id, touch_run_id)
    references public.touch_runs (account_id, id) on delete set null (touch_run_id),
  constraint outbound_messages_campaign_fkey foreign key (account_id, campaign_id)
    references public.campaigns (account_id, id) on delete set null (campaign_id)
);
create index outbound_messages_lead_idx on public.outbound_messages (lead_id, created_at desc);
create index outbound_messages_touch_run_idx on public.outbound_messages (touch_run_id) where touch_run_id is not null;
comment on table public.outbound_messages is
  'Every send intent, keyed by a unique send_key so the same intent can never be sent twice.';
comment on column public.outbound_messages.id is 'Message id.';
comment on column public.outbound_messages.account_id is 'Owning account.';
comment on column public.outbound_messages.lead_id is 'Recipient lead.';
comment on column public.outbound_messages.touch_run_id is 'Touch that produced it.';
comment on column public.outbound_messages.campaign_id is 'Campaign of the touch, when any.';
comment on column public.outbound_messages.channel is 'Channel used.';
comment on column public.outbound_messages.send_key is 'Idempotency key of the intent (brain.send_key): lead, campaign, step, channel, attempt.';
comment on column public.outbound_messages.provider is 'Provider asked to send it (sink, twilio, telnyx, elastic_email).';
comment on column public.outbound_messages.provider_message_id is 'Provider''s id (Twilio SID, Telnyx id, Elastic transaction id).';
comment on column public.outbound_messages.status is 'pending, sent, delivered, failed, unknown or canceled; only moves forward.';
comment on column public.outbound_messages.provider_status is 'Last raw status reported by the provider.';
comment on column public.outbound_messages.to_address is 'Recipient address (E.164, whatsapp:+E.164 or email).';
comment on column public.outbound_messages.from_address is 'Sender address or number.';
comment on column public.outbound_messages.subject is 'Email subject.';
comment on column public.outbound_messages.body is 'Message body as sent (kept for the lead timeline; never logged).';
comment on column public.outbound_messages.error_code is 'Provider or engine error code.';
comment on column public.outbound_messages.error_message is 'Readable error.';
comment on column public.outbound_messages.sent_at is 'When the provider accepted it.';
comment on column public.outbound_messages.delivered_at is 'When delivery was confirmed.';
comment on column public.outbound_messages.failed_at is 'When it failed.';
comment on column public.outbound_messages.created_at is 'When the intent was recorded.';
comment on column public.outbound_messages.updated_at is 'When the row last changed.';

-- migrate:down
drop table if exists public.outbound_messages;
drop table if exists public.touch_runs;
drop table if exists public.touch_run_status_transitions;
drop table if exists public.touch_run_statuses;
