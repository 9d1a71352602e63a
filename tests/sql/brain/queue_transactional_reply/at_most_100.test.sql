-- At most 100 transactional replies per lead and channel: the 101st is not queued.
begin;
select plan(3);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_lead(:'a', '+13055550101') as l \gset
insert into public.touch_runs (account_id, lead_id, campaign_id, step, channel, attempt, status, scheduled_at, payload)
select :'a', :'l', null, 100, 'sms', n, 'canceled', :'now', '{"meta": {"transactional": true}}'
from generate_series(1, 99) n;

create temp table res on commit drop as
select 100 as n, brain.queue_transactional_reply(:'a', :'l', 'sms', 'help_reply', 'hi', :'now') as id;
insert into res select 101, brain.queue_transactional_reply(:'a', :'l', 'sms', 'help_reply', 'hi', :'now');

-- TEST: the 100th is queued, the 101st is not.
select isnt((select id from res where n = 100), null, 'the 100th reply is queued');
select is((select id from res where n = 101), null, 'the 101st returns null');
select is((select count(*)::int from public.touch_runs where lead_id = :'l'), 100, 'no 101st touch');

select * from finish();
rollback;
