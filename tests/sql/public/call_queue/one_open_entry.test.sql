-- call_queue: at most one open entry per lead; a closed entry allows a new one.
begin;
select plan(4);

select tests.create_account() as a \gset
select tests.create_lead(:'a') as lead \gset

select lives_ok(
  format($$insert into public.call_queue (account_id, lead_id, reason) values (%L, %L, 'positive_reply_gold')$$, :'a', :'lead'),
  'a lead is queued');
select throws_ok(
  format($$insert into public.call_queue (account_id, lead_id, reason) values (%L, %L, 'hot_call')$$, :'a', :'lead'),
  '23505', 'duplicate key value violates unique constraint "call_queue_one_open_per_lead_idx"',
  'a lead already waiting is not queued twice');
update public.call_queue set status = 'done', completed_at = now() where lead_id = :'lead';
select lives_ok(
  format($$insert into public.call_queue (account_id, lead_id, reason) values (%L, %L, 'hot_call')$$, :'a', :'lead'),
  'after the call is done the lead may be queued again');
select is(
  (select priority from public.call_queue where lead_id = :'lead' and status = 'pending'),
  100, 'the default priority is 100');

select * from finish();
rollback;
