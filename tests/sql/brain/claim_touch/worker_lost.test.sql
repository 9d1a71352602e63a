-- A touch found still "sending" means its worker died between claim and outcome:
-- it becomes unknown (worker_lost), with its outbound message, and is never
-- claimed (re-sent) again.
begin;
select plan(7);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_lead(:'a', '+13055550101') as l \gset
-- Not about enrichment (issue 19): the lead's is done, so nothing waits for it.
select tests.enrichment_done(:'l');
select tests.create_touch(:'a', :'l', null, 1, 'sms', 1, :'now'::timestamptz - interval '1 hour') as t \gset
select brain.claim_touch(:'t', 'worker-1', :'now') ->> 'outcome' as first \gset

create temp table res on commit drop as
select brain.claim_touch(:'t', 'worker-2', :'now'::timestamptz + interval '5 minutes') as r;

-- TEST: the second claim finds it sending.
select is(:'first'::text, 'claimed', 'first claim: claimed (control)');
select is((select r from res), jsonb_build_object('outcome', 'unknown', 'reason', 'worker_lost', 'touch_run_id', :'t'),
  'second claim: unknown, worker_lost');
select results_eq(
  format($$select status, error_code from public.touch_runs where id = %L$$, :'t'),
  $$values ('unknown'::text, 'worker_lost'::text)$$, 'the touch is unknown (worker_lost)');
select results_eq(
  format($$select status, error_code from public.outbound_messages where touch_run_id = %L$$, :'t'),
  $$values ('unknown'::text, 'worker_lost'::text)$$, 'its outbound message is unknown too');
select results_eq(
  format($$select event_type, payload->>'send_key', created_at from public.core_memory_events where lead_id = %L$$, :'l'),
  format($$values ('touch_outcome_unknown'::text, %L::text, %L::timestamptz)$$, brain.send_key(:'l', null, 1, 'sms', 1), :'now'::timestamptz + interval '5 minutes'),
  'a touch_outcome_unknown event names the send_key');

-- TEST: never claimed again.
select is(brain.claim_touch(:'t', 'worker-3', :'now'::timestamptz + interval '10 minutes'),
  '{"outcome": "skipped", "reason": "status_unknown"}'::jsonb, 'a third claim is skipped');
select is((select count(*)::int from public.outbound_messages where lead_id = :'l'), 1, 'and nothing was sent again');

select * from finish();
rollback;
