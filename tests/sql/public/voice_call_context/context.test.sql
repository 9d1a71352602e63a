-- The briefing for a call in progress: by touch or by the provider's call id;
-- touches that were not dialled, and other channels, are unknown_call.
begin;
select plan(6);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
update public.org_settings set business_name = 'Sunset Motors', vertical = 'car_dealer' where account_id = :'a';
select tests.set_all_providers(:'a');
select tests.set_provider_ready('telnyx', true);
select tests.set_provider(:'a', 'voice', 'telnyx');
select tests.give_senders(:'a', '+13055550900', p_channel => 'voice');
select tests.give_sms_senders(:'a', '+13055550901');
select tests.create_lead(:'a', '+13055550101') as l \gset
update public.leads set first_name = 'Ana', persona = 'nudge' where id = :'l';
select tests.sent_touch(:'a', :'l', 'voice', 'v3:call-1',  :'now',
  tests.payload_v2('voice') #- '{routing,fallback}'
    || '{"delivery": {"body": "Hi {{first_name}}, it is {{business_name}}.", "language": "es", "variables": {"first_name": "Ana", "business_name": "Sunset Motors"},
         "channel_overrides": {"voice": {"script_key": "autos_cold_v1"}}}}'::jsonb) as t \gset
select tests.create_touch(:'a', :'l', null, 2, 'voice', 1, :'now') as scheduled \gset
select tests.sent_touch(:'a', :'l', 'sms', 'SM-1', :'now'::timestamptz + interval '1 second') as sms \gset

select tests.act_as('revenue_worker', null);
create temp table res on commit drop as
select 'touch' as k, public.voice_call_context(:'t') as r
union all select 'call_id', public.voice_call_context(null, 'telnyx', 'v3:call-1')
union all select 'scheduled', public.voice_call_context(:'scheduled')
union all select 'sms', public.voice_call_context(:'sms')
union all select 'wrong_provider', public.voice_call_context(null, 'twilio', 'v3:call-1');
reset role;

-- TEST: the briefing.
select is((select r from res where k = 'touch'),
  jsonb_build_object('outcome', 'found', 'touch_run_id', :'t', 'account_id', :'a', 'lead_id', :'l', 'provider', 'telnyx',
                     'call_id', 'v3:call-1', 'persona', 'nudge', 'language', 'es', 'message_class', 'cold_outreach',
                     'script_key', 'autos_cold_v1', 'opening', 'Hi Ana, it is Sunset Motors.', 'lead_first_name', 'Ana',
                     'business_name', 'Sunset Motors', 'vertical', 'car_dealer'),
  'touch, lead, persona, language, script, the rendered opening line and the business');
select is((select r from res where k = 'call_id'), (select r from res where k = 'touch'), 'the same briefing by the provider''s call id');

-- TEST: unknown.
select set_eq($$select k from res where r = '{"outcome": "unknown_call"}'$$, $$values ('scheduled'), ('sms'), ('wrong_provider')$$,
  'a touch not dialled yet, an SMS touch and another provider''s id are unknown_call');

-- TEST: rights.
select tests.act_as('revenue_api', :'a');
select throws_ok(format($$select public.voice_call_context(%L)$$, :'t'), '42501', null, 'revenue_api may not read it');
reset role;
select tests.act_as('revenue_analyst', :'a');
select throws_ok(format($$select public.voice_call_context(%L)$$, :'t'), '42501', null, 'revenue_analyst may not read it');
reset role;
select isnt(obj_description('public.voice_call_context(uuid, text, text)'::regprocedure, 'pg_proc'), null, 'documented');

select * from finish();
rollback;
