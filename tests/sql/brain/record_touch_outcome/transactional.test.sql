-- A transactional reply that went out does not make the lead touched and starts
-- no follow-up timers; it is still recorded as touch_sent once.
begin;
select plan(4);

select tests.local_at(1, '22:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.create_lead(:'a', '+13055550102') as l_dead \gset
update public.leads set lead_state = 'touched' where id = :'l_dead';
update public.leads set lead_state = 'dead' where id = :'l_dead';
select brain.queue_transactional_reply(:'a', :'l', 'sms', 'opt_out_confirmation', 'bye', :'now') as t \gset
select brain.queue_transactional_reply(:'a', :'l_dead', 'sms', 'help_reply', 'help', :'now') as t_dead \gset
select brain.claim_touch(:'t', null, :'now') ->> 'outcome', brain.claim_touch(:'t_dead', null, :'now') ->> 'outcome';

create temp table res on commit drop as
select brain.record_touch_outcome(:'t', 'accepted', 'SM-1', p_now => :'now') as r
union all select brain.record_touch_outcome(:'t_dead', 'accepted', 'SM-2', p_now => :'now');

-- TEST: sent.
select results_eq(
  format($$select status from public.touch_runs where id in (%L, %L)$$, :'t', :'t_dead'),
  $$values ('sent'::text), ('sent')$$, 'both replies are sent');
select is(
  (select count(*)::int from public.core_memory_events where event_type = 'touch_sent' and payload->>'touch_run_id' in (:'t', :'t_dead')),
  2, 'one touch_sent each');

-- TEST: the leads are not moved and get no timers.
select set_eq(format($$select id, lead_state from public.leads where id in (%L, %L)$$, :'l', :'l_dead'),
  format($$values (%L::uuid, 'new'::text), (%L, 'dead')$$, :'l', :'l_dead'),
  'a new lead stays new and a dead lead stays dead');
select is((select count(*)::int from public.lead_timers where lead_id in (:'l', :'l_dead')), 0, 'no TIMER_7D/14D/30D');

select * from finish();
rollback;
