-- The warm-up ramp: 20 a day, +10% a day, rounded up, never above the target; a new
-- inbox is on day 0, an already warm one at its target, a paused one at 0; a number's
-- cap is its target.
begin;
select plan(6);

select tests.create_account() as a \gset

-- TEST: the schedule grows from 20 by 10% a day to the target.
select is(array(select brain.sender_ramp_cap(20, 10, d, 500) from generate_series(0, 7) d),
  array[20, 22, 25, 27, 30, 33, 36, 39], 'days 0–7: 20, 22, 25, 27, 30, 33, 36, 39 (ceil of 20 × 1.1^day)');
select is(brain.sender_ramp_cap(20, 10, 34, 500), 500, 'day 34 reaches the target of 500 (20 × 1.1^34 ≈ 512)');
select is(brain.sender_ramp_cap(20, 10, 33, 500), 465, 'day 33 is still on the ramp');
select is(brain.sender_ramp_cap(20, 10, 100000, 500), 500, 'a very old sender is at its target (no overflow)');

-- TEST: per sender.
insert into public.sender_reputation (account_id, channel, sender, ramp_started_on, already_warm, paused_at, paused_reason, paused_detail)
values (:'a', 'email', 'day3@dealer.example', current_date - 3, false, null, null, null),
       (:'a', 'email', 'warm@dealer.example', current_date, true, null, null, null),
       (:'a', 'email', 'slow@dealer.example', current_date - 2, false, null, null, null),
       (:'a', 'email', 'paused@dealer.example', current_date - 40, false, now(), 'bounce_rate', '{}');
update public.sender_reputation set ramp_start_cap = 5, ramp_growth_pct = 50 where account_id = :'a' and sender = 'slow@dealer.example';
select results_eq(
  $$select sender, cap, ramp_day, paused from brain.sender_caps($$ || quote_literal(:'a') || $$::uuid, 'email',
      array['new@dealer.example', 'day3@dealer.example', 'warm@dealer.example', 'slow@dealer.example', 'paused@dealer.example'], 300, current_date)$$,
  $$values ('new@dealer.example'::text, 20, 0, false), ('day3@dealer.example', 27, 3, false), ('warm@dealer.example', 300, 0, false),
           ('slow@dealer.example', 12, 2, false), ('paused@dealer.example', 0, 40, true)$$,
  'new: 20 on day 0; day 3: 27; already warm: the target; its own ramp (5, +50%): 12 on day 2; paused: 0');
select results_eq(
  $$select sender, cap, ramp_day, paused from brain.sender_caps($$ || quote_literal(:'a') || $$::uuid, 'sms', array['+13055550100'], 250, current_date)$$,
  $$values ('+13055550100'::text, 250, null::integer, false)$$,
  'a number: its target, no ramp, never paused');

select * from finish();
rollback;
