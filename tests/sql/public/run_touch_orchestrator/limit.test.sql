-- p_limit caps the enrollments taken per tick, the longest-due first; the rest
-- are taken by the next tick.
begin;
select plan(4);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_campaign(:'a') as c \gset
select tests.create_step(:'a', :'c', 1, 'sms');
create temp table leads_by_due on commit drop as
select n, tests.create_lead(:'a', '+1305555010' || n) as lead_id from generate_series(1, 5) n;
select tests.enroll(:'a', :'c', lead_id, :'now'::timestamptz - make_interval(mins => 10 - n)) from leads_by_due;

create temp table r1 on commit drop as select * from public.run_touch_orchestrator(p_limit => 2, p_now => :'now');

-- TEST: two, the longest due.
select set_eq($$select lead_id from r1$$, $$select lead_id from leads_by_due where n in (1, 2)$$,
  'p_limit 2: the two enrollments due earliest');
select is((select count(*)::int from public.touch_runs where account_id = :'a'), 2, 'two touches');

-- TEST: the next tick takes the rest.
create temp table r2 on commit drop as select * from public.run_touch_orchestrator(p_limit => 10, p_now => :'now');
select set_eq($$select lead_id from r2$$, $$select lead_id from leads_by_due where n in (3, 4, 5)$$,
  'the next tick takes the other three');
select is((select count(*)::int from public.touch_runs where account_id = :'a'), 5, 'five touches in all');

select * from finish();
rollback;
