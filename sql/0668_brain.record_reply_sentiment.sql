-- Records a reply's tag, once (issue 17): the first classification of a message wins,
-- so a replayed webhook or a retried job never classifies it twice. With it:
--   - the lead carries the tag of its latest classified reply;
--   - Blacklist or Automated Reply rejects every pending draft of the lead (seed 003 §8);
--   - any newer reply makes the lead's older drafts moot: pending ones are rejected, and
--     an auto-send not yet taken by the dispatcher is canceled (a person's approval stands);
--   - the lead's timeline gets a reply_classified event saying what, who and why.
-- Answers {recorded, tag, source, reason, drafts_rejected, plan: brain.ai_draft_plan}; no
-- plan with p_plan false (brain.tag_replies_by_rules: its tags never get a draft).
create or replace function brain.record_reply_sentiment(
  p_message_id uuid,
  p_tag text,
  p_source text,
  p_reason text,
  p_confidence real default null,
  p_now timestamptz default now(),
  p_plan boolean default true
)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_m public.inbound_messages;
  v_recorded boolean := false;
  v_rejected integer := 0;
  v_draft record;
  v_booking jsonb;
begin
  if p_tag is null or p_tag not in ('Interested', 'Meeting Requested', 'Follow Up', 'Not Interested', 'Out of Office',
                                    'Automated Reply', 'Blacklist', 'Neutral') then
    raise exception using errcode = '22023', message = 'invalid_sentiment_tag',
      detail = pg_catalog.format('%L is not one of Interested, Meeting Requested, Follow Up, Not Interested, Out of Office, Automated Reply, Blacklist, Neutral', p_tag);
  end if;
  if p_source is null or p_source not in ('rules', 'llm', 'no_key') then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'source must be rules, llm or no_key';
  end if;
  if p_confidence is not null and (p_confidence < 0 or p_confidence > 1 or p_confidence = 'NaN'::real) then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'confidence is between 0 and 1';
  end if;

  update public.inbound_messages m
  set sentiment_tag = p_tag, sentiment_source = p_source,
      sentiment_reason = pg_catalog.left(coalesce(nullif(pg_catalog.btrim(p_reason), ''), p_source), 500),
      sentiment_confidence = p_confidence, classified_at = p_now
  where m.id = p_message_id and m.classified_at is null
  returning m.* into v_m;
  v_recorded := found;
  if not v_recorded then
    select m.* into v_m from public.inbound_messages m where m.id = p_message_id;
    if not found then
      raise exception using errcode = 'P0002', message = 'message_not_found', detail = 'no such inbound message';
    end if;
    return pg_catalog.jsonb_build_object('recorded', false, 'tag', v_m.sentiment_tag, 'source', v_m.sentiment_source,
                                         'reason', v_m.sentiment_reason, 'drafts_rejected', 0,
                                         'plan', case when p_plan then brain.ai_draft_plan(v_m.id, p_now) end);
  end if;

  -- The lead's latest reply decides its tag (an older reply classified late does not).
  update public.leads l
  set sentiment_tag = v_m.sentiment_tag, sentiment_tagged_at = v_m.received_at
  where l.id = v_m.lead_id and (l.sentiment_tagged_at is null or l.sentiment_tagged_at <= v_m.received_at)
    and l.sentiment_tag is distinct from v_m.sentiment_tag;
  update public.leads l set sentiment_tagged_at = v_m.received_at
  where l.id = v_m.lead_id and l.sentiment_tag = v_m.sentiment_tag and l.sentiment_tagged_at < v_m.received_at;

  perform brain.record_event(v_m.account_id, v_m.lead_id, 'reply_classified', 'inbound_post_process', 'internal',
    pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object('inbound_message_id', v_m.id, 'tag', v_m.sentiment_tag,
      'source', v_m.sentiment_source, 'reason', v_m.sentiment_reason, 'confidence', v_m.sentiment_confidence)),
    v_m.channel::text, p_now, 'reply_classified:' || v_m.id::text);

  -- Drafts this reply makes moot.
  for v_draft in
    select d.id, d.status, d.touch_run_id, d.decided_by, t.status as touch_status
    from public.ai_drafts d
    join public.inbound_messages o on o.id = d.inbound_message_id and o.account_id = d.account_id
    left join public.touch_runs t on t.id = d.touch_run_id and t.account_id = d.account_id
    where d.lead_id = v_m.lead_id and d.account_id = v_m.account_id
      and (d.status = 'pending'
           or (d.status = 'approved' and d.decided_by = 'auto_send' and t.status in ('scheduled', 'queued')))
      and (v_m.sentiment_tag in ('Blacklist', 'Automated Reply')
           or (o.received_at, o.id) < (v_m.received_at, v_m.id))
    for update of d
  loop
    if v_draft.status = 'approved' then
      -- Only while the dispatcher has not taken it: a touch being claimed is left to go.
      perform 1 from public.touch_runs t
      where t.id = v_draft.touch_run_id and t.account_id = v_m.account_id and t.status in ('scheduled', 'queued')
      for update skip locked;
      if not found then
        continue;
      end if;
      perform brain.cancel_touch(v_draft.touch_run_id, 'draft_superseded',
        'canceled: the lead replied again before this auto-sent draft went out', p_now,
        pg_catalog.jsonb_build_object('ai_draft_id', v_draft.id, 'inbound_message_id', v_m.id));
    end if;
    update public.ai_drafts d
    set status = 'rejected', decided_by = 'system', decided_at = p_now,
        decision_reason = case when v_m.sentiment_tag in ('Blacklist', 'Automated Reply')
                               then 'the lead''s reply was tagged ' || v_m.sentiment_tag
                               else 'the lead replied again' end
    where d.id = v_draft.id and d.account_id = v_m.account_id;
    perform brain.record_event(v_m.account_id, v_m.lead_id, 'ai_draft_rejected', 'inbound_post_process', 'internal',
      pg_catalog.jsonb_build_object('ai_draft_id', v_draft.id, 'by', 'system', 'inbound_message_id', v_m.id,
                                    'reason', case when v_m.sentiment_tag in ('Blacklist', 'Automated Reply')
                                                   then 'tagged ' || v_m.sentiment_tag else 'replied again' end),
      v_m.channel::text, p_now);
    v_rejected := v_rejected + 1;
  end loop;

  -- A reply that accepts an offered slot books it, or hands it to a setter (issue 18).
  v_booking := brain.consider_auto_booking(v_m.id, p_now);

  return pg_catalog.jsonb_build_object('recorded', true, 'tag', v_m.sentiment_tag, 'source', v_m.sentiment_source,
                                       'reason', v_m.sentiment_reason, 'drafts_rejected', v_rejected,
                                       'plan', case when p_plan then brain.ai_draft_plan(v_m.id, p_now) end)
         || case when v_booking ->> 'decision' <> 'none' then pg_catalog.jsonb_build_object('booking', v_booking) else '{}'::jsonb end;
