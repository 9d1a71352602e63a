-- busy and no_answer calls fail the touch (delivery_failed) and are not responses.
-- The touch is found by the call id or by touch_run_id.
begin;
select plan(4);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.set_provider_ready('twilio', true);
select tests.set_provider(:'a', 'voice', 'twilio');
select tests.give_senders(:'a', '+13055550900', p_channel => 'voice');
select tests.create_lead(:'a', '+13055550101') as l1 \gset
select tests.create_lead(:'a', '+13055550102') as l2 \gset
select tests.sent_touch(:'a', :'l1', 'voice', 'CA-1', :'now') as t1 \gset
select tests.sent_touch(:'a', :'l2', 'voice', 'CA-2', :'now'::timestamptz + interval '2 seconds') as t2 \gset

select tests.act_as('revenue_worker', null);
create temp table res on commit drop as
select 'busy' as k, public.ingest_call_status('twilio', 'CA-1:busy', 'CA-1', null, 'busy', 0, :'now'::timestamptz + interval '1 minute') as r
union all
select 'no_answer', public.ingest_call_status('twilio', 'CA-2:no-answer', null, :'t2', 'no_answer', 0, :'now'::timestamptz + interval '1 minute');
reset role;

-- TEST: failed.
select set_eq(format($$select id, status, error_code from public.touch_runs where id in (%L, %L)$$, :'t1', :'t2'),
  format($$values (%L::uuid, 'failed'::text, 'busy'::text), (%L, 'failed', 'no_answer')$$, :'t1', :'t2'),
  'busy and no_answer: touch failed with the call status as error');
select set_eq($$select payload->>'touch_run_id' as t, payload->>'error_code' as e from public.core_memory_events where event_type = 'delivery_failed'$$,
  format($$values (%L, 'busy'), (%L, 'no_answer')$$, :'t1', :'t2'), 'one delivery_failed each');

-- TEST: not a response.
select is((select count(*)::int from public.core_memory_events where event_type = 'call_answered'), 0, 'no call_answered');
select set_eq(format($$select lead_state from public.leads where id in (%L, %L)$$, :'l1', :'l2'), $$values ('touched'::text)$$,
  'the leads stay touched');

select * from finish();
rollback;
