create or replace function brain.touch_sender(p_account_id uuid, p_channel text, p_persona text, p_lead_id uuid)
returns text
language plpgsql
stable
set search_path = ''
as $$
begin
  -- plpgsql, not sql: it is called per claim, and plpgsql keeps its plan per session.
  return (
  with senders as (
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
  ), numbered as (
    select address, row_number() over (order by pos) - 1 as i, count(*) over () as n from pool
  )
  select coalesce(
    (select address from numbered
     where i = ((pg_catalog.hashtextextended(p_lead_id::text, 0) % n) + n) % n),
    (select case when p_channel = 'email' then o.contact_email::text else coalesce(o.contact_phone, o.contact_whatsapp)::text end
     from public.org_settings o where o.account_id = p_account_id)));
end
$$;

comment on function brain.touch_sender(uuid, text, text, uuid) is
  'Sender for a touch, from the default provider''s config.senders [{address, persona}]: the numbers of the lead''s persona (seed 004: each persona has its own numbers), else the initial persona''s, else all; among several, the lead always gets the same one (a hash of its id), which also spreads sends across numbers. Without senders: the account''s contact phone (contact email for email). Null when there is none.';
