-- Each created reactivation logs reactivation_created on the lead; each tick logs
-- one reactivation_tick summary per account.
begin;
select plan(4);

select tests.local_at(1, '10:00') as now \gset
select :'now'::timestamptz - interval '60 days' as long_ago \gset
select tests.create_account() as a \gset
select tests.create_account() as b \gset
select tests.set_all_providers(:'a');
select tests.set_all_providers(:'b');
select tests.create_lead(:'a', '+13055550101') as a1 \gset
select tests.create_lead(:'a', '+13055550102') as a2 \gset
select tests.create_lead(:'a', '+13055550103') as a_dup \gset
select tests.create_lead(:'b', '+13055550104') as b1 \gset
select tests.record_event(x.acc, x.lead, 'touch_sent', :'long_ago', 'outbound', 'sms')
from (values (:'a'::uuid, :'a1'::uuid), (:'a', :'a2'), (:'a', :'a_dup'), (:'b', :'b1')) x(acc, lead);
select tests.create_touch(:'a', :'a_dup', null, 1, 'voice', 1, :'long_ago'::timestamptz + interval '1 day',
                          '{"meta": {"source": "brain_full_auto_reactivation"}}');

create temp table r on commit drop as select * from public.run_reactivation_orchestrator(p_now => :'now');

-- TEST: reactivation_created per created touch.
select set_eq(
  $$select lead_id, event_source, channel::text, created_at, (payload->>'touch_run_id')::uuid, (payload->>'round')::int
    from public.core_memory_events where event_type = 'reactivation_created'$$,
  $$select lead_id, 'reactivation_orchestrator', channel, $$ || quote_literal(:'now') || $$::timestamptz, touch_run_id, round
    from r where touch_run_id is not null$$,
  'one reactivation_created per created touch, with its touch_run_id and round, at p_now');
select is((select count(*)::int from public.core_memory_events where event_type = 'reactivation_created' and lead_id = :'a_dup'), 0,
  'a skipped duplicate logs none');

-- TEST: one summary per account.
select set_eq(
  $$select account_id, event_source, payload->>'created' as created, payload->>'skipped_duplicates' as skipped
    from public.account_events where event_type = 'reactivation_tick'$$,
  format($$values (%L::uuid, 'reactivation_orchestrator'::text, '2'::text, '1'::text), (%L::uuid, 'reactivation_orchestrator', '1', '0')$$, :'a', :'b'),
  'reactivation_tick per account: a created 2 and skipped 1, b created 1');
select is((select count(distinct created_at)::int from public.account_events where event_type = 'reactivation_tick' and created_at = :'now'::timestamptz), 1,
  'stamped at p_now');

select * from finish();
rollback;
