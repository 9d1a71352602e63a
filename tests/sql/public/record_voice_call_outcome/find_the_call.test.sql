-- The call is found by its touch, or without one by the provider's call id; a
-- call nobody placed is unknown_call and nothing is written.
begin;
select plan(5);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.set_provider_ready('twilio', true);
select tests.set_provider(:'a', 'voice', 'twilio');
select tests.give_senders(:'a', '+13055550900', p_channel => 'voice');
select tests.give_sms_senders(:'a', '+13055550901');
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.sent_touch(:'a', :'l', 'voice', 'CA-9', :'now') as t \gset
select tests.sent_touch(:'a', :'l', 'sms', 'SM-1', :'now'::timestamptz + interval '1 second') as sms \gset

select tests.act_as('revenue_worker', null);
create temp table res on commit drop as
select 'by_call_id' as k, public.record_voice_call_outcome('twilio', 'CA-9', null, true, 30, 'warm', null, '[]', :'now') as r
union all
select 'unknown', public.record_voice_call_outcome('twilio', 'CA-404', gen_random_uuid(), true, 30, 'hot', null, '[]', :'now')
union all
select 'sms_touch', public.record_voice_call_outcome('twilio', 'SM-1', :'sms', true, 30, 'hot', null, '[]', :'now')
union all
select 'other_provider', public.record_voice_call_outcome('telnyx', 'CA-9', null, true, 30, 'hot', null, '[]', :'now');
reset role;

-- TEST: found.
select is((select r->>'touch_run_id' from res where k = 'by_call_id'), :'t', 'found by the provider''s call id');

-- TEST: unknown.
select set_eq($$select k, r from res where k <> 'by_call_id'$$,
  $$values ('unknown', '{"outcome": "unknown_call"}'::jsonb), ('sms_touch', '{"outcome": "unknown_call"}'), ('other_provider', '{"outcome": "unknown_call"}')$$,
  'an unknown call id, an SMS touch and another provider''s id are unknown_call');
select is((select count(*)::int from public.webhook_receipts where provider = 'voice_gateway'), 1, 'only the known call has a receipt');
select is((select count(*)::int from public.core_memory_events where event_type = 'voice_call_outcome'), 1, 'only the known call is recorded');
select is((select count(*)::int from public.call_queue), 0, 'nobody is queued');

select * from finish();
rollback;
