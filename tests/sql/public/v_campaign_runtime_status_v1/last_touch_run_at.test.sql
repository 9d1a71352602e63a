-- last_touch_run_at is max(touch_runs.created_at) of each campaign.
begin;
select plan(4);

select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550100') as lead \gset
select tests.create_campaign(:'a', 'autos_outbound_miami') as miami \gset
select tests.create_campaign(:'a', 'autos_outbound_tampa') as tampa \gset
select tests.create_campaign(:'a', 'newsletter') as quiet \gset

select tests.create_touch(:'a', :'lead', :'miami', 1, 'sms', 1, now() - interval '3 days');
select tests.create_touch(:'a', :'lead', :'miami', 2, 'sms', 1, now() - interval '2 hours');
select tests.create_touch(:'a', :'lead', :'miami', 3, 'email', 1, now() - interval '30 hours');
select tests.create_touch(:'a', :'lead', :'tampa', 1, 'sms', 1, now() - interval '40 hours');
-- A touch with no campaign, newer than all of them, belongs to no campaign.
select tests.create_touch(:'a', :'lead', null, 1, 'sms', 1, now() - interval '1 minute');

-- TEST: the newest touch of each campaign, not the first nor another campaign's.
select is(
  (select last_touch_run_at from public.v_campaign_runtime_status_v1 where campaign_id = :'miami'),
  now() - interval '2 hours',
  'Miami: the newest of its three touches');
select is(
  (select last_touch_run_at from public.v_campaign_runtime_status_v1 where campaign_id = :'tampa'),
  now() - interval '40 hours',
  'Tampa: its own touch, older than 24 hours, still counts for last_touch_run_at');

-- TEST: a campaign without touches has none.
select is(
  (select last_touch_run_at from public.v_campaign_runtime_status_v1 where campaign_id = :'quiet'),
  null,
  'a campaign without touches has last_touch_run_at null');

-- TEST: one row per campaign.
select is(
  (select count(*)::int from public.v_campaign_runtime_status_v1 where account_id = :'a'),
  3,
  'one row per campaign of the account');

select * from finish();
rollback;
