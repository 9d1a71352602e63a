-- decide_next_channel_for_lead stops with expired when routing.expires_at has passed:
-- at or after it. Before it the plan runs on.
begin;
select plan(4);

\set now '2026-03-10 15:00:00+00'
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_campaign(:'a') as c \gset
select tests.create_lead(:'a', '+13055550130') as l_past \gset
select tests.create_lead(:'a', '+13055550131') as l_future \gset
select tests.create_lead(:'a', '+13055550132') as l_equal \gset
select tests.create_lead(:'a', '+13055550133') as l_wait \gset

-- Each lead: one voice attempt two days ago (of 2; cooldown 1440 min has passed).
select tests.record_attempt(
  tests.create_touch(:'a', l, :'c', 1, 'voice', 1, :'now'::timestamptz - interval '2 days',
                     tests.payload_v2('voice', p_expires_at => e)),
  :'now'::timestamptz - interval '2 days')
from (values (:'l_past'::uuid, :'now'::timestamptz - interval '1 second'),
             (:'l_future'::uuid, :'now'::timestamptz + interval '1 second'),
             (:'l_equal'::uuid, :'now'::timestamptz)) as v(l, e);
-- l_wait: attempt an hour ago (cooldown running), expired a second ago.
select tests.record_attempt(
  tests.create_touch(:'a', :'l_wait', :'c', 1, 'voice', 1, :'now'::timestamptz - interval '1 hour',
                     tests.payload_v2('voice', p_expires_at => :'now'::timestamptz - interval '1 second')),
  :'now'::timestamptz - interval '1 hour');

-- TEST: expired a second ago.
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'l_past', :'c', :'now'),
  $$values ('stop'::text, 'voice'::text, null::text, null::timestamptz, 'expired'::text)$$,
  'expires_at one second before p_now: stop, expired');

-- TEST: expires a second from now: not stopped.
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'l_future', :'c', :'now'),
  $$values ('retry_same_channel'::text, 'voice'::text, 'voice'::text, null::timestamptz, 'attempts_left'::text)$$,
  'expires_at one second after p_now: the plan runs on (retry_same_channel)');

-- TEST: expires exactly at p_now: expired ("at or after it").
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'l_equal', :'c', :'now'),
  $$values ('stop'::text, 'voice'::text, null::text, null::timestamptz, 'expired'::text)$$,
  'expires_at equal to p_now: stop, expired');

-- TEST: expiry stops even while a cooldown is running.
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'l_wait', :'c', :'now'),
  $$values ('stop'::text, 'voice'::text, null::text, null::timestamptz, 'expired'::text)$$,
  'expired during a cooldown: stop, expired (not wait_cooldown)');

select * from finish();
rollback;
