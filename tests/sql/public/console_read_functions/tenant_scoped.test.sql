-- The console's security-definer readers expose only the current account, and no secrets.
begin;
select plan(5);

select tests.create_account('Alpha') as a \gset
select tests.create_account('Bravo') as b \gset
select tests.create_user(:'a', 'setter') as ua \gset
select tests.create_user(:'b', 'owner') as ub \gset
insert into public.account_provider_credentials (account_id, provider, sealed, key_id, masked)
values (:'a', 'twilio', 'v1.0123456789abcdef.AAAA.BBBB', '0123456789abcdef', '{"auth_token": "••••abcd"}'),
       (:'b', 'twilio', 'v1.0123456789abcdef.CCCC.DDDD', '0123456789abcdef', '{"auth_token": "••••zzzz"}');

select tests.act_as('revenue_api', :'a');
select results_eq($$select user_id from public.account_people()$$, format($$values (%L::uuid)$$, :'ua'), 'account_people lists only this account''s members');
select results_eq($$select field, masked from public.provider_credentials_status()$$, $$values ('auth_token'::text, '••••abcd'::text)$$, 'credentials are masked and only this account''s');
select throws_ok($$select sealed from public.account_provider_credentials$$, '42501', null, 'the API role cannot read sealed credentials');
select ok((public.system_health() -> 'jobs') ? 'pending', 'system_health reports job counts');
reset role;
select tests.act_as('revenue_api', null);
select is_empty($$select 1 from public.account_people()$$, 'no account set: nobody');

select * from finish();
rollback;
