-- v_lead_channel_attempts respects tenancy: the API role of account A sees A's
-- attempts and none of account B's.
begin;
select plan(2);

\set now '2026-03-10 15:00:00+00'
select tests.create_account() as a \gset
select tests.create_account() as b \gset
select tests.create_lead(:'a', '+13055550104') as lead_a \gset
select tests.create_lead(:'b', '+13055550104') as lead_b \gset
select tests.create_touch(:'a', :'lead_a', null, 1, 'sms', 1, :'now'::timestamptz - interval '1 day') as ta \gset
select tests.create_touch(:'b', :'lead_b', null, 1, 'sms', 1, :'now'::timestamptz - interval '1 day') as tb \gset
select tests.record_attempt(:'ta', :'now'::timestamptz - interval '1 day', 'touch_sent');
select tests.record_attempt(:'tb', :'now'::timestamptz - interval '1 day', 'touch_sent');

select tests.act_as('revenue_api', :'a');

-- TEST: A sees its own lead's attempts.
select results_eq(
  format($$select lead_id, attempts_done from brain.lead_channel_attempts_at(%L)$$, :'now'),
  format($$values (%L::uuid, 1::bigint)$$, :'lead_a'),
  'as revenue_api for A, the attempts are A''s lead''s only');

-- TEST: the view shows nothing of B.
select is(
  (select count(*)::int from public.v_lead_channel_attempts where account_id = :'b' or lead_id = :'lead_b'),
  0, 'as revenue_api for A, the view shows no row of B');

select * from finish();
rollback;
