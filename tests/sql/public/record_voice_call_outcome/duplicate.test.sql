-- The gateway retries its post; a replay of the same call changes nothing.
begin;
select plan(4);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.set_provider_ready('telnyx', true);
select tests.set_provider(:'a', 'voice', 'telnyx');
select tests.give_senders(:'a', '+13055550900', p_channel => 'voice');
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.sent_touch(:'a', :'l', 'voice', 'v3:call-1', :'now') as t \gset

select tests.act_as('revenue_worker', null);
create temp table res on commit drop as
select 1 as n, public.record_voice_call_outcome('telnyx', 'v3:call-1', :'t', true, 40, 'hot', null,
  '[{"role": "lead", "text": "call me"}]', :'now') as r;
insert into res select 2, public.record_voice_call_outcome('telnyx', 'v3:call-1', :'t', true, 41, 'cold', null, '[]', :'now');
reset role;

-- TEST: the replay.
select is((select r from res where n = 2),
  jsonb_build_object('outcome', 'duplicate', 'account_id', :'a', 'lead_id', :'l', 'touch_run_id', :'t'), 'the second post is a duplicate');
select is((select count(*)::int from public.core_memory_events where lead_id = :'l' and event_type like 'voice_call_%'), 2,
  'one outcome and one transcript event');
select results_eq(format($$select payload->>'verdict', (payload->>'duration_seconds')::int from public.core_memory_events
                           where lead_id = %L and event_type = 'voice_call_outcome'$$, :'l'),
  $$values ('hot'::text, 40)$$, 'the first post''s outcome stands');
select is((select count(*)::int from public.call_queue where lead_id = :'l'), 1, 'queued once');

select * from finish();
rollback;
