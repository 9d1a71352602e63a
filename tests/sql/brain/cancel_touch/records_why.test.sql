-- A canceled touch says why: stable code, readable message, a touch_canceled event.
begin;
select plan(4);
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550182') as l \gset
select tests.create_touch(:'a', :'l', null, 1, 'sms', 1, now()) as t \gset
select is(brain.cancel_touch(:'t', 'no_sender', 'no sender number is configured for this channel', now(), '{"step": 1}'),
  jsonb_build_object('outcome', 'canceled', 'reason', 'no_sender', 'touch_run_id', :'t'::uuid), 'returns the canceled outcome');
select results_eq(format($$select status, error_code, error_message from public.touch_runs where id = %L$$, :'t'),
  $$values ('canceled'::text, 'no_sender'::text, 'no sender number is configured for this channel'::text)$$, 'the touch is canceled with code and message');
select results_eq(format($$select payload from public.core_memory_events where event_type = 'touch_canceled' and lead_id = %L$$, :'l'),
  format($$values (jsonb_build_object('touch_run_id', %L, 'reason', 'no_sender', 'step', 1))$$, :'t'), 'one touch_canceled event with the reason');
select throws_ok($$select brain.cancel_touch(gen_random_uuid(), 'x', 'y')$$, 'P0002', 'touch_not_found', 'an unknown touch is refused');
select * from finish();
rollback;
