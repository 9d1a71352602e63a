-- Outside the lead's 08:00–20:00 window a touch is not sent: it is rescheduled
-- (status scheduled) to the window start, and its one dispatch job moves there.
begin;
select plan(7);

select tests.local_at(1, '21:00') as night \gset
select tests.local_at(1, '07:00') as dawn \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.create_lead(:'a', '+13055550102', p_timezone => 'America/Los_Angeles') as l_la \gset
select tests.create_touch(:'a', :'l', null, 1, 'sms', 1, :'night'::timestamptz - interval '1 hour') as t \gset
update public.touch_runs set status = 'queued' where id = :'t';
select tests.create_touch(:'a', :'l', null, 1, 'sms', 2, :'dawn'::timestamptz - interval '1 hour') as t_dawn \gset
-- 10:00 in New York is 07:00 in Los Angeles.
select tests.create_touch(:'a', :'l_la', null, 1, 'sms', 1, tests.local_at(1, '09:00')) as t_la \gset

-- TEST: 21:00 local: rescheduled to 08:00 the next morning.
select is(brain.claim_touch(:'t', null, :'night'),
  jsonb_build_object('outcome', 'rescheduled', 'reason', 'outside_send_window', 'scheduled_at', tests.local_at(2, '08:00')),
  '21:00 in New York: rescheduled to 08:00 the next day');
select results_eq(
  format($$select status, scheduled_at from public.touch_runs where id = %L$$, :'t'),
  format($$values ('scheduled'::text, %L::timestamptz)$$, tests.local_at(2, '08:00')),
  'the queued touch is now scheduled at the window start');
select results_eq(
  format($$select count(*)::int, max(run_at) from tests.dispatch_jobs(%L)$$, :'t'),
  format($$values (1, %L::timestamptz)$$, tests.local_at(2, '08:00')),
  'its one dispatch job moves to the window start');

-- TEST: 07:00 local: the same morning at 08:00.
select is((brain.claim_touch(:'t_dawn', null, :'dawn') ->> 'scheduled_at')::timestamptz, tests.local_at(1, '08:00'),
  '07:00: rescheduled to 08:00 the same day');

-- TEST: the lead's own zone decides.
select is((brain.claim_touch(:'t_la', null, tests.local_at(1, '10:00')) ->> 'scheduled_at')::timestamptz,
  tests.local_at(1, '08:00', 'America/Los_Angeles'), '10:00 New York is 07:00 for a Los Angeles lead: wait for 08:00 there');

-- TEST: nothing sent or reserved.
select is((select count(*)::int from public.outbound_messages where account_id = :'a'), 0, 'no outbound message');
select is((select count(*)::int from public.sender_rate_state where account_id = :'a'), 0, 'no send slot reserved');

select * from finish();
rollback;
