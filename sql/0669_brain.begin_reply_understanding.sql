-- The AI stage's first step for one inbound message (the inbound_post_process job,
-- issue 17). Safety first, and no model call where SQL can decide:
--   1. already classified (a replay, a retried job): nothing is classified again;
--   2. brain.reply_rules (consent → Blacklist, bounce, out of office, automatic reply,
--      plain not interested): recorded here, source rules;
--   3. no OpenAI key (p_has_key false): Neutral, source no_key, the reason recorded;
--   4. otherwise the job asks the model, with the transcript this answers, and records
--      what it said (brain.record_reply_sentiment).
-- Answers {state: classified | needs_llm | missing, …}: classified carries what
-- brain.record_reply_sentiment answers (tag, source, reason, plan: whether to draft);
-- needs_llm carries the message and the transcript (brain.reply_transcript, its last 40
-- messages up to this one).
create or replace function brain.begin_reply_understanding(
  p_message_id uuid,
  p_has_key boolean,
  p_now timestamptz default now()
)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_m public.inbound_messages;
  v_rule record;
  v_result jsonb;
begin
  -- The row lock makes two runs for one message (a retried job beside a slow one) take turns.
  select m.* into v_m from public.inbound_messages m where m.id = p_message_id for update;
  if not found then
    return pg_catalog.jsonb_build_object('state', 'missing');
  end if;
  if v_m.classified_at is not null then
    return pg_catalog.jsonb_build_object('state', 'classified', 'already', true)
           || brain.record_reply_sentiment(v_m.id, v_m.sentiment_tag, v_m.sentiment_source, v_m.sentiment_reason,
                                           v_m.sentiment_confidence, p_now);
  end if;

  select r.tag, r.reason into v_rule
  from brain.reply_rules(v_m.body, v_m.subject, v_m.keyword, v_m.consent_rule, v_m.auto_kind, v_m.auto_reason) r;
  if v_rule.tag is not null then
    v_result := brain.record_reply_sentiment(v_m.id, v_rule.tag, 'rules', v_rule.reason, 1, p_now);
  elsif not coalesce(p_has_key, false) then
    v_result := brain.record_reply_sentiment(v_m.id, 'Neutral', 'no_key',
      'no OpenAI key: add one in Settings → Providers (or set OPENAI_API_KEY) to classify replies the rules cannot', null, p_now);
  else
    return pg_catalog.jsonb_build_object(
      'state', 'needs_llm',
      'message', pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
        'id', v_m.id, 'lead_id', v_m.lead_id, 'account_id', v_m.account_id, 'channel', v_m.channel::text,
        'subject', v_m.subject, 'body', pg_catalog.left(v_m.body, 4000), 'received_at', v_m.received_at)),
      'transcript', brain.reply_transcript(v_m.lead_id, v_m.received_at, 40));
  end if;
  return pg_catalog.jsonb_build_object('state', 'classified', 'already', false) || v_result;
end
$$;

comment on function brain.begin_reply_understanding(uuid, boolean, timestamptz) is
  'The AI stage''s first step for an inbound message (row-locked): when it is already classified, answers {state: classified, already: true, …} and classifies nothing again; when brain.reply_rules tags it (Blacklist by consent or bounce, Out of Office, Automated Reply, Not Interested, Neutral for no text), records that (source rules); without a key (p_has_key false), records Neutral (source no_key) with the reason; either way answers {state: classified, already: false, recorded, tag, source, reason, drafts_rejected, plan} (brain.record_reply_sentiment). Otherwise answers {state: needs_llm, message: {id, lead_id, account_id, channel, subject, body, received_at}, transcript: brain.reply_transcript(lead, received_at, 40)} and the caller records the model''s answer with brain.record_reply_sentiment. {state: missing} for an unknown id.';

revoke execute on function brain.begin_reply_understanding(uuid, boolean, timestamptz) from public;
grant execute on function brain.begin_reply_understanding(uuid, boolean, timestamptz) to revenue_worker;
