-- A hot lead who opted out of calls is not queued; a lead already waiting in the
-- queue keeps its one entry.
begin;
select plan(4);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.set_provider_ready('twilio', true);
select tests.set_provider(:'a', 'voice', 'twilio');
select tests.give_senders(:'a', '+13055550900', p_channel => 'voice');
select tests.create_lead(:'a', '+13055550101') as opted \gset
select tests.create_lead(:'a', '+13055550102') as waiting \gset
select tests.sent_touch(:'a', :'opted', 'voice', 'CA-1', :'now') as t1 \gset
select tests.sent_touch(:'a', :'waiting', 'voice', 'CA-2', :'now'::timestamptz + interval '2 seconds') as t2 \gset
-- Opted out of calls after the dial (say, by text during the call).
insert into public.suppressions (account_id, channel, phone, reason, lead_id) values (:'a', 'voice', '+13055550101', 'opt_out_keyword', :'opted');
insert into public.call_queue (account_id, lead_id, priority, reason) values (:'a', :'waiting', 300, 'manual');

select tests.act_as('revenue_worker', null);
create temp table res on commit drop as
select 'opted' as k, public.record_voice_call_outcome('twilio', 'CA-1', :'t1', true, 20, 'hot', null, '[]', :'now') as r
union all
select 'waiting', public.record_voice_call_outcome('twilio', 'CA-2', :'t2', true, 20, 'hot', null, '[]', :'now');
reset role;

-- TEST: not queued twice, nobody who opted out.
select set_eq($$select k, r->>'call_queue' as q, r->>'lead_state' as s from res$$,
  $$values ('opted', 'suppressed', 'high_intent'), ('waiting', 'already_queued', 'high_intent')$$,
  'the opted-out lead is not queued; the waiting lead is already queued; both are high_intent');
select is((select count(*)::int from public.call_queue where lead_id = :'opted'), 0, 'no entry for the opted-out lead');
select results_eq(format($$select priority, reason from public.call_queue where lead_id = %L$$, :'waiting'),
  $$values (300, 'manual'::text)$$, 'the waiting lead keeps its one entry');
select is((select (r->>'call_queue_id') from res where k = 'waiting'), null, 'no new entry is returned');

select * from finish();
rollback;
