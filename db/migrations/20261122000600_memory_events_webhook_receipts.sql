-- migrate:up

create table public.core_memory_events (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null,
  lead_id uuid not null,
  event_type text not null
    constraint core_memory_events_event_type_check check (event_type ~ '^[a-z][a-z0-9_.]{0,63}$'),
  event_source text not null
    constraint core_memory_events_event_source_check check (length(event_source) between 1 and 100),
  channel public.channel,
  direction text constraint core_memory_events_direction_check check (direction in ('inbound', 'outbound', 'internal')),
  payload jsonb not null default '{}'::jsonb
    constraint core_memory_events_payload_check check (jsonb_typeof(payload) = 'object'),
  score_delta integer not null default 0
    constraint core_memory_events_score_delta_check check (score_delta between -100 and 100),
  created_at timestamptz not null default now(),
  dedupe_key text constraint core_memory_events_dedupe_key_check check (length(dedupe_key) between 1 and 400),
  constraint core_memory_events_account_dedupe_key_key unique (account_id, dedupe_key),
  constraint core_memory_events_lead_fkey foreign key (account_id, lead_id)
    references public.leads (account_id, id) on delete restrict
);
create index core_memory_events_lead_created_idx on public.core_memory_events (lead_id, created_at desc);
create index core_memory_events_touch_run_idx on public.core_memory_events ((payload ->> 'touch_run_id'))
  where payload ? 'touch_run_id';
create index core_memory_events_account_type_created_idx on public.core_memory_events (account_id, event_type, created_at desc);
comment on table public.core_memory_events is
  'Append-only memory of everything that happened to a lead (touches, replies, calls, errors, evaluations). UPDATE and DELETE are refused.';
comment on column public.core_memory_events.id is 'Event id.';
comment on column public.core_memory_events.account_id is 'Owning account.';
comment on column public.core_memory_events.lead_id is 'The lead the event is about.';
comment on column public.core_memory_events.event_type is 'What happened: touch_sent, touch_failed, reply_positive, do_not_contact, appointment_booked, ...';
comment on column public.core_memory_events.event_source is 'Component that recorded it (dispatch_touch, touch_orchestrator, webhook_twilio, ...).';
comment on column public.core_memory_events.channel is 'Channel involved, when any.';
comment on column public.core_memory_events.direction is 'inbound (from the lead), outbound (to the lead) or internal (a decision).';
comment on column public.core_memory_events.payload is 'Details; touch events carry touch_run_id.';
comment on column public.core_memory_events.score_delta is 'Engagement points this event adds to the lead''s priority (-100..100).';
comment on column public.core_memory_events.created_at is 'When it happened.';
comment on column public.core_memory_events.dedupe_key is 'Optional idempotency key, unique per account: a replayed event is not recorded twice.';

create table public.webhook_receipts (
  provider text not null
    constraint webhook_receipts_provider_check check (provider ~ '^[a-z][a-z0-9_]{0,39}$'),
  idempotency_key text not null
    constraint webhook_receipts_idempotency_key_check check (length(idempotency_key) between 1 and 400),
  account_id uuid not null references public.accounts (id) on delete cascade,
  event_type text,
  received_at timestamptz not null default now(),
  primary key (provider, idempotency_key)
);
create index webhook_receipts_account_received_idx on public.webhook_receipts (account_id, received_at desc);
comment on table public.webhook_receipts is
  'One row per distinct provider event; a replay finds its row and has no second effect. Keyed by the provider''s own id, which is unique across accounts.';
comment on column public.webhook_receipts.provider is 'twilio, telnyx, elastic_email, booking, ...';
comment on column public.webhook_receipts.idempotency_key is 'Provider''s own event id (Twilio MessageSid plus status for status callbacks; Telnyx event id).';
comment on column public.webhook_receipts.account_id is 'Account the event was routed to.';
comment on column public.webhook_receipts.event_type is 'Provider event type.';
comment on column public.webhook_receipts.received_at is 'When it was first received.';

-- migrate:down
drop table if exists public.webhook_receipts;
drop table if exists public.core_memory_events;
