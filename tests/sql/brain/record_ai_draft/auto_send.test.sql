-- An ai_auto_send campaign's draft at or above the threshold goes out on its own: one
-- touch scheduled a random 180-420 s after p_now, the draft approved by auto_send.
begin;
select plan(9);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.create_campaign(:'a') as c \gset
update public.campaigns set response_mode = 'ai_auto_send' where id = :'c';
select tests.enroll(:'a', :'c', :'l', :'now'::timestamptz + interval '30 days');
select tests.inbound_message(:'a', :'l', 'Yes! When can I see it?', :'now'::timestamptz - interval '5 minutes') as m \gset
select brain.record_reply_sentiment(:'m', 'Meeting Requested', 'llm', 'asks for a visit', 0.9, :'now');

select brain.record_ai_draft(:'m', '  We are open 9-6: does Saturday at 10 work?  ', null, 0.95, 'clear and safe', 'gpt-test', false, :'now') as r \gset
select :'r'::jsonb ->> 'draft_id' as d, :'r'::jsonb ->> 'touch_run_id' as t \gset

-- TEST: the answer.
select results_eq(format($$select r ->> 'created', r ->> 'action', r ->> 'reason' from (select %L::jsonb r) x$$, :'r'),
  $$values ('true'::text, 'auto_send'::text, 'confidence 0.95 at or above the threshold 0.90'::text)$$,
  'created, auto_send, the reason');

-- TEST: the draft.
select results_eq(format($$select status, decided_by, decided_at, touch_run_id, sentiment_tag, body, confidence, auto_send_threshold, model from public.ai_drafts where id = %L$$, :'d'),
  format($$values ('approved'::text, 'auto_send'::text, %L::timestamptz, %L::uuid, 'Meeting Requested'::text,
                   'We are open 9-6: does Saturday at 10 work?'::text, 0.95::real, 0.9::real, 'gpt-test'::text)$$, :'now', :'t'),
  'approved by auto_send at p_now, the touch named, the body trimmed');
select ok((select send_after between :'now'::timestamptz + interval '180 seconds' and :'now'::timestamptz + interval '420 seconds'
           from public.ai_drafts where id = :'d'), 'send_after is 180-420 s after p_now');

-- TEST: one touch, scheduled at send_after, carrying the draft.
select is((select count(*)::int from public.touch_runs where lead_id = :'l'), 1, 'one touch');
select results_eq(format($$select t.status, t.scheduled_at = d.send_after, t.campaign_id, t.step, t.channel::text from public.touch_runs t join public.ai_drafts d on d.touch_run_id = t.id where t.id = %L$$, :'t'),
  $$values ('scheduled'::text, true, null::uuid, 99, 'sms'::text)$$,
  'scheduled at send_after, no campaign, step 99, on the reply''s channel');
select results_eq(format($$select payload ->> 'message_class', payload -> 'meta' ->> 'ai_draft_id', payload -> 'meta' ->> 'created_by', payload -> 'delivery' ->> 'body' from public.touch_runs where id = %L$$, :'t'),
  format($$values ('ai_reply'::text, %L::text, 'auto_send'::text, 'We are open 9-6: does Saturday at 10 work?'::text)$$, :'d'),
  'payload: message_class ai_reply, meta ai_draft_id, the body');
select isnt_empty(format($$select 1 from tests.dispatch_jobs(%L)$$, :'t'), 'a dispatch job waits for it');

-- TEST: the timeline.
select results_eq(format($$select event_type, payload ->> 'action' from public.core_memory_events where lead_id = %L and event_type in ('ai_draft_created', 'ai_auto_send_scheduled') order by event_type$$, :'l'),
  $$values ('ai_auto_send_scheduled'::text, null::text), ('ai_draft_created'::text, 'auto_send'::text)$$,
  'ai_draft_created and ai_auto_send_scheduled events');

-- TEST: the delay spans the campaign's range (0-1 s: both ends reachable).
update public.campaigns set auto_send_delay_min_seconds = 0, auto_send_delay_max_seconds = 1 where id = :'c';
create temp table delays on commit drop as select null::interval as delay where false;
do $$
declare
  v_lead uuid;
  v_m uuid;
  v_now timestamptz := tests.local_at(1, '10:00');
  v_account uuid := (select account_id from public.campaigns where auto_send_delay_max_seconds = 1);
  v_campaign uuid := (select id from public.campaigns where auto_send_delay_max_seconds = 1);
begin
  for i in 1..40 loop
    v_lead := tests.create_lead(v_account, '+1305556' || lpad(i::text, 4, '0'));
    perform tests.enroll(v_account, v_campaign, v_lead, v_now + interval '30 days');
    v_m := tests.inbound_message(v_account, v_lead, 'yes', v_now - interval '5 minutes');
    perform brain.record_reply_sentiment(v_m, 'Interested', 'llm', 'yes', 0.9, v_now);
    insert into delays select (brain.record_ai_draft(v_m, 'See you soon', null, 0.99, 'ok', 'gpt-test', false, v_now) ->> 'send_after')::timestamptz - v_now;
  end loop;
end
$$;
select results_eq($$select distinct delay from delays order by delay$$, $$values ('0 seconds'::interval), ('1 second'::interval)$$,
  'delays of 0 and 1 s both occur, nothing outside');

select * from finish();
rollback;
