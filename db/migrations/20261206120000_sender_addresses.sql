-- migrate:up

-- Each sender number (or address) belongs to one account. Senders are listed in
-- account_provider_settings.config -> 'senders' ([{address, persona}]); inbound
-- routing (brain.route_inbound_address) and the webhook verifiers
-- (public.webhook_account) find the account by the number a message was sent
-- to, so two accounts listing one number would let one read the other's
-- replies, STOP included. This table holds one row per address, its primary key
-- is the address alone, and a trigger on account_provider_settings
-- (private.tg_account_provider_settings__sync_sender_addresses) keeps it in step
-- and refuses a number another account already lists (23505). One account may
-- list a number on several channels (the same number for SMS and voice): it is
-- one row with those channels.
create table public.sender_addresses (
  address text not null
    constraint sender_addresses_address_check check (address = pg_catalog.lower(pg_catalog.btrim(address)) and address <> ''),
  account_id uuid not null references public.accounts (id) on delete cascade,
  channels public.channel[] not null
    constraint sender_addresses_channels_check check (pg_catalog.cardinality(channels) > 0),
  created_at timestamptz not null default now(),
  constraint sender_addresses_pkey primary key (address)
);
create index sender_addresses_account_idx on public.sender_addresses (account_id);
comment on table public.sender_addresses is
  'Who owns each sender number or address: one account per address, across all accounts (the one tenant table whose key leaves account_id out, on purpose: an inbound message names only the number it was sent to). Kept in step with account_provider_settings.config.senders by a trigger; not written directly.';
comment on column public.sender_addresses.address is 'The number (E.164) or address as listed in config.senders, trimmed and lower-case.';
comment on column public.sender_addresses.account_id is 'The one account whose settings list this address.';
comment on column public.sender_addresses.channels is 'The channels of that account whose provider settings list it (e.g. {sms,voice}).';
comment on column public.sender_addresses.created_at is 'When the account first listed it.';

alter table public.sender_addresses enable row level security;
create policy sender_addresses_api_tenant on public.sender_addresses for select to revenue_api
  using (account_id = nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid);
create policy sender_addresses_analyst_tenant on public.sender_addresses for select to revenue_analyst
  using (account_id = nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid);
create policy sender_addresses_worker_all on public.sender_addresses for select to revenue_worker
  using (true);
-- Written only by the trigger (security definer); every role reads.
grant select on public.sender_addresses to revenue_api, revenue_analyst, revenue_worker;

-- The existing senders, refusing to pick an owner when two accounts list one address.
do $$
declare
  v_clash record;
begin
  select x.address, pg_catalog.string_agg(distinct a.slug || ' (' || a.id::text || ')', ' and ') as owners
    into v_clash
  from (
    select pg_catalog.lower(pg_catalog.btrim(e.sender ->> 'address')) as address, s.account_id
    from public.account_provider_settings s
    cross join lateral pg_catalog.jsonb_array_elements(
      case when pg_catalog.jsonb_typeof(s.config -> 'senders') = 'array' then s.config -> 'senders' else '[]'::jsonb end) e(sender)
    where pg_catalog.jsonb_typeof(e.sender) = 'object'
      and coalesce(pg_catalog.btrim(e.sender ->> 'address'), '') <> ''
  ) x
  join public.accounts a on a.id = x.account_id
  group by x.address
  having count(distinct x.account_id) > 1
  order by x.address
  limit 1;
  if found then
    raise exception using
      errcode = '23505',
      message = pg_catalog.format('%s is a sender of more than one account: %s', v_clash.address, v_clash.owners),
      hint = 'A sender number or address can belong to one account only. Remove it from config.senders of all but its real owner (account_provider_settings), then migrate again.';
  end if;

  insert into public.sender_addresses (address, account_id, channels)
  select x.address, x.account_id, pg_catalog.array_agg(distinct x.channel order by x.channel)
  from (
    select pg_catalog.lower(pg_catalog.btrim(e.sender ->> 'address')) as address, s.account_id, s.channel
    from public.account_provider_settings s
    cross join lateral pg_catalog.jsonb_array_elements(
      case when pg_catalog.jsonb_typeof(s.config -> 'senders') = 'array' then s.config -> 'senders' else '[]'::jsonb end) e(sender)
    where pg_catalog.jsonb_typeof(e.sender) = 'object'
      and coalesce(pg_catalog.btrim(e.sender ->> 'address'), '') <> ''
  ) x
  group by x.address, x.account_id;
end
$$;

-- Webhooks find their account (public.webhook_account) and their message (the
-- ingest functions) by the provider's id alone, before any account is known; the
-- unique key (account_id, provider, provider_message_id) cannot serve that.
create index outbound_messages_provider_message_idx on public.outbound_messages (provider, provider_message_id)
  where provider_message_id is not null;

-- migrate:down
drop index if exists public.outbound_messages_provider_message_idx;
drop table if exists public.sender_addresses;
