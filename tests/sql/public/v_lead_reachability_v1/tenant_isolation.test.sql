-- v_lead_reachability_v1 under row-level security: an analyst login bound to one account
-- reads that account's leads only; the API role reads its app.account_id's.
begin;
select plan(4);

select tests.create_account('Alpha') as a \gset
select tests.create_account('Bravo') as b \gset
select tests.create_lead(:'a', '+13055550101', 'a@example.com') as la \gset
select tests.create_lead(:'b', '+13055550102', 'b@example.com') as lb \gset
select tests.enriched(:'lb', 'valid', 'landline', 'valid');

select 'tap_analyst_' || substr(md5(random()::text), 1, 10) as bound \gset
create role :"bound" login in role revenue_analyst;
insert into private.analyst_logins (login, account_id) values (:'bound', :'b');

-- TEST: Bravo's analyst sees Bravo's four rows and none of Alpha's.
set local session authorization :"bound";
select results_eq('select distinct account_id from public.v_lead_reachability_v1', format('values (%L::uuid)', :'b'),
  'the analyst reads Bravo''s rows only');
select results_eq($$select channel, reachable, reason from public.v_lead_reachability_v1 order by channel$$,
  $$values ('email'::text, true, null::text), ('sms', false, 'phone_not_mobile'), ('voice', true, null), ('whatsapp', false, 'phone_not_mobile')$$,
  'Bravo''s landline: calls and email, no texts');
select set_config('app.account_id', :'a', true);
select is((select count(*)::int from public.v_lead_reachability_v1 where account_id = :'a'), 0, 'setting app.account_id to Alpha changes nothing');
reset session authorization;

-- TEST: the API role of Alpha sees Alpha's rows only.
select tests.act_as('revenue_api', :'a');
select results_eq('select distinct lead_id from public.v_lead_reachability_v1', format('values (%L::uuid)', :'la'),
  'the API role reads its own account''s lead');
reset role;

select * from finish();
rollback;
