-- active_enrollments counts the campaign's enrollments whose status is active.
begin;
select plan(3);

select tests.create_account() as a \gset
select tests.create_campaign(:'a', 'autos_outbound_miami') as miami \gset
select tests.create_campaign(:'a', 'autos_outbound_tampa') as tampa \gset
select tests.create_campaign(:'a', 'newsletter') as empty \gset

insert into public.campaign_leads (account_id, campaign_id, lead_id, status)
select :'a', :'miami', tests.create_lead(:'a', '+1305555010' || n), s
from unnest(array['active', 'active', 'active', 'paused', 'completed', 'stopped']) with ordinality as t(s, n);
insert into public.campaign_leads (account_id, campaign_id, lead_id, status)
values (:'a', :'tampa', tests.create_lead(:'a', '+13055550200'), 'active');

-- TEST: only active enrollments count, per campaign.
select is(
  (select active_enrollments from public.v_campaign_runtime_status_v1 where campaign_id = :'miami'),
  3::bigint,
  'Miami: 3 active of 6 enrollments (paused, completed, stopped not counted)');
select is(
  (select active_enrollments from public.v_campaign_runtime_status_v1 where campaign_id = :'tampa'),
  1::bigint,
  'Tampa: its own single active enrollment');
select is(
  (select active_enrollments from public.v_campaign_runtime_status_v1 where campaign_id = :'empty'),
  0::bigint,
  'a campaign without enrollments has 0');

select * from finish();
rollback;
