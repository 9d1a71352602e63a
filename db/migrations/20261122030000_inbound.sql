-- migrate:up

-- Inbound messages: with outbound_messages, the lead's unified thread on every channel.
create table public.inbound_messages (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null,
  lead_id uuid not null,
  channel public.channel not null,
  provider text not null constraint inbound_messages_provider_check check (provider ~ '^[a-z][a-z0-9_]{0,39}$'),
  provider_message_id text not null constraint inbound_messages_provider_message_id_check check (length(provider_message_id) between 1 and 200),
  from_address text not null,
  to_address text,
  persona text constraint inbound_messages_persona_check check (persona in ('initial', 'nudge', 'booking')),
  body text,
  keyword text not null default 'none' constraint inbound_messages_keyword_check check (keyword in ('opt_out', 'opt_in', 'help', 'none')),
  classification text not null default 'neutral'
    constraint inbound_messages_classification_check check (classification in ('positive', 'negative', 'neutral', 'keyword')),
  received_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  constraint inbound_messages_account_provider_message_key unique (account_id, provider, provider_message_id),
  constraint inbound_messages_lead_fkey foreign key (account_id, lead_id)
    references public.leads (account_id, id) on delete cascade
);
create index inbound_messages_lead_received_idx on public.inbound_messages (lead_id, received_at desc);
create index inbound_messages_account_received_idx on public.inbound_messages (account_id, received_at desc);
comment on table public.inbound_messages is
  'Messages leads sent us, on every channel. With outbound_messages they form the lead''s unified thread (inbox_events).';
comment on column public.inbound_messages.id is 'Message id.';
comment on column public.inbound_messages.account_id is 'Account the message was routed to (by the number or address it was sent to).';
comment on column public.inbound_messages.lead_id is 'The lead who sent it (matched or created by find_or_create_lead).';
comment on column public.inbound_messages.channel is 'sms, whatsapp or email.';
comment on column public.inbound_messages.provider is 'twilio, telnyx, elastic_email, ...';
comment on column public.inbound_messages.provider_message_id is 'The provider''s id of the message; unique per account and provider.';
comment on column public.inbound_messages.from_address is 'Sender (the lead''s number or address).';
comment on column public.inbound_messages.to_address is 'Our number or address it was sent to; it selects the account and the persona.';
comment on column public.inbound_messages.persona is 'Persona whose number received it (seed 004 Part 7).';
comment on column public.inbound_messages.body is 'Message text (kept for the thread; never logged).';
comment on column public.inbound_messages.keyword is 'brain.classify_keyword of the body: opt_out, opt_in, help or none.';
comment on column public.inbound_messages.classification is 'positive, negative or neutral reply (brain.classify_reply), or keyword.';
comment on column public.inbound_messages.received_at is 'When the provider received it.';
comment on column public.inbound_messages.created_at is 'When it was recorded.';

-- Bearer tokens for POST /api/leads, one or more per account; only a hash is stored.
create table public.account_api_tokens (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references public.accounts (id) on delete cascade,
  name text not null constraint account_api_tokens_name_check check (length(btrim(name)) between 1 and 100),
  token_hash text not null constraint account_api_tokens_token_hash_check check (token_hash ~ '^[0-9a-f]{64}$'),
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz,
  constraint account_api_tokens_token_hash_key unique (token_hash)
);
create index account_api_tokens_account_idx on public.account_api_tokens (account_id);
comment on table public.account_api_tokens is
  'API tokens for lead intake (POST /api/leads). The token itself is shown once; only its SHA-256 is kept. Unique across accounts because a token alone names its account.';
comment on column public.account_api_tokens.id is 'Token id.';
comment on column public.account_api_tokens.account_id is 'Account the token acts for.';
comment on column public.account_api_tokens.name is 'What the token is for (e.g. the form or CRM that sends leads).';
comment on column public.account_api_tokens.token_hash is 'Hex SHA-256 of the token.';
comment on column public.account_api_tokens.created_at is 'When it was created.';
comment on column public.account_api_tokens.last_used_at is 'When it last authenticated a request.';
comment on column public.account_api_tokens.revoked_at is 'When it was revoked; a revoked token authenticates nothing.';

do $$
declare
  v_table text;
begin
  foreach v_table in array array['inbound_messages', 'account_api_tokens'] loop
    execute format('alter table public.%I enable row level security', v_table);
    execute format(
      'create policy %I on public.%I for all to revenue_api using (account_id = nullif(pg_catalog.current_setting(''app.account_id'', true), '''')::uuid) with check (account_id = nullif(pg_catalog.current_setting(''app.account_id'', true), '''')::uuid)',
      v_table || '_api_tenant', v_table);
    execute format(
      'create policy %I on public.%I for select to revenue_analyst using (account_id = nullif(pg_catalog.current_setting(''app.account_id'', true), '''')::uuid)',
      v_table || '_analyst_tenant', v_table);
    execute format('create policy %I on public.%I for all to revenue_worker using (true) with check (true)',
      v_table || '_worker_all', v_table);
  end loop;
end
$$;
grant select, insert on public.inbound_messages to revenue_api, revenue_worker;
grant select on public.inbound_messages to revenue_analyst;
grant select (id, account_id, name, created_at, last_used_at, revoked_at) on public.account_api_tokens to revenue_api, revenue_analyst;
grant insert (account_id, name, token_hash), update (revoked_at) on public.account_api_tokens to revenue_api;
grant select, insert, update on public.account_api_tokens to revenue_worker;

-- Routing inbound messages by the number they were sent to (config.senders[].address).
create index account_provider_settings_senders_idx on public.account_provider_settings
  using gin ((config -> 'senders') jsonb_path_ops);

-- Ingestion runs as revenue_worker; it may delete nothing but needs these.
grant select, insert on public.webhook_receipts to revenue_worker;

-- A booking is the goal: it closes even a lead whose cadence had run out.
insert into public.lead_state_transitions (from_state, to_state, description)
values ('dead', 'closed', 'a dead lead booked a meeting on its own');

-- migrate:down
delete from public.lead_state_transitions where from_state = 'dead' and to_state = 'closed';
drop index if exists public.account_provider_settings_senders_idx;
drop table if exists public.account_api_tokens;
drop table if exists public.inbound_messages;
