-- The numbers (or addresses) a touch of this account, channel and persona may go
-- out from, in config order: brain.pick_sender chooses one of them for a lead.
create or replace function brain.sender_pool(p_account_id uuid, p_channel text, p_persona text)
returns text[]
language plpgsql
stable
set search_path = ''
as $$
begin
  -- plpgsql, not sql: it is called per claim (per persona in a batch), and plpgsql keeps its plan per session.
  return coalesce(
    (with senders as (
       select x.sender ->> 'address' as address, coalesce(x.sender ->> 'persona', 'initial') as persona, x.pos
       from public.account_provider_settings s
       cross join lateral pg_catalog.jsonb_array_elements(
         case when pg_catalog.jsonb_typeof(s.config -> 'senders') = 'array' then s.config -> 'senders' else '[]'::jsonb end
       ) with ordinality as x(sender, pos)
       where s.account_id = p_account_id and s.channel = p_channel and s.is_default
         and pg_catalog.jsonb_typeof(x.sender -> 'address') = 'string'
     ), pool as (
       -- The persona's own numbers, else the initial persona's, else all.
       select * from senders where persona = p_persona
       union all
       select * from senders where persona = 'initial' and not exists (select 1 from senders where persona = p_persona)
       union all
       select * from senders where not exists (select 1 from senders where persona in (p_persona, 'initial'))
     )
     select pg_catalog.array_agg(pool.address order by pool.pos) from pool),
    -- Without senders: the account's contact phone (contact email for email), when it has one.
    (select array[a.address] from (
       select case when p_channel = 'email' then o.contact_email::text else coalesce(o.contact_phone, o.contact_whatsapp)::text end as address
       from public.org_settings o where o.account_id = p_account_id) a
     where a.address is not null),
    '{}');
end
$$;

comment on function brain.sender_pool(uuid, text, text) is
  'Senders a touch may use, in config order, from the default provider''s config.senders [{address, persona}] for the channel: the numbers of the persona (seed 004: each persona has its own numbers), else the initial persona''s, else all. Without senders: the account''s contact phone (contact email for email) alone; empty when there is none. brain.pick_sender chooses the lead''s one (brain.touch_sender).';
