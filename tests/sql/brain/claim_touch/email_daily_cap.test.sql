-- The per-inbox email daily cap (provider config daily_cap): beyond it the touch
-- is rescheduled to the start of the next UTC day, not sent.
begin;
select plan(6);

select tests.local_at(1, '10:00') as now \gset
select (((:'now'::timestamptz at time zone 'UTC')::date + 1)::timestamp at time zone 'UTC') as next_utc_day \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
update public.account_provider_settings set config = '{"daily_cap": 2}' where account_id = :'a' and channel = 'email';
update public.org_settings set contact_email = 'inbox@dealer.example' where account_id = :'a';
create temp table touches on commit drop as
select n, tests.create_touch(:'a', tests.create_lead(:'a', '+1305555010' || n, 'lead' || n || '@example.com'), null, 1, 'email', 1,
                             :'now'::timestamptz - interval '1 hour') as id
from generate_series(1, 3) n;

create temp table res (n int, r jsonb) on commit drop;
insert into res select 1, brain.claim_touch((select id from touches where n = 1), null, :'now');
insert into res select 2, brain.claim_touch((select id from touches where n = 2), null, :'now');
insert into res select 3, brain.claim_touch((select id from touches where n = 3), null, :'now');

-- TEST: two sent, the third rescheduled.
select results_eq($$select r->>'outcome' from res order by n$$, $$values ('claimed'::text), ('claimed'), ('rescheduled')$$,
  'cap 2: the first two are claimed, the third is not');
select is((select r->>'reason' from res where n = 3), 'daily_cap', 'reason daily_cap');
select results_eq(
  format($$select status, scheduled_at from public.touch_runs where id = %L$$, (select id from touches where n = 3)),
  format($$values ('scheduled'::text, %L::timestamptz)$$, :'next_utc_day'),
  'the third touch is scheduled at the next UTC midnight');
select is((select max(run_at) from tests.dispatch_jobs((select id from touches where n = 3))), :'next_utc_day'::timestamptz,
  'and its dispatch job moved there');
select is((select count(*)::int from public.outbound_messages where account_id = :'a'), 2, 'two emails recorded, not three');
select is(
  (select sent from public.sender_daily_counts where account_id = :'a' and sender = 'inbox@dealer.example'),
  2, 'the inbox''s count for the day is 2');

select * from finish();
rollback;
