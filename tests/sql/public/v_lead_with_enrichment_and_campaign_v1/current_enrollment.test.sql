-- lead_enriched plus the lead's current enrollment: the active one, else the latest.
begin;
select plan(3);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_campaign(:'a', 'old_campaign') as c_old \gset
select tests.create_campaign(:'a', 'live_campaign') as c_live \gset
select tests.create_campaign(:'a', 'later_campaign') as c_later \gset
select tests.create_lead(:'a', '+13055550101', 'ana@example.com') as l_active \gset
select tests.create_lead(:'a', '+13055550102') as l_stopped \gset
select tests.create_lead(:'a', '+13055550103') as l_none \gset
insert into public.campaign_leads (account_id, campaign_id, lead_id, status, current_step, enrolled_at, next_step_at)
values (:'a', :'c_old', :'l_active', 'completed', 3, :'now'::timestamptz - interval '10 days', null),
       (:'a', :'c_later', :'l_active', 'stopped', 1, :'now'::timestamptz - interval '1 day', null),
       (:'a', :'c_live', :'l_active', 'active', 2, :'now'::timestamptz - interval '5 days', :'now'),
       (:'a', :'c_old', :'l_stopped', 'stopped', 2, :'now'::timestamptz - interval '10 days', null),
       (:'a', :'c_later', :'l_stopped', 'completed', 4, :'now'::timestamptz - interval '2 days', null);

-- TEST: active first.
select results_eq(
  format($$select campaign_id, campaign_key, campaign_is_active, enrollment_status, current_step, next_step_at, is_gold
           from public.v_lead_with_enrichment_and_campaign_v1 where lead_id = %L$$, :'l_active'),
  format($$values (%L::uuid, 'live_campaign'::text, true, 'active'::text, 2, %L::timestamptz, false)$$, :'c_live', :'now'),
  'the active enrollment wins over later stopped and older completed ones');

-- TEST: else the latest.
select results_eq(
  format($$select campaign_key, enrollment_status, current_step from public.v_lead_with_enrichment_and_campaign_v1 where lead_id = %L$$, :'l_stopped'),
  $$values ('later_campaign'::text, 'completed'::text, 4)$$, 'without an active one, the latest enrollment');

-- TEST: none.
select results_eq(
  format($$select campaign_id, enrollment_status, phone::text from public.v_lead_with_enrichment_and_campaign_v1 where lead_id = %L$$, :'l_none'),
  $$values (null::uuid, null::text, '+13055550103'::text)$$, 'a lead never enrolled: one row with no campaign');

select * from finish();
rollback;
