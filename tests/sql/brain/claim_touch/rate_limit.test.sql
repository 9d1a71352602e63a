-- Per-sender rate limit (1 per second by default): claims for the same sender in
-- the same second get not_before 1.4 s apart (one second plus a 400 ms margin); one
-- that would wait more than 2.5 seconds is rescheduled to its slot instead.
-- config.max_per_second raises it. Only two SMS slots fit in the 2.5 s wait (p and
-- p+1.4s): the third and fourth claims are both rescheduled to p+2.8s (the third's
-- refusal kept nothing).
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

-- TEST: the first two SMS claims.
select results_eq(
  $$select r->>'outcome', (r->>'not_before')::timestamptz from res where ch = 'sms' and n <= 2 order by n$$,
  format($$values ('claimed'::text, %L::timestamptz), ('claimed', %L)$$,
         :'p', :'p'::timestamptz + interval '1400 milliseconds'),
  'same sender, same second: not_before p, p+1.4s');

-- TEST: the third and fourth are rescheduled.
select is((select array_agg(r order by n) from res where ch = 'sms' and n >= 3),
  array_fill(jsonb_build_object('outcome', 'rescheduled', 'reason', 'rate_limited', 'scheduled_at', :'p'::timestamptz + interval '2800 milliseconds'), array[2]),
  'the third would wait 2.8 s: rescheduled to p+2.8s, and the fourth too');
select results_eq(
  format($$select t.status, t.scheduled_at, (select max(run_at) from tests.dispatch_jobs(t.id)) from public.touch_runs t where t.id = %L$$,
         (select id from touches where n = 3 and ch = 'sms')),
  format($$values ('scheduled'::text, %1$L::timestamptz, %1$L::timestamptz)$$, :'p'::timestamptz + interval '2800 milliseconds'),
  'its touch is scheduled at p+2.8s and its job moved there');
select is((select count(*)::int from public.outbound_messages m join touches t on t.id = m.touch_run_id where t.ch = 'sms'), 2,
  'two SMS intents recorded, not four');

-- TEST: rescheduled, it is claimed at its slot.
select is(
  (brain.claim_touch((select id from touches where n = 3 and ch = 'sms'), null, :'p'::timestamptz + interval '2800 milliseconds') ->> 'not_before')::timestamptz,
  :'p'::timestamptz + interval '2800 milliseconds', 'at p+2.8s it is claimed');

-- TEST: max_per_second 3: paced 1.4 s / 3 = 466.667 ms apart (to the microsecond, rounded up, so
-- the fourth, paced after the third, is 1 µs later than 1.4 s after the first).
select results_eq(
  $$select r->>'outcome', (r->>'not_before')::timestamptz from res where ch = 'whatsapp' order by n$$,
  format($$values ('claimed'::text, %L::timestamptz), ('claimed', %L), ('claimed', %L), ('claimed', %L)$$,
         :'p', :'p'::timestamptz + interval '466.667 milliseconds', :'p'::timestamptz + interval '933.334 milliseconds',
         :'p'::timestamptz + interval '1400.001 milliseconds'),
  'config.max_per_second 3: paced 0.466667 s apart (p, p+0.466667s, p+0.933334s), the fourth at p+1.400001s');

-- TEST: the two senders did not slow each other.
select is((select (r->>'not_before')::timestamptz from res where ch = 'whatsapp' and n = 1), :'p'::timestamptz,
  'the WhatsApp sender starts at p although the SMS sender is busy');

select * from finish();
rollback;
