-- A manual message is a touch on step 99: queued for dispatch, never transactional.
begin;
select plan(8);

select tests.create_account('Alpha') as a \gset
select tests.create_lead(:'a', '+13055550141') as lead \gset

select tests.act_as('revenue_api', :'a');
select public.queue_manual_message(:'lead', 'sms', 'Hello from the lot', null, 'console:ops') as touch \gset
reset role;

select results_eq(
  format($$select step, channel::text, status, campaign_id from public.touch_runs where id = %L$$, :'touch'),
  $$values (99, 'sms'::text, 'queued'::text, null::uuid)$$,
  'a queued touch on step 99 without a campaign');
select results_eq(
  format($$select payload -> 'delivery' ->> 'body', coalesce(payload -> 'meta' ->> 'transactional', 'false') from public.touch_runs where id = %L$$, :'touch'),
  $$values ('Hello from the lot'::text, 'false'::text)$$,
  'it carries the body and is not transactional (suppression and window apply)');
select isnt_empty(format($$select 1 from tests.dispatch_jobs(%L)$$, :'touch'), 'a dispatch job was queued');

select tests.act_as('revenue_api', :'a');
select throws_ok(format($$select public.queue_manual_message(%L, 'email', 'Hi', null, 'x')$$, :'lead'), '22023', 'invalid_argument', 'an email needs a subject');
select throws_ok(format($$select public.queue_manual_message(%L, 'email', 'Hi', 'Subject', 'x')$$, :'lead'), '22023', 'unreachable', 'no email address: refused');
select throws_ok(format($$select public.queue_manual_message(%L, 'fax', 'Hi', null, 'x')$$, :'lead'), '22023', 'invalid_argument', 'unknown channel refused');

-- TEST: the same request id twice queues one message and answers its id both times.
select public.queue_manual_message(:'lead', 'sms', 'Once only', null, 'console:ops', now(), 'req-0000-0001') as first \gset
select is(public.queue_manual_message(:'lead', 'sms', 'Once only', null, 'console:ops', now(), 'req-0000-0001'), :'first'::uuid,
  'a resubmitted request answers the message already queued');
reset role;
select results_eq(
  format($$select count(*)::int from public.touch_runs where lead_id = %L and step = 99 and payload -> 'meta' ->> 'request_id' = 'req-0000-0001'$$, :'lead'),
  $$values (1)$$,
  'one touch for that request');

select * from finish();
rollback;
