-- The 24h counts only count touches created in the last 24 hours.
begin;
select plan(5);

select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550100') as lead \gset
select tests.create_campaign(:'a', 'autos_outbound_miami') as miami \gset
select tests.create_campaign(:'a', 'autos_outbound_tampa') as tampa \gset

select tests.create_touch(:'a', :'lead', :'miami', 1, 'sms', 1, now() - interval '23 hours');
select tests.create_touch(:'a', :'lead', :'miami', 2, 'sms', 1, now() - interval '1 minute');
select tests.create_touch(:'a', :'lead', :'miami', 3, 'sms', 1, now() - interval '25 hours');
select tests.create_touch(:'a', :'lead', :'miami', 4, 'sms', 1, now() - interval '10 days');
select tests.create_touch(:'a', :'lead', :'tampa', 1, 'sms', 1, now() - interval '25 hours');

-- TEST: 23h old counts, 25h old does not.
select results_eq(
  format('select touch_runs_24h, queued_24h from public.v_campaign_runtime_status_v1 where campaign_id = %L', :'miami'),
  $$values (2::bigint, 2::bigint)$$,
  'Miami: the touches 23h and 1min old count, those 25h and 10 days old do not');
select results_eq(
  format('select touch_runs_24h, queued_24h, sent_24h, failed_24h from public.v_campaign_runtime_status_v1 where campaign_id = %L', :'tampa'),
  $$values (0::bigint, 0::bigint, 0::bigint, 0::bigint)$$,
  'Tampa: only a 25h old touch: every 24h count is 0');
select is(
  (select last_touch_run_at from public.v_campaign_runtime_status_v1 where campaign_id = :'tampa'),
  now() - interval '25 hours',
  'Tampa still shows its last touch');

-- TEST: the old touches of each status stay out of the split counts too.
update public.touch_runs set status = 'sending' where campaign_id = :'miami' and step in (3, 4);
update public.touch_runs set status = 'sent' where campaign_id = :'miami' and step = 3;
update public.touch_runs set status = 'failed' where campaign_id = :'miami' and step = 4;
select results_eq(
  format('select touch_runs_24h, queued_24h, sent_24h, failed_24h from public.v_campaign_runtime_status_v1 where campaign_id = %L', :'miami'),
  $$values (2::bigint, 2::bigint, 0::bigint, 0::bigint)$$,
  'a sent touch 25h old and a failed one 10 days old are not in sent_24h / failed_24h');

-- TEST: a recent touch without a campaign is counted for no campaign.
select tests.create_touch(:'a', :'lead', null, 1, 'sms', 1, now() - interval '1 hour');
select is(
  (select sum(touch_runs_24h)::int from public.v_campaign_runtime_status_v1 where account_id = :'a'),
  2,
  'campaign-less touches are not counted under any campaign');

select * from finish();
rollback;
