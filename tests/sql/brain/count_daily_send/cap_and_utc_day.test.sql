-- The email daily cap per inbox: counts sends up to the cap, then refuses
-- without counting; the count is per UTC day and per sender.
begin;
select plan(7);

-- p is 10:00 in New York; day_end is the last second of p's UTC day (a New York
-- evening): the count follows the UTC day, not the local one.
select tests.local_at(1, '10:00') as p \gset
select ((:'p'::timestamptz at time zone 'UTC')::date + time '23:59:59') at time zone 'UTC' as day_end \gset
select tests.create_account() as a \gset

create temp table r (n int, ok boolean) on commit drop;
insert into r select 1, brain.count_daily_send(:'a', 'email', 'inbox@example.com', 3, :'p');
insert into r select 2, brain.count_daily_send(:'a', 'email', 'inbox@example.com', 3, :'p');
insert into r select 3, brain.count_daily_send(:'a', 'email', 'inbox@example.com', 3, :'day_end');
insert into r select 4, brain.count_daily_send(:'a', 'email', 'inbox@example.com', 3, :'day_end');

-- TEST: up to the cap.
select results_eq($$select ok from r order by n$$, $$values (true), (true), (true), (false)$$,
  'cap 3: three sends are counted, the fourth is refused');
select is(
  (select sent from public.sender_daily_counts
   where account_id = :'a' and sender = 'inbox@example.com' and day = (:'p'::timestamptz at time zone 'UTC')::date),
  3, 'the refused send was not counted');
select is(brain.count_daily_send(:'a', 'email', 'inbox@example.com', 3, :'p'), false,
  'still refused at any other time of that UTC day');

-- TEST: a new UTC day resets.
select is(brain.count_daily_send(:'a', 'email', 'inbox@example.com', 3, :'day_end'::timestamptz + interval '1 second'), true,
  'one second into the next UTC day a send is counted again');
select is(
  (select sent from public.sender_daily_counts
   where account_id = :'a' and sender = 'inbox@example.com' and day = (:'p'::timestamptz at time zone 'UTC')::date + 1),
  1, 'on a new row for that day');

-- TEST: another inbox has its own count.
select is(brain.count_daily_send(:'a', 'email', 'other@example.com', 3, :'p'), true, 'another inbox is not capped');

-- TEST: a raised cap lets more through the same day.
select is(brain.count_daily_send(:'a', 'email', 'inbox@example.com', 4, :'p'), true, 'with cap 4 the fourth is counted');

select * from finish();
rollback;
