-- Enroll by filter: the preview writes nothing; enrolling skips the enrolled and the uncontactable.
begin;
select plan(7);

select tests.create_account('Alpha') as a \gset
select tests.create_campaign(:'a') as camp \gset
select tests.create_step(:'a', :'camp', 1, 'sms') \gset
select tests.create_lead(:'a', '+13055550121', null, 'new', 'craigslist') as l1 \gset
select tests.create_lead(:'a', '+13055550122', null, 'new', 'craigslist') as l2 \gset
select tests.create_lead(:'a', '+13055550123', null, 'new', 'craigslist') as l3 \gset
select tests.create_lead(:'a', '+13055550124', null, 'new', 'import') as l4 \gset
update public.leads set status = 'suppressed' where id = :'l3';
insert into public.campaign_leads (account_id, campaign_id, lead_id, status, current_step) values (:'a', :'camp', :'l2', 'active', 1);

select tests.act_as('revenue_api', :'a');

select results_eq(
  format($$select matched, already_enrolled, not_contactable, to_enroll, enrolled from public.enroll_leads(%L, '{"source": "craigslist"}', true)$$, :'camp'),
  $$values (3::bigint, 1::bigint, 1::bigint, 1::bigint, 0::bigint)$$,
  'the preview counts what would happen');
select results_eq(
  format($$select count(*)::int from public.campaign_leads where campaign_id = %L$$, :'camp'),
  $$values (1)$$,
  'the preview wrote nothing');
select results_eq(
  format($$select enrolled from public.enroll_leads(%L, '{"source": "craigslist"}', false)$$, :'camp'),
  $$values (1::bigint)$$,
  'enrolling writes the one contactable lead');
select results_eq(
  format($$select lead_id, status, current_step from public.campaign_leads where campaign_id = %L and lead_id = %L$$, :'camp', :'l1'),
  format($$values (%L::uuid, 'active'::text, 1)$$, :'l1'),
  'it starts at step 1, active');
select results_eq(
  format($$select enrolled from public.enroll_leads(%L, '{"source": "craigslist"}', false)$$, :'camp'),
  $$values (0::bigint)$$,
  'enrolling again adds nothing');
select throws_ok(
  format($$select * from public.enroll_leads(%L, '{"colour": "red"}', true)$$, :'camp'),
  '22023', 'invalid_argument', 'an unknown filter key is refused');
select throws_ok(
  $$select * from public.enroll_leads(gen_random_uuid(), '{}', true)$$,
  'P0002', 'campaign_not_found', 'an unknown campaign is refused');

select * from finish();
rollback;
