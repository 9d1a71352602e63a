-- A second STOP (a new message) while already opted out sends no second
-- confirmation; after START, a new STOP confirms again.
begin;
select plan(5);

select tests.local_at(-2, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.give_sms_senders(:'a', '+13055550900');

create temp table res on commit drop as
select 1 as n, public.ingest_inbound_message('twilio', 'SM-1', 'sms', '+13055550101', '+13055550900', 'STOP', :'now') as r;
insert into res select 2, public.ingest_inbound_message('twilio', 'SM-2', 'sms', '+13055550101', '+13055550900', 'stop',
                                                        :'now'::timestamptz + interval '1 hour');
select (r->>'lead_id')::uuid as l from res where n = 1 \gset

-- TEST: the second STOP.
select is((select r->>'outcome' from res where n = 2), 'recorded', 'the second STOP is recorded (another message)');
select is((select r->>'reply_touch_run_id' from res where n = 2), null, 'but queues no reply');
select is((select count(*)::int from public.touch_runs where lead_id = :'l' and payload->'meta'->>'source' = 'opt_out_confirmation'), 1,
  'one confirmation in all');
select is((select count(*)::int from public.suppressions where phone = '+13055550101' and lifted_at is null), 3, 'one active suppression per phone channel (sms, whatsapp, voice)');

-- TEST: START then STOP again: newly suppressed, so confirmed again.
insert into res select 3, public.ingest_inbound_message('twilio', 'SM-3', 'sms', '+13055550101', '+13055550900', 'START',
                                                        :'now'::timestamptz + interval '2 hours');
insert into res select 4, public.ingest_inbound_message('twilio', 'SM-4', 'sms', '+13055550101', '+13055550900', 'STOP',
                                                        :'now'::timestamptz + interval '3 hours');
select is((select count(*)::int from public.touch_runs where lead_id = :'l' and payload->'meta'->>'source' = 'opt_out_confirmation'), 2,
  'a STOP after START is confirmed again');

select * from finish();
rollback;
