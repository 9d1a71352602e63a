-- The worker role acts across accounts, but cannot rewrite the append-only memory.
begin;
select plan(5);

select tests.create_account() as a \gset
select tests.create_account() as b \gset
select tests.create_lead(:'a') as lead_a \gset
select tests.create_lead(:'b') as lead_b \gset

select tests.act_as('revenue_worker', null);
select is(
  (select count(*)::int from public.leads where id in (:'lead_a', :'lead_b')),
  2, 'the worker sees leads of both accounts');
update public.leads set lead_state = 'touched' where id in (:'lead_a', :'lead_b');
select set_eq(
  format($$select account_id from public.leads where id in (%L, %L) and lead_state = 'touched'$$, :'lead_a', :'lead_b'),
  format('values (%L::uuid), (%L::uuid)', :'a', :'b'),
  'the worker updates leads of both accounts');
select is(
  (select count(*)::int from public.lead_events where lead_id in (:'lead_a', :'lead_b')),
  2, 'its transitions are logged for both accounts');
select lives_ok(
  format($$insert into public.core_memory_events (account_id, lead_id, event_type, event_source) values (%L, %L, 'touch_sent', 'worker')$$, :'b', :'lead_b'),
  'the worker records memory events');
select throws_ok(
  'delete from public.core_memory_events',
  '42501', 'permission denied for table core_memory_events',
  'the worker cannot delete memory events');

select * from finish();
rollback;
