-- The worker runs the orchestrator across accounts; the API role may run it for
-- its own account only (row-level security).
begin;
select plan(5);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_account() as b \gset
select tests.set_all_providers(:'a');
select tests.set_all_providers(:'b');
select tests.create_campaign(:'a') as ca \gset
select tests.create_campaign(:'b') as cb \gset
select tests.create_step(:'a', :'ca', 1, 'sms');
select tests.create_step(:'b', :'cb', 1, 'sms');
select tests.create_lead(:'a', '+13055550101') as la \gset
select tests.create_lead(:'b', '+13055550102') as lb \gset
select tests.enroll(:'a', :'ca', :'la', :'now'::timestamptz - interval '1 minute');
select tests.enroll(:'b', :'cb', :'lb', :'now'::timestamptz - interval '1 minute');

-- TEST: as the API role of account a, only a's enrollment is taken.
select tests.act_as('revenue_api', :'a');
create temp table r_api on commit drop as select * from public.run_touch_orchestrator(p_now => :'now');
reset role;
select results_eq($$select lead_id, decision from r_api$$, format($$values (%L::uuid, 'queued'::text)$$, :'la'),
  'revenue_api for account a: only a''s lead');
select is((select count(*)::int from public.touch_runs where lead_id = :'lb'), 0, 'b''s lead is not touched');

-- TEST: as the worker, every account.
select tests.act_as('revenue_worker', null);
create temp table r_worker on commit drop as select * from public.run_touch_orchestrator(p_now => :'now');
reset role;
select results_eq($$select lead_id, decision from r_worker$$, format($$values (%L::uuid, 'queued'::text)$$, :'lb'),
  'revenue_worker takes the remaining enrollment of account b');
select is((select count(*)::int from public.touch_runs where lead_id in (:'la', :'lb')), 2, 'both leads have their touch');
select is(
  (select count(*)::int from public.touch_runs t where t.lead_id in (:'la', :'lb')
     and (select count(*) from tests.dispatch_jobs(t.id)) = 1),
  2, 'and each touch its dispatch job');

select * from finish();
rollback;
