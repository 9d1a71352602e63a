-- A batch's sender slots are moved later so that no send starts before the batch
-- has committed and reached the worker (its end plus 50 ms); a sender whose slots
-- are already that far ahead keeps them. Batches claimed one after another for the
-- same sender therefore stay within about 50 ms of the clock: moving every slot by
-- the batch's whole duration pushed each batch's slots past the last one's moved
-- slots, about 50 ms further ahead with every batch.
-- These claims run on the real clock (p_now is now()), in a zone where it is
-- working hours, so every touch is inside its send window.
begin;
select plan(7);

select tz from unnest(array['America/New_York', 'America/Los_Angeles', 'Pacific/Honolulu', 'Europe/London',
                            'Europe/Berlin', 'Asia/Dubai', 'Asia/Kolkata', 'Asia/Tokyo', 'Australia/Sydney',
                            'Pacific/Auckland', 'America/Sao_Paulo']) tz
where extract(hour from now() at time zone tz) between 9 and 17 limit 1 \gset
select tests.create_account() as a \gset
update public.org_settings set timezone = :'tz', send_window_start = '08:00', send_window_end = '21:00' where account_id = :'a';
-- Not about enrichment (issue 19): this account does not wait for it (its new leads are pending).
update public.org_settings set enrichment_wait_seconds = 0 where account_id = :'a';
select tests.set_all_providers(:'a');
update public.account_provider_settings set config = '{"senders": [{"address": "+13055550990"}], "max_per_second": 1000}'
where account_id = :'a' and channel = 'sms';
create temp table touches on commit drop as
select n, tests.create_touch(:'a', tests.create_lead(:'a', '+1305555' || (2100 + n), p_timezone => :'tz'), null, 1, 'sms', 1,
                             now() - interval '10 minutes' + make_interval(secs => n)) as id
from generate_series(1, 24) n;

-- Six batches of four, back to back; each batch's answer and the clock right after it.
create temp table claims (batch int, touch_run_id uuid, not_before timestamptz, outcome text, answered_at timestamptz) on commit drop;
do $$
begin
  for b in 1 .. 6 loop
    insert into claims
    select b, c.touch_run_id, (c.claim ->> 'not_before')::timestamptz, c.claim ->> 'outcome', clock_timestamp()
    from brain.claim_touches((select account_id from touches t join public.touch_runs r on r.id = t.id limit 1), 4, 'worker-1', now()) c;
  end loop;
end
$$;

-- TEST: all claimed, in order.
select is((select count(*)::int from claims where outcome = 'claimed'), 24, 'six batches of four: every touch claimed');

-- TEST: no batch's slots run ahead of the clock by more than the commit margin and its own pacing.
select is(
  (select array_agg(b order by b) from (
     select batch as b from claims group by batch
     having min(not_before) - max(answered_at) > interval '100 milliseconds') x),
  null::int[],
  'each batch''s first slot is at most 100 ms after the clock when it was answered (the sixth too)');

-- TEST: the sends are still paced: 1.4 s / 1000 apart, in claim order.
select is(
  (select count(*)::int from (
     select not_before - lag(not_before) over (order by batch, not_before) as gap from claims) g
   where g.gap < interval '1.4 milliseconds'),
  0, 'consecutive slots of the sender are at least 1.4 ms apart, across batches too');

-- TEST: the sender's log holds exactly the slots handed out, as far back as it keeps them: the
-- starts of the last 1.4 s (on a quiet box that is all of them; a slow one may have dropped the
-- first batches' by the sixth). No slot is missing, none added, none out of order.
select recent as log from public.sender_rate_state where account_id = :'a' and channel = 'sms' and sender = '+13055550990' \gset
select is(
  :'log'::timestamptz[],
  (select array_agg(not_before order by not_before) from claims where not_before >= (:'log'::timestamptz[])[1]),
  'sender_rate_state records the same (moved) slots the claims answered, from its oldest on');
select ok(
  (:'log'::timestamptz[])[1] <= (select min(not_before) from claims
                                   where not_before > (select max(answered_at) from claims) - interval '1.4 seconds'),
  'and it still has every slot of the last 1.4 s before the sixth batch was answered');

-- TEST: a sender whose slot is already far enough ahead keeps it.
update public.sender_rate_state set recent = recent || (clock_timestamp() + interval '2 seconds')
where account_id = :'a' and channel = 'sms' and sender = '+13055550990';
select (recent[array_length(recent, 1)]) as ahead from public.sender_rate_state
where account_id = :'a' and channel = 'sms' and sender = '+13055550990' \gset
select tests.create_touch(:'a', tests.create_lead(:'a', '+13055552200', p_timezone => :'tz'), null, 1, 'sms', 1, now() - interval '1 minute') as late \gset
select results_eq(
  format($$select claim ->> 'outcome', (claim ->> 'not_before')::timestamptz from brain.claim_touches(%L, 4, 'worker-1', now())$$, :'a'),
  format($$values ('claimed'::text, %L::timestamptz + interval '1.4 milliseconds')$$, :'ahead'),
  'a slot 2 s ahead is not moved: not_before is the last slot plus 1.4 ms exactly');
select is(
  (select recent[array_length(recent, 1)] from public.sender_rate_state where account_id = :'a' and channel = 'sms' and sender = '+13055550990'),
  :'ahead'::timestamptz + interval '1.4 milliseconds',
  'and the log has that slot, unmoved');

select * from finish();
rollback;
