-- The rules path of reply understanding, in the transaction that records the replies
-- (issue 17): the receipts drain and the inbound_messages trigger tag, with
-- brain.reply_rules, every new message that needs no model (Blacklist by consent or
-- bounce, Out of Office, Automated Reply, Not Interested, Neutral for no text), and queue
-- the AI stage's job only for the others. A STOP, an out-of-office or a "no thanks" thus
-- costs no job, and its tag is there when the reply is (no draft is ever made for these
-- tags). Returns the messages still to classify: not tagged here, not classified before.
create or replace function brain.tag_replies_by_rules(p_message_ids uuid[], p_now timestamptz default now())
returns uuid[]
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_m record;
  v_rest uuid[] := '{}';
begin
  for v_m in
    select m.id, m.classified_at, r.tag, r.reason
    from public.inbound_messages m
    left join lateral brain.reply_rules(m.body, m.subject, m.keyword, m.consent_rule, m.auto_kind, m.auto_reason) r on true
    where m.id = any(p_message_ids)
    order by m.received_at, m.id
  loop
    if v_m.classified_at is not null then
      continue;
    end if;
    if v_m.tag is null then
      v_rest := v_rest || v_m.id;
    else
      perform brain.record_reply_sentiment(v_m.id, v_m.tag, 'rules', v_m.reason, 1, p_now, false);
    end if;
  end loop;
  return v_rest;
end
$$;

comment on function brain.tag_replies_by_rules(uuid[], timestamptz) is
  'The rules path of reply understanding: tags each of p_message_ids that is not classified yet and that brain.reply_rules can tag (brain.record_reply_sentiment, source rules, confidence 1, without a draft plan), oldest first; returns the ids still to classify (no rule matched), for the inbound_post_process job. Called by brain.drain_webhook_receipts and the inbound_messages trigger in the transaction that records the messages.';

revoke execute on function brain.tag_replies_by_rules(uuid[], timestamptz) from public;
grant execute on function brain.tag_replies_by_rules(uuid[], timestamptz) to revenue_worker;
