-- Errors a caller can act on: an invalid result (22023 invalid_argument) and an
-- unknown touch (P0002 touch_not_found); nothing changes.
begin;
select plan(5);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.create_touch(:'a', :'l', null, 1, 'sms', 1, :'now'::timestamptz - interval '1 hour') as t \gset
select brain.claim_touch(:'t', null, :'now') ->> 'outcome';

-- TEST: invalid result.
select throws_ok(format($$select brain.record_touch_outcome(%L, 'delivered')$$, :'t'), '22023', 'invalid_argument',
  'result delivered is refused');
select throws_ok(format($$select brain.record_touch_outcome(%L, null)$$, :'t'), '22023', 'invalid_argument',
  'a null result is refused');
select is((select status from public.touch_runs where id = :'t'), 'sending', 'the touch is unchanged');

-- TEST: unknown touch.
select throws_ok($$select brain.record_touch_outcome('00000000-0000-0000-0000-000000000000', 'accepted')$$, 'P0002', 'touch_not_found',
  'an unknown touch id raises touch_not_found');

-- TEST: a touch never claimed takes no outcome.
select is(brain.record_touch_outcome(tests.create_touch(:'a', :'l', null, 1, 'sms', 2, :'now'), 'accepted', p_now => :'now'),
  '{"recorded": false, "status": "scheduled"}'::jsonb, 'a scheduled (unclaimed) touch: recorded false');

select * from finish();
rollback;
