-- The decision for a lead + campaign + step counts only that campaign's and step's
-- attempts: a lead in two campaigns, or at two steps, is decided for each apart.
begin;
select plan(4);

\set now '2026-03-10 15:00:00+00'
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_lead(:'a', '+13055550230', 'scope@example.com') as lead \gset
select tests.create_campaign(:'a') as ca \gset
select tests.create_campaign(:'a') as cb \gset

-- Campaign A, step 1: voice 2/2. Campaign B, step 1: voice 1/2. Campaign A, step 2: voice 1/2.
-- No campaign, step 1: voice 2/2.
select tests.record_attempt(tests.create_touch(:'a', :'lead', camp, st, 'voice', n, ts), ts)
from (values (:'ca'::uuid, 1, 1, :'now'::timestamptz - interval '4 days'),
             (:'ca'::uuid, 1, 2, :'now'::timestamptz - interval '3 days'),
             (:'cb'::uuid, 1, 1, :'now'::timestamptz - interval '2 days'),
             (:'ca'::uuid, 2, 1, :'now'::timestamptz - interval '2 days'),
             (null::uuid, 1, 1, :'now'::timestamptz - interval '6 days'),
             (null::uuid, 1, 2, :'now'::timestamptz - interval '5 days')) as v(camp, st, n, ts);

-- TEST: campaign A, step 1 has used voice up.
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'lead', :'ca', :'now'),
  $$values ('switch_channel'::text, 'voice'::text, 'whatsapp'::text, null::timestamptz, 'current_exhausted'::text)$$,
  'campaign A, step 1, voice 2/2: switch_channel to whatsapp');

-- TEST: campaign B, same step and channel, does not count A's attempts.
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'lead', :'cb', :'now'),
  $$values ('retry_same_channel'::text, 'voice'::text, 'voice'::text, null::timestamptz, 'attempts_left'::text)$$,
  'campaign B, step 1, voice 1/2: retry_same_channel (A''s attempts are not B''s)');

-- TEST: campaign A, step 2 does not count step 1's attempts.
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 2, %L)$$, :'lead', :'ca', :'now'),
  $$values ('retry_same_channel'::text, 'voice'::text, 'voice'::text, null::timestamptz, 'attempts_left'::text)$$,
  'campaign A, step 2, voice 1/2: retry_same_channel (step 1''s attempts are not step 2''s)');

-- TEST: touches outside any campaign are decided with a null campaign.
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, null, 1, %L)$$, :'lead', :'now'),
  $$values ('switch_channel'::text, 'voice'::text, 'whatsapp'::text, null::timestamptz, 'current_exhausted'::text)$$,
  'no campaign, step 1, voice 2/2: switch_channel to whatsapp');

select * from finish();
rollback;
