-- The rules path tags what the rules can, set-based, with the same result
-- brain.record_reply_sentiment gives one by one: the tag, source and reason, the lead's
-- latest tag, one reply_classified event. A lead with an open draft goes one by one, so
-- its Blacklist reply rejects the draft. What no rule tags is returned, oldest first.
begin;
select plan(7);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_lead(:'a', '+13055550101') as l1 \gset
select tests.create_lead(:'a', '+13055550102') as l2 \gset
select tests.create_lead(:'a', '+13055550103') as l3 \gset
select tests.pending_ai_draft(:'a', :'l3', :'now'::timestamptz - interval '1 hour') as d \gset

-- l1: an out-of-office, then "no thanks" (the latest); l2: a question (no rule); l3: STOP with a draft pending.
select tests.inbound_message(:'a', :'l1', 'I am out of the office until Monday', :'now'::timestamptz - interval '3 minutes') as m1 \gset
select tests.inbound_message(:'a', :'l1', 'No thanks', :'now'::timestamptz - interval '2 minutes') as m2 \gset
select tests.inbound_message(:'a', :'l2', 'how much is it?', :'now'::timestamptz - interval '1 minute') as m3 \gset
select tests.inbound_message(:'a', :'l3', 'STOP', :'now'::timestamptz - interval '30 seconds', 'sms', null, null, 'opt_out') as m4 \gset

select tests.act_as('revenue_worker', null);
select is(brain.tag_replies_by_rules(array[:'m1', :'m2', :'m3', :'m4']::uuid[], :'now'), array[:'m3']::uuid[],
  'the question is returned for the model; the rest are tagged');
reset role;

-- TEST: the tags, as record_reply_sentiment writes them.
select results_eq(
  format($$select id, sentiment_tag, sentiment_source, sentiment_confidence, classified_at from public.inbound_messages where id in (%L, %L, %L, %L) order by received_at, id$$, :'m1', :'m2', :'m3', :'m4'),
  format($$values (%L::uuid, 'Out of Office'::text, 'rules'::text, 1::real, %L::timestamptz), (%L, 'Not Interested', 'rules', 1, %L),
                  (%L, null, null, null, null), (%L, 'Blacklist', 'rules', 1, %L)$$,
         :'m1', :'now', :'m2', :'now', :'m3', :'m4', :'now'),
  'Out of Office, Not Interested, untagged, Blacklist; source rules, confidence 1, classified at p_now');
select is((select sentiment_tag from public.leads where id = :'l1'), 'Not Interested', 'the lead carries its latest reply''s tag');
select is((select count(*)::int from public.core_memory_events where event_type = 'reply_classified' and account_id = :'a'
           and payload ->> 'inbound_message_id' in (:'m1', :'m2', :'m4')), 3, 'one reply_classified event per tagged reply');

-- TEST: the lead with a draft went one by one: its STOP rejected the draft.
select results_eq(format($$select status, decided_by, decision_reason from public.ai_drafts where id = %L$$, :'d'),
  $$values ('rejected'::text, 'system'::text, 'the lead''s reply was tagged Blacklist'::text)$$, 'the pending draft is rejected');

-- TEST: nothing twice.
select is(brain.tag_replies_by_rules(array[:'m1', :'m2', :'m4']::uuid[], :'now'::timestamptz + interval '1 minute'), '{}'::uuid[],
  'already tagged: nothing returned');
select is((select count(*)::int from public.core_memory_events where event_type = 'reply_classified' and account_id = :'a'), 4,
  'and no event more (three here, one for the draft''s own reply)');

select * from finish();
rollback;
