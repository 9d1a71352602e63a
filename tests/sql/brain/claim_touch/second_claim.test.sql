-- A touch that has been claimed and sent is never claimed again: a later claim
-- (a retried job) is skipped and sends nothing.
begin;
select plan(4);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.create_touch(:'a', :'l', null, 1, 'sms', 1, :'now'::timestamptz - interval '1 hour') as t \gset

select brain.claim_touch(:'t', 'worker-1', :'now') ->> 'outcome' as first \gset
select brain.record_touch_outcome(:'t', 'accepted', 'SM123', p_now => :'now'::timestamptz + interval '2 seconds') ->> 'status' as recorded \gset

-- TEST: claimed, then sent (control).
select is(:'first' || '/' || :'recorded', 'claimed/sent', 'the first claim went out and was recorded as sent');

-- TEST: the second claim.
select is(brain.claim_touch(:'t', 'worker-2', :'now'::timestamptz + interval '1 minute'),
  '{"outcome": "skipped", "reason": "status_sent"}'::jsonb, 'a second claim is skipped (status_sent)');
select results_eq(
  format($$select status, provider_message_id from public.touch_runs where id = %L$$, :'t'),
  $$values ('sent'::text, 'SM123'::text)$$, 'the touch stays sent');
select is((select count(*)::int from public.outbound_messages where touch_run_id = :'t'), 1, 'still one outbound message');

select * from finish();
rollback;