end
$$;

comment on function brain.record_reply_sentiment(uuid, text, text, text, real, timestamptz, boolean) is
  'Records an inbound message''s sentiment tag once (the first call wins; later ones answer recorded false with the tag already there): sentiment_tag, sentiment_source (rules, llm or no_key), sentiment_reason, sentiment_confidence, classified_at. Sets the lead''s sentiment_tag when this is its latest classified reply, writes a reply_classified memory event (dedupe reply_classified:<message>), and rejects the drafts the reply makes moot: with Blacklist or Automated Reply every pending draft of the lead, otherwise the pending drafts answering its older replies; an auto-sent draft answering an older reply whose touch is still scheduled or queued is canceled too (brain.cancel_touch, draft_superseded) and rejected. Each rejection is an ai_draft_rejected event. Then brain.consider_auto_booking decides whether the reply accepts an offered slot (a booking attempt, or a setter task). Returns {recorded, tag, source, reason, drafts_rejected, booking: brain.consider_auto_booking''s answer, only when it decided something, plan: brain.ai_draft_plan} (plan null when p_plan is false: the rules path, whose tags never get a draft). 22023 invalid_sentiment_tag or invalid_argument; P0002 message_not_found.';

revoke execute on function brain.record_reply_sentiment(uuid, text, text, text, real, timestamptz, boolean) from public;
grant execute on function brain.record_reply_sentiment(uuid, text, text, text, real, timestamptz, boolean) to revenue_worker;
