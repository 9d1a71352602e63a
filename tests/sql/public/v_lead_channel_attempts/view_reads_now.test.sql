-- public.v_lead_channel_attempts is brain.lead_channel_attempts_at(now()), readable
-- by analysts: it shows the attempts recorded up to the transaction's now().
-- Times here are relative to now(), which is fixed for the whole transaction.
begin;
select plan(2);

select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550103') as lead \gset
select tests.create_campaign(:'a') as c \gset
select tests.create_touch(:'a', :'lead', :'c', 1, 'whatsapp', 1, now() - interval '2 days') as t1 \gset
select tests.create_touch(:'a', :'lead', :'c', 1, 'whatsapp', 2, now() - interval '1 day') as t2 \gset
select tests.record_attempt(:'t1', now() - interval '2 days', 'touch_sent');
select tests.record_attempt(:'t2', now() - interval '1 day', 'touch_failed');
select tests.record_attempt(:'t2', now() + interval '1 hour', 'touch_sent');

-- TEST: the view counts the attempts up to now() and not the later one.
select results_eq(
  format($$select account_id, campaign_id, step, channel, attempts_done, last_attempt_at
           from public.v_lead_channel_attempts where lead_id = %L$$, :'lead'),
  format($$values (%L::uuid, %L::uuid, 1, 'whatsapp'::text, 2::bigint, %L::timestamptz)$$,
         :'a', :'c', now() - interval '1 day'),
  'the view shows 2 whatsapp attempts, the last a day ago');

-- TEST: an analyst of the account reads the same row.
select tests.act_as('revenue_analyst', :'a');
select results_eq(
  format($$select attempts_done from public.v_lead_channel_attempts where lead_id = %L$$, :'lead'),
  $$values (2::bigint)$$,
  'revenue_analyst reads the view for its account');

select * from finish();
rollback;
