-- The 7/14/30-day timers start on the first touch: later sends while they are
-- pending leave them alone; once they have all run, the next send starts them again.
begin;
select plan(4);

select tests.local_at(1, '10:00') as p \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_lead(:'a', '+13055550101') as l \gset
create temp table sends on commit drop as
select n, at, tests.create_touch(:'a', :'l', null, n, 'sms', 1, at - interval '1 hour', tests.payload_v2('sms') #- '{routing,fallback}') as id
from (values (1, :'p'::timestamptz), (2, :'p'::timestamptz + interval '1 day'), (3, :'p'::timestamptz + interval '31 days')) x(n, at);

select brain.claim_touch(id, null, at) ->> 'outcome', brain.record_touch_outcome(id, 'accepted', p_now => at) ->> 'status' from sends where n = 1;
select brain.claim_touch(id, null, at) ->> 'outcome', brain.record_touch_outcome(id, 'accepted', p_now => at) ->> 'status' from sends where n = 2;

-- TEST: the second send does not move the timers.
select set_eq(
  format($$select timer_type, trigger_at from public.lead_timers where lead_id = %L$$, :'l'),
  format($$values ('TIMER_7D'::text, %L::timestamptz), ('TIMER_14D', %L), ('TIMER_30D', %L)$$,
         :'p'::timestamptz + interval '7 days', :'p'::timestamptz + interval '14 days', :'p'::timestamptz + interval '30 days'),
  'a second send a day later leaves the timers of the first');
select is((select count(*)::int from public.lead_timers where lead_id = :'l'), 3, 'one timer of each type');

-- TEST: after they ran, the next send starts them again.
select count(*) from brain.run_due_timers(p_now => :'p'::timestamptz + interval '30 days');
select brain.claim_touch(id, null, at) ->> 'outcome', brain.record_touch_outcome(id, 'accepted', p_now => at) ->> 'status' from sends where n = 3;
select set_eq(
  format($$select timer_type, trigger_at, executed_at, attempts from public.lead_timers where lead_id = %L$$, :'l'),
  format($$values ('TIMER_7D'::text, %L::timestamptz, null::timestamptz, 0), ('TIMER_14D', %L, null, 0), ('TIMER_30D', %L, null, 0)$$,
         :'p'::timestamptz + interval '38 days', :'p'::timestamptz + interval '45 days', :'p'::timestamptz + interval '61 days'),
  'the send after the 30-day timer ran restarts all three from its time');
select is((select count(*)::int from public.lead_timers where lead_id = :'l'), 3, 'still one timer of each type');

select * from finish();
rollback;
