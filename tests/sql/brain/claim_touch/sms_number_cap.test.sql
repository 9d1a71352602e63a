-- A number's daily cap (SMS provider config daily_cap): past it, texts wait for the next
-- UTC midnight (daily_cap); a carrier-required reply is neither capped nor counted; a
-- text counted but not given a slot (rate_limited) gives its count back.
begin;
select plan(6);

select tests.local_at(1, '10:00') as now \gset
select (((:'now'::timestamptz at time zone 'UTC')::date + 1)::timestamp at time zone 'UTC') as next_utc_day \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.give_sms_senders(:'a', '+13055550900');
update public.account_provider_settings set config = config || '{"daily_cap": 3, "max_per_second": 100}' where account_id = :'a' and channel = 'sms';

create temp table touches on commit drop as
select n, tests.create_touch(:'a', tests.create_lead(:'a', '+1305555' || (2000 + n)), null, 1, 'sms', 1,
                             :'now'::timestamptz - interval '1 hour') as id
from generate_series(1, 5) n;
-- A STOP confirmation (transactional) to a sixth lead.
insert into touches
select 6, tests.create_touch(:'a', tests.create_lead(:'a', '+13055552006'), null, 1, 'sms', 1, :'now'::timestamptz - interval '1 hour',
                             '{"delivery": {"body": "You are unsubscribed."}, "meta": {"transactional": true}}'::jsonb);
create temp table res on commit drop as
select r.touch_run_id, r.claim from brain.claim_touch_rows(:'a', array(select id from touches order by n), 'tests', :'now') r;

-- TEST: three texts, then the cap.
select results_eq(
  $$select t.n, r.claim ->> 'outcome', r.claim ->> 'reason' from res r join touches t on t.id = r.touch_run_id order by t.n$$,
  $$values (1, 'claimed'::text, null::text), (2, 'claimed', null), (3, 'claimed', null), (4, 'rescheduled', 'daily_cap'),
           (5, 'rescheduled', 'daily_cap'), (6, 'claimed', null)$$,
  'cap 3: three texts go, two wait; the carrier-required reply goes too');
select is((select count(*)::int from public.touch_runs where id in (select id from touches where n in (4, 5)) and scheduled_at = :'next_utc_day'),
  2, 'the capped texts wait for the next UTC midnight');
select results_eq(
  format($$select sender, sent, cap from public.sender_daily_counts where account_id = %L and channel = 'sms'$$, :'a'),
  $$values ('+13055550900'::text, 3, 3)$$, 'the number''s count is 3 (the reply is not counted)');

-- TEST: the next UTC day the number sends again.
select is((brain.claim_touch((select id from touches where n = 4), 'tests', :'next_utc_day'::timestamptz + interval '14 hours') ->> 'outcome'),
  'claimed', 'the next day the number sends again');

-- TEST: rate-limited texts give their count back. One a second: in 2.5 s two slots, three refused.
update public.account_provider_settings set config = config || '{"daily_cap": 100, "max_per_second": 1}' where account_id = :'a' and channel = 'sms';
create temp table more on commit drop as
select n, tests.create_touch(:'a', tests.create_lead(:'a', '+1305555' || (3000 + n)), null, 2, 'sms', 1,
                             :'now'::timestamptz + interval '2 days') as id
from generate_series(1, 5) n;
select tests.local_at(4, '10:00') as later \gset
create temp table res2 on commit drop as
select r.touch_run_id, r.claim from brain.claim_touch_rows(:'a', array(select id from more order by n), 'tests', :'later') r;
select is((select count(*)::int from res2 where claim ->> 'outcome' = 'claimed'), 2, 'two slots in the next 2.5 s');
select is((select sent from public.sender_daily_counts where account_id = :'a' and channel = 'sms' and day = (:'later'::timestamptz at time zone 'UTC')::date),
  2, 'the day counts the two claimed, not the three rate-limited');

select * from finish();
rollback;
