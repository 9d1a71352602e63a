-- Called by the API for account A, decide_next_channel_for_lead decides for A's
-- leads and sees nothing of account B's: B's lead has no touch (stop, no_touch).
begin;
select plan(4);

\set now '2026-03-10 15:00:00+00'
select tests.create_account() as a \gset
select tests.create_account() as b \gset
select tests.set_all_providers(:'a');
select tests.set_all_providers(:'b');
select tests.create_lead(:'a', '+13055550240', 'a@example.com') as lead_a \gset
select tests.create_lead(:'b', '+13055550241', 'b@example.com') as lead_b \gset
select tests.create_campaign(:'a') as ca \gset
select tests.create_campaign(:'b') as cb \gset

-- Both leads: voice 2/2, so the decision is switch_channel to whatsapp.
select tests.record_attempt(tests.create_touch(acc, l, camp, 1, 'voice', n, ts), ts)
from (values (:'a'::uuid, :'lead_a'::uuid, :'ca'::uuid), (:'b'::uuid, :'lead_b'::uuid, :'cb'::uuid)) as x(acc, l, camp),
     (values (1, :'now'::timestamptz - interval '3 days'), (2, :'now'::timestamptz - interval '2 days')) as v(n, ts);

-- TEST: as the table owner both are decided (control).
select results_eq(
  format($$select decision, next_channel from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'lead_b', :'cb', :'now'),
  $$values ('switch_channel'::text, 'whatsapp'::text)$$,
  'B''s lead has a decision for a role that can see it');

select tests.act_as('revenue_api', :'a');

-- TEST: the API for A decides for A's lead.
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'lead_a', :'ca', :'now'),
  $$values ('switch_channel'::text, 'voice'::text, 'whatsapp'::text, null::timestamptz, 'current_exhausted'::text)$$,
  'as revenue_api for A: A''s lead switches to whatsapp');

-- TEST: the API for A finds no touch for B's lead.
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'lead_b', :'cb', :'now'),
  $$values ('stop'::text, null::text, null::text, null::timestamptz, 'no_touch'::text)$$,
  'as revenue_api for A: B''s lead is stop, no_touch, and nothing of it leaks');

-- TEST: B's lead under A's campaign id finds nothing either.
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'lead_b', :'ca', :'now'),
  $$values ('stop'::text, null::text, null::text, null::timestamptz, 'no_touch'::text)$$,
  'as revenue_api for A: B''s lead with A''s campaign is stop, no_touch');

select * from finish();
rollback;
