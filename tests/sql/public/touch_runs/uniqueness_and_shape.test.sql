-- touch_runs: one row per (account, lead, campaign, step, channel, attempt), also
-- when campaign_id is null; payload is an object; tenancy is enforced by keys.
begin;
select plan(8);

select tests.create_account() as a \gset
select tests.create_account() as b \gset
select tests.create_lead(:'a', '+13055550100') as lead \gset
select tests.create_campaign(:'a') as c \gset

select lives_ok(
  format($$insert into public.touch_runs (account_id, lead_id, campaign_id, step, channel, attempt) values (%L, %L, %L, 1, 'sms', 1)$$, :'a', :'lead', :'c'),
  'a first attempt is accepted');
select throws_ok(
  format($$insert into public.touch_runs (account_id, lead_id, campaign_id, step, channel, attempt) values (%L, %L, %L, 1, 'sms', 1)$$, :'a', :'lead', :'c'),
  '23505', 'duplicate key value violates unique constraint "touch_runs_attempt_key"',
  'the same attempt twice is refused');
select lives_ok(
  format($$insert into public.touch_runs (account_id, lead_id, campaign_id, step, channel, attempt) values (%L, %L, %L, 1, 'sms', 2), (%L, %L, %L, 1, 'voice', 1)$$,
         :'a', :'lead', :'c', :'a', :'lead', :'c'),
  'a second attempt, or another channel, is a new touch');
select lives_ok(
  format($$insert into public.touch_runs (account_id, lead_id, campaign_id, step, channel, attempt) values (%L, %L, null, 1, 'whatsapp', 1)$$, :'a', :'lead'),
  'a touch outside any campaign is accepted');
select throws_ok(
  format($$insert into public.touch_runs (account_id, lead_id, campaign_id, step, channel, attempt) values (%L, %L, null, 1, 'whatsapp', 1)$$, :'a', :'lead'),
  '23505', 'duplicate key value violates unique constraint "touch_runs_attempt_key"',
  'a null campaign does not escape the uniqueness (nulls not distinct)');
select throws_ok(
  format($$insert into public.touch_runs (account_id, lead_id, channel, payload) values (%L, %L, 'sms', '[1,2]')$$, :'a', :'lead'),
  '23514', 'new row for relation "touch_runs" violates check constraint "touch_runs_payload_check"',
  'the payload must be a JSON object');
select throws_ok(
  format($$insert into public.touch_runs (account_id, lead_id, channel) values (%L, %L, 'sms')$$, :'b', :'lead'),
  '23503', 'insert or update on table "touch_runs" violates foreign key constraint "touch_runs_lead_fkey"',
  'a touch cannot put one account''s lead under another account');
select throws_ok(
  format($$insert into public.touch_runs (account_id, lead_id, channel, status) values (%L, %L, 'sms', 'done')$$, :'a', :'lead'),
  '23503', 'insert or update on table "touch_runs" violates foreign key constraint "touch_runs_status_fkey"',
  'status must be a lifecycle status');

select * from finish();
rollback;
