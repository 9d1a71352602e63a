-- Per-sender rate limit (1 per second by default): claims for the same sender in
-- the same second get not_before one second apart; one that would wait more than
-- 2 seconds is rescheduled to its slot instead. config.max_per_second raises it.
begin;
select plan(7);

select tests.local_at(1, '10:00') as p \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
update public.account_provider_settings set config = '{"senders": [{"address": "+13055550999"}]}'
where account_id = :'a' and channel = 'sms';
update public.account_provider_settings set config = '{"senders": [{"address": "+13055550998"}], "max_per_second": 3}'
where account_id = :'a' and channel = 'whatsapp';
create temp table leads_n on commit drop as
select n, tests.create_lead(:'a', '+1305555010' || n) as lead_id from generate_series(1, 4) n;
create temp table touches on commit drop as
select n, ch, tests.create_touch(:'a', lead_id, null, 1, ch, 1, :'p'::timestamptz - interval '1 hour') as id
from leads_n cross join (values ('sms'), ('whatsapp')) c(ch);

create temp table res (n int, ch text, r jsonb) on commit drop;
insert into res select 1, 'sms', brain.claim_touch((select id from touches where n = 1 and ch = 'sms'), null, :'p');
insert into res select 2, 'sms', brain.claim_touch((select id from touches where n = 2 and ch = 'sms'), null, :'p');
insert into res select 3, 'sms', brain.claim_touch((select id from touches where n = 3 and ch = 'sms'), null, :'p');
insert into res select 4, 'sms', brain.claim_touch((select id from touches where n = 4 and ch = 'sms'), null, :'p');
insert into res select n, 'whatsapp', brain.claim_touch(id, null, :'p') from touches where ch = 'whatsapp' and n = 1;
insert into res select n, 'whatsapp', brain.claim_touch(id, null, :'p') from touches where ch = 'whatsapp' and n = 2;
insert into res select n, 'whatsapp', brain.claim_touch(id, null, :'p') from touches where ch = 'whatsapp' and n = 3;
insert into res select n, 'whatsapp', brain.claim_touch(id, null, :'p') from touches where ch = 'whatsapp' and n = 4;

-- TEST: the first three SMS claims.
select results_eq(
  $$select r->>'outcome', (r->>'not_before')::timestamptz from res where ch = 'sms' and n <= 3 order by n$$,
  format($$values ('claimed'::text, %L::timestamptz), ('claimed', %L), ('claimed', %L)$$,
         :'p', :'p'::timestamptz + interval '1200 milliseconds', :'p'::timestamptz + interval '2400 milliseconds'),
  'same sender, same second: not_before p, p+1.2s, p+2.4s');

-- TEST: the fourth is rescheduled.
select is((select r from res where ch = 'sms' and n = 4),
  jsonb_build_object('outcome', 'rescheduled', 'reason', 'rate_limited', 'scheduled_at', :'p'::timestamptz + interval '3600 milliseconds'),
  'the fourth would wait 3.15 s: rescheduled to p+3.6s');
select results_eq(
  format($$select t.status, t.scheduled_at, (select max(run_at) from tests.dispatch_jobs(t.id)) from public.touch_runs t where t.id = %L$$,
         (select id from touches where n = 4 and ch = 'sms')),
  format($$values ('scheduled'::text, %1$L::timestamptz, %1$L::timestamptz)$$, :'p'::timestamptz + interval '3600 milliseconds'),
  'its touch is scheduled at p+3.6s and its job moved there');
select is((select count(*)::int from public.outbound_messages m join touches t on t.id = m.touch_run_id where t.ch = 'sms'), 3,
  'three SMS intents recorded, not four');

-- TEST: rescheduled, it is claimed at its slot.
select is(
  (brain.claim_touch((select id from touches where n = 4 and ch = 'sms'), null, :'p'::timestamptz + interval '3600 milliseconds') ->> 'not_before')::timestamptz,
  :'p'::timestamptz + interval '3600 milliseconds', 'at p+3.6s it is claimed');

-- TEST: max_per_second 3.
select results_eq(
  $$select r->>'outcome', (r->>'not_before')::timestamptz from res where ch = 'whatsapp' order by n$$,
  format($$values ('claimed'::text, %L::timestamptz), ('claimed', %L), ('claimed', %L), ('claimed', %L)$$,
         :'p', :'p'::timestamptz + interval '400 milliseconds', :'p'::timestamptz + interval '800 milliseconds',
         :'p'::timestamptz + interval '1200 milliseconds'),
  'config.max_per_second 3: paced 0.4 s apart (p, p+0.4s, p+0.8s), the fourth at p+1.2s');

-- TEST: the two senders did not slow each other.
select is((select (r->>'not_before')::timestamptz from res where ch = 'whatsapp' and n = 1), :'p'::timestamptz,
  'the WhatsApp sender starts at p although the SMS sender is busy');

select * from finish();
rollback;
