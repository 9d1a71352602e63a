-- Without a lead id the lead is found by email (primary or alternate) within the
-- account; an address with no lead is suppressed all the same.
begin;
select plan(4);

select tests.local_at(-2, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_account() as b \gset
select tests.create_lead(:'a', '+13055550101', 'ana@example.com') as l \gset
update public.leads set alternate_emails = array['ana@work.example']::public.email_address[] where id = :'l';
select tests.create_lead(:'b', '+13055550101', 'ana@example.com') as l_b \gset
update public.leads set alternate_emails = array['ana@work.example']::public.email_address[] where id = :'l_b';

select tests.act_as('revenue_worker', null);
create temp table res on commit drop as
select 'alt' as k, public.suppress_lead_channel(:'a', null, 'ANA@work.example', 'email', 'bounce', 'webhook_elastic_email', :'now') as r
union all
select 'nobody', public.suppress_lead_channel(:'a', null, 'nobody@example.com', 'email', 'complaint', 'tests', :'now');
reset role;

-- TEST: by alternate email.
select is((select (r->>'lead_id')::uuid from res where k = 'alt'), :'l'::uuid, 'ANA@work.example finds the lead of account a');
select results_eq(format($$select email::text, reason, lead_id from public.suppressions where account_id = %L and lead_id is not null$$, :'a'),
  format($$values ('ana@work.example'::text, 'bounce'::text, %L::uuid)$$, :'l'), 'that address is suppressed, lower-cased');

-- TEST: an address with no lead.
select results_eq(format($$select email::text, lead_id from public.suppressions where email = 'nobody@example.com' and account_id = %L$$, :'a'),
  $$values ('nobody@example.com'::text, null::uuid)$$, 'an address with no lead is still suppressed');

-- TEST: another account is untouched.
select is((select count(*)::int from public.suppressions where account_id = :'b'), 0, 'account b''s lead with the same addresses is untouched');

select * from finish();
rollback;
