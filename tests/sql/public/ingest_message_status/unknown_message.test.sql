-- A report for no message we sent: unknown_message, nothing written.
begin;
select plan(3);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.create_touch(:'a', :'l', null, 1, 'sms', 1, :'now') as t_unsent \gset

select tests.act_as('revenue_worker', null);
create temp table res on commit drop as
select 1 as n, public.ingest_message_status('twilio', 'SMX:delivered', 'SMX', null, 'delivered', p_occurred_at => :'now') as r
union all
select 2, public.ingest_message_status('twilio', 'SMY:delivered', null, :'t_unsent', 'delivered', p_occurred_at => :'now');
reset role;

-- TEST: unknown.
select results_eq($$select r from res order by n$$,
  $$values ('{"outcome": "unknown_message"}'::jsonb), ('{"outcome": "unknown_message"}'::jsonb)$$,
  'an unknown provider id, and a touch that never produced a message: unknown_message');

-- TEST: nothing written.
select is((select count(*)::int from public.webhook_receipts), 0, 'no receipt');
select is((select status from public.touch_runs where id = :'t_unsent'), 'scheduled', 'the touch is untouched');

select * from finish();
rollback;
