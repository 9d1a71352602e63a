-- `make reply` posts a reply "from" a lead's phone; a reply goes to one of our
-- numbers, which picks the account and persona (brain.route_inbound_address).
-- This names the number a lead would answer: the one that last wrote to them,
-- else the first initial-persona sender of the account that has the lead.
create or replace function brain.reply_target_address(p_phone text, p_channel text default 'sms')
returns text
language sql
stable
set search_path = ''
as $$
  select coalesce(
    (select m.from_address
       from public.leads l
       cross join lateral (
         select o.from_address, o.created_at
           from public.outbound_messages o
          where o.lead_id = l.id and o.channel::text = p_channel and o.from_address is not null
          order by o.created_at desc
          limit 1) m
      where l.phone = p_phone
      order by m.created_at desc
      limit 1),
    (select x.sender ->> 'address'
       from public.leads l
       join public.account_provider_settings s on s.account_id = l.account_id and s.channel::text = p_channel
       cross join lateral pg_catalog.jsonb_array_elements(s.config -> 'senders') with ordinality x(sender, n)
      where l.phone = p_phone
      order by l.created_at, s.is_default desc, (x.sender ->> 'persona' = 'initial') desc, x.n
      limit 1))
$$;

comment on function brain.reply_target_address(text, text) is
  'The number a lead with phone p_phone would reply to on p_channel: the sender of the newest outbound message to that phone, else the first initial-persona sender of the account holding the lead. Null when neither exists. Used by make reply.';

revoke execute on function brain.reply_target_address(text, text) from public;
