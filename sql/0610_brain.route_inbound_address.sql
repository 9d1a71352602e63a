-- Seed 004 Part 7: each persona has its own number, so the number a lead wrote to
-- names the account, the persona and the provider.
create or replace function brain.route_inbound_address(p_address text, p_channel text)
returns table (account_id uuid, persona text, provider text)
language sql
stable
as $$
  select s.account_id, coalesce(x.sender ->> 'persona', 'initial'), s.provider
  from public.account_provider_settings s
  cross join lateral pg_catalog.jsonb_array_elements(s.config -> 'senders') x(sender)
  where s.config -> 'senders' @> pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object('address', p_address))
    and x.sender ->> 'address' = p_address
  order by (s.channel = p_channel) desc, s.is_default desc, s.account_id
  limit 1
$$;

comment on function brain.route_inbound_address(text, text) is
  'Which account, persona and provider own the number (or address) an inbound message was sent to: the account_provider_settings whose config.senders lists it, preferring the same channel. No row when nobody owns it.';
