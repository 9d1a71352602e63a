-- Seed 004 Part 7: each persona has its own number, so the number a lead wrote to
-- names the account, the persona and the provider. A number belongs to at most one
-- account (public.sender_addresses); among that account's settings listing it, the
-- message's own channel wins, then the channel's default provider.
create or replace function brain.route_inbound_address(p_address text, p_channel text)
returns table (account_id uuid, persona text, provider text)
language sql
stable
as $$
  select s.account_id, coalesce(x.sender ->> 'persona', 'initial'), s.provider
  from public.sender_addresses o
  join public.account_provider_settings s on s.account_id = o.account_id
  cross join lateral pg_catalog.jsonb_array_elements(
    case when pg_catalog.jsonb_typeof(s.config -> 'senders') = 'array' then s.config -> 'senders' else '[]'::jsonb end) x(sender)
  where o.address = pg_catalog.lower(pg_catalog.btrim(p_address))
    and pg_catalog.jsonb_typeof(x.sender) = 'object'
    and pg_catalog.lower(pg_catalog.btrim(x.sender ->> 'address')) = o.address
  order by (s.channel::text = p_channel) desc, s.is_default desc, s.provider
  limit 1
$$;

comment on function brain.route_inbound_address(text, text) is
  'Which account, persona and provider own the number (or address) an inbound message was sent to: its one owner in sender_addresses, and that account''s account_provider_settings whose config.senders lists it, preferring the same channel, then the default provider. No row when nobody owns it.';
