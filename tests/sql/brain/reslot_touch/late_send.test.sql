-- A claimed touch whose send would start late takes a new slot from its sender:
-- after every slot already reserved, paced like the rest (1.4 s / max_per_second),
-- and only for the worker that holds the claim.
begin;
select plan(7);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
update public.account_provider_settings set config = config || '{"max_per_second": 5}' where account_id = :'a';
create temp table touches on commit drop as
select n, tests.create_touch(:'a', tests.create_lead(:'a', '+1305555' || (1200 + n)), null, 1, 'sms', 1, :'now'::timestamptz - interval '5 minutes') as id
from generate_series(1, 3) n;

create temp table claimed on commit drop as select * from brain.claim_touches(:'a', 10, 'worker-1', :'now');
select is((select count(*)::int from claimed where claim ->> 'outcome' = 'claimed'), 3, 'three touches claimed');

select touch_run_id as first, claim -> 'send' ->> 'from' as sender from claimed order by (claim ->> 'not_before')::timestamptz limit 1 \gset
select max((claim ->> 'not_before')::timestamptz) as last_slot from claimed \gset

-- TEST: the new slot comes after every reserved one, paced by 1.4 s / 5 = 280 ms (the
-- claimed slots, at now, now+280ms and now+560ms, are far ahead of the clock: none moved).
select brain.reslot_touch(:'first', 'worker-1', :'now') as new_slot \gset
select is(:'new_slot'::timestamptz, :'last_slot'::timestamptz + interval '280 milliseconds',
          'the new slot is 280 ms after the last reserved slot');
select is((select recent[array_length(recent, 1)] from public.sender_rate_state
           where account_id = :'a' and channel = 'sms' and sender = :'sender'),
          :'new_slot'::timestamptz, 'the new slot is recorded as the sender''s latest');

-- TEST: a second late start takes the next slot again.
select is(brain.reslot_touch(:'first', 'worker-1', :'now'), :'new_slot'::timestamptz + interval '280 milliseconds',
          'a second reslot paces after the first');

-- TEST: only the claiming worker may ask, and only while the touch is sending.
select throws_ok(format($$select brain.reslot_touch(%L, 'worker-2')$$, :'first'), '55000', 'touch_not_claimed',
                 'another worker is refused');
-- TEST: a sender booked more than a minute ahead gives no slot.
update public.sender_rate_state set recent = array[:'now'::timestamptz + interval '5 minutes']
where account_id = :'a' and channel = 'sms' and sender = :'sender';
select throws_ok(format($$select brain.reslot_touch(%L, 'worker-1', %L)$$, :'first', :'now'), '55000', 'slot_unavailable',
                 'no free slot within a minute is refused');

-- TEST: a touch no longer sending is refused.
update public.touch_runs set status = 'sent', sent_at = :'now' where id = :'first';
select throws_ok(format($$select brain.reslot_touch(%L, 'worker-1')$$, :'first'), '55000', 'touch_not_claimed',
                 'a touch no longer sending is refused');

select * from finish();
rollback;
