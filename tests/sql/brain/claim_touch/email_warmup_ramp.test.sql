-- An inbox on its warm-up ramp: a new inbox sends 20 on its first UTC day (the rest wait
-- for the next UTC midnight), 22 on its second; the ramp starts with its first send.
begin;
select plan(7);

select tests.local_at(1, '10:00') as now \gset
select (((:'now'::timestamptz at time zone 'UTC')::date + 1)::timestamp at time zone 'UTC') as next_utc_day \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
update public.org_settings set contact_email = 'new-inbox@dealer.example' where account_id = :'a';

create temp table touches on commit drop as
select n, tests.create_touch(:'a', tests.create_lead(:'a', null, 'lead' || n || '@example.com'), null, 1, 'email', 1,
                             :'now'::timestamptz - interval '1 hour') as id
from generate_series(1, 25) n;
create temp table res on commit drop as
select r.touch_run_id, r.claim from brain.claim_touch_rows(:'a', array(select id from touches order by n), 'tests', :'now') r;

-- TEST: day 0 of the ramp: 20.
select is((select count(*)::int from res where claim ->> 'outcome' = 'claimed'), 20, 'a new inbox sends 20 on its first day');
select results_eq(
  $$select t.n, r.claim ->> 'outcome', r.claim ->> 'reason' from res r join touches t on t.id = r.touch_run_id where t.n > 20 order by t.n$$,
  $$select n, 'rescheduled'::text, 'daily_cap'::text from generate_series(21, 25) n$$,
  'the 21st to 25th, in the given order, are rescheduled as daily_cap');
select is((select count(*)::int from public.touch_runs where id in (select id from touches where n > 20) and scheduled_at = :'next_utc_day'),
  5, 'to the next UTC midnight');
select results_eq(
  format($$select ramp_started_on, already_warm from public.sender_reputation where account_id = %L and sender = 'new-inbox@dealer.example'$$, :'a'),
  format($$values (%L::date, false)$$, (:'now'::timestamptz at time zone 'UTC')::date),
  'the ramp started on the UTC day of the first send');
select results_eq(
  format($$select sent, cap from public.sender_daily_counts where account_id = %L and sender = 'new-inbox@dealer.example'$$, :'a'),
  $$values (20, 20)$$, 'the day''s count is 20 of a cap of 20');

-- TEST: the next day the cap has grown (+10%: 22).
create temp table touches2 on commit drop as
select n, tests.create_touch(:'a', tests.create_lead(:'a', null, 'next' || n || '@example.com'), null, 1, 'email', 1,
                             :'now'::timestamptz) as id
from generate_series(1, 25) n;
create temp table res2 on commit drop as
select r.touch_run_id, r.claim from brain.claim_touch_rows(:'a', array(select id from touches2 order by n), 'tests', :'now'::timestamptz + interval '1 day') r;
select is((select count(*)::int from res2 where claim ->> 'outcome' = 'claimed'), 22, 'day 1 of the ramp: 22');

-- TEST: marked already warm, the inbox gets its target (config daily_cap).
update public.sender_reputation set already_warm = true where account_id = :'a';
update public.account_provider_settings set config = '{"daily_cap": 24}' where account_id = :'a' and channel = 'email';
create temp table touches3 on commit drop as
select n, tests.create_touch(:'a', tests.create_lead(:'a', null, 'warm' || n || '@example.com'), null, 1, 'email', 1,
                             :'now'::timestamptz) as id
from generate_series(1, 5) n;
select is((select count(*)::int from brain.claim_touch_rows(:'a', array(select id from touches3 order by n), 'tests',
                                                            :'now'::timestamptz + interval '1 day') r
           where r.claim ->> 'outcome' = 'claimed'), 2, 'already warm: up to the target (24 = 22 + 2)');

select * from finish();
rollback;
