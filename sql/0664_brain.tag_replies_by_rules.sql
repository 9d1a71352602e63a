-- The rules path of reply understanding, in the transaction that records the replies
-- (issue 17): the receipts drain tags, with brain.reply_rules, every new message that
-- needs no model (Blacklist by consent or bounce, Out of Office, Automated Reply, Not
-- Interested, Neutral for no text), and queues the AI stage's job only for the others. A
-- STOP, an out-of-office or a "no thanks" thus costs no job, and its tag is there when
-- the reply is (no draft is ever made for these tags). Returns the messages still to
-- classify: not tagged here, not classified before.
--
-- Set-based: the tags and the leads' latest tag are written with one statement each, as
-- brain.record_reply_sentiment writes them one by one; the reply_classified events go
-- through brain.record_event, the memory's one writer, in that same statement. A lead
-- with a draft still open (pending, or approved and not sent) goes through
-- brain.record_reply_sentiment itself, which also rejects the drafts the reply makes moot.
create or replace function brain.tag_replies_by_rules(p_message_ids uuid[], p_now timestamptz default now())
returns uuid[]
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_rest uuid[];
  v_slow record;
  v_events bigint;
begin
  -- Leads with an open draft: one by one, oldest first, with the drafts' consequences.
  for v_slow in
    select m.id, x.tag, x.reason
    from public.inbound_messages m
    cross join lateral brain.reply_rules(m.body, m.subject, m.keyword, m.consent_rule, m.auto_kind, m.auto_reason) x
    where m.id = any(p_message_ids) and m.classified_at is null
      and exists (select 1 from public.ai_drafts d
                  where d.lead_id = m.lead_id and d.account_id = m.account_id and d.status in ('pending', 'approved'))
    order by m.received_at, m.id
  loop
    perform brain.record_reply_sentiment(v_slow.id, v_slow.tag, 'rules', v_slow.reason, 1, p_now, false);
  end loop;

  -- Everyone else at once. (Data-modifying CTEs always run to completion.)
  with r as (
    select m.id, m.account_id, x.tag, x.reason
    from public.inbound_messages m
    cross join lateral brain.reply_rules(m.body, m.subject, m.keyword, m.consent_rule, m.auto_kind, m.auto_reason) x
    where m.id = any(p_message_ids) and m.classified_at is null
      and not exists (select 1 from public.ai_drafts d
                      where d.lead_id = m.lead_id and d.account_id = m.account_id and d.status in ('pending', 'approved'))
  ), tagged as (
    update public.inbound_messages m
    set sentiment_tag = r.tag, sentiment_source = 'rules',
        sentiment_reason = pg_catalog.left(coalesce(nullif(pg_catalog.btrim(r.reason), ''), 'rules'), 500),
        sentiment_confidence = 1, classified_at = p_now
    from r
    where m.id = r.id and m.account_id = r.account_id and m.classified_at is null
    returning m.id, m.account_id, m.lead_id, m.channel, m.received_at, m.sentiment_tag, m.sentiment_reason
  ), latest as (
    select distinct on (g.lead_id) g.* from tagged g order by g.lead_id, g.received_at desc, g.id desc
  ), leads_tagged as (
    update public.leads l
    set sentiment_tag = x.sentiment_tag, sentiment_tagged_at = x.received_at
    from latest x
    where l.id = x.lead_id and l.account_id = x.account_id
      and (l.sentiment_tagged_at is null or l.sentiment_tagged_at <= x.received_at)
      and (l.sentiment_tag is distinct from x.sentiment_tag or l.sentiment_tagged_at is distinct from x.received_at)
  )
  -- The memory's one writer (brain.record_event), once per tagged reply.
  select pg_catalog.count(brain.record_event(g.account_id, g.lead_id, 'reply_classified', 'inbound_post_process', 'internal',
           pg_catalog.jsonb_build_object('inbound_message_id', g.id, 'tag', g.sentiment_tag, 'source', 'rules',
                                         'reason', g.sentiment_reason, 'confidence', 1),
           g.channel::text, p_now, 'reply_classified:' || g.id::text))
    into v_events
  from tagged g;

  select coalesce(array_agg(m.id order by m.received_at, m.id), '{}') into v_rest
  from public.inbound_messages m
  where m.id = any(p_message_ids) and m.classified_at is null;

  return v_rest;
end
$$;

comment on function brain.tag_replies_by_rules(uuid[], timestamptz) is
  'The rules path of reply understanding: tags each of p_message_ids that is not classified yet and that brain.reply_rules can tag, as brain.record_reply_sentiment would (source rules, confidence 1; the lead''s latest tag; a reply_classified event, dedupe reply_classified:<message>), set-based; a lead with an open draft (pending, or approved and not sent) goes through brain.record_reply_sentiment itself, which also rejects the drafts the reply makes moot. Returns the ids still to classify (no rule matched), oldest first, for the inbound_post_process job. Called by brain.drain_webhook_receipts in the transaction that records the messages.';

revoke execute on function brain.tag_replies_by_rules(uuid[], timestamptz) from public;
grant execute on function brain.tag_replies_by_rules(uuid[], timestamptz) to revenue_worker;
