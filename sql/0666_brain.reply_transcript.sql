-- What the model reads of a conversation (issue 17): the lead's last messages on every
-- channel, in and out, oldest first. Bodies are cut to 2,000 characters each.
create or replace function brain.reply_transcript(p_lead_id uuid, p_up_to timestamptz default now(), p_limit integer default 40)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
           'at', x.occurred_at, 'direction', x.direction, 'channel', x.channel, 'subject', x.subject,
           'body', pg_catalog.left(x.body, 2000))) order by x.occurred_at, x.direction), '[]'::jsonb)
  from (
    select e.occurred_at, e.direction, e.channel, e.subject, e.body
    from (
      select m.received_at as occurred_at, 'inbound'::text as direction, m.channel::text as channel, m.subject, m.body
      from public.inbound_messages m
      where m.lead_id = p_lead_id and m.received_at <= p_up_to
      union all
      select coalesce(o.sent_at, o.created_at), 'outbound', o.channel::text, o.subject, o.body
      from public.outbound_messages o
      where o.lead_id = p_lead_id and o.status in ('sent', 'delivered', 'unknown')
        and coalesce(o.sent_at, o.created_at) <= p_up_to
    ) e
    order by e.occurred_at desc
    limit greatest(1, least(coalesce(p_limit, 40), 200))
  ) x
$$;

comment on function brain.reply_transcript(uuid, timestamptz, integer) is
  'The lead''s conversation as the AI inbox''s model reads it: its last p_limit (default 40, at most 200) messages up to p_up_to, inbound (inbound_messages) and outbound (outbound_messages sent, delivered or of unknown outcome), every channel, oldest first, as a json array of {at, direction, channel, subject (email), body (at most 2,000 characters)}.';

revoke execute on function brain.reply_transcript(uuid, timestamptz, integer) from public;
grant execute on function brain.reply_transcript(uuid, timestamptz, integer) to revenue_worker;
