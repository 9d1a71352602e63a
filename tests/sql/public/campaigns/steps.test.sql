-- campaign_steps: one row per step number, channels checked, fallback shape, tenancy.
begin;
select plan(6);

select tests.create_account() as a \gset
select tests.create_account() as b \gset
-- A paused campaign: these steps have no body, which only an active campaign refuses.
select tests.create_campaign(:'a', p_is_active => false) as c \gset

select lives_ok(
  format($$insert into public.campaign_steps (account_id, campaign_id, step, channel, fallback)
           values (%L, %L, 1, 'sms', '{"order":["sms","voice"],"max_attempts":{"sms":2,"voice":1},"cooldown_minutes":{"sms":720,"voice":0}}')$$,
         :'a', :'c'),
  'a step with a fallback plan is accepted');
select throws_ok(
  format($$insert into public.campaign_steps (account_id, campaign_id, step, channel) values (%L, %L, 1, 'voice')$$, :'a', :'c'),
  '23505', 'duplicate key value violates unique constraint "campaign_steps_account_campaign_step_key"',
  'a step number is used once per campaign');
select throws_ok(
  format($$insert into public.campaign_steps (account_id, campaign_id, step, channel) values (%L, %L, 2, 'fax')$$, :'a', :'c'),
  '23514', 'value for domain channel violates check constraint "channel_check"',
  'unknown channels are refused');
select throws_ok(
  format($$insert into public.campaign_steps (account_id, campaign_id, step, channel, fallback) values (%L, %L, 2, 'sms', '{"order":[]}')$$, :'a', :'c'),
  '23514', 'new row for relation "campaign_steps" violates check constraint "campaign_steps_fallback_check"',
  'a fallback plan needs a non-empty order');
select throws_ok(
  format($$insert into public.campaign_steps (account_id, campaign_id, step, channel) values (%L, %L, 0, 'sms')$$, :'a', :'c'),
  '23514', 'new row for relation "campaign_steps" violates check constraint "campaign_steps_step_check"',
  'steps start at 1');
select throws_ok(
  format($$insert into public.campaign_steps (account_id, campaign_id, step, channel) values (%L, %L, 2, 'sms')$$, :'b', :'c'),
  '23503', 'insert or update on table "campaign_steps" violates foreign key constraint "campaign_steps_campaign_fkey"',
  'a step cannot point at another account''s campaign');

select * from finish();
rollback;
