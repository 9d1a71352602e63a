-- A touch is routed once. When the send was accepted the router already made the
-- next touch; a delivery failure reported afterwards fails the touch but routes
-- nothing again (decision already_routed): no second next touch.
begin;
select plan(7);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.set_provider_ready('twilio', true);
select tests.set_provider(:'a', 'sms', 'twilio');
select tests.give_sms_senders(:'a', '+13055550900');
select tests.create_lead(:'a', '+13055550101', 'ana@example.com', 'touched') as l \gset
select tests.sent_touch(:'a', :'l', 'sms', 'SM-1', :'now',
  tests.payload_v2('sms', p_order => array['sms', 'email'], p_max_attempts => '{"sms": 2, "email": 1}',
                   p_cooldown_minutes => '{"sms": 60, "email": 0}')) as t \gset

-- TEST: routed at send time.
select is((select count(*)::int from public.touch_runs where lead_id = :'l' and payload->'meta'->>'parent_touch_run_id' = :'t'), 1,
  'accepting the send routed it: one next touch');
select id as t_next from public.touch_runs where lead_id = :'l' and payload->'meta'->>'parent_touch_run_id' = :'t' \gset

select tests.act_as('revenue_worker', null);
create temp table res on commit drop as
select public.ingest_message_status('twilio', 'SM-1:undelivered', 'SM-1', null, 'failed', 'undelivered', '30003',
                                    :'now'::timestamptz + interval '1 minute') as r;
reset role;

-- TEST: the failure is recorded, the routing is not repeated.
select is((select r->>'outcome' from res), 'recorded', 'the failure report is recorded');
select is((select status from public.touch_runs where id = :'t'), 'failed', 'the touch failed');
select is((select r->'route' from res), '{"decision": "already_routed"}'::jsonb, 'the router answers already_routed');
select results_eq(format($$select id from public.touch_runs where lead_id = %L and id <> %L$$, :'l', :'t'),
  format($$values (%L::uuid)$$, :'t_next'), 'still exactly one next touch, the one made at send time');
select is((select count(*)::int from public.core_memory_events where dedupe_key = 'route:' || :'t'), 1, 'one routing event for the touch');

-- TEST: calling the router again changes nothing either.
select is(brain.route_touch(:'t', :'now'::timestamptz + interval '2 minutes'), '{"decision": "already_routed"}'::jsonb,
  'a direct second call: already_routed');

select * from finish();
rollback;
