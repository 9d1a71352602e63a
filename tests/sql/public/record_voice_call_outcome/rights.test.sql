-- Only the worker role (the API's voice routes run as it) may record a call outcome.
begin;
select plan(4);

select tests.create_account() as a \gset

select tests.act_as('revenue_api', :'a');
select throws_ok($$select public.record_voice_call_outcome('twilio', 'CA-1', null, true, 5, null, null, '[]')$$, '42501', null,
  'revenue_api may not call it');
reset role;
select tests.act_as('revenue_analyst', :'a');
select throws_ok($$select public.record_voice_call_outcome('twilio', 'CA-1', null, true, 5, null, null, '[]')$$, '42501', null,
  'revenue_analyst may not call it');
reset role;
select tests.act_as('revenue_worker', null);
select is(public.record_voice_call_outcome('twilio', 'CA-1', null, true, 5, null, null, '[]'), '{"outcome": "unknown_call"}'::jsonb,
  'revenue_worker may');
reset role;
select isnt(obj_description('public.record_voice_call_outcome(text, text, uuid, boolean, integer, text, text, jsonb, timestamptz)'::regprocedure, 'pg_proc'),
  null, 'the function is documented');

select * from finish();
rollback;
